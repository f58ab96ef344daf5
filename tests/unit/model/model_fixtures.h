#pragma once

#include "removalsim/engine/calendar.h"
#include "removalsim/model/removal_model.h"

#include <string_view>

namespace removalsim::model::testing {

/// One country `XX`, 1,000 orders a year, no appeal, no voluntary departure, everything instant
/// unless a test says otherwise; 2020-01-01 to 2021-12-31.
inline Scenario small_scenario() {
  Scenario scenario;
  scenario.name = "small";
  scenario.start = {2020, 1, 1};
  scenario.end = {2021, 12, 31};
  scenario.warmup_until = scenario.start;
  Country country;
  country.code = "XX";
  country.oqtf_per_year = 1000.0;
  CaseParameters &p = country.profiles.front().parameters;
  p.apprehension_rate_per_year = 2.0;
  p.detention_max_days = 90.0;
  p.document_share = 0.5;
  p.lpc_issue_probability = 0.5;
  p.lpc_delay = Distribution::exponential(20.0);
  p.booking_delay = Distribution::exponential(5.0);
  p.detention_reviews = ReviewSchedule{{2.0, 0.1}, {30.0, 0.2}, {60.0, 0.2}};
  scenario.countries.push_back(country);
  return scenario;
}

/// Time of 00:00 on `date` in a scenario starting on `start`.
inline Time day(const Scenario &scenario, engine::Date date) {
  return engine::Calendar(scenario.start).time_of(date);
}

/// Sum of `metric` over every month and every group.
inline double total(const RunResult &result, Metric metric) {
  double sum = 0.0;
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    sum += result.counters.sum(g * kMetricCount + index_of(metric), 0,
                               static_cast<std::size_t>(result.months));
  }
  return sum;
}

/// Value of `metric` in month `month` (0 = start month), summed over groups.
inline double in_month(const RunResult &result, Metric metric, int month) {
  double sum = 0.0;
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    sum += result.counters.at(static_cast<std::size_t>(month), g * kMetricCount + index_of(metric));
  }
  return sum;
}

/// Cohort count of `outcome` over every issue month and group.
inline double cohort_total(const RunResult &result, Outcome outcome) {
  double sum = 0.0;
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    sum += result.cohorts.sum(g * kOutcomeCount + index_of(outcome), 0,
                              static_cast<std::size_t>(result.months));
  }
  return sum;
}

} // namespace removalsim::model::testing
