#pragma once

#include "removalsim/analysis/calibration/parameter_space.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/targets.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace removalsim::analysis::calibration {

/// A dense matrix as rows of equal length.
using Matrix = std::vector<std::vector<double>>;

/// The precision of an SMM estimate.
struct StandardErrors {
  /// Standard error of each parameter (natural units); +infinity when the fitted targets do not
  /// determine it (it lies in the null space of the Jacobian).
  std::vector<double> standard_errors;
  /// Covariance of the estimate (natural units), `[parameter][parameter]`; infinite entries for
  /// parameters that are not identified.
  Matrix covariance;
  /// ∂ m̄_i / ∂ θ_j, `[target][parameter]` (held-out targets included; they weigh 0).
  Matrix jacobian;
  /// Ω, the covariance of m̄(θ) − y used in the sandwich, `[target][target]`.
  Matrix moment_covariance;
  /// True when the standard error is below the standard deviation of a uniform distribution over
  /// the bounds, (high − low) / √12: the targets say more about the parameter than its bounds.
  std::vector<bool> identified;
  /// Condition number of G'WG with the parameters scaled to the unit cube (infinite when
  /// singular); large values flag weak identification.
  double condition_number = 0.0;
};

/// The sandwich covariance of an SMM estimate (see the .cpp for why this formula):
/// V = (G'WG)⁻¹ G'W Ω W G (G'WG)⁻¹, with G = `jacobian` (`[target][parameter]`, natural units),
/// W = diag(`weights`) and Ω = `omega`. `ranges` are the widths of the bounds (high − low), used to
/// scale the parameters before the inversion and for `identified`. A direction of the parameter
/// space that no weighted target moves (a singular value of W^½G below 1e-9 of the largest, after
/// scaling) makes every parameter that loads on it non-identified, with an infinite error.
StandardErrors sandwich_standard_errors(const Matrix &jacobian, std::span<const double> weights,
                                        const Matrix &omega, std::span<const double> ranges);

/// Ω = (1 + 1/R) Σ + diag(sd²): Σ is the covariance of the moments across the `replications`
/// rows (replication-to-replication noise, NaN-free pairs), R their number, and sd the reported
/// uncertainty of targets that give one. Needs at least two replications.
Matrix moment_covariance(const ReplicationMoments &replications,
                         const std::vector<Target> &targets);

/// Standard errors of the SMM estimate `theta`: the Jacobian by central finite differences of
/// step `relative_step` · (high − low) (one-sided at a bound), every point simulated on the same
/// replications [0, `replications`) of `seed` as the objective (common random numbers, so the
/// differences are not swamped by noise), evaluated in one batch of 2·d + 1 requests; then
/// `sandwich_standard_errors` with Ω from `moment_covariance` at `theta`, on replications
/// [0, max(`replications`, `covariance_replications`)) of `seed` (Ω needs more than d of them).
StandardErrors smm_standard_errors(const ParameterSpace &space, const std::vector<Target> &targets,
                                   const Simulator &simulator, std::span<const double> theta,
                                   std::uint64_t seed, std::size_t replications,
                                   double relative_step = 0.01,
                                   std::size_t covariance_replications = 0);

} // namespace removalsim::analysis::calibration
