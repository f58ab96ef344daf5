#include "removalsim/analysis/calibration/parameter_space.h"
#include "removalsim/analysis/calibration/targets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <stdexcept>

using namespace removalsim;
using namespace removalsim::analysis::calibration;

namespace {

ParameterSpace three() {
  return ParameterSpace({{"p", 0.05, 0.6, {}},
                         {"delay", 5.0, 120.0, {Prior::Kind::lognormal, 30.0, 20.0}},
                         {"rate", -1.0, 1.0, {Prior::Kind::normal, 0.5, 0.2}}});
}

} // namespace

TEST_CASE("Sobol starting points are deterministic, start at the centre and stay in bounds",
          "[calibration][sobol]") {
  const auto space = three();
  const auto points = sobol_points(space, 64);
  REQUIRE(points.size() == 64);
  REQUIRE(points == sobol_points(space, 64));
  // The first points of Boost's (unscrambled) sequence: (1/2, 1/2, 1/2), (3/4, 1/4, 1/4).
  CHECK(points[0][0] == Approx(0.325));
  CHECK(points[0][1] == Approx(62.5));
  CHECK(points[0][2] == Approx(0.0).margin(1e-12));
  CHECK(points[1][0] == Approx(0.05 + 0.75 * 0.55));
  CHECK(points[1][1] == Approx(5.0 + 0.25 * 115.0));
  std::set<std::vector<double>> distinct;
  for (const auto &point : points) {
    REQUIRE(space.contains(point));
    distinct.insert(point);
  }
  CHECK(distinct.size() == points.size());
  // Low discrepancy: every half of every axis holds half of the points, give or take one (the
  // sequence skips its first point, the corner 0).
  for (std::size_t j = 0; j < 3; ++j) {
    const double mid = (space[j].low + space[j].high) / 2.0;
    int below = 0;
    for (const auto &point : points) {
      below += point[j] < mid ? 1 : 0;
    }
    CHECK(std::abs(below - 32) <= 1);
  }
}

TEST_CASE("The unit-cube transform is affine and inverts exactly", "[calibration][space]") {
  const auto space = three();
  const std::vector<double> theta{0.2, 40.0, -0.25};
  const auto unit = space.to_unit(theta);
  CHECK(unit[0] == Approx(0.15 / 0.55));
  CHECK(unit[1] == Approx(35.0 / 115.0));
  CHECK(unit[2] == Approx(0.375));
  const auto back = space.from_unit(unit);
  for (std::size_t j = 0; j < 3; ++j) {
    CHECK(back[j] == Approx(theta[j]));
  }
  // Rounding past the cube is clamped back into the bounds.
  CHECK(space.from_unit(std::vector<double>{1.0 + 1e-12, -1e-12, 0.5}) ==
        std::vector<double>{0.6, 5.0, 0.0});
}

TEST_CASE("Invalid parameter spaces are refused", "[calibration][space]") {
  CHECK_THROWS_AS(ParameterSpace({}), std::invalid_argument);
  CHECK_THROWS_AS(ParameterSpace({{"a", 1.0, 1.0, {}}}), std::invalid_argument);
  CHECK_THROWS_AS(ParameterSpace({{"a", 0.0, INFINITY, {}}}), std::invalid_argument);
  CHECK_THROWS_AS(ParameterSpace({{"a", 0.0, 1.0, {}}, {"a", 0.0, 2.0, {}}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ParameterSpace({{"", 0.0, 1.0, {}}}), std::invalid_argument);
  CHECK_THROWS_AS(ParameterSpace({{"a", 0.0, 1.0, {Prior::Kind::normal, 0.5, 0.0}}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(ParameterSpace({{"a", -1.0, 1.0, {Prior::Kind::lognormal, 0.5, 0.1}}}),
                  std::invalid_argument);
}

TEST_CASE("Priors are truncated to the bounds", "[calibration][prior]") {
  const auto space = three();
  CHECK(space.log_prior(std::vector<double>{0.7, 40.0, 0.0}) == -INFINITY);
  CHECK(std::isfinite(space.log_prior(std::vector<double>{0.3, 40.0, 0.0})));
  // Normal prior: the density ratio between two points is exp(-(z1² - z2²) / 2).
  const double at_mean = space.log_prior(std::vector<double>{0.3, 30.0, 0.5});
  const double one_sd = space.log_prior(std::vector<double>{0.3, 30.0, 0.7});
  CHECK(at_mean - one_sd == Approx(0.5));

  double sum_p = 0.0, sum_rate = 0.0, sum_log_delay = 0.0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    engine::RandomStream stream(7, 0, 3, static_cast<std::uint64_t>(i));
    const auto theta = space.sample_prior(stream);
    REQUIRE(space.contains(theta));
    sum_p += theta[0];
    sum_rate += theta[2];
    sum_log_delay += std::log(theta[1]);
  }
  CHECK(sum_p / n == Approx(0.325).epsilon(0.01));
  // N(0.5, 0.2) truncated to [-1, 1]: the truncation removes 0.6 % above 1, so the mean is 0.497.
  CHECK(sum_rate / n == Approx(0.4966).epsilon(0.01));
  // Lognormal mean 30 sd 20: log-mean ln 30 − σ²/2 with σ² = ln(1 + 4/9); truncation at 5 and 120
  // moves it by less than 0.02.
  const double sigma2 = std::log(1.0 + 400.0 / 900.0);
  CHECK(sum_log_delay / n == Approx(std::log(30.0) - sigma2 / 2.0).margin(0.03));
}

TEST_CASE("Target weights: weight / (tolerance × reported)²", "[calibration]") {
  // a: 10 % of 200 is 20; its sd does not enter the weight (only the standard errors). b, c: no
  // tolerance given (1), the squared relative error; c's weight multiplies. f: tolerance 5 % of 40
  // (2) with weight 3. d: reported 0, the weight alone. e: held out.
  const std::vector<Target> targets{
      {"a", 200.0, 10.0, 1.0, false, 0.1}, {"b", 50.0, {}, 1.0, false},
      {"c", 50.0, {}, 4.0, false},         {"d", 0.0, {}, 2.0, false, 0.1},
      {"e", 7.0, {}, 1.0, true, 0.1},      {"f", 40.0, {}, 3.0, false, 0.05}};
  const auto weights = target_weights(targets);
  REQUIRE(weights.size() == 6);
  CHECK(weights[0] == Approx(1.0 / 400.0));
  CHECK(weights[1] == 1.0 / 2500.0);
  CHECK(weights[2] == 4.0 / 2500.0);
  CHECK(weights[3] == 2.0);
  CHECK(weights[4] == 0.0);
  CHECK(weights[5] == Approx(3.0 / 4.0));
  CHECK(fitted_count(targets) == 5);
}
