#include "removalsim/analysis/metric_evaluation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

namespace removalsim::analysis {

namespace {

using model::Metric;
using model::NationalMetric;
using model::Outcome;

/// Counter sums of one selection, from which every metric is computed.
struct Totals {
  std::array<double, model::kMetricCount> flow{};
  std::array<double, model::kOutcomeCount> cohort{};
  double national_entries = 0.0; // detention entries of every country
  double national_detention_days = 0.0;
  double occupancy = 0.0;
  double capacity = 0.0;
  double peak = 0.0;

  double operator[](Metric metric) const { return flow[model::index_of(metric)]; }
  double operator[](Outcome outcome) const { return cohort[model::index_of(outcome)]; }
  double cohort_total() const {
    double total = 0.0;
    for (const double n : cohort) {
      total += n;
    }
    return total;
  }
};

double ratio(double numerator, double denominator) {
  return denominator != 0.0 ? numerator / denominator : std::numeric_limits<double>::quiet_NaN();
}

struct MetricSpec {
  std::string name;
  std::string definition;
  std::string unit;
  std::function<double(const Totals &)> value;
};

/// The unit of each model counter (docs/metrics.md, "Counters"); a `_holders` counter (the same
/// count restricted to document holders) has its base counter's.
std::string counter_unit(std::string_view name) {
  static const std::map<std::string_view, std::string_view> kUnits{
      {"oqtf_issued", "orders"},
      {"voluntary_departures", "persons"},
      {"annulments", "orders"},
      {"expiries", "orders"},
      {"apprehensions", "events"},
      {"apprehended_no_place", "events"},
      {"detention_entries", "spells"},
      {"detention_exits", "spells"},
      {"detention_days", "days"},
      {"lpc_requested", "requests"},
      {"lpc_issued", "passes"},
      {"lpc_issued_in_time", "passes"},
      {"lpc_delay_days", "days"},
      {"lpc_lapsed", "passes"},
      {"removals", "persons"},
      {"boarding_failures", "events"},
      {"released_by_judge", "spells"},
      {"released_end_of_term", "spells"},
      {"released_by_prefecture", "spells"},
      {"removals_from_detention", "persons"},
      {"removals_from_house_arrest", "persons"},
      {"removals_at_prison_release", "persons"},
      {"prison_releases", "persons"},
      {"detention_entries_from_prison", "spells"},
      {"house_arrest_entries", "measures"},
      {"house_arrest_exits", "measures"},
      {"house_arrest_days", "days"},
      {"house_arrest_absconded", "measures"},
      {"house_arrest_ended", "measures"}};
  constexpr std::string_view kHolders = "_holders";
  if (name.ends_with(kHolders)) {
    name.remove_suffix(kHolders.size());
  }
  return std::string(kUnits.at(name));
}

std::vector<MetricSpec> build_catalog() {
  std::vector<MetricSpec> catalog;
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    catalog.push_back(
        {std::string(model::kMetricNames[m]), "monthly counter, summed over the period",
         counter_unit(model::kMetricNames[m]), [m](const Totals &t) { return t.flow[m]; }});
  }
  for (std::size_t o = 0; o < model::kOutcomeCount; ++o) {
    const std::string outcome(model::kOutcomeNames[o]);
    catalog.push_back({"cohort_" + outcome,
                       "orders issued in the period whose state at the horizon is " + outcome,
                       "orders", [o](const Totals &t) { return t.cohort[o]; }});
  }
  for (std::size_t o = 0; o < model::kOutcomeCount; ++o) {
    const std::string outcome(model::kOutcomeNames[o]);
    catalog.push_back(
        {"cohort_" + outcome + "_share",
         "share of the orders issued in the period whose state at the horizon is " + outcome,
         "share", [o](const Totals &t) { return ratio(t.cohort[o], t.cohort_total()); }});
  }
  const auto add = [&](std::string name, std::string unit, std::string definition,
                       std::function<double(const Totals &)> value) {
    catalog.push_back({std::move(name), std::move(definition), std::move(unit), std::move(value)});
  };
  add("execution_ratio", "share",
      "removals (forced, every route) / oqtf_issued, flows of the same period (the Senate's "
      "execution rate)",
      [](const Totals &t) { return ratio(t[Metric::removals], t[Metric::oqtf_issued]); });
  add("cohort_removal_rate", "share",
      "share of the orders issued in the period removed by the horizon",
      [](const Totals &t) { return ratio(t[Outcome::removed], t.cohort_total()); });
  add("removals_all_types", "persons", "removals + voluntary_departures (the DGEF 'eloignements')",
      [](const Totals &t) { return t[Metric::removals] + t[Metric::voluntary_departures]; });
  add("detention_removal_rate", "share", "removals_from_detention / detention_exits",
      [](const Totals &t) {
        return ratio(t[Metric::removals_from_detention], t[Metric::detention_exits]);
      });
  add("detention_mean_days", "days",
      "detention_days / detention_exits (spells ended in the period)",
      [](const Totals &t) { return ratio(t[Metric::detention_days], t[Metric::detention_exits]); });
  add("released_by_judge_share_of_unremoved", "share",
      "released_by_judge / (detention_exits - removals_from_detention)", [](const Totals &t) {
        return ratio(t[Metric::released_by_judge],
                     t[Metric::detention_exits] - t[Metric::removals_from_detention]);
      });
  add("removal_share_document_holders", "share", "removals_holders / detention_exits_holders",
      [](const Totals &t) {
        return ratio(t[Metric::removals_holders], t[Metric::detention_exits_holders]);
      });
  add("detention_share_of_forced_removals", "share", "removals_from_detention / removals",
      [](const Totals &t) {
        return ratio(t[Metric::removals_from_detention], t[Metric::removals]);
      });
  add("house_arrest_removal_rate", "share", "removals_from_house_arrest / house_arrest_exits",
      [](const Totals &t) {
        return ratio(t[Metric::removals_from_house_arrest], t[Metric::house_arrest_exits]);
      });
  add("prison_release_removal_rate", "share", "removals_at_prison_release / prison_releases",
      [](const Totals &t) {
        return ratio(t[Metric::removals_at_prison_release], t[Metric::prison_releases]);
      });
  add("detention_entries_from_prison_share", "share",
      "detention_entries_from_prison / detention_entries", [](const Totals &t) {
        return ratio(t[Metric::detention_entries_from_prison], t[Metric::detention_entries]);
      });
  add("house_arrest_mean_days", "days",
      "house_arrest_days / house_arrest_exits (ended in the period)", [](const Totals &t) {
        return ratio(t[Metric::house_arrest_days], t[Metric::house_arrest_exits]);
      });
  add("lpc_issue_rate", "share", "lpc_issued / lpc_requested",
      [](const Totals &t) { return ratio(t[Metric::lpc_issued], t[Metric::lpc_requested]); });
  add("lpc_mean_delay_days", "days",
      "lpc_delay_days / lpc_issued (request to issuance, cap wait included)",
      [](const Totals &t) { return ratio(t[Metric::lpc_delay_days], t[Metric::lpc_issued]); });
  add("lpc_in_time_rate", "share", "lpc_issued_in_time / lpc_requested", [](const Totals &t) {
    return ratio(t[Metric::lpc_issued_in_time], t[Metric::lpc_requested]);
  });
  add("detention_share_of_detainees", "share",
      "the country's detention_entries / all countries' entries",
      [](const Totals &t) { return ratio(t[Metric::detention_entries], t.national_entries); });
  // By Little's law the time-average share of the places a country occupies is its share of the
  // detention days (of the spells that ended in the period).
  add("detention_stock_share", "share",
      "the country's detention_days / all countries' detention_days",
      [](const Totals &t) { return ratio(t[Metric::detention_days], t.national_detention_days); });
  add("detention_occupancy", "places", "national: time-average of places occupied over the period",
      [](const Totals &t) { return t.occupancy; });
  add("detention_capacity", "places", "national: time-average of detention places over the period",
      [](const Totals &t) { return t.capacity; });
  add("detention_peak", "places", "national: largest number of places occupied in the period",
      [](const Totals &t) { return t.peak; });
  return catalog;
}

const std::vector<MetricSpec> &catalog() {
  static const std::vector<MetricSpec> specs = build_catalog();
  return specs;
}

const MetricSpec &find(std::string_view name) {
  const auto &specs = catalog();
  const auto it = std::find_if(specs.begin(), specs.end(),
                               [&](const MetricSpec &spec) { return spec.name == name; });
  if (it == specs.end()) {
    throw std::invalid_argument("unknown metric '" + std::string(name) + "'");
  }
  return *it;
}

Totals totals(const model::RunResult &result, const Selection &selection) {
  Totals t;
  const auto first = static_cast<std::size_t>(std::clamp(selection.first_month, 0, result.months));
  const auto last = static_cast<std::size_t>(std::clamp(selection.last_month, 0, result.months));
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    const std::size_t entries =
        g * model::kMetricCount + model::index_of(Metric::detention_entries);
    t.national_entries += result.counters.sum(entries, first, last);
    t.national_detention_days += result.counters.sum(
        g * model::kMetricCount + model::index_of(Metric::detention_days), first, last);
    if (!selection.countries.empty() &&
        !std::binary_search(selection.countries.begin(), selection.countries.end(),
                            result.groups[g].country)) {
      continue;
    }
    for (std::size_t m = 0; m < model::kMetricCount; ++m) {
      t.flow[m] += result.counters.sum(g * model::kMetricCount + m, first, last);
    }
    for (std::size_t o = 0; o < model::kOutcomeCount; ++o) {
      t.cohort[o] += result.cohorts.sum(g * model::kOutcomeCount + o, first, last);
    }
  }
  double days = 0.0;
  for (std::size_t month = first; month < last; ++month) {
    const double weight = result.month_days[month];
    days += weight;
    t.occupancy +=
        weight * result.national.at(month, model::index_of(NationalMetric::detention_occupancy));
    t.capacity +=
        weight * result.national.at(month, model::index_of(NationalMetric::detention_capacity));
    t.peak = std::max(t.peak,
                      result.national.at(month, model::index_of(NationalMetric::detention_peak)));
  }
  t.occupancy = ratio(t.occupancy, days);
  t.capacity = ratio(t.capacity, days);
  return t;
}

} // namespace

const std::vector<std::string> &metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const auto &spec : catalog()) {
      all.push_back(spec.name);
    }
    return all;
  }();
  return names;
}

bool is_metric(std::string_view name) {
  const auto &names = metric_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string_view metric_definition(std::string_view name) { return find(name).definition; }

std::string_view metric_unit(std::string_view name) { return find(name).unit; }

bool is_national_metric(std::string_view name) {
  return std::find(model::kNationalMetricNames.begin(), model::kNationalMetricNames.end(), name) !=
         model::kNationalMetricNames.end();
}

double evaluate_metric(const model::RunResult &result, std::string_view name,
                       const Selection &selection) {
  return find(name).value(totals(result, selection));
}

std::vector<double> evaluate_metrics(const model::RunResult &result,
                                     const std::vector<std::string> &names,
                                     const Selection &selection) {
  std::vector<const MetricSpec *> specs;
  specs.reserve(names.size());
  for (const auto &name : names) {
    specs.push_back(&find(name));
  }
  const Totals sums = totals(result, selection);
  std::vector<double> values;
  values.reserve(names.size());
  for (const MetricSpec *spec : specs) {
    values.push_back(spec->value(sums));
  }
  return values;
}

} // namespace removalsim::analysis
