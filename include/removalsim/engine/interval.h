#pragma once

#include <cstddef>
#include <span>

namespace removalsim::engine {

/// A two-sided confidence interval for a mean.
struct ConfidenceInterval {
  double mean = 0.0;
  double low = 0.0;  ///< NaN with fewer than two observations
  double high = 0.0; ///< NaN with fewer than two observations
  std::size_t n = 0;
  /// Half the width (NaN with fewer than two observations).
  double half_width() const noexcept { return (high - low) / 2.0; }
  /// True when `value` lies in [low, high].
  bool contains(double value) const noexcept { return low <= value && value <= high; }
};

/// Student-t interval for the mean of independent replications at the given level (0 < level < 1).
/// With one observation the bounds are NaN; with zero the mean is NaN too.
ConfidenceInterval student_t_interval(std::span<const double> samples, double level = 0.95);

/// The Student-t quantile t_{(1+level)/2, n-1} used by `student_t_interval` (n >= 2).
double student_t_critical_value(std::size_t n, double level = 0.95);

} // namespace removalsim::engine
