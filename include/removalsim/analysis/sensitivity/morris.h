#pragma once

#include "removalsim/analysis/sensitivity/bootstrap.h"
#include "removalsim/analysis/sensitivity/sampling.h"

#include <span>
#include <vector>

namespace removalsim::analysis::sensitivity {

/// Morris screening measures of one factor (Morris 1991; mu_star: Campolongo et al. 2007).
struct MorrisFactor {
  double mu = 0.0;    ///< mean elementary effect (signed)
  Estimate mu_star;   ///< mean absolute elementary effect, with a percentile bootstrap interval
  double sigma = 0.0; ///< standard deviation of the elementary effects (n - 1 denominator)
  std::vector<double> effects; ///< the r elementary effects, in trajectory order
};

/// The elementary effects of `design` from `outputs` (`outputs[k]` is the model's value at
/// `design.points[k]`): EE = (f(x + Δ e_i) - f(x)) / Δ with Δ in unit-cube coordinates, as SALib
/// does (so effects are in output units per whole range of the factor, comparable across
/// factors). Intervals of mu_star resample the r effects. Throws std::invalid_argument when
/// `outputs` does not match the design.
std::vector<MorrisFactor> morris_indices(const MorrisDesign &design,
                                         std::span<const double> outputs,
                                         const BootstrapOptions &bootstrap_options = {});

} // namespace removalsim::analysis::sensitivity
