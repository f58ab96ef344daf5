#pragma once

#include "removalsim/analysis/calibration/targets.h"

#include <span>
#include <vector>

namespace removalsim::analysis::calibration {

/// The simulated-method-of-moments distance Q(θ) = Σ_i w_i (m̄_i(θ) − y_i)² between the mean
/// simulated moments m̄ and the reported values y, over the fitted targets, with the weights of
/// `target_weights`. Evaluated on a fixed set of replications (common random numbers), Q is a
/// smooth function of θ up to the model's own discreteness.
class SmmObjective {
public:
  explicit SmmObjective(std::vector<Target> targets);

  /// Q for the mean moments `means` (one per target, held-out ones ignored). A fitted moment that
  /// is not finite adds the penalty w_i · 100 · (|y_i| + 1)², as if it were ten times (|y_i| + 1)
  /// away: finite, so that derivative-free optimisers keep working, and large.
  double operator()(std::span<const double> means) const;

  const std::vector<Target> &targets() const noexcept { return targets_; }
  /// The weight of each target (0 for held-out ones).
  const std::vector<double> &weights() const noexcept { return weights_; }

private:
  std::vector<Target> targets_;
  std::vector<double> weights_;
};

} // namespace removalsim::analysis::calibration
