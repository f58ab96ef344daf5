#pragma once

#include "removalsim/engine/calendar.h"
#include "removalsim/engine/counter_table.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/model/metrics.h"
#include "removalsim/model/parameters.h"

#include <cstdint>
#include <string>
#include <vector>

namespace removalsim::model {

/// One (country, profile) pair: the unit the counters are kept for.
struct Group {
  std::uint32_t country = 0;
  std::uint32_t profile = 0;
};

/// What one replication produced.
struct RunResult {
  /// Months from the start's month (index 0) to the month of the last simulated day.
  int months = 0;
  /// Index of the first month reported (the warm-up month; earlier months are zero).
  int first_reported_month = 0;
  /// The scenario's first day; month index 0 is its calendar month.
  engine::Date start;
  /// Simulated days in each month (the first and last months may be partial).
  std::vector<double> month_days;
  /// The (country, profile) pairs, country-major; group g's series start at g * kMetricCount
  /// in `counters` and at g * kOutcomeCount in `cohorts`.
  std::vector<Group> groups;
  /// Monthly flows: bins = months, series = group * kMetricCount + metric.
  engine::CounterTable counters;
  /// Cohorts: bins = month of issuance, series = group * kOutcomeCount + outcome at the horizon.
  engine::CounterTable cohorts;
  /// National monthly quantities: bins = months, series = NationalMetric.
  engine::CounterTable national;
  /// The detention centres' names (empty without centres), and their monthly quantities:
  /// bins = months, series = centre * kNationalMetricCount + NationalMetric.
  std::vector<std::string> centres;
  engine::CounterTable centre_quantities;
  /// Events processed.
  std::uint64_t events = 0;
  /// Orders issued (backlog included) during the whole run.
  std::uint64_t cases_created = 0;
  /// Largest number of cases alive at once.
  std::uint64_t peak_cases_alive = 0;
  /// Hash of the ordered event trace (time, phase, kind, case arrival index): changes whenever the
  /// simulated path changes.
  std::uint64_t fingerprint = 0;
};

/// Runs replication `replication` of `scenario` with random streams keyed by (seed, replication).
/// Deterministic: the same arguments give a bit-identical result on any thread. Throws
/// engine::Stopped soon after `stop` is set (null: runs to the end), ModelError for a scenario it
/// cannot run, and SimulationError, naming the case, the date, the event and the replication,
/// when a step cannot be scheduled (e.g. a negative delay).
RunResult simulate(const Scenario &scenario, std::uint64_t seed, std::uint64_t replication,
                   const engine::StopFlag *stop = nullptr);

} // namespace removalsim::model
