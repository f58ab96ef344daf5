#pragma once

#include <optional>
#include <string>
#include <vector>

namespace removalsim::analysis::calibration {

/// A reported figure as calibration sees it: the value the simulated moment of the same index
/// should match, its optional reported uncertainty (a standard deviation, same units) and a user
/// weight. Held-out targets are simulated and reported but never fitted.
struct Target {
  std::string id;
  double reported = 0.0;
  std::optional<double> sd;
  /// Multiplies the target's base weight (see `target_weights`); >= 0.
  double weight = 1.0;
  bool held_out = false;
};

/// The weight of each target in the SMM distance: `weight` × 1 / sd² when an sd > 0 is given
/// (an inverse variance), else `weight` × 1 / reported² (a squared relative error; `weight` when
/// reported is 0). Held-out targets weigh 0.
std::vector<double> target_weights(const std::vector<Target> &targets);

/// Number of targets that are not held out.
std::size_t fitted_count(const std::vector<Target> &targets);

} // namespace removalsim::analysis::calibration
