// Degenerate but legal scenarios, written as a researcher would (YAML), load and run briefly
// with every order accounted for; illegal ones are refused with a clear error.
#include "model_fixtures.h"

#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace removalsim::model;
using namespace removalsim::model::testing;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::ScenarioError;

namespace {

const std::string kFile = "edge/case.yaml";

/// One year, one country issuing `orders` a year. `national` replaces or adds keys of the
/// national section (one line each, in key order); `country` is extra lines of the country
/// (indented by four spaces).
std::string scenario_yaml(const std::map<std::string, std::string> &national = {},
                          const std::string &country = "", const std::string &orders = "500") {
  std::map<std::string, std::string> section = {
      {"apprehension", "{rate_per_year: 3}"},
      {"detention", "{capacity: 20, max_days: 90}"},
      {"document_share", "0.4"},
      {"lpc", "{issue_probability: 0.6, delay: {dist: exponential, mean: 10}}"},
      {"flights", "{booking_delay: {dist: exponential, mean: 3}}"}};
  for (const auto &[key, value] : national) {
    section[key] = value;
  }
  std::string yaml = "start: 2023-01-01\nend: 2023-12-31\nnational:\n";
  for (const auto &[key, value] : section) {
    yaml += "  " + key + ": " + value + "\n";
  }
  return yaml + "countries:\n  MA:\n    oqtf_per_year: " + orders + "\n" + country;
}

RunResult run(const std::string &yaml) {
  return simulate(load_scenario_from_string(yaml, kFile).scenario, 3, 0);
}

/// Every order issued is in exactly one final or censored state, and detentions balance.
void require_conservation(const RunResult &result) {
  double outcomes = 0.0;
  for (std::size_t o = 0; o < kOutcomeCount; ++o) {
    outcomes += cohort_total(result, static_cast<Outcome>(o));
  }
  REQUIRE(outcomes == total(result, Metric::oqtf_issued));
  REQUIRE(total(result, Metric::detention_exits) ==
          total(result, Metric::removals) + total(result, Metric::released_by_judge) +
              total(result, Metric::released_end_of_term));
  REQUIRE(total(result, Metric::apprehensions) ==
          total(result, Metric::detention_entries) + total(result, Metric::apprehended_no_place));
}

std::string error_of(const std::string &yaml, const std::string &file = kFile) {
  try {
    (void)load_scenario_from_string(yaml, file);
  } catch (const ScenarioError &error) {
    return error.what();
  }
  FAIL("the scenario loaded");
  return {};
}

} // namespace

TEST_CASE("zero detention capacity: nobody is detained, every apprehension finds no place",
          "[model][edge]") {
  const RunResult result = run(scenario_yaml({{"detention", "{capacity: 0}"}}));
  require_conservation(result);
  REQUIRE(total(result, Metric::apprehensions) > 0);
  REQUIRE(total(result, Metric::detention_entries) == 0);
  REQUIRE(total(result, Metric::removals) == 0);
}

TEST_CASE("zero rates: no order issued, or no order ever apprehended", "[model][edge]") {
  SECTION("no arrivals") {
    const RunResult result = run(scenario_yaml({}, "", "0"));
    require_conservation(result);
    REQUIRE(total(result, Metric::oqtf_issued) == 0);
  }
  SECTION("no apprehension") {
    const RunResult result = run(scenario_yaml({{"apprehension", "{rate_per_year: 0}"}}));
    require_conservation(result);
    REQUIRE(total(result, Metric::oqtf_issued) > 400);
    REQUIRE(total(result, Metric::apprehensions) == 0);
  }
}

TEST_CASE("probabilities 0 and 1 are certain outcomes", "[model][edge]") {
  SECTION("consulates never issue, nobody holds a document: no removal") {
    const RunResult result =
        run(scenario_yaml({}, "    document_share: 0\n    lpc: {issue_probability: 0}\n"));
    require_conservation(result);
    REQUIRE(total(result, Metric::lpc_requested) > 0);
    REQUIRE(total(result, Metric::lpc_issued) == 0);
    REQUIRE(total(result, Metric::removals) == 0);
  }
  SECTION("boarding never succeeds: no removal, and no endless rebooking") {
    const RunResult result = run(scenario_yaml(
        {}, "    flights: {boarding_success: 0, booking_delay: {dist: fixed, value: 0}}\n"));
    require_conservation(result);
    REQUIRE(total(result, Metric::boarding_failures) > 0);
    REQUIRE(total(result, Metric::removals) == 0);
  }
  SECTION("everyone leaves voluntarily") {
    const RunResult result = run(scenario_yaml({{"voluntary_share", "1"}}));
    require_conservation(result);
    // Those issued in the last 30 days are still in their departure period at the horizon.
    REQUIRE(cohort_total(result, Outcome::voluntary_departure) +
                cohort_total(result, Outcome::in_departure_period) ==
            total(result, Metric::oqtf_issued));
    REQUIRE(cohort_total(result, Outcome::in_departure_period) > 0);
    REQUIRE(total(result, Metric::apprehensions) == 0);
  }
}

