#include "removalsim/analysis/calibration/standard_errors.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace removalsim::analysis::calibration {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Singular values of W^½G below this fraction of the largest count as zero: a direction of the
// (unit-scaled) parameter space that the weighted targets do not see.
constexpr double kSingularTolerance = 1e-9;
// A parameter whose coordinate in a null direction exceeds this is part of that direction.
constexpr double kLoadingTolerance = 1e-6;

Eigen::MatrixXd to_eigen(const Matrix &m, std::size_t rows, std::size_t cols) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::size_t i = 0; i < rows; ++i) {
    if (m.at(i).size() != cols) {
      throw std::invalid_argument("standard errors: ragged matrix");
    }
    for (std::size_t j = 0; j < cols; ++j) {
      out(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = m[i][j];
    }
  }
  return out;
}

Matrix from_eigen(const Eigen::MatrixXd &m) {
  Matrix out(static_cast<std::size_t>(m.rows()),
             std::vector<double>(static_cast<std::size_t>(m.cols())));
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      out[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = m(i, j);
    }
  }
  return out;
}

} // namespace

// Why this formula. θ̂ minimises g(θ)'W g(θ) with g(θ) = m̄_R(θ) − y, so to first order
// θ̂ − θ₀ ≈ −(G'WG)⁻¹ G'W g(θ₀), and Var θ̂ ≈ (G'WG)⁻¹ G'W Ω W G (G'WG)⁻¹ with Ω = Var g(θ₀).
// W is not Ω⁻¹ (targets are weighted by their tolerance, 1 / (tolerance · reported)², not by the
// model's noise), so the efficient-GMM shortcut (G'Ω⁻¹G)⁻¹ would be wrong: the sandwich is needed.
// Ω is built by `moment_covariance`, see there.
StandardErrors sandwich_standard_errors(const Matrix &jacobian, std::span<const double> weights,
                                        const Matrix &omega, std::span<const double> ranges) {
  const std::size_t k = weights.size();
  const std::size_t d = ranges.size();
  if (jacobian.size() != k || omega.size() != k || d == 0) {
    throw std::invalid_argument("standard errors: inconsistent sizes");
  }
  const Eigen::MatrixXd g = to_eigen(jacobian, k, d);
  const Eigen::MatrixXd om = to_eigen(omega, k, k);
  Eigen::VectorXd range(static_cast<Eigen::Index>(d));
  Eigen::VectorXd w(static_cast<Eigen::Index>(k));
  for (std::size_t j = 0; j < d; ++j) {
    range(static_cast<Eigen::Index>(j)) = ranges[j];
  }
  for (std::size_t i = 0; i < k; ++i) {
    w(static_cast<Eigen::Index>(i)) = weights[i];
  }
  // Work on parameters scaled to the unit cube, so that "small singular value" means the same for
  // every parameter whatever its units.
  const Eigen::MatrixXd g_unit = g * range.asDiagonal();
  const Eigen::MatrixXd a = w.cwiseSqrt().asDiagonal() * g_unit;
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(a, Eigen::ComputeFullV);
  const Eigen::VectorXd s = svd.singularValues();
  const Eigen::MatrixXd v = svd.matrixV();
  const double s_max = s.size() > 0 ? s(0) : 0.0;

  std::vector<bool> loads_on_null(d, false);
  Eigen::MatrixXd h_pinv =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(d));
  double s_min = kInfinity;
  for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(d); ++c) {
    const double sc = c < s.size() ? s(c) : 0.0;
    s_min = std::min(s_min, sc);
    if (s_max > 0.0 && sc > kSingularTolerance * s_max) {
      h_pinv += v.col(c) * v.col(c).transpose() / (sc * sc);
    } else {
      for (std::size_t j = 0; j < d; ++j) {
        if (std::abs(v(static_cast<Eigen::Index>(j), c)) > kLoadingTolerance) {
          loads_on_null[j] = true;
        }
      }
    }
  }
  const Eigen::MatrixXd bread = h_pinv * g_unit.transpose() * w.asDiagonal();
  const Eigen::MatrixXd v_unit = bread * om * bread.transpose();
  const Eigen::MatrixXd v_natural = range.asDiagonal() * v_unit * range.asDiagonal();

  StandardErrors out;
  out.jacobian = jacobian;
  out.moment_covariance = omega;
  out.covariance = from_eigen(v_natural);
  out.standard_errors.resize(d);
  out.identified.resize(d);
  for (std::size_t j = 0; j < d; ++j) {
    if (loads_on_null[j]) {
      for (std::size_t l = 0; l < d; ++l) {
        out.covariance[j][l] = kInfinity;
        out.covariance[l][j] = kInfinity;
      }
    }
  }
  for (std::size_t j = 0; j < d; ++j) {
    const double variance = out.covariance[j][j];
    out.standard_errors[j] = std::sqrt(std::max(variance, 0.0));
    out.identified[j] = std::isfinite(out.standard_errors[j]) &&
                        out.standard_errors[j] < ranges[j] / std::sqrt(12.0);
  }
  out.condition_number = (s_min > 0.0 && s_max > 0.0 && s_min > kSingularTolerance * s_max)
                             ? (s_max * s_max) / (s_min * s_min)
                             : kInfinity;
  return out;
}

