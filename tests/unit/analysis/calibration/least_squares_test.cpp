#include "removalsim/analysis/calibration/least_squares.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace removalsim::analysis::calibration;

namespace {

// Rosenbrock's valley, shifted inside the unit cube: the minimum (0) is at (0.3, 0.09).
std::vector<double> valley(const std::vector<double> &u) {
  return {u[0] - 0.3, 10.0 * (u[1] - u[0] * u[0])};
}

} // namespace

TEST_CASE("Levenberg-Marquardt finds a least-squares minimum inside the cube, Jacobians batched",
          "[calibration][least_squares]") {
  std::vector<double> best;
  double best_value = 1e300;
  std::size_t points = 0;
  std::size_t largest_batch = 0;
  const BatchResiduals evaluate = [&](const std::vector<std::vector<double>> &batch) {
    largest_batch = std::max(largest_batch, batch.size());
    std::vector<std::vector<double>> out;
    for (const auto &u : batch) {
      REQUIRE(u[0] >= 0.0); // the reflection keeps every point in the cube
      REQUIRE(u[0] <= 1.0);
      const auto r = valley(u);
      const double value = r[0] * r[0] + r[1] * r[1];
      if (value < best_value) {
        best_value = value;
        best = u;
      }
      out.push_back(r);
      ++points;
    }
    return out;
  };
  const auto run = levenberg_marquardt(std::vector<double>{0.8, 0.2}, 2, evaluate, 500);
  CHECK(run.converged);
  CHECK(run.evaluations == points);
  CHECK(largest_batch == 3); // the point and its two forward differences
  CHECK(best[0] == Approx(0.3).margin(1e-4));
  CHECK(best[1] == Approx(0.09).margin(1e-4));

  // A budget of 10 points ends the run on its budget, not on convergence.
  points = 0;
  const auto short_run = levenberg_marquardt(std::vector<double>{0.8, 0.2}, 2, evaluate, 10);
  CHECK_FALSE(short_run.converged);
  CHECK(short_run.status == "maxeval reached");
  CHECK(short_run.evaluations <= 10);
}

TEST_CASE("Levenberg-Marquardt comes back from near a bound on a rough objective",
          "[calibration][least_squares]") {
  // Residuals u − truth plus a ripple of 0.001, as a simulation's noise would add. Started within
  // 0.001 of the wrong bounds: under a logistic map a step there moves u by about 1e-4, too little
  // to see through the ripple, and the run stayed; the reflection keeps a slope of ±1.
  const std::vector<double> truth{0.3, 0.7, 0.4};
  std::vector<double> best;
  double best_value = 1e300;
  const BatchResiduals evaluate = [&](const std::vector<std::vector<double>> &batch) {
    std::vector<std::vector<double>> out;
    for (const auto &u : batch) {
      std::vector<double> r;
      double value = 0.0;
      for (std::size_t j = 0; j < u.size(); ++j) {
        REQUIRE(u[j] >= 0.0);
        REQUIRE(u[j] <= 1.0);
        r.push_back(u[j] - truth[j] + 1e-3 * std::sin(1e4 * u[j]));
        value += r.back() * r.back();
      }
      if (value < best_value) {
        best_value = value;
        best = u;
      }
      out.push_back(r);
    }
    return out;
  };
  levenberg_marquardt(std::vector<double>{0.999, 0.001, 0.5}, 3, evaluate, 200);
  for (std::size_t j = 0; j < truth.size(); ++j) {
    CHECK(best[j] == Approx(truth[j]).margin(0.01));
  }
}

TEST_CASE("Levenberg-Marquardt stops at a bound when the minimum lies beyond it",
          "[calibration][least_squares]") {
  // The unconstrained minimum is at u = −0.2: the best point of the cube is its bound, 0.
  std::vector<double> best;
  double best_value = 1e300;
  const BatchResiduals evaluate = [&](const std::vector<std::vector<double>> &batch) {
    std::vector<std::vector<double>> out;
    for (const auto &u : batch) {
      out.push_back({u[0] + 0.2, u[1] - 0.6});
      const double value = out.back()[0] * out.back()[0] + out.back()[1] * out.back()[1];
      if (value < best_value) {
        best_value = value;
        best = u;
      }
    }
    return out;
  };
  levenberg_marquardt(std::vector<double>{0.7, 0.2}, 2, evaluate, 200);
  CHECK(best[0] == Approx(0.0).margin(1e-3));
  CHECK(best[1] == Approx(0.6).margin(1e-4));
}
