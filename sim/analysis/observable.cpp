#include "removalsim/analysis/observable.h"

#include "removalsim/engine/calendar.h"

#include <algorithm>
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
  if (observable.countries.empty()) {
    throw std::invalid_argument("an observable needs a country (or ALL)");
  }
  std::vector<std::uint32_t> countries; // empty: national
  for (const auto &code : observable.countries) {
    if (code == "ALL" || code == "FR") {
      if (observable.countries.size() > 1) {
        throw std::invalid_argument("'" + code + "' (national) in a set of countries");
      }
      continue;
    }
    const auto found =
        std::find_if(scenario.countries.begin(), scenario.countries.end(),
                     [&](const model::Country &country) { return country.code == code; });
    if (found == scenario.countries.end()) {
      throw std::invalid_argument("the scenario has no country '" + code + "'");
    }
    countries.push_back(static_cast<std::uint32_t>(found - scenario.countries.begin()));
  }
  std::sort(countries.begin(), countries.end());
  if (std::adjacent_find(countries.begin(), countries.end()) != countries.end()) {
    throw std::invalid_argument("a country is repeated in a set of countries");
  }
  const std::pair<int, int> reported = reported_months(scenario);
  BoundObservable bound;
  bound.metric = observable.metric;
  const auto select = [&](const engine::Period &period) {
    const auto [first, last] = engine::month_range(period, scenario.start);
    bound.in_reported_months =
        bound.in_reported_months && first >= reported.first && last <= reported.second;
    return Selection{countries, first, last};
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
