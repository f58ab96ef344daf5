#include "removalsim/engine/interval.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using removalsim::engine::student_t_critical_value;
using removalsim::engine::student_t_interval;

TEST_CASE("Student-t critical values match tables and closed forms", "[engine][interval]") {
  // Printed tables: t_{0.975, 9} = 2.262157..., t_{0.975, 1} = 12.706205, t_{0.995, 4} = 4.604095,
  // t_{0.95, 19} = 1.729133, t_{0.975, 7} = 2.364624; digits beyond the tables from mpmath (30
  // significant digits, root of the regularised incomplete beta function).
  CHECK(student_t_critical_value(10, 0.95) == Approx(2.2621571627982).epsilon(1e-12));
  CHECK(student_t_critical_value(10) == Approx(2.2621571627982).epsilon(1e-12));
  CHECK(student_t_critical_value(2, 0.95) == Approx(12.706204736174693).epsilon(1e-12));
  CHECK(student_t_critical_value(5, 0.99) == Approx(4.604094871349992).epsilon(1e-12));
  CHECK(student_t_critical_value(20, 0.90) == Approx(1.729132811521369).epsilon(1e-12));
  CHECK(student_t_critical_value(8, 0.95) == Approx(2.364624251592785).epsilon(1e-12));
  // One degree of freedom is the Cauchy law: quantile tan(pi (p - 1/2)), so t_{0.75, 1} = 1.
  CHECK(student_t_critical_value(2, 0.5) == Approx(1.0).epsilon(1e-14));
  // Two degrees of freedom: quantile (2p - 1) / sqrt(2 p (1 - p)), so t_{0.75, 2} = sqrt(2/3).
  CHECK(student_t_critical_value(3, 0.5) == Approx(std::sqrt(2.0 / 3.0)).epsilon(1e-14));
  // Many degrees of freedom: near the normal quantile z_{0.975} = 1.959964 plus (z^3 + z) / (4 nu).
  CHECK(student_t_critical_value(1'000'000, 0.95) == Approx(1.9599663568164789).epsilon(1e-12));
}

TEST_CASE("student_t_critical_value checks its arguments", "[engine][interval]") {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(student_t_critical_value(0, 0.95), std::invalid_argument);
  CHECK_THROWS_AS(student_t_critical_value(1, 0.95), std::invalid_argument);
  CHECK_THROWS_AS(student_t_critical_value(5, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(student_t_critical_value(5, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(student_t_critical_value(5, -0.5), std::invalid_argument);
  CHECK_THROWS_AS(student_t_critical_value(5, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(student_t_critical_value(5, kNaN), std::invalid_argument);
  const std::vector<double> one{1.0};
  CHECK_THROWS_AS(student_t_interval(one, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(student_t_interval(std::vector<double>{}, 0.0), std::invalid_argument);
}

TEST_CASE("an interval with no observation is all NaN", "[engine][interval]") {
  const auto interval = student_t_interval(std::vector<double>{});
  CHECK(interval.n == 0);
  CHECK(std::isnan(interval.mean));
  CHECK(std::isnan(interval.low));
  CHECK(std::isnan(interval.high));
  CHECK(std::isnan(interval.half_width()));
  CHECK_FALSE(interval.contains(0.0));
}

TEST_CASE("an interval with one observation has a mean and NaN bounds", "[engine][interval]") {
  const auto interval = student_t_interval(std::vector<double>{4.25});
  CHECK(interval.n == 1);
  CHECK(interval.mean == 4.25);
  CHECK(std::isnan(interval.low));
  CHECK(std::isnan(interval.high));
  CHECK(std::isnan(interval.half_width()));
  CHECK_FALSE(interval.contains(4.25)); // NaN bounds contain nothing
}

TEST_CASE("interval on two observations, hand-computed", "[engine][interval]") {
  // {1, 3}: mean 2, s = sqrt(2), standard error s / sqrt(2) = 1; t_{0.75, 1} = 1: [1, 3].
  const auto interval = student_t_interval(std::vector<double>{1.0, 3.0}, 0.5);
  CHECK(interval.n == 2);
  CHECK(interval.mean == 2.0);
  CHECK(interval.low == Approx(1.0).epsilon(1e-14));
  CHECK(interval.high == Approx(3.0).epsilon(1e-14));
  CHECK(interval.half_width() == Approx(1.0).epsilon(1e-14));
  CHECK(interval.contains(2.0));
  CHECK(interval.contains(1.0 + 1e-9));
  CHECK_FALSE(interval.contains(3.0 + 1e-9));
  CHECK_FALSE(interval.contains(1.0 - 1e-9));
}

TEST_CASE("interval on eight observations at the default level", "[engine][interval]") {
  // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, s^2 = 32/7, standard error sqrt(4/7);
  // half width t_{0.975, 7} sqrt(4/7) = 2.364624251592785 * 0.7559289460184544.
  const std::vector<double> samples{2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0};
  const auto interval = student_t_interval(samples);
  CHECK(interval.n == 8);
  CHECK(interval.mean == 5.0);
  CHECK(interval.half_width() == Approx(1.7874879182362104).epsilon(1e-12));
  CHECK(interval.low == Approx(5.0 - 1.7874879182362104).epsilon(1e-12));
  CHECK(interval.high == Approx(5.0 + 1.7874879182362104).epsilon(1e-12));
  // A higher level widens the interval.
  CHECK(student_t_interval(samples, 0.99).half_width() > interval.half_width());
}

TEST_CASE("identical observations give a zero-width interval", "[engine][interval]") {
  const auto interval = student_t_interval(std::vector<double>{3.0, 3.0, 3.0});
  CHECK(interval.mean == 3.0);
  CHECK(interval.low == 3.0);
  CHECK(interval.high == 3.0);
  CHECK(interval.contains(3.0));
}

TEST_CASE("student_t_interval checks the level when it needs it", "[engine][interval]") {
  const std::vector<double> samples{1.0, 2.0, 3.0};
  CHECK_THROWS_AS(student_t_interval(samples, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(student_t_interval(samples, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(student_t_interval(samples, 2.0), std::invalid_argument);
}
