#include "removalsim/analysis/calibration/least_squares.h"

#include <unsupported/Eigen/LevenbergMarquardt>

#include <algorithm>
#include <cmath>

namespace removalsim::analysis::calibration {

namespace {

// Start points this close to a bound are moved inside: the logistic transform reaches the bounds
// only at infinity.
constexpr double kInside = 1e-3;

// MINPACK sizes its trust region, and tests convergence, relative to the norm of the iterate:
// coordinates are shifted so that the centre of the cube is not the origin (a zero norm would end
// the run at once).
constexpr double kOrigin = 4.0;

double logistic(double z) { return 1.0 / (1.0 + std::exp(kOrigin - z)); }
double logit(double u) { return kOrigin + std::log(u / (1.0 - u)); }

/// Thrown by the functor when the budget is used up: ends MINPACK's loop from inside.
struct BudgetSpent {};

struct Residuals : Eigen::DenseFunctor<double> {
  Residuals(std::size_t inputs, std::size_t values, const BatchResiduals &evaluate,
            std::size_t max_evaluations, double step)
      : DenseFunctor(static_cast<int>(inputs), static_cast<int>(values)), evaluate_(evaluate),
        max_evaluations_(max_evaluations), step_(step) {}

  static std::vector<double> unit(const InputType &z) {
    std::vector<double> u(static_cast<std::size_t>(z.size()));
    for (Eigen::Index j = 0; j < z.size(); ++j) {
      u[static_cast<std::size_t>(j)] = logistic(z(j));
    }
    return u;
  }

  std::vector<std::vector<double>> batch(const std::vector<std::vector<double>> &points) {
    if (evaluations + points.size() > max_evaluations_) {
      throw BudgetSpent{};
    }
    evaluations += points.size();
    return evaluate_(points);
  }

  // MINPACK needs at least as many residuals as parameters: rows past the caller's are zero.
  static void copy(const std::vector<double> &from, ValueType &to) {
    to.setZero();
    for (std::size_t i = 0; i < from.size(); ++i) {
      to(static_cast<Eigen::Index>(i)) = from[i];
    }
  }

  int operator()(const InputType &z, ValueType &fvec) {
    copy(batch({unit(z)}).front(), fvec);
    return 0;
  }

  int df(const InputType &z, JacobianType &fjac) {
    std::vector<std::vector<double>> points{unit(z)};
    for (Eigen::Index j = 0; j < z.size(); ++j) {
      InputType shifted = z;
      shifted(j) += step_;
      points.push_back(unit(shifted));
    }
    const auto values = batch(points);
    fjac.setZero();
    for (Eigen::Index j = 0; j < z.size(); ++j) {
      for (std::size_t i = 0; i < values[0].size(); ++i) {
        fjac(static_cast<Eigen::Index>(i), j) =
            (values[static_cast<std::size_t>(j) + 1][i] - values[0][i]) / step_;
      }
    }
    return 0;
  }

  std::size_t evaluations = 0;

private:
  const BatchResiduals &evaluate_;
  std::size_t max_evaluations_;
  double step_;
};

std::string status_text(Eigen::LevenbergMarquardtSpace::Status status) {
  using namespace Eigen::LevenbergMarquardtSpace;
  switch (status) {
  case RelativeReductionTooSmall:
  case RelativeErrorTooSmall:
  case RelativeErrorAndReductionTooSmall:
    return "ftol/xtol reached";
  case CosinusTooSmall:
    return "gradient orthogonal to the residuals";
  case FtolTooSmall:
  case XtolTooSmall:
  case GtolTooSmall:
    return "no further reduction possible";
  case TooManyFunctionEvaluation:
    return "maxeval reached";
  default:
    return "failed (" + std::to_string(static_cast<int>(status)) + ")";
  }
}

} // namespace

LeastSquaresRun levenberg_marquardt(std::span<const double> unit_start, std::size_t residuals,
                                    const BatchResiduals &evaluate, std::size_t max_evaluations,
                                    double step) {
  Eigen::VectorXd z(static_cast<Eigen::Index>(unit_start.size()));
  for (std::size_t j = 0; j < unit_start.size(); ++j) {
    z(static_cast<Eigen::Index>(j)) = logit(std::clamp(unit_start[j], kInside, 1.0 - kInside));
  }
  Residuals functor(unit_start.size(), std::max(residuals, unit_start.size()), evaluate,
                    max_evaluations, step);
  Eigen::LevenbergMarquardt<Residuals> lm(functor);
  // A first step bounded by the iterate's (scaled) norm, not 100 times it: the points are
  // simulations, and a step far outside the region the Jacobian describes is a wasted batch.
  lm.setFactor(1.0);
  // Steps below this (relative to the iterate) cannot be told apart from simulation noise.
  lm.setXtol(1e-4);
  LeastSquaresRun run;
  try {
    const auto status = lm.minimize(z);
    run.status = status_text(status);
    run.converged = status != Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation &&
                    status != Eigen::LevenbergMarquardtSpace::ImproperInputParameters;
  } catch (const BudgetSpent &) {
    run.status = "maxeval reached";
  }
  run.evaluations = functor.evaluations;
  return run;
}

} // namespace removalsim::analysis::calibration
