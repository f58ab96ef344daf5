#include "removalsim/analysis/sensitivity/replication_noise.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace removalsim::analysis::sensitivity {

ReplicationNoise replication_noise(const std::vector<std::vector<double>> &values) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ReplicationNoise noise;
  noise.point_means.reserve(values.size());
  double noise_sum = 0.0;
  std::size_t noise_points = 0;
  for (const auto &replications : values) {
    double sum = 0.0;
    std::size_t n = 0;
    for (const double v : replications) {
      if (std::isfinite(v)) {
        sum += v;
        ++n;
      } else {
        ++noise.non_finite;
      }
    }
    const double mean = n == 0 ? kNaN : sum / static_cast<double>(n);
    noise.point_means.push_back(mean);
    if (n >= 2) {
      double squares = 0.0;
      for (const double v : replications) {
        if (std::isfinite(v)) {
          squares += (v - mean) * (v - mean);
        }
      }
      noise_sum += squares / static_cast<double>(n - 1) / static_cast<double>(n);
      ++noise_points;
    }
  }
  double sum = 0.0;
  std::size_t n = 0;
  for (const double m : noise.point_means) {
    if (std::isfinite(m)) {
      sum += m;
      ++n;
    }
  }
  const auto [lowest, highest] = std::minmax_element(
      noise.point_means.begin(), noise.point_means.end(),
      [](double x, double y) { return std::isfinite(x) && (!std::isfinite(y) || x < y); });
  if (n >= 2 && *lowest == *highest) {
    // Identical means: exactly no spread (the two-pass sum would leave rounding noise).
    noise.between_variance = 0.0;
  } else if (n >= 2) {
    const double mean = sum / static_cast<double>(n);
    double squares = 0.0;
    for (const double m : noise.point_means) {
      if (std::isfinite(m)) {
        squares += (m - mean) * (m - mean);
      }
    }
    noise.between_variance = squares / static_cast<double>(n - 1);
  } else {
    noise.between_variance = kNaN;
  }
  noise.noise_variance = noise_points == 0 ? kNaN : noise_sum / static_cast<double>(noise_points);
  noise.noise_share =
      noise.between_variance > 0.0 ? noise.noise_variance / noise.between_variance : kNaN;
  return noise;
}

} // namespace removalsim::analysis::sensitivity
