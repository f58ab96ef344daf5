#include "printing.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using removalsim::model::Distribution;
using removalsim::model::Timeline;
using removalsim::scenario::load_scenario;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::Override;
using removalsim::scenario::ResolvedValue;

namespace {

const std::string kFull = REMOVALSIM_TEST_DATA_DIR "/scenarios/full.yaml";
const std::string kChild = REMOVALSIM_TEST_DATA_DIR "/scenarios/child.yaml";

// full.yaml's countries, in file order.
constexpr std::size_t kMA = 0;
constexpr std::size_t kDZ = 1;
constexpr std::size_t kOTHER = 2;

const removalsim::model::CaseParameters &
parameters(const removalsim::scenario::LoadedScenario &loaded, std::size_t country,
           std::size_t profile = 0) {
  return loaded.scenario.countries.at(country).profiles.at(profile).parameters;
}

} // namespace

TEST_CASE("override: no override loads the same scenario as the plain loader",
          "[scenario][override]") {
  const auto plain = load_scenario(kFull);
  const auto overridden = load_scenario(kFull, {});
  REQUIRE(overridden.provenance == plain.provenance);
  REQUIRE(overridden.files == plain.files);
  REQUIRE(parameters(overridden, kMA).lpc_issue_probability ==
          parameters(plain, kMA).lpc_issue_probability);
}

TEST_CASE("override: a constant replaces the national value for every country and profile",
          "[scenario][override]") {
  const auto loaded = load_scenario(kFull, {{"national.voluntary_share", "0.25"}});
  for (std::size_t c = 0; c < loaded.scenario.countries.size(); ++c) {
    for (const auto &profile : loaded.scenario.countries[c].profiles) {
      REQUIRE(profile.parameters.voluntary_share == Timeline<double>(0.25));
    }
  }
  // A shared national value too: a timeline replaced by a constant.
  const auto capacity = load_scenario(kFull, {{"national.detention.capacity", "3000"}});
  REQUIRE(capacity.scenario.detention_capacity == Timeline<double>(3000.0));
}

TEST_CASE("override: a timeline segment's value changes, its date stays", "[scenario][override]") {
  const auto plain = load_scenario(kFull);
  const auto loaded =
      load_scenario(kFull, {{"countries.MA.lpc.issue_probability[1].value", "0.6"}});
  const auto before = parameters(plain, kMA).lpc_issue_probability.segments();
  const auto after = parameters(loaded, kMA).lpc_issue_probability.segments();
  REQUIRE(after.size() == 2);
  REQUIRE(after[0] == before[0]);
  REQUIRE(after[1].from == before[1].from);
  REQUIRE(after[1].value == 0.6);
  // Both of MA's profiles inherit the country's timeline; other countries are untouched.
  REQUIRE(parameters(loaded, kMA, 1).lpc_issue_probability.segments() == after);
  REQUIRE(parameters(loaded, kDZ).lpc_issue_probability ==
          parameters(plain, kDZ).lpc_issue_probability);
}

TEST_CASE("override: a distribution is replaced whole, or one of its parameters",
          "[scenario][override]") {
  const auto whole =
      load_scenario(kFull, {{"national.lpc.delay", "{dist: exponential, mean: 10}"}});
  REQUIRE(parameters(whole, kMA).lpc_delay ==
          Timeline<Distribution>(Distribution::exponential(10.0)));
  const auto mean = load_scenario(kFull, {{"national.lpc.delay.mean", "25"}});
  REQUIRE(parameters(mean, kMA).lpc_delay ==
          Timeline<Distribution>(Distribution::gamma(25.0, 10.0)));
  // A segment of a timeline of distributions.
  const auto segment = load_scenario(kFull, {{"countries.DZ.lpc.delay[0].value.high", "50"}});
  REQUIRE(parameters(segment, kDZ).lpc_delay.segments().front().value ==
          Distribution::uniform(10.0, 50.0));
}

TEST_CASE("override: a key a country inherited is created at country level",
          "[scenario][override]") {
  const auto plain = load_scenario(kFull);
  // OTHER inherits document_share from `national` and has no `lpc` section at all.
  const auto loaded = load_scenario(kFull, {{"countries.OTHER.document_share", "0.8"},
                                            {"countries.OTHER.lpc.issue_probability", "0.9"}});
  REQUIRE(parameters(loaded, kOTHER).document_share == Timeline<double>(0.8));
  REQUIRE(parameters(loaded, kOTHER).lpc_issue_probability == Timeline<double>(0.9));
  REQUIRE(parameters(loaded, kMA).document_share == parameters(plain, kMA).document_share);
  REQUIRE(parameters(loaded, kDZ).lpc_issue_probability ==
          parameters(plain, kDZ).lpc_issue_probability);
  // And at profile level, over the country's value.
  const auto profile =
      load_scenario(kFull, {{"countries.MA.profiles.other.document_share", "0.5"}});
  REQUIRE(parameters(profile, kMA, 1).document_share == Timeline<double>(0.5));
  REQUIRE(parameters(profile, kMA, 0).document_share == Timeline<double>(0.35));
}

TEST_CASE("override: overrides apply in order, after `extends:`", "[scenario][override]") {
  // child.yaml extends base.yaml and sets validity_days to 1095; the overrides come after both.
  const auto loaded =
      load_scenario(kChild, {{"national.validity_days", "400"}, {"national.validity_days", "500"}});
  REQUIRE(loaded.scenario.countries.front().profiles.front().parameters.validity_days ==
          Timeline<double>(500.0));
  REQUIRE(loaded.files.size() == 2); // child and base; the overrides are no file
}

TEST_CASE("override: provenance names the virtual file `override`, one line per override",
          "[scenario][override]") {
  const auto loaded = load_scenario_from_string(
      "start: 2019-01-01\n"
      "end: 2019-12-31\n"
      "countries:\n"
      "  MA: {oqtf_per_year: 9500}\n",
      "p.yaml",
      {{"countries.MA.oqtf_per_year", "100"}, {"national.lpc.delay", "{dist: fixed, value: 3}"}});
  REQUIRE(loaded.provenance == std::vector<ResolvedValue>{
                                   {"start", "2019-01-01", "p.yaml", 1, 8},
                                   {"end", "2019-12-31", "p.yaml", 2, 6},
                                   {"countries.MA.oqtf_per_year", "100", "override", 1, 29},
                                   {"national.lpc.delay.dist", "fixed", "override", 2, 28},
                                   {"national.lpc.delay.value", "3", "override", 2, 42},
                               });
  REQUIRE(loaded.files == std::vector<std::string>{"p.yaml"});
}
