#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/sampling.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

using namespace removalsim::analysis::sensitivity;

TEST_CASE("the Sobol sequence is Boost's, without the origin", "[sensitivity][sampling]") {
  const auto points = sobol_sequence(4, 2);
  // The first points of the two-dimensional Sobol sequence after (0, 0).
  REQUIRE(points == PointSet{{0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}});
  const auto skipped = sobol_sequence(2, 2, 2);
  REQUIRE(skipped == PointSet{{0.25, 0.75}, {0.375, 0.375}});
  REQUIRE_THROWS_AS(sobol_sequence(1, 0), std::invalid_argument);
  REQUIRE_THROWS_AS(sobol_sequence(1, 3668), std::invalid_argument);
}

TEST_CASE("the first 2^k Sobol points are stratified in each coordinate",
          "[sensitivity][sampling]") {
  const auto points = sobol_sequence(64, 5, 63);
  for (std::size_t j = 0; j < 5; ++j) {
    std::set<int> cells;
    for (const auto &p : points) {
      cells.insert(static_cast<int>(std::floor(p[j] * 64)));
    }
    INFO("coordinate " << j);
    REQUIRE(cells.size() == 64);
  }
}

TEST_CASE("Saltelli's design puts A, B, AB_i and BA_i in their blocks", "[sensitivity][sampling]") {
  const auto design = saltelli_design(8, 3, true);
  REQUIRE(design.points.size() == 8 * (2 * 3 + 2));
  const auto base = sobol_sequence(8, 6);
  for (std::size_t r = 0; r < 8; ++r) {
    const auto &a = design.points[design.a(r)];
    const auto &b = design.points[design.b(r)];
    REQUIRE(a == std::vector<double>(base[r].begin(), base[r].begin() + 3));
    REQUIRE(b == std::vector<double>(base[r].begin() + 3, base[r].end()));
    for (std::size_t i = 0; i < 3; ++i) {
      for (std::size_t j = 0; j < 3; ++j) {
        REQUIRE(design.points[design.ab(i, r)][j] == (j == i ? b[j] : a[j]));
        REQUIRE(design.points[design.ba(i, r)][j] == (j == i ? a[j] : b[j]));
      }
    }
  }
  REQUIRE(saltelli_design(8, 3).points.size() == 8 * (3 + 2));
  REQUIRE_THROWS_AS(saltelli_design(12, 3), std::invalid_argument);
  REQUIRE_THROWS_AS(saltelli_design(1, 3), std::invalid_argument);
  REQUIRE_THROWS_AS(saltelli_design(8, 0), std::invalid_argument);
}

TEST_CASE("a Morris trajectory moves each factor once by the jump, on the grid",
          "[sensitivity][sampling]") {
  const std::size_t d = 5;
  const auto design = morris_design(d, 20, 4, 11);
  REQUIRE(design.delta == Approx(2.0 / 3.0));
  REQUIRE(design.points.size() == 20 * (d + 1));
  REQUIRE(design.changed.size() == 20 * d);
  std::set<int> directions;
  for (std::size_t t = 0; t < 20; ++t) {
    std::vector<std::size_t> moved;
    for (std::size_t k = 0; k < d; ++k) {
      const auto &from = design.points[design.point(t, k)];
      const auto &to = design.points[design.point(t, k + 1)];
      const std::size_t factor = design.changed[t * d + k];
      moved.push_back(factor);
      for (std::size_t j = 0; j < d; ++j) {
        if (j == factor) {
          REQUIRE(std::abs(to[j] - from[j]) == Approx(design.delta));
          directions.insert(to[j] > from[j] ? 1 : -1);
        } else {
          REQUIRE(to[j] == from[j]);
        }
      }
    }
    std::sort(moved.begin(), moved.end());
    REQUIRE(moved == std::vector<std::size_t>{0, 1, 2, 3, 4});
  }
  for (const auto &point : design.points) {
    for (const double x : point) {
      const double level = x * 3.0;
      REQUIRE(level == std::round(level));
      REQUIRE(x >= 0.0);
      REQUIRE(x <= 1.0);
    }
  }
  REQUIRE(directions == std::set<int>{-1, 1});
}

TEST_CASE("a Morris design depends only on its seed", "[sensitivity][sampling]") {
  REQUIRE(morris_design(4, 10, 6, 3).points == morris_design(4, 10, 6, 3).points);
  REQUIRE(morris_design(4, 10, 6, 3).points != morris_design(4, 10, 6, 4).points);
  REQUIRE(morris_design(4, 10, 6, 3).delta == Approx(0.6));
  REQUIRE_THROWS_AS(morris_design(3, 1), std::invalid_argument);
  REQUIRE_THROWS_AS(morris_design(3, 10, 5), std::invalid_argument);
  REQUIRE_THROWS_AS(morris_design(0, 10), std::invalid_argument);
}

TEST_CASE("points are scaled to the factors' bounds", "[sensitivity][sampling]") {
  const std::vector<Factor> factors{{"a", 10.0, 20.0}, {"b", -1.0, 1.0}};
  REQUIRE(scale_to_bounds(std::vector<double>{0.5, 0.0}, factors) ==
          std::vector<double>{15.0, -1.0});
  REQUIRE(scale_to_bounds(std::vector<double>{1.0, 1.0}, factors) ==
          std::vector<double>{20.0, 1.0});
  REQUIRE_THROWS_AS(scale_to_bounds(std::vector<double>{1.0}, factors), std::invalid_argument);
}
