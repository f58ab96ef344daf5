#pragma once

#include <cstdint>
#include <limits>

namespace removalsim::engine {

/// Running count, mean, variance, min and max of observations (Welford's algorithm: stable for
/// long runs of similar values).
class Tally {
public:
  /// Records one observation.
  void add(double x) noexcept {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
    if (x < min_) {
      min_ = x;
    }
    if (x > max_) {
      max_ = x;
    }
  }
  std::uint64_t count() const noexcept { return count_; }
  /// Mean (0 with no observation).
  double mean() const noexcept { return mean_; }
  /// Unbiased sample variance (0 with fewer than two observations).
  double variance() const noexcept {
    return count_ > 1 ? m2_ / static_cast<double>(count_ - 1) : 0.0;
  }
  /// Smallest observation (+infinity with none).
  double min() const noexcept { return min_; }
  /// Largest observation (-infinity with none).
  double max() const noexcept { return max_; }

private:
  std::uint64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

} // namespace removalsim::engine
