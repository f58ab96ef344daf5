#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace removalsim::analysis::calibration {

/// Residual vectors at several points of the unit cube, computed together (a batch the caller may
/// run in parallel): element p is the residuals at `points[p]`. May throw; the exception ends the
/// run and leaves `levenberg_marquardt`.
using BatchResiduals =
    std::function<std::vector<std::vector<double>>(const std::vector<std::vector<double>> &points)>;

/// How a Levenberg–Marquardt run ended.
struct LeastSquaresRun {
  std::string status;
  /// True when it stopped on a tolerance (no further reduction of the sum of squares), false on
  /// its evaluation budget.
  bool converged = false;
  /// Points evaluated, Jacobian points included.
  std::size_t evaluations = 0;
};

/// Minimises the sum of squared residuals over the unit cube with Levenberg–Marquardt (Eigen's
/// MINPACK port), for least-squares objectives such as SMM's Q = Σ w_i (m̄_i − y_i)². The
/// optimiser moves on the whole line and each coordinate is reflected into [0, 1] (a triangle
/// wave), so every point evaluated lies in the cube and no coordinate loses its slope near a
/// bound. The Jacobian comes from forward differences of `step` (a fraction of the cube's side,
/// taken towards its inside), all its points in one batch: d + 1 points per iteration, evaluated
/// together. Stops after `max_evaluations` points (the budget) or on MINPACK's tolerances.
LeastSquaresRun levenberg_marquardt(std::span<const double> unit_start, std::size_t residuals,
                                    const BatchResiduals &evaluate, std::size_t max_evaluations,
                                    double step = 0.025);

} // namespace removalsim::analysis::calibration
