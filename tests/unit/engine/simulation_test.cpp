#include "removalsim/engine/simulation.h"
#include "removalsim/engine/simulation_error.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using removalsim::engine::Event;
using removalsim::engine::Simulation;

TEST_CASE("run_until follows a hand-computed timeline, ties included", "[engine][simulation]") {
  // Kind 0 reschedules itself every 2.5 days at phase 1; kind 1 fires at 5 at phase 0, so at
  // t = 5 it runs before the tick scheduled for the same time.
  Simulation simulation;
  std::vector<std::pair<double, std::uint32_t>> trace;
  simulation.schedule_at(0.0, 1, 0, 0);
  simulation.schedule_at(5.0, 0, 1, 0);
  const auto processed = simulation.run_until(6.0, [&](const Event &event) {
    trace.emplace_back(simulation.now(), event.kind);
    if (event.kind == 0) {
      simulation.schedule_in(2.5, 1, 0, 0);
    }
  });
  REQUIRE(trace ==
          std::vector<std::pair<double, std::uint32_t>>{{0.0, 0}, {2.5, 0}, {5.0, 1}, {5.0, 0}});
  REQUIRE(processed == 4);
  REQUIRE(simulation.now() == 6.0);
  REQUIRE(simulation.pending() == 1);
  REQUIRE(simulation.events_processed() == 4);
}

TEST_CASE("an event exactly at the horizon is processed", "[engine][simulation]") {
  Simulation simulation;
  simulation.schedule_at(10.0, 0, 0, 0);
  int seen = 0;
  simulation.run_until(10.0, [&](const Event &) { ++seen; });
  REQUIRE(seen == 1);
}

TEST_CASE("step processes one event at a time", "[engine][simulation]") {
  Simulation simulation;
  simulation.schedule_at(1.0, 0, 7, 0);
  simulation.schedule_at(3.0, 0, 8, 0);
  std::uint32_t last = 0;
  auto record = [&](const Event &event) { last = event.kind; };
  REQUIRE(simulation.step(record));
  REQUIRE(last == 7);
  REQUIRE(simulation.now() == 1.0);
  REQUIRE(simulation.step(record));
  REQUIRE(simulation.now() == 3.0);
  REQUIRE_FALSE(simulation.step(record));
}

TEST_CASE("scheduling in the past or at NaN is refused with the current time",
          "[engine][simulation]") {
  Simulation simulation;
  simulation.schedule_at(4.0, 0, 0, 0);
  simulation.run_until(5.0, [](const Event &) {});
  REQUIRE_THROWS_AS(simulation.schedule_at(4.5, 0, 0, 9), removalsim::SimulationError);
  try {
    simulation.schedule_at(std::numeric_limits<double>::quiet_NaN(), 0, 0, 9);
    FAIL("NaN time accepted");
  } catch (const removalsim::SimulationError &error) {
    REQUIRE(error.time() == 5.0);
    REQUIRE(error.entity() == 9);
    REQUIRE(std::string(error.what()) ==
            "day 5, entity 9: event scheduled at time nan, not a finite time at or after the "
            "current time");
  }
  REQUIRE_THROWS_AS(simulation.schedule_in(-1.0, 0, 0, 0), removalsim::SimulationError);
  REQUIRE_THROWS_AS(simulation.schedule_at(std::numeric_limits<double>::infinity(), 0, 0, 0),
                    removalsim::SimulationError);
}

TEST_CASE("reset clears the clock, the calendar and the event count", "[engine][simulation]") {
  Simulation simulation;
  simulation.reserve(4);
  simulation.schedule_at(1.0, 0, 0, 0);
  simulation.schedule_at(2.0, 0, 0, 0);
  simulation.run_until(1.5, [](const Event &) {});
  simulation.reset();
  REQUIRE(simulation.now() == 0.0);
  REQUIRE(simulation.pending() == 0);
  REQUIRE(simulation.events_processed() == 0);
  REQUIRE(simulation.calendar().empty());
}
