#include "model_fixtures.h"

#include "removalsim/engine/replications.h"

#include <catch2/catch.hpp>

using namespace removalsim::model;
using namespace removalsim::model::testing;

namespace {

bool same(const RunResult &a, const RunResult &b) {
  for (std::size_t bin = 0; bin < a.counters.bins(); ++bin) {
    for (std::size_t s = 0; s < a.counters.series(); ++s) {
      if (a.counters.at(bin, s) != b.counters.at(bin, s)) {
        return false;
      }
    }
  }
  return a.fingerprint == b.fingerprint && a.events == b.events;
}

} // namespace

TEST_CASE("the same seed and replication give the same path", "[model][determinism]") {
  const Scenario scenario = small_scenario();
  REQUIRE(same(simulate(scenario, 42, 3), simulate(scenario, 42, 3)));
  REQUIRE(simulate(scenario, 42, 3).fingerprint != simulate(scenario, 42, 4).fingerprint);
  REQUIRE(simulate(scenario, 42, 3).fingerprint != simulate(scenario, 43, 3).fingerprint);
}

TEST_CASE("replications do not depend on the thread count", "[model][determinism]") {
  const Scenario scenario = small_scenario();
  auto run = [&](unsigned threads) {
    return removalsim::engine::run_replications(
        4, threads, [&](std::size_t r) { return simulate(scenario, 5, r); });
  };
  const auto one = run(1);
  const auto two = run(2);
  for (std::size_t r = 0; r < one.size(); ++r) {
    REQUIRE(same(one[r], two[r]));
  }
}

TEST_CASE("a parameter change alters the fingerprint", "[model][determinism]") {
  Scenario scenario = small_scenario();
  const auto before = simulate(scenario, 1, 0).fingerprint;
  scenario.countries[0].profiles[0].parameters.boarding_success = 0.99;
  REQUIRE(simulate(scenario, 1, 0).fingerprint != before);
}
