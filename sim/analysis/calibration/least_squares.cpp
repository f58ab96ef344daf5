#include "removalsim/analysis/calibration/least_squares.h"

#include <unsupported/Eigen/LevenbergMarquardt>

#include <algorithm>
#include <cmath>

namespace removalsim::analysis::calibration {

namespace {

// The optimiser's coordinates z cover the whole line; the unit cube is their image under a
// triangle wave (reflection at 0 and 1), not under a logistic: a logistic flattens near the
// bounds, so a parameter that wanders there has a Jacobian column too small to tell from the
// simulation's noise, and stays (the France recovery run stopped at Q 97 against 8 at the truth
// with nine of 28 parameters within 5 % of a bound, most of them the wrong one). A reflection has
// slope ±1 everywhere: a step past a bound comes back inside.
//
// MINPACK sizes its trust region, and tests convergence, relative to the norm of the iterate:
// coordinates are shifted so that the cube is not near the origin (a zero norm would end the run
// at once).
constexpr double kOrigin = 4.0;

// Where z falls in the triangle wave's period, in [0, 2): rising on [0, 1), falling on [1, 2).
double phase(double z) {
  const double w = std::fmod(z - kOrigin, 2.0);
  return w < 0.0 ? w + 2.0 : w;
}

double reflected(double z) {
  const double w = phase(z);
  return w <= 1.0 ? w : 2.0 - w;
}

// du/dz of the triangle wave at z: +1 on its rising half, -1 on its falling half.
double slope(double z) { return phase(z) < 1.0 ? 1.0 : -1.0; }

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
      u[static_cast<std::size_t>(j)] = reflected(z(j));
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

  // Forward differences in the cube, each of `step_` towards the cube's inside (so that the
  // stencil never crosses a bound, where the map folds), turned into z's by the map's slope.
  int df(const InputType &z, JacobianType &fjac) {
    const std::vector<double> centre = unit(z);
    std::vector<std::vector<double>> points{centre};
    std::vector<double> steps(centre.size());
    for (std::size_t j = 0; j < centre.size(); ++j) {
      steps[j] = centre[j] + step_ <= 1.0 ? step_ : -step_;
      points.push_back(centre);
      points.back()[j] += steps[j];
    }
    const auto values = batch(points);
    fjac.setZero();
    for (std::size_t j = 0; j < centre.size(); ++j) {
      const double to_z = slope(z(static_cast<Eigen::Index>(j))) / steps[j];
      for (std::size_t i = 0; i < values[0].size(); ++i) {
        fjac(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
            (values[j + 1][i] - values[0][i]) * to_z;
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
    z(static_cast<Eigen::Index>(j)) = kOrigin + std::clamp(unit_start[j], 0.0, 1.0);
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
