#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace removalsim::analysis::sensitivity {

/// An input factor of a sensitivity study, varied uniformly over [low, high] (low < high). The
/// sampling designs work in the unit hypercube; `scale_to_bounds` maps their points to the factors.
struct Factor {
  std::string name;
  double low = 0.0;
  double high = 1.0;
};

/// A point of the unit hypercube mapped to the factors' ranges: element i is
/// `low_i + unit[i] * (high_i - low_i)`. Preconditions: `unit.size() == factors.size()`.
std::vector<double> scale_to_bounds(std::span<const double> unit, std::span<const Factor> factors);

} // namespace removalsim::analysis::sensitivity
