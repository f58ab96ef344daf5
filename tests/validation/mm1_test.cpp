// M/M/1 against its closed forms: Wq = rho / (mu - lambda), L = rho / (1 - rho).
#include "agreement.h"

#include "removalsim/queueing/theory.h"

#include <catch2/catch.hpp>

using removalsim::engine::Distribution;
using removalsim::queueing::QueueConfig;
using removalsim::queueing::QueueResult;
using namespace removalsim::validation;

namespace {
QueueConfig mm1(double arrival_rate, double warmup, double horizon) {
  QueueConfig config;
  config.arrival_rate = arrival_rate;
  config.service = Distribution::exponential(1.0);
  config.servers = 1;
  config.warmup = warmup;
  config.horizon = horizon;
  return config;
}
} // namespace

TEST_CASE("M/M/1 at rho = 0.5: mean wait and mean number in system", "[validation][mm1]") {
  // Relaxation time 1 / (mu (1 - sqrt(rho))^2) is about 12: a warm-up of 1000 is plenty.
  const auto results = replicate(mm1(0.5, 1'000.0, 21'000.0), 101, 30);
  // Wq = 0.5 / (1 - 0.5) = 1 and L = 0.5 / (1 - 0.5) = 1.
  const auto wait = compare_with_theory(statistic(results, &QueueResult::mean_wait),
                                        removalsim::queueing::mmc_mean_wait(0.5, 1.0, 1));
  INFO(wait);
  CHECK(wait.agrees());
  const auto number = compare_with_theory(statistic(results, &QueueResult::mean_in_system),
                                          removalsim::queueing::mmc_mean_in_system(0.5, 1.0, 1));
  INFO(number);
  CHECK(number.agrees());
}

TEST_CASE("M/M/1 at rho = 0.9: mean wait and mean number in system", "[validation][mm1]") {
  // Relaxation time about 380 and a slowly converging mean: warm-up 20 000, then 200 000 days
  // (about 400 000 events per replication).
  const auto results = replicate(mm1(0.9, 20'000.0, 220'000.0), 102, 30);
  // Wq = 0.9 / (1 - 0.9) = 9 and L = 0.9 / (1 - 0.9) = 9.
  const auto wait = compare_with_theory(statistic(results, &QueueResult::mean_wait),
                                        removalsim::queueing::mmc_mean_wait(0.9, 1.0, 1));
  INFO(wait);
  CHECK(wait.agrees());
  const auto number = compare_with_theory(statistic(results, &QueueResult::mean_in_system),
                                          removalsim::queueing::mmc_mean_in_system(0.9, 1.0, 1));
  INFO(number);
  CHECK(number.agrees());
}