// Ω = Var(m̄_R(θ₀) − y). Under the model, a published figure is one realisation of the process a
// replication simulates, so Var y = Σ (the replication covariance of the moments), and the
// simulation's own noise adds Var m̄_R = Σ / R (independent random numbers): Ω = (1 + 1/R) Σ, the
// classic correction for simulation noise in SMM (Gouriéroux & Monfort; Duffie & Singleton 1993,
// with one observed sample the length of one replication). A reported sd is measurement error on
// top of the process noise, independent of it: its square is added to the diagonal.
Matrix moment_covariance(const ReplicationMoments &replications,
                         const std::vector<Target> &targets) {
  const std::size_t r = replications.size();
  const std::size_t k = targets.size();
  if (r < 2) {
    throw std::invalid_argument("standard errors need at least two replications");
  }
  Matrix sigma(k, std::vector<double>(k, 0.0));
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = i; j < k; ++j) {
      double sum_i = 0.0, sum_j = 0.0;
      std::size_t n = 0;
      for (const auto &row : replications) {
        if (std::isfinite(row.at(i)) && std::isfinite(row.at(j))) {
          sum_i += row[i];
          sum_j += row[j];
          ++n;
        }
      }
      if (n < 2) {
        continue; // not estimable: left at 0
      }
      const double mean_i = sum_i / static_cast<double>(n);
      const double mean_j = sum_j / static_cast<double>(n);
      double c = 0.0;
      for (const auto &row : replications) {
        if (std::isfinite(row[i]) && std::isfinite(row[j])) {
          c += (row[i] - mean_i) * (row[j] - mean_j);
        }
      }
      sigma[i][j] = sigma[j][i] = c / static_cast<double>(n - 1);
    }
  }
  const double inflation = 1.0 + 1.0 / static_cast<double>(r);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      sigma[i][j] *= inflation;
    }
    if (targets[i].sd) {
      sigma[i][i] += *targets[i].sd * *targets[i].sd;
    }
  }
  return sigma;
}

StandardErrors smm_standard_errors(const ParameterSpace &space, const std::vector<Target> &targets,
                                   const Simulator &simulator, std::span<const double> theta,
                                   std::uint64_t seed, std::size_t replications,
                                   double relative_step, std::size_t covariance_replications) {
  const std::size_t d = space.dimension();
  if (!(relative_step > 0.0 && relative_step < 0.5)) {
    throw std::invalid_argument("the Jacobian step must lie in (0, 0.5) of each range");
  }
  std::vector<SimulationRequest> requests;
  requests.reserve(2 * d + 1);
  const std::vector<double> centre(theta.begin(), theta.end());
  requests.push_back({centre, seed, 0, std::max(replications, covariance_replications)});
  std::vector<double> widths(d);
  for (std::size_t j = 0; j < d; ++j) {
    const auto &p = space[j];
    const double h = relative_step * (p.high - p.low);
    // Central differences; near a bound the stencil is cut at the bound (one-sided there).
    std::vector<double> plus = centre;
    std::vector<double> minus = centre;
    plus[j] = std::min(centre[j] + h, p.high);
    minus[j] = std::max(centre[j] - h, p.low);
    widths[j] = plus[j] - minus[j];
    requests.push_back({std::move(plus), seed, 0, replications});
    requests.push_back({std::move(minus), seed, 0, replications});
  }
  const auto results = simulator(requests);
  if (results.size() != requests.size()) {
    throw std::invalid_argument("the simulator returned a wrong number of results");
  }
  const std::size_t k = targets.size();
  Matrix jacobian(k, std::vector<double>(d, 0.0));
  for (std::size_t j = 0; j < d; ++j) {
    const auto plus = mean_moments(results[1 + 2 * j]);
    const auto minus = mean_moments(results[2 + 2 * j]);
    for (std::size_t i = 0; i < k; ++i) {
      const double slope = (plus.at(i) - minus.at(i)) / widths[j];
      jacobian[i][j] = std::isfinite(slope) ? slope : 0.0;
    }
  }
  std::vector<double> ranges(d);
  for (std::size_t j = 0; j < d; ++j) {
    ranges[j] = space[j].high - space[j].low;
  }
  const auto weights = target_weights(targets);
  return sandwich_standard_errors(jacobian, weights, moment_covariance(results.front(), targets),
                                  ranges);
}

} // namespace removalsim::analysis::calibration
