#include "removalsim/analysis/calibration/least_squares.h"

#include <catch2/catch.hpp>

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
      REQUIRE(u[0] > 0.0);
      REQUIRE(u[0] < 1.0); // the logistic map keeps every point inside
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
