#pragma once

#include <vector>

namespace removalsim::analysis::sensitivity {

/// How much of the spread of a stochastic model's outputs across design points is replication
/// noise. Each design point's output is the mean of its R replications; its noise variance is
/// estimated by s_p^2 / R (s_p^2: the sample variance of its replications).
struct ReplicationNoise {
  std::vector<double> point_means; ///< the output of each design point
  double between_variance = 0.0;   ///< sample variance of the point means
  double noise_variance = 0.0;     ///< mean over points of s_p^2 / R (NaN when R < 2)
  /// noise_variance / between_variance: the share of the variance of the point means that
  /// replication noise alone would produce (NaN when R < 2 or the means do not vary). With
  /// common random numbers the noise is correlated across points, so its effect on the indices
  /// is usually smaller than this share suggests.
  double noise_share = 0.0;
  std::size_t non_finite = 0; ///< replications whose value was NaN or infinite (left out)
};

/// The point means and their noise from `values[point][replication]`. Non-finite values (a ratio
/// with a zero denominator) are left out of their point's mean and counted.
ReplicationNoise replication_noise(const std::vector<std::vector<double>> &values);

} // namespace removalsim::analysis::sensitivity
