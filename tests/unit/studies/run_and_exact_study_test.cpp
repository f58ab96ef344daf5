// The run study (replications and the record `run.json` holds) and the exact study (every
// (country, profile) of a Markovian scenario), which the command line and the Python package
// share.

#include "removalsim/analysis/exact_chain.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/exact_study.h"
#include "removalsim/studies/run_study.h"

#include <catch2/catch.hpp>

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
  const auto record = studies::make_run_record(loaded, "tiny.yaml", 5, 2, results, 0.25);
  CHECK(record.events == results[0].events + results[1].events + results[2].events);
  CHECK(record.replications == 3);
  CHECK(record.threads == 2);
  auto edited = loaded;
  edited.set("national.detention.capacity", 61);
  CHECK(studies::make_run_record(edited, "tiny.yaml", 5, 2, results, 0.25).scenario_hash !=
        record.scenario_hash);
  const std::string json = studies::format_run_json(record);
  CHECK(json.rfind("{\n  \"scenario\": \"tiny.yaml\",\n  \"scenario_hash\": \"", 0) == 0);
  CHECK(json.find("\n  \"seed\": 5,\n  \"replications\": 3,\n  \"threads\": 2,\n") !=
        std::string::npos);
  CHECK(json.find("\"wall_seconds\": 0.25\n}\n") != std::string::npos);
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
