#include "removalsim/model/run_size.h"

#include "removalsim/engine/calendar.h"
#include "removalsim/model/metrics.h"

#include <algorithm>

namespace removalsim::model {

namespace {

// Expected orders over [0, horizon): each segment's rate times the part of the run it covers.
// The monthly factors only move arrivals within a year, so a year's expected total is its rate
// (DESIGN.md §3), spread over kDaysPerYear days as the model spreads it.
double expected_arrivals(const engine::Timeline<double> &rate, engine::Time horizon) {
  double total = 0.0;
  const auto &segments = rate.segments();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    // The first value also applies before its date.
    const engine::Time begin = i == 0 ? 0.0 : std::max(0.0, segments[i].from);
    const engine::Time end = std::min(horizon, rate.next_change_after(i));
    if (end > begin) {
      total += segments[i].value * (end - begin) / kDaysPerYear;
    }
  }
  return total;
}

} // namespace

RunSize estimate_run_size(const Scenario &scenario) {
  const engine::Calendar calendar(scenario.start);
  const engine::Time horizon = calendar.time_of(scenario.end) + 1.0;
  RunSize size;
  double groups = 0.0;
  for (const auto &country : scenario.countries) {
    size.expected_orders += expected_arrivals(country.oqtf_per_year, horizon) +
                            static_cast<double>(country.initial_at_large);
    groups += static_cast<double>(country.profiles.size());
  }
  const double months = static_cast<double>(calendar.months_until(horizon));
  const double series = groups * static_cast<double>(kMetricCount + kOutcomeCount) +
                        static_cast<double>(kNationalMetricCount);
  size.result_bytes = months * series * static_cast<double>(sizeof(double));
  return size;
}

} // namespace removalsim::model
