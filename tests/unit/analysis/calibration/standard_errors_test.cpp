#include "removalsim/analysis/calibration/smm_objective.h"
#include "removalsim/analysis/calibration/standard_errors.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace removalsim::analysis::calibration;

TEST_CASE("The sandwich reduces to Ω for an identity Jacobian", "[calibration][se]") {
  // m̄ = θ: V = (G'WG)⁻¹ G'W Ω W G (G'WG)⁻¹ = Ω whatever W.
  const Matrix g{{1.0, 0.0}, {0.0, 1.0}};
  const Matrix omega{{4.0, 1.0}, {1.0, 9.0}};
  const std::vector<double> weights{3.0, 0.5};
  const std::vector<double> ranges{100.0, 100.0};
  const auto se = sandwich_standard_errors(g, weights, omega, ranges);
  CHECK(se.standard_errors[0] == Approx(2.0));
  CHECK(se.standard_errors[1] == Approx(3.0));
  CHECK(se.covariance[0][1] == Approx(1.0));
  CHECK(se.identified == std::vector<bool>{true, true});
  CHECK(se.condition_number == Approx(6.0));
}

TEST_CASE("The sandwich by hand: two moments of one parameter", "[calibration][se]") {
  // m̄ = (2θ, θ), W = diag(1, 4), Ω = diag(1, 1): G'WG = 4 + 4 = 8, G'WΩWG = 4 + 16 = 20,
  // V = 20 / 64.
  const Matrix g{{2.0}, {1.0}};
  const Matrix omega{{1.0, 0.0}, {0.0, 1.0}};
  const std::vector<double> weights{1.0, 4.0};
  const std::vector<double> ranges{10.0};
  const auto se = sandwich_standard_errors(g, weights, omega, ranges);
  CHECK(se.standard_errors[0] == Approx(std::sqrt(20.0 / 64.0)));
}

TEST_CASE("A parameter no fitted target sees has an infinite standard error", "[calibration][se]") {
  // The second column is 0 for the fitted target; the held-out one (weight 0) cannot help.
  const Matrix g{{1.0, 0.0}, {0.0, 5.0}};
  const Matrix omega{{1.0, 0.0}, {0.0, 1.0}};
  const std::vector<double> weights{1.0, 0.0};
  const std::vector<double> ranges{10.0, 10.0};
  const auto se = sandwich_standard_errors(g, weights, omega, ranges);
  CHECK(se.standard_errors[0] == Approx(1.0));
  CHECK(std::isinf(se.standard_errors[1]));
  CHECK(se.identified == std::vector<bool>{true, false});
  CHECK(std::isinf(se.condition_number));
}

TEST_CASE("Two parameters seen only through their sum are both non-identified",
          "[calibration][se]") {
  const Matrix g{{1.0, 1.0}};
  const Matrix omega{{1.0}};
  const std::vector<double> weights{1.0};
  const std::vector<double> ranges{1.0, 1.0};
  const auto se = sandwich_standard_errors(g, weights, omega, ranges);
  CHECK(std::isinf(se.standard_errors[0]));
  CHECK(std::isinf(se.standard_errors[1]));
}

TEST_CASE("Ω is the replication covariance × (1 + 1/R) plus the reported variance",
          "[calibration][se]") {
  const ReplicationMoments rows{{1.0, 10.0}, {3.0, 14.0}, {2.0, NAN}, {2.0, 12.0}};
  const std::vector<Target> targets{{"x", 2.0, {}, 1.0, false}, {"y", 12.0, 3.0, 1.0, false}};
  const auto omega = moment_covariance(rows, targets);
  // x: values 1, 3, 2, 2: variance 2/3; y: 10, 14, 12 (NaN left out): variance 4; covariance on the
  // three complete rows (x = 1, 3, 2; y = 10, 14, 12): 2.
  CHECK(omega[0][0] == Approx(2.0 / 3.0 * 1.25));
  CHECK(omega[1][1] == Approx(4.0 * 1.25 + 9.0));
  CHECK(omega[0][1] == Approx(2.0 * 1.25));
  CHECK(omega[1][0] == omega[0][1]);
  CHECK_THROWS_AS(moment_covariance(ReplicationMoments{{1.0, 2.0}}, targets),
                  std::invalid_argument);
}

TEST_CASE("The SMM objective weighs squared errors and penalises undefined moments",
          "[calibration][objective]") {
  // b's tolerance of 25 % of 2 gives it the weight 1 / 0.5².
  const SmmObjective objective(
      {{"a", 100.0, {}, 1.0, false}, {"b", 2.0, 0.5, 1.0, false, 0.25}, {"c", 9.0, {}, 1.0, true}});
  const std::vector<double> exact{100.0, 2.0, 123.0};
  CHECK(objective(exact) == 0.0);
  const std::vector<double> off{110.0, 2.5, 0.0};
  CHECK(objective(off) == Approx(0.01 + 1.0));
  const std::vector<double> undefined{NAN, 2.0, 0.0};
  CHECK(objective(undefined) == Approx(100.0 * 101.0 * 101.0 / 10000.0));
  CHECK_THROWS_AS(objective(std::vector<double>{1.0}), std::invalid_argument);
}
