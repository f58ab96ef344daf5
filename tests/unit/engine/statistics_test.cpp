#include "removalsim/engine/tally.h"
#include "removalsim/engine/time_weighted.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using removalsim::engine::Tally;
using removalsim::engine::TimeWeighted;

TEST_CASE("a new time-weighted statistic holds its initial value", "[engine][statistics]") {
  const TimeWeighted fresh;
  REQUIRE(fresh.value() == 0.0);
  REQUIRE(fresh.max() == 0.0);
  REQUIRE(fresh.area(5.0) == 0.0);
  REQUIRE(fresh.mean(5.0) == 0.0);

  const TimeWeighted started(2.0, 3.0);
  REQUIRE(started.value() == 3.0);
  REQUIRE(started.max() == 3.0);
  REQUIRE(started.mean(2.0) == 3.0); // no time has passed: the current value
  REQUIRE(started.area(6.0) == 12.0);
  REQUIRE(started.mean(6.0) == 3.0);
}

TEST_CASE("time-weighted area and mean on a hand-computed path", "[engine][statistics]") {
  // Value 1 on [0, 2), 4 on [2, 3), 0 on [3, 7), 2 on [7, ...).
  TimeWeighted x(0.0, 1.0);
  x.update(2.0, 4.0);
  x.update(3.0, 0.0);
  x.update(7.0, 2.0);
  REQUIRE(x.value() == 2.0);
  REQUIRE(x.max() == 4.0);
  REQUIRE(x.area(7.0) == 6.0);
  REQUIRE(x.area(8.0) == 8.0);
  REQUIRE(x.mean(8.0) == 1.0);
  REQUIRE(x.area(10.0) == 12.0);
  REQUIRE(x.mean(10.0) == 1.2);
}

TEST_CASE("several updates at the same time count only the last value", "[engine][statistics]") {
  TimeWeighted x;
  x.update(1.0, 5.0);
  x.update(1.0, 9.0); // lasted no time, but it is still the largest value seen
  x.update(1.0, 2.0);
  REQUIRE(x.area(3.0) == 4.0);
  REQUIRE(x.max() == 9.0);
}

TEST_CASE("restart forgets the history and keeps the current value", "[engine][statistics]") {
  TimeWeighted x(0.0, 10.0);
  x.update(5.0, 1.0);
  x.restart(6.0);
  REQUIRE(x.value() == 1.0);
  REQUIRE(x.max() == 1.0);
  REQUIRE(x.area(6.0) == 0.0);
  REQUIRE(x.mean(6.0) == 1.0);
  x.update(8.0, 3.0);
  // 1 on [6, 8), 3 on [8, 10): area 8 over 4 days.
  REQUIRE(x.area(10.0) == 8.0);
  REQUIRE(x.mean(10.0) == 2.0);
  REQUIRE(x.max() == 3.0);
}

TEST_CASE("an empty tally", "[engine][statistics]") {
  const Tally tally;
  REQUIRE(tally.count() == 0);
  REQUIRE(tally.mean() == 0.0);
  REQUIRE(tally.variance() == 0.0);
  REQUIRE(tally.min() == std::numeric_limits<double>::infinity());
  REQUIRE(tally.max() == -std::numeric_limits<double>::infinity());
}

TEST_CASE("a tally of one observation has zero variance", "[engine][statistics]") {
  Tally tally;
  tally.add(-3.5);
  REQUIRE(tally.count() == 1);
  REQUIRE(tally.mean() == -3.5);
  REQUIRE(tally.variance() == 0.0);
  REQUIRE(tally.min() == -3.5);
  REQUIRE(tally.max() == -3.5);
}

TEST_CASE("tally mean, unbiased variance, min and max on a hand example", "[engine][statistics]") {
  // {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, squared deviations sum to 32, variance 32/7.
  Tally tally;
  for (const double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) {
    tally.add(x);
  }
  REQUIRE(tally.count() == 8);
  REQUIRE(tally.mean() == 5.0);
  REQUIRE(tally.variance() == Approx(32.0 / 7.0).epsilon(1e-15));
  REQUIRE(tally.min() == 2.0);
  REQUIRE(tally.max() == 9.0);
}

TEST_CASE("tally stays accurate for many similar large values", "[engine][statistics]") {
  // 1e9 + {0, 1, 2, 3} repeated: the naive sum-of-squares formula loses every digit here.
  Tally tally;
  for (int i = 0; i < 100'000; ++i) {
    tally.add(1e9 + static_cast<double>(i % 4));
  }
  REQUIRE(tally.mean() == Approx(1e9 + 1.5).epsilon(1e-15));
  // Population variance of {0,1,2,3} is 5/4; unbiased: 5/4 * n/(n-1).
  REQUIRE(tally.variance() == Approx(1.25 * 100'000.0 / 99'999.0).epsilon(1e-9));
}
