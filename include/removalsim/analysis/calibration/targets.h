#pragma once

#include <optional>
#include <string>
#include <vector>

namespace removalsim::analysis::calibration {

/// A reported figure as calibration sees it: the value the simulated moment of the same index
/// should match, its optional reported uncertainty (a standard deviation, same units: measurement
/// error in the standard errors), a user weight and its relative tolerance. Held-out targets are
/// simulated and reported but never fitted.
struct Target {
  std::string id;
  double reported = 0.0;
  std::optional<double> sd;
  /// Multiplies the target's base weight (see `target_weights`); >= 0.
  double weight = 1.0;
  bool held_out = false;
  /// The relative tolerance (scenario::Target::tolerance); 1 leaves the squared relative error.
  double tolerance = 1.0;
};

/// The weight of each target in the SMM distance (DESIGN.md §4, "Fit criterion"):
/// `weight` / (tolerance × reported)², so that a figure counts in proportion to how well it is
/// known (`weight` when reported is 0). Held-out targets weigh 0.
std::vector<double> target_weights(const std::vector<Target> &targets);

/// Number of targets that are not held out.
std::size_t fitted_count(const std::vector<Target> &targets);

} // namespace removalsim::analysis::calibration
