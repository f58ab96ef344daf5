// The checks can fail: the same helper and replication count that accept the engine reject a
// model with a deliberately wrong service rate, and the helper itself behaves on hand examples.
#include "agreement.h"

#include "removalsim/queueing/theory.h"

#include <catch2/catch.hpp>

#include <vector>

using removalsim::engine::Distribution;
using removalsim::queueing::QueueConfig;
using removalsim::queueing::QueueResult;
using namespace removalsim::validation;

TEST_CASE("the agreement helper on hand-computed samples", "[validation][helper]") {
  // {1, 3}: mean 2, standard error 1, t_{0.9995, 1} = 636.6: the interval is about [-634, 638].
  const std::vector<double> two{1.0, 3.0};
  CHECK(agrees_with_theory(two, 2.0));
  CHECK(agrees_with_theory(two, 600.0));
  CHECK_FALSE(agrees_with_theory(two, 700.0));
  // Identical samples: a zero-width interval holds only their value.
  const std::vector<double> same{4.0, 4.0, 4.0};
  CHECK(agrees_with_theory(same, 4.0));
  CHECK_FALSE(agrees_with_theory(same, 4.0000001));
  // Fewer than two replications give no interval and never agree.
  CHECK_FALSE(agrees_with_theory(std::vector<double>{1.0}, 1.0));
  CHECK_FALSE(agrees_with_theory(std::vector<double>{}, 0.0));
}

TEST_CASE("an M/M/1 with service rate 1.1 is rejected against the mu = 1 theory",
          "[validation][power]") {
  QueueConfig wrong;
  wrong.arrival_rate = 0.5;
  wrong.service = Distribution::exponential(1.0 / 1.1); // mean 1/1.1: rate 1.1, not 1
  wrong.warmup = 1'000.0;
  wrong.horizon = 21'000.0;
  const auto results = replicate(wrong, 101, 30);
  const auto waits = statistic(results, &QueueResult::mean_wait);
  const auto numbers = statistic(results, &QueueResult::mean_in_system);

  // The mu = 1 theory: Wq = 1 and L = 1. Both must be rejected.
  const auto wait = compare_with_theory(waits, removalsim::queueing::mmc_mean_wait(0.5, 1.0, 1));
  INFO(wait);
  REQUIRE_FALSE(wait.agrees());
  const auto number =
      compare_with_theory(numbers, removalsim::queueing::mmc_mean_in_system(0.5, 1.0, 1));
  INFO(number);
  REQUIRE_FALSE(number.agrees());

  // The same samples agree with the theory of the model that was actually simulated.
  REQUIRE(agrees_with_theory(waits, removalsim::queueing::mmc_mean_wait(0.5, 1.1, 1)));
  REQUIRE(agrees_with_theory(numbers, removalsim::queueing::mmc_mean_in_system(0.5, 1.1, 1)));
}
