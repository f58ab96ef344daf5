#include "removalsim/analysis/observable.h"

#include "removalsim/engine/calendar.h"

#include <limits>
#include <stdexcept>
#include <utility>

namespace removalsim::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Month indices [first, last) that runs of `scenario` report.
std::pair<int, int> reported_months(const model::Scenario &scenario) {
  const engine::Calendar calendar(scenario.start);
  return {calendar.month_index(calendar.time_of(scenario.warmup_until)),
          calendar.month_index(calendar.time_of(scenario.end)) + 1};
}

} // namespace

BoundObservable bind(const Observable &observable, const model::Scenario &scenario) {
  if (!is_metric(observable.metric)) {
    throw std::invalid_argument("unknown metric '" + observable.metric + "'");
  }
  std::optional<std::uint32_t> country;
  if (observable.country != "ALL" && observable.country != "FR") {
    for (std::size_t c = 0; c < scenario.countries.size(); ++c) {
      if (scenario.countries[c].code == observable.country) {
        country = static_cast<std::uint32_t>(c);
      }
    }
    if (!country) {
      throw std::invalid_argument("the scenario has no country '" + observable.country + "'");
    }
  }
  const std::pair<int, int> reported = reported_months(scenario);
  BoundObservable bound;
  bound.metric = observable.metric;
  const auto select = [&](const engine::Period &period) {
    const auto [first, last] = engine::month_range(period, scenario.start);
    bound.in_reported_months =
        bound.in_reported_months && first >= reported.first && last <= reported.second;
    return Selection{country, first, last};
  };
  bound.selection = select(observable.period);
  if (observable.base_period) {
    bound.base = select(*observable.base_period);
  }
  return bound;
}

double observe(const model::RunResult &result, const BoundObservable &bound) {
  if (!bound.in_reported_months) {
    return kNaN;
  }
  const double value = evaluate_metric(result, bound.metric, bound.selection);
  if (!bound.base) {
    return value;
  }
  const double base = evaluate_metric(result, bound.metric, *bound.base);
  return base != 0.0 ? value / base : kNaN;
}

std::vector<double> observe_all(const model::RunResult &result,
                                const std::vector<BoundObservable> &bound) {
  std::vector<double> values;
  values.reserve(bound.size());
  for (const auto &observable : bound) {
    values.push_back(observe(result, observable));
  }
  return values;
}

} // namespace removalsim::analysis
