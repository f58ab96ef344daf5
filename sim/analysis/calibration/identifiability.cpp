#include "removalsim/analysis/calibration/identifiability.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace removalsim::analysis::calibration {

namespace {

// A target conflicts with another when their descent directions are more than 120° apart...
constexpr double kConflictCosine = -0.5;
// ...and each carries at least this share of Q (a target already met pulls nowhere).
constexpr double kConflictShare = 0.01;
// A standard error above this fraction of the estimate's magnitude: not pinned down.
constexpr double kWeakRelativeError = 0.5;

} // namespace

Identifiability assess_identifiability(const StandardErrors &errors,
                                       const std::vector<Target> &targets,
                                       std::span<const double> means, std::span<const double> theta,
                                       std::span<const double> ranges) {
  const std::size_t k = targets.size();
  const std::size_t d = ranges.size();
  if (errors.jacobian.size() != k || means.size() != k || theta.size() != d ||
      errors.standard_errors.size() != d) {
    throw std::invalid_argument("identifiability: inconsistent sizes");
  }
  const std::vector<double> weights = target_weights(targets);
  Identifiability out;

  // W^½ G with unit-cube parameters; rows of non-finite derivatives count as unseen.
  Eigen::MatrixXd scaled =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(d));
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < d; ++j) {
      const double g = errors.jacobian[i][j] * ranges[j];
      scaled(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
          std::isfinite(g) ? std::sqrt(weights[i]) * g : 0.0;
    }
  }
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(scaled);
  for (Eigen::Index s = 0; s < svd.singularValues().size(); ++s) {
    out.singular_values.push_back(svd.singularValues()(s));
  }

  out.correlation.assign(d, std::vector<double>(d, std::numeric_limits<double>::quiet_NaN()));
  for (std::size_t a = 0; a < d; ++a) {
    for (std::size_t b = 0; b < d; ++b) {
      const double va = errors.covariance[a][a];
      const double vb = errors.covariance[b][b];
      if (std::isfinite(va) && std::isfinite(vb) && va > 0.0 && vb > 0.0) {
        out.correlation[a][b] = errors.covariance[a][b] / std::sqrt(va * vb);
      }
    }
  }
  for (std::size_t j = 0; j < d; ++j) {
    const double se = errors.standard_errors[j];
    if (!errors.identified[j] || !(se <= kWeakRelativeError * std::abs(theta[j]))) {
      out.weak_parameters.push_back(j);
    }
  }

  // Target i's share of Q is w_i r_i²; its descent direction is −w_i r_i ∇r_i.
  double q = 0.0;
  std::vector<double> residuals(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    if (weights[i] > 0.0 && std::isfinite(means[i])) {
      residuals[i] = means[i] - targets[i].reported;
      q += weights[i] * residuals[i] * residuals[i];
    }
  }
  std::vector<Eigen::VectorXd> descent(k);
  std::vector<bool> pulls(k, false);
  for (std::size_t i = 0; i < k; ++i) {
    const double share = q > 0.0 ? weights[i] * residuals[i] * residuals[i] / q : 0.0;
    descent[i] = -std::sqrt(weights[i]) * residuals[i] *
                 scaled.row(static_cast<Eigen::Index>(i)).transpose();
    pulls[i] = share >= kConflictShare && descent[i].norm() > 0.0;
  }
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a + 1; b < k; ++b) {
      if (!pulls[a] || !pulls[b]) {
        continue;
      }
      const double cosine = descent[a].dot(descent[b]) / (descent[a].norm() * descent[b].norm());
      if (cosine < kConflictCosine) {
        out.conflicts.push_back(TargetConflict{a, b, cosine});
      }
    }
  }
  std::sort(out.conflicts.begin(), out.conflicts.end(),
            [](const TargetConflict &x, const TargetConflict &y) { return x.cosine < y.cosine; });
  return out;
}

} // namespace removalsim::analysis::calibration
