#include "removalsim/engine/simulation_error.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>

using removalsim::ErrorCategory;
using removalsim::SimulationError;

TEST_CASE("a simulation error is a model error located by the engine's day and entity",
          "[engine][error]") {
  STATIC_REQUIRE(std::is_base_of_v<removalsim::Error, SimulationError>);
  STATIC_REQUIRE(std::is_base_of_v<std::runtime_error, removalsim::Error>);
  const SimulationError with_entity("bad event", 12.5, 7, 3);
  REQUIRE(std::string(with_entity.what()) == "day 12.5, entity 7: bad event");
  REQUIRE(with_entity.message() == "bad event");
  REQUIRE(with_entity.time() == 12.5);
  REQUIRE(with_entity.entity() == 7);
  REQUIRE(with_entity.kind() == 3);
  REQUIRE(with_entity.category() == ErrorCategory::model);
  const SimulationError without_entity("no entity", 3.0);
  REQUIRE(std::string(without_entity.what()) == "day 3: no entity");
  REQUIRE(without_entity.entity() == -1);
  REQUIRE(without_entity.kind() == -1);
}

TEST_CASE("a model puts its own words in place of the engine's location", "[engine][error]") {
  const SimulationError engine("bad event", 12.5, 7, 3);
  const SimulationError located = engine.located("case AA-4 on 2024-01-13");
  REQUIRE(std::string(located.what()) == "case AA-4 on 2024-01-13: bad event");
  REQUIRE(located.message() == "bad event");
  REQUIRE(located.time() == 12.5);
  REQUIRE(located.entity() == 7);
  REQUIRE(located.kind() == 3);
  try {
    throw located;
  } catch (const removalsim::Error &error) {
    REQUIRE(error.category() == ErrorCategory::model);
  }
}
