#pragma once

#include "removalsim/analysis/calibration/standard_errors.h"
#include "removalsim/analysis/calibration/targets.h"

#include <cstddef>
#include <span>
#include <vector>

namespace removalsim::analysis::calibration {

/// Two fitted targets that pull the parameters in opposite directions at the estimate: moving
/// the parameters to shrink one residual grows the other (DESIGN.md §4, "Calibration that works").
struct TargetConflict {
  std::size_t first = 0; ///< target indices
  std::size_t second = 0;
  /// Cosine of the angle between the two targets' descent directions of Q (in unit-cube
  /// parameters): −1 means exactly opposed.
  double cosine = 0.0;
};

/// What the fitted targets say about the parameters at an SMM estimate.
struct Identifiability {
  /// Singular values of W^½G with the parameters scaled to the unit cube, largest first: a value
  /// near 0 is a direction of the parameters that no weighted target moves.
  std::vector<double> singular_values;
  /// Correlation of the estimates, from the sandwich covariance (NaN where a variance is
  /// infinite).
  Matrix correlation;
  /// Parameters the targets do not pin down: not identified, or a standard error above half the
  /// estimate's magnitude.
  std::vector<std::size_t> weak_parameters;
  /// Pairs of fitted targets whose descent directions have a cosine below −0.5, each target
  /// carrying at least 1 % of Q; most opposed first.
  std::vector<TargetConflict> conflicts;
};

/// The identifiability report of an estimate `theta` with its standard errors `errors`, the
/// targets (weights by `target_weights`), the mean simulated moments `means` at `theta`, and the
/// parameters' ranges (high − low).
Identifiability assess_identifiability(const StandardErrors &errors,
                                       const std::vector<Target> &targets,
                                       std::span<const double> means, std::span<const double> theta,
                                       std::span<const double> ranges);

} // namespace removalsim::analysis::calibration
