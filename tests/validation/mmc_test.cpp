// M/M/c against Erlang C: c = 5 servers, lambda = 4, mu = 1 (rho = 0.8).
#include "agreement.h"

#include "removalsim/queueing/theory.h"

#include <catch2/catch.hpp>

using removalsim::engine::Distribution;
using removalsim::queueing::QueueConfig;
using removalsim::queueing::QueueResult;
using namespace removalsim::validation;

TEST_CASE("M/M/5 at rho = 0.8: Erlang C probability of waiting and mean wait",
          "[validation][mmc]") {
  QueueConfig config;
  config.arrival_rate = 4.0;
  config.service = Distribution::exponential(1.0);
  config.servers = 5;
  config.warmup = 500.0;
  config.horizon = 10'500.0;
  const auto results = replicate(config, 201, 30);

  // C(5, 4) = 128/231; Wq = C / (c mu - lambda) = 128/231 too.
  const auto waits = compare_with_theory(statistic(results, &QueueResult::probability_wait),
                                         removalsim::queueing::erlang_c(5, 4.0));
  INFO(waits);
  CHECK(waits.agrees());
  const auto wait = compare_with_theory(statistic(results, &QueueResult::mean_wait),
                                        removalsim::queueing::mmc_mean_wait(4.0, 1.0, 5));
  INFO(wait);
  CHECK(wait.agrees());
  const auto number = compare_with_theory(statistic(results, &QueueResult::mean_in_system),
                                          removalsim::queueing::mmc_mean_in_system(4.0, 1.0, 5));
  INFO(number);
  CHECK(number.agrees());
}
