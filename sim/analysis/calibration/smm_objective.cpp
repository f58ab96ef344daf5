#include "removalsim/analysis/calibration/smm_objective.h"

#include <cmath>
#include <stdexcept>

namespace removalsim::analysis::calibration {

SmmObjective::SmmObjective(std::vector<Target> targets)
    : targets_(std::move(targets)), weights_(target_weights(targets_)) {}

double SmmObjective::operator()(std::span<const double> means) const {
  if (means.size() != targets_.size()) {
    throw std::invalid_argument("SMM objective: " + std::to_string(means.size()) + " moments for " +
                                std::to_string(targets_.size()) + " targets");
  }
  double q = 0.0;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (weights_[i] == 0.0) {
      continue;
    }
    const double y = targets_[i].reported;
    if (std::isfinite(means[i])) {
      q += weights_[i] * (means[i] - y) * (means[i] - y);
    } else {
      const double far = 10.0 * (std::abs(y) + 1.0);
      q += weights_[i] * far * far;
    }
  }
  return q;
}

} // namespace removalsim::analysis::calibration
