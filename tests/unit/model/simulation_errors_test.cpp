// A run that fails names the case, the simulated date, the event and the replication (as simmer
// names the arrival, the time and the activity), not the engine's handles. A scenario file cannot
// get there (the loader refuses negative delays): these scenarios are built in code, as a program
// using the model might build them.
#include "model_fixtures.h"

#include "removalsim/engine/simulation_error.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

using namespace removalsim::model;
using namespace removalsim::model::testing;
using removalsim::SimulationError;

namespace {

/// The error `simulate` throws for `scenario` (fails the test when the run succeeds).
SimulationError error_of(const Scenario &scenario, std::uint64_t replication) {
  try {
    (void)simulate(scenario, 1, replication);
  } catch (const SimulationError &error) {
    return error;
  }
  FAIL("the run succeeded");
  throw std::logic_error("unreachable");
}

CaseParameters &parameters_of(Scenario &scenario) {
  return scenario.countries[0].profiles[0].parameters;
}

} // namespace

TEST_CASE("a negative delay fails the run, naming the case, the date and the event",
          "[model][errors]") {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.appeal_share = 1.0;
  // Appeals last 30 days until 2021-03-01, then a negative time: the first order of that day
  // (day 425 = 366 days of 2020 + 59) fails as its appeal is lodged; about 1,160 orders came
  // before it.
  p.appeal_duration = Timeline<Distribution>(
      {{0.0, Distribution::fixed(30.0)}, {day(scenario, {2021, 3, 1}), Distribution::fixed(-2.0)}});
  const SimulationError error = error_of(scenario, 3);
  CHECK(std::string(error.what()) ==
        "case XX-1181, appeal judgment, on 2021-03-01 (day 425.069, replication 3): event "
        "scheduled at time 423.069, not a finite time at or after the current time");
  CHECK(error.message() ==
        "event scheduled at time 423.069, not a finite time at or after the current time");
  CHECK(error.category() == removalsim::ErrorCategory::model);
}

TEST_CASE("a failed LPC request names the case it belongs to", "[model][errors]") {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.document_share = 0.0;
  p.lpc_issue_probability = 1.0;
  p.lpc_delay = Distribution::fixed(-1.0);
  // The engine rejects the event of the LPC request's record, which the model maps to its case.
  const SimulationError error = error_of(scenario, 0);
  CHECK(std::string(error.what()) ==
        "case XX-27, LPC due, on 2020-02-11 (day 41.2845, replication 0): event scheduled at "
        "time 40.2845, not a finite time at or after the current time");
}

TEST_CASE("a backlog case is named as such", "[model][errors]") {
  Scenario scenario = small_scenario();
  scenario.countries[0].oqtf_per_year = 0.0;
  scenario.countries[0].initial_at_large = 10;
  CaseParameters &p = parameters_of(scenario);
  p.document_share = 1.0;
  p.document_check_days = Distribution::fixed(-1.0);
  const SimulationError error = error_of(scenario, 0);
  CHECK(std::string(error.what()) ==
        "backlog case XX-5, document ready, on 2020-01-14 (day 13.0491, replication 0): event "
        "scheduled at time 12.0491, not a finite time at or after the current time");
}
