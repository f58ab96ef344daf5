#pragma once

#include "removalsim/model/parameters.h"

namespace removalsim::model {

/// What one replication of a scenario costs, estimated from its arrival rates and calendar
/// before anything is simulated (the time a run takes grows with the orders, its memory with the
/// months reported and the (country, profile) groups).
struct RunSize {
  /// Expected orders issued in one replication (the integral of `oqtf_per_year` over the run),
  /// plus the backlog (`initial_at_large`), which is created at the start.
  double expected_orders = 0.0;
  /// Bytes of one replication's counters (RunResult's tables), which commands keep until the end.
  double result_bytes = 0.0;
};

/// Estimates the size of one replication of `scenario` (no validation: any loaded scenario).
RunSize estimate_run_size(const Scenario &scenario);

} // namespace removalsim::model
