// M/G/c/c loss systems against Erlang B, which holds whatever the service law (insensitivity):
// c = 5 servers, offered load a = lambda E[S] = 3, B(5, 3) = 81/736 = 0.110054.
#include "agreement.h"

#include "removalsim/queueing/theory.h"

#include <catch2/catch.hpp>

using removalsim::engine::Distribution;
using removalsim::engine::Resource;
using removalsim::queueing::QueueConfig;
using removalsim::queueing::QueueResult;
using namespace removalsim::validation;

namespace {
QueueConfig loss_system(Distribution service) {
  QueueConfig config;
  config.arrival_rate = 3.0;
  config.service = std::move(service);
  config.servers = 5;
  config.when_full = Resource::WhenFull::reject;
  config.warmup = 100.0;
  config.horizon = 10'100.0;
  return config;
}
} // namespace

TEST_CASE("M/G/5/5 with log-normal service (mean 1, sd 2): blocking is Erlang B",
          "[validation][loss]") {
  const auto results = replicate(loss_system(Distribution::lognormal(1.0, 2.0)), 301, 30);
  const auto blocking = compare_with_theory(statistic(results, &QueueResult::blocking),
                                            removalsim::queueing::erlang_b(5, 3.0));
  INFO(blocking);
  CHECK(blocking.agrees());
  // Carried load: mean busy servers a (1 - B).
  const auto busy = compare_with_theory(statistic(results, &QueueResult::mean_in_system),
                                        3.0 * (1.0 - blocking.theory));
  INFO(busy);
  CHECK(busy.agrees());
}

TEST_CASE("M/D/5/5 with fixed service 1: blocking is Erlang B", "[validation][loss]") {
  const auto results = replicate(loss_system(Distribution::fixed(1.0)), 302, 30);
  const auto blocking = compare_with_theory(statistic(results, &QueueResult::blocking),
                                            removalsim::queueing::erlang_b(5, 3.0));
  INFO(blocking);
  CHECK(blocking.agrees());
}
