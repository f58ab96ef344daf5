#include "printing.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

using removalsim::model::kUnlimited;
using removalsim::model::Timeline;
using removalsim::scenario::load_scenario;
using removalsim::scenario::LoadedScenario;
using removalsim::scenario::ResolvedValue;
using removalsim::scenario::ScenarioError;

namespace {

const std::string kFull = REMOVALSIM_TEST_DATA_DIR "/scenarios/full.yaml";

LoadedScenario set_one(const std::string &key, double value) {
  LoadedScenario loaded = load_scenario(kFull);
  loaded.set(key, value);
  return loaded;
}

} // namespace

TEST_CASE("set: the same scenario as a one-key override", "[scenario][set]") {
  const auto [key, value, text] = GENERATE(table<std::string, double, std::string>({
      {"national.voluntary_share", 0.25, "0.25"},
      {"national.detention.capacity", 3000.0, "3000"},
      {"national.validity_days[1].value", 730.0, "730"},
      {"countries.MA.lpc.issue_probability[1].value", 0.6, "0.6"},
      {"national.lpc.delay.mean", 12.5, "12.5"},
      {"national.detention.reviews[0].value[1].release_probability", 0.05, "0.05"},
      {"countries.DZ.document_share", 0.8, "0.8"},
      {"countries.MA.profiles.other.apprehension.rate_per_year", 1.25, "1.25"},
      {"national.detention.capacity", kUnlimited, "unlimited"},
  }));
  CAPTURE(key, text);
  const LoadedScenario loaded = set_one(key, value);
  const LoadedScenario overridden = load_scenario(kFull, {{key, text}});
  REQUIRE(loaded.scenario == overridden.scenario);
  REQUIRE(loaded.scenario != load_scenario(kFull).scenario);
}

TEST_CASE("set: a national value reaches the countries and profiles that do not set the key",
          "[scenario][set]") {
  const LoadedScenario loaded = set_one("national.apprehension.rate_per_year", 0.9);
  const auto &ma = loaded.scenario.countries[0];
  // MA's `public_order` profile sets its own rate; `other` inherits the national one.
  REQUIRE(ma.profiles[0].parameters.apprehension_rate_per_year == Timeline<double>(2.0));
  REQUIRE(ma.profiles[1].parameters.apprehension_rate_per_year == Timeline<double>(0.9));
  REQUIRE(loaded.scenario.countries[1].profiles[0].parameters.apprehension_rate_per_year ==
          Timeline<double>(0.9));
  // A country's own value is not touched by a national one.
  const LoadedScenario shares = set_one("national.document_share", 0.9);
  REQUIRE(shares.scenario.countries[0].profiles[1].parameters.document_share ==
          Timeline<double>(0.35));
  REQUIRE(shares.scenario.countries[1].profiles[0].parameters.document_share ==
          Timeline<double>(0.9));
}

TEST_CASE("set: values keep the exact double and show in the provenance as file `set`",
          "[scenario][set]") {
  LoadedScenario loaded = load_scenario(kFull);
  const double third = 1.0 / 3.0;
  loaded.set("national.voluntary_share", third);
  loaded.set("national.no_delay_share", 0.125);
  REQUIRE(loaded.scenario.countries[2].profiles[0].parameters.voluntary_share ==
          Timeline<double>(third));
  REQUIRE(loaded.values_set == 2);
  REQUIRE(loaded.files == load_scenario(kFull).files);
  bool found = false;
  for (const ResolvedValue &value : loaded.provenance) {
    if (value.key_path == "national.voluntary_share") {
      REQUIRE(value.file == "set");
      REQUIRE(value.line == 1);
      REQUIRE(std::stod(value.value) == third);
      found = true;
    }
    if (value.key_path == "national.no_delay_share") {
      REQUIRE(value == ResolvedValue{"national.no_delay_share", "0.125", "set", 2, 26});
    }
  }
  REQUIRE(found);
}

TEST_CASE("set: a bad value or path is a located error and leaves the scenario as it was",
          "[scenario][set]") {
  LoadedScenario loaded = load_scenario(kFull);
  const auto before = loaded.scenario;
  const auto [key, value, message] = GENERATE(table<std::string, double, std::string>({
      {"national.voluntary_share", 1.5,
       "set:1:27: national.voluntary_share: a share must be in [0, 1], got 1.5"},
      {"national.voluntary_share", std::numeric_limits<double>::quiet_NaN(),
       "set:1:27: national.voluntary_share: expected a number, got `nan`"},
      {"national.detention.max_days", kUnlimited,
       "set:1:30: national.detention.max_days: expected a number, got `unlimited` (only "
       "capacities and validity periods may be unlimited)"},
      {"national.voluntary_sahre", 0.1,
       "set:1:10: national.voluntary_sahre: unknown key `voluntary_sahre`; did you mean "
       "`voluntary_share`?"},
      {"national.validity_days[5].value", 10.0,
       "set:1:23: national.validity_days[5]: item [5] does not exist: the list has 2 items (an "
       "override cannot add list items)"},
  }));
  CAPTURE(key);
  try {
    loaded.set(key, value);
    FAIL("set accepted the value");
  } catch (const ScenarioError &error) {
    REQUIRE(std::string(error.what()) == message);
  }
  REQUIRE(loaded.scenario == before);
  REQUIRE(loaded.values_set == 0);
}
