#include "removalsim/analysis/calibration/targets.h"

#include <algorithm>

namespace removalsim::analysis::calibration {

std::vector<double> target_weights(const std::vector<Target> &targets) {
  std::vector<double> weights;
  weights.reserve(targets.size());
  for (const auto &target : targets) {
    if (target.held_out) {
      weights.push_back(0.0);
    } else if (const double scale = target.tolerance * target.reported; scale != 0.0) {
      weights.push_back(target.weight / (scale * scale));
    } else {
      weights.push_back(target.weight);
    }
  }
  return weights;
}

std::size_t fitted_count(const std::vector<Target> &targets) {
  return static_cast<std::size_t>(
      std::count_if(targets.begin(), targets.end(), [](const Target &t) { return !t.held_out; }));
}

} // namespace removalsim::analysis::calibration
