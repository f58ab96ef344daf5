#include "removalsim/engine/replications.h"
#include "removalsim/engine/simulation.h"
#include "removalsim/engine/stop_flag.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>

using removalsim::engine::Event;
using removalsim::engine::kStopCheckInterval;
using removalsim::engine::run_replications;
using removalsim::engine::Simulation;
using removalsim::engine::StopFlag;
using removalsim::engine::Stopped;

TEST_CASE("a simulation stops within kStopCheckInterval events of its flag being set",
          "[engine][stop]") {
  // An endless process: every event schedules the next one a day later.
  Simulation simulation;
  StopFlag stop{false};
  simulation.set_stop_flag(&stop);
  simulation.schedule_at(0.0, 0, 0, 0);
  std::size_t handled = 0;
  const std::size_t set_at = 10'000;
  auto tick = [&](const Event &) {
    if (++handled == set_at) {
      stop.store(true);
    }
    simulation.schedule_in(1.0, 0, 0, 0);
  };
  REQUIRE_THROWS_AS(simulation.run_until(1e9, tick), Stopped);
  REQUIRE(Stopped().category() == removalsim::ErrorCategory::interrupted);
  REQUIRE(handled >= set_at);
  REQUIRE(handled < set_at + kStopCheckInterval);
  REQUIRE(simulation.events_processed() == handled);
}

TEST_CASE("without a stop flag, or with it clear, a simulation runs to its horizon",
          "[engine][stop]") {
  Simulation simulation;
  StopFlag stop{false};
  simulation.set_stop_flag(&stop);
  simulation.schedule_at(0.0, 0, 0, 0);
  const auto processed =
      simulation.run_until(20'000.5, [&](const Event &) { simulation.schedule_in(1.0, 0, 0, 0); });
  REQUIRE(processed == 20'001);
}

TEST_CASE("the replication runner starts no replication once stopped, then throws Stopped",
          "[engine][stop]") {
  for (const unsigned threads : {1U, 2U}) {
    StopFlag stop{false};
    std::atomic<std::size_t> started{0};
    const std::size_t stop_after = 5;
    auto body = [&](std::size_t) {
      if (++started == stop_after) {
        stop.store(true);
      }
      return 1;
    };
    REQUIRE_THROWS_AS(run_replications(1000, threads, body, {}, &stop), Stopped);
    // Each thread may have taken one replication before it saw the flag.
    REQUIRE(started.load() >= stop_after);
    REQUIRE(started.load() < stop_after + threads);
  }
}
