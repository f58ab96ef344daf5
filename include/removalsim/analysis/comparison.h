#pragma once

#include "removalsim/analysis/observable.h"
#include "removalsim/engine/interval.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"

#include <limits>
#include <span>
#include <vector>

namespace removalsim::analysis {

/// A reported figure against the replications of a scenario.
struct TargetComparison {
  double reported = 0.0;
  /// The target's value on each replication, in replication order (NaN where undefined).
  std::vector<double> values;
  /// Mean and 95 % Student-t interval over the replications whose value is defined (`n` of them).
  engine::ConfidenceInterval interval;
  /// (mean - reported) / reported; NaN when the reported value is 0 or the mean undefined.
  double relative_error = 0.0;
  /// The reported value lies in the interval (false when the interval is undefined).
  bool inside = false;
  /// The target's relative tolerance (DESIGN.md §4, "Fit criterion"); NaN when none was given.
  double tolerance = std::numeric_limits<double>::quiet_NaN();
  /// |mean − reported| <= tolerance × |reported| (false when the mean or the tolerance is
  /// undefined, or the target is not simulated).
  bool within_tolerance = false;
  /// False when the target's period lies outside the months the scenario reports: then `values`
  /// are NaN, the interval undefined and `inside` false.
  bool simulated = true;
};

/// Compares `reported` with the per-replication `values` of a target (see TargetComparison);
/// `tolerance` is the target's relative tolerance (NaN: none, never within).
TargetComparison compare_target(std::span<const double> values, double reported,
                                bool simulated = true,
                                double tolerance = std::numeric_limits<double>::quiet_NaN());

/// Compares each target (`observables[i]`, reported value `reported[i]`, relative tolerance
/// `tolerances[i]`, or none when `tolerances` is empty) with the replications `results` of
/// `scenario`. Throws std::invalid_argument as `bind` does, or when the lists differ in length.
std::vector<TargetComparison> compare_targets(const model::Scenario &scenario,
                                              const std::vector<model::RunResult> &results,
                                              const std::vector<Observable> &observables,
                                              const std::vector<double> &reported,
                                              const std::vector<double> &tolerances = {});

} // namespace removalsim::analysis
