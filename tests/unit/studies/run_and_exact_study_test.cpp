// The run study (replications and the record `run.json` holds) and the exact study (every
// (country, profile) of a Markovian scenario), which the command line and the Python package
// share.

#include "removalsim/analysis/exact_chain.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/exact_study.h"
#include "removalsim/studies/run_study.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>

using namespace removalsim;

namespace {

const std::string kData = REMOVALSIM_STUDIES_TEST_DATA_DIR;

} // namespace

TEST_CASE("Replications and their record", "[studies][run]") {
  const auto loaded = scenario::load_scenario(kData + "/tiny.yaml");
  const auto results = studies::simulate_replications(loaded.scenario, 3, 5, 2);
  REQUIRE(results.size() == 3);
  const auto again = studies::simulate_replications(loaded.scenario, 3, 5, 1);
  for (std::size_t r = 0; r < 3; ++r) {
    CHECK(again[r].events == results[r].events);
  }
  const auto record = nlohmann::json::parse(studies::run_json(
      studies::invocation_of({"test"}), loaded, "tiny.yaml", 5, 2, results, 0.25));
  CHECK(record["events"] == studies::total_events(results));
  CHECK(studies::total_events(results) ==
        results[0].events + results[1].events + results[2].events);
  CHECK(record["scenario"] == "tiny.yaml");
  CHECK(record["seed"] == 5);
  CHECK(record["replications"] == 3);
  CHECK(record["threads"] == 2);
  CHECK(record["wall_seconds"] == 0.25);
  CHECK(record["command_line"] == nlohmann::json({"test"}));
}

TEST_CASE("The exact solution of every country and profile", "[studies][exact]") {
  const auto loaded = scenario::load_scenario(REMOVALSIM_SCENARIOS_DIR "/examples/markovian.yaml");
  const auto solutions = studies::exact_solutions(loaded.scenario);
  std::size_t profiles = 0;
  for (const auto &country : loaded.scenario.countries) {
    profiles += country.profiles.size();
  }
  REQUIRE(solutions.size() == profiles);
  for (const auto &solution : solutions) {
    const auto &c = solution.from_issuance;
    CHECK(c.removed + c.voluntary_departure + c.annulled + c.expired + c.never_absorbed ==
          Approx(1.0));
  }
  std::ostringstream csv;
  studies::write_exact_csv(csv, solutions);
  const std::string text = csv.str();
  CHECK(text.rfind("country,profile,quantity,value\n", 0) == 0);
  const std::string first_row = solutions[0].country + ',' + solutions[0].profile + ",removed,";
  CHECK(text.find(first_row) != std::string::npos);
}

TEST_CASE("The exact study refuses a scenario that is not Markovian", "[studies][exact][errors]") {
  const auto loaded = scenario::load_scenario(kData + "/tiny.yaml");
  CHECK_THROWS_AS(studies::exact_solutions(loaded.scenario), analysis::NotMarkovianError);
}
