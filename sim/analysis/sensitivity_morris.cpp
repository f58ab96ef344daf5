#include "removalsim/analysis/sensitivity/morris.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace removalsim::analysis::sensitivity {

std::vector<MorrisFactor> morris_indices(const MorrisDesign &design,
                                         std::span<const double> outputs,
                                         const BootstrapOptions &bootstrap_options) {
  if (outputs.size() != design.points.size()) {
    throw std::invalid_argument("morris_indices: " + std::to_string(outputs.size()) +
                                " outputs for a design of " + std::to_string(design.points.size()) +
                                " points");
  }
  const std::size_t d = design.dimension;
  const std::size_t r = design.trajectories;
  std::vector<MorrisFactor> factors(d);
  for (auto &factor : factors) {
    factor.effects.reserve(r);
  }
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t k = 0; k < d; ++k) {
      const std::size_t factor = design.changed[t * d + k];
      const std::size_t from = design.point(t, k);
      const std::size_t to = design.point(t, k + 1);
      const double step = design.points[to][factor] - design.points[from][factor];
      factors[factor].effects.push_back((outputs[to] - outputs[from]) / step);
    }
  }
  for (auto &factor : factors) {
    const auto &effects = factor.effects;
    double sum = 0.0;
    for (const double e : effects) {
      sum += e;
    }
    factor.mu = sum / static_cast<double>(r);
    double squares = 0.0;
    for (const double e : effects) {
      squares += (e - factor.mu) * (e - factor.mu);
    }
    factor.sigma = std::sqrt(squares / static_cast<double>(r - 1));
    factor.mu_star = bootstrap(
        r,
        [&](std::span<const std::size_t> rows) {
          double absolute = 0.0;
          for (const std::size_t row : rows) {
            absolute += std::abs(effects[row]);
          }
          return std::vector<double>{absolute / static_cast<double>(rows.size())};
        },
        bootstrap_options)[0];
  }
  return factors;
}

} // namespace removalsim::analysis::sensitivity
