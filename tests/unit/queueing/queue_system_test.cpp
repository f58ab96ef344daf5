#include "removalsim/engine/simulation_error.h"
#include "removalsim/queueing/queue_system.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

using removalsim::engine::Distribution;
using removalsim::queueing::QueueConfig;
using removalsim::queueing::QueueResult;
using removalsim::queueing::simulate_queue;
using WhenFull = removalsim::engine::Resource::WhenFull;

namespace {
QueueConfig small_config() {
  QueueConfig config;
  config.arrival_rate = 0.8;
  config.service = Distribution::exponential(1.0);
  config.servers = 1;
  config.warmup = 10.0;
  config.horizon = 1000.0;
  return config;
}

bool same(const QueueResult &a, const QueueResult &b) {
  return a.mean_wait == b.mean_wait && a.probability_wait == b.probability_wait &&
         a.blocking == b.blocking && a.mean_in_system == b.mean_in_system &&
         a.mean_sojourn == b.mean_sojourn && a.throughput == b.throughput &&
         a.arrivals == b.arrivals && a.events == b.events;
}
} // namespace

TEST_CASE("simulate_queue checks its configuration", "[queueing][simulate]") {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const auto refused = [](auto change) {
    QueueConfig config = small_config();
    change(config);
    return simulate_queue(config, 1, 0);
  };
  CHECK_THROWS_AS(refused([](QueueConfig &c) { c.arrival_rate = 0.0; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([](QueueConfig &c) { c.arrival_rate = -1.0; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([&](QueueConfig &c) { c.arrival_rate = kNaN; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([](QueueConfig &c) { c.servers = 0; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([](QueueConfig &c) { c.servers = -3; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([](QueueConfig &c) { c.warmup = -1.0; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([&](QueueConfig &c) { c.warmup = kNaN; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([](QueueConfig &c) { c.horizon = c.warmup; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([](QueueConfig &c) { c.horizon = 5.0; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([&](QueueConfig &c) { c.horizon = kNaN; }), std::invalid_argument);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(refused([&](QueueConfig &c) { c.horizon = kInf; }), std::invalid_argument);
  CHECK_THROWS_AS(refused([&](QueueConfig &c) { c.arrival_rate = kInf; }), std::invalid_argument);
  CHECK_NOTHROW(refused([](QueueConfig &c) { c.warmup = 0.0; }));
}

TEST_CASE("the same seed and replication give the same run", "[queueing][simulate]") {
  const QueueConfig config = small_config();
  const QueueResult first = simulate_queue(config, 3, 4);
  REQUIRE(same(first, simulate_queue(config, 3, 4)));
  REQUIRE_FALSE(same(first, simulate_queue(config, 3, 5)));
  REQUIRE_FALSE(same(first, simulate_queue(config, 4, 4)));
  REQUIRE(first.arrivals > 0);
}

TEST_CASE("every processed event is an arrival or a departure", "[queueing][simulate]") {
  // With no warm-up every arrival is counted and every departure is in the throughput, so
  // events = arrivals + throughput * horizon exactly.
  for (const auto when_full : {WhenFull::queue, WhenFull::reject}) {
    QueueConfig config = small_config();
    config.warmup = 0.0;
    config.servers = 2;
    config.when_full = when_full;
    const QueueResult result = simulate_queue(config, 8, 0);
    const auto departures = static_cast<std::uint64_t>(std::llround(result.throughput * 1000.0));
    REQUIRE(result.events == result.arrivals + departures);
    REQUIRE(result.throughput * 1000.0 == static_cast<double>(departures));
  }
}

TEST_CASE("a queue loses nobody and a loss system makes nobody wait", "[queueing][simulate]") {
  QueueConfig queue = small_config();
  queue.servers = 2;
  queue.arrival_rate = 1.8;
  const QueueResult queued = simulate_queue(queue, 1, 0);
  CHECK(queued.blocking == 0.0);
  CHECK(queued.probability_wait > 0.0);
  CHECK(queued.mean_wait > 0.0);
  CHECK(queued.mean_sojourn > queued.mean_wait);

  QueueConfig loss = queue;
  loss.when_full = WhenFull::reject;
  const QueueResult lost = simulate_queue(loss, 1, 0);
  CHECK(lost.blocking > 0.0);
  CHECK(lost.probability_wait == 0.0);
  CHECK(lost.mean_wait == 0.0);
  CHECK(lost.mean_in_system <= 2.0);
}

TEST_CASE("with ample servers nobody waits and sojourn equals service", "[queueing][simulate]") {
  QueueConfig config = small_config();
  config.servers = 1000;
  config.service = Distribution::fixed(0.75);
  const QueueResult result = simulate_queue(config, 2, 0);
  CHECK(result.probability_wait == 0.0);
  CHECK(result.mean_wait == 0.0);
  CHECK(result.blocking == 0.0);
  CHECK(result.mean_sojourn == Approx(0.75).epsilon(1e-12));
}

TEST_CASE("a negative service time surfaces as a SimulationError", "[queueing][simulate]") {
  QueueConfig config = small_config();
  config.service = Distribution::fixed(-1.0);
  REQUIRE_THROWS_AS(simulate_queue(config, 1, 0), removalsim::SimulationError);
}
