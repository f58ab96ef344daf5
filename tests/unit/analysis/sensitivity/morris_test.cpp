#include "test_functions.h"

#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/index_table.h"
#include "removalsim/analysis/sensitivity/morris.h"
#include "removalsim/analysis/sensitivity/sampling.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace removalsim::analysis::sensitivity;

namespace {

/// `x1`, `x2`... (built in two steps: GCC 12 warns falsely on "x" + std::to_string(...)).
std::string name_of(std::size_t i) {
  std::string name = "x";
  name += std::to_string(i + 1);
  return name;
}

template <class F>
std::vector<double> evaluate(const MorrisDesign &design, const std::vector<Factor> &factors,
                             const F &f) {
  std::vector<double> y;
  for (const auto &unit : design.points) {
    y.push_back(f(scale_to_bounds(unit, factors)));
  }
  return y;
}

} // namespace

TEST_CASE("Morris effects of a linear function are its slopes times the ranges",
          "[sensitivity][morris]") {
  const std::vector<Factor> factors{{"a", 0.0, 10.0}, {"b", 5.0, 6.0}, {"c", -1.0, 1.0}};
  auto f = [](std::span<const double> x) { return 3.0 * x[0] - 40.0 * x[1] + 0.0 * x[2] + 7.0; };
  const auto design = morris_design(3, 20);
  const auto measures = morris_indices(design, evaluate(design, factors, f));
  REQUIRE(measures[0].mu == Approx(30.0));
  REQUIRE(measures[0].mu_star.value == Approx(30.0));
  REQUIRE(measures[0].sigma == Approx(0.0).margin(1e-9));
  REQUIRE(measures[1].mu == Approx(-40.0));
  REQUIRE(measures[1].mu_star.value == Approx(40.0));
  REQUIRE(measures[1].mu_star.ci_low == Approx(40.0));
  REQUIRE(measures[1].mu_star.ci_high == Approx(40.0));
  REQUIRE(measures[2].mu_star.value == 0.0);
  REQUIRE(measures[0].effects.size() == 20);
}

TEST_CASE("Morris ranks the G function's factors by importance", "[sensitivity][morris]") {
  const removalsim::test::GFunction f{{0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0}};
  std::vector<Factor> factors;
  for (std::size_t i = 0; i < f.a.size(); ++i) {
    factors.push_back({name_of(i), 0.0, 1.0});
  }
  const auto design = morris_design(factors.size(), 20, 4, 5);
  const auto measures = morris_indices(design, evaluate(design, factors, f));
  const auto order = rank_by(factors, index_rows(factors, measures), "mu_star");
  INFO("mu_star: " << measures[0].mu_star.value << ", " << measures[1].mu_star.value << ", "
                   << measures[2].mu_star.value << ", " << measures[3].mu_star.value << ", "
                   << measures[4].mu_star.value);
  // x1 (a = 0) dominates, then x2, x3, x4; the a = 99 factors are negligible.
  REQUIRE(order[0] == 0);
  REQUIRE(order[1] == 1);
  REQUIRE(order[2] == 2);
  REQUIRE(order[3] == 3);
  // The dominant factor's interval lies above every other factor's mu_star.
  for (std::size_t i = 1; i < factors.size(); ++i) {
    REQUIRE(measures[0].mu_star.ci_low > measures[i].mu_star.value);
  }
  for (std::size_t i = 4; i < factors.size(); ++i) {
    REQUIRE(measures[i].mu_star.value < 0.05 * measures[0].mu_star.value);
  }
}

TEST_CASE("Morris on the Ishigami function: x3 acts only through its interaction",
          "[sensitivity][morris]") {
  const removalsim::test::Ishigami f;
  const double pi = std::numbers::pi;
  const std::vector<Factor> factors{{"x1", -pi, pi}, {"x2", -pi, pi}, {"x3", -pi, pi}};
  const auto design = morris_design(3, 200, 4, 2);
  const auto measures = morris_indices(design, evaluate(design, factors, f));
  // x2's effect is a sin^2 x2 alone: at the levels -pi, -pi/3, pi/3, pi the jump 2/3 (4 pi / 3 in
  // x2) always changes sin^2 by 3/4, so |EE| = 7 * 3/4 / (2/3) = 7.875 exactly (SALib's
  // regression value).
  REQUIRE(measures[1].mu_star.value == Approx(7.875));
  REQUIRE(measures[1].sigma > 0.0);
  // x3 is non-monotonic and interacts with x1: mu near 0 but mu_star and sigma large.
  REQUIRE(std::abs(measures[2].mu) < 0.5 * measures[2].mu_star.value);
  REQUIRE(measures[2].sigma > measures[2].mu_star.value * 0.5);
}

TEST_CASE("morris_indices refuses outputs that do not match the design", "[sensitivity][morris]") {
  const auto design = morris_design(2, 4);
  REQUIRE_THROWS_AS(morris_indices(design, std::vector<double>(5, 0.0)), std::invalid_argument);
}