TEST_CASE("huge delays push events past the horizon: the orders stay censored", "[model][edge]") {
  const RunResult result =
      run(scenario_yaml({{"lpc", "{issue_probability: 1, delay: {dist: fixed, value: 36525}}"},
                         {"appeal", "{share: 0.5, duration: {dist: fixed, value: 36525}}"}}));
  require_conservation(result);
  REQUIRE(total(result, Metric::lpc_requested) > 0);
  REQUIRE(total(result, Metric::lpc_issued) == 0);
  REQUIRE(cohort_total(result, Outcome::in_appeal) > 0);
}

TEST_CASE("a timeline with one point is that value all along", "[model][edge]") {
  const Scenario one_point =
      load_scenario_from_string(
          scenario_yaml(
              {{"detention", "{capacity: [{from: 2023-06-01, value: 20}], max_days: 90}"}}),
          kFile)
          .scenario;
  const Scenario constant = load_scenario_from_string(scenario_yaml(), kFile).scenario;
  REQUIRE(one_point.detention_capacity.segments().size() == 1);
  REQUIRE(one_point.detention_capacity.at(0.0) == 20.0);
  REQUIRE(simulate(one_point, 3, 0).fingerprint == simulate(constant, 3, 0).fingerprint);
}

TEST_CASE("Unicode in names is kept as written", "[model][edge]") {
  const std::string yaml = "name: \"Éloignements — scénario ✓ 日本\"\n" +
                           scenario_yaml({}, "    profiles:\n"
                                             "      ordre_public_é: {share: 0.5, priority: true}\n"
                                             "      administratif: {share: 0.5}\n");
  const Scenario scenario = load_scenario_from_string(yaml, "edge/scénario.yaml").scenario;
  REQUIRE(scenario.name == "Éloignements — scénario ✓ 日本");
  REQUIRE(scenario.countries[0].profiles[0].name == "ordre_public_é");
  require_conservation(simulate(scenario, 3, 0));
}

TEST_CASE("Windows line endings (CRLF) read as the same scenario", "[model][edge]") {
  const std::string unix_text = "name: crlf\n" + scenario_yaml();
  std::string windows_text;
  for (const char c : unix_text) {
    windows_text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  const Scenario unix_scenario = load_scenario_from_string(unix_text, kFile).scenario;
  const Scenario windows_scenario = load_scenario_from_string(windows_text, kFile).scenario;
  REQUIRE(windows_scenario.name == "crlf");
  REQUIRE(simulate(windows_scenario, 3, 0).fingerprint ==
          simulate(unix_scenario, 3, 0).fingerprint);
}

TEST_CASE("degenerate calendars and documents are refused with a clear error", "[model][edge]") {
  SECTION("an empty country list") {
    const std::string yaml =
        scenario_yaml().substr(0, scenario_yaml().find("countries:")) + "countries: {}\n";
    REQUIRE(error_of(yaml) == "edge/case.yaml:9:1: countries: needs at least one country");
  }
  SECTION("a horizon ending before the warm-up") {
    const std::string yaml = "warmup_until: 2024-02-01\n" + scenario_yaml();
    REQUIRE(error_of(yaml) == "edge/case.yaml:1:15: warmup_until: 2024-02-01 is outside the run "
                              "[2023-01-01, 2023-12-31]");
  }
  SECTION("a scenario that extends itself") {
    const std::string yaml = "extends: self.yaml\n" + scenario_yaml();
    REQUIRE(error_of(yaml, "edge/self.yaml") ==
            "edge/self.yaml:1:10: extends: `extends:` cycle: edge/self.yaml -> edge/self.yaml");
  }
}
