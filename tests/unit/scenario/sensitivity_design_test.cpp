#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/sensitivity_design.h"

#include <catch2/catch.hpp>

#include <string>

using namespace removalsim;
using namespace removalsim::scenario;

namespace {

const std::string kData = REMOVALSIM_SENSITIVITY_DATA_DIR;

/// The message of the ScenarioError that loading `yaml` as a study file throws ("" if none).
std::string error_of(const std::string &yaml) {
  try {
    (void)load_sensitivity_design_from_string(yaml, "study.yaml");
  } catch (const ScenarioError &error) {
    return error.what();
  }
  return "";
}

const std::string kOutputs = "outputs: [{metric: removals, country: AA, period: 2024}]\n";
const std::string kParameters =
    "parameters: [{key: national.lpc.issue_probability, low: 0.1, high: 0.9}]\n";

} // namespace

TEST_CASE("a study file: parameters, outputs, method and defaults", "[sensitivity][design]") {
  const auto design = load_sensitivity_design(kData + "/tiny-study.yaml");
  REQUIRE(design.method == StudyMethod::morris);
  REQUIRE(design.replications == 2);
  REQUIRE(design.seed == 3);
  REQUIRE(design.trajectories == 4);
  REQUIRE(design.levels == 4);
  REQUIRE(design.bootstrap_resamples == 200);
  REQUIRE(design.bootstrap_seed == 1);
  REQUIRE(design.base_samples == 256);
  REQUIRE(design.outputs.size() == 2);
  REQUIRE(design.outputs[0].label() == "removals AA 2024");
  REQUIRE(design.outputs[0].period == *engine::parse_period("2024"));
  REQUIRE(design.outputs[1].country == "ALL");
  REQUIRE(design.parameters.size() == 3);
  REQUIRE(design.parameters[0].name == "lpc_issue");
  REQUIRE(design.parameters[0].keys == std::vector<std::string>{"national.lpc.issue_probability"});
  REQUIRE(design.parameters[1].integer);
  REQUIRE(design.parameters[1].keys.size() == 2);
  REQUIRE(design.parameters[2].scale);
  REQUIRE(design.parameters[2].low == 0.0);
  REQUIRE(design.parameters[2].high == 2.0);

  const auto minimal = load_sensitivity_design_from_string(
      "method: sobol\nsobol: {samples: 64, second_order: true}\n" + kOutputs + kParameters,
      "study.yaml");
  REQUIRE(minimal.method == StudyMethod::sobol);
  REQUIRE(minimal.base_samples == 64);
  REQUIRE(minimal.second_order);
  REQUIRE(minimal.replications == 4);
  REQUIRE(minimal.outputs[0].country == "AA");
  REQUIRE(minimal.parameters[0].name == "national.lpc.issue_probability");
}

TEST_CASE("a study file's mistakes are refused with file, line and key", "[sensitivity][design]") {
  CHECK(error_of("method: moris\n" + kOutputs + kParameters) ==
        "study.yaml:1:9: method: unknown method `moris` (expected `morris` or `sobol`); did you "
        "mean `morris`?");
  CHECK(error_of("replications: 0\n" + kOutputs + kParameters) ==
        "study.yaml:1:15: replications: replications must be at least 1, got 0");
  CHECK(error_of("sobol: {samples: 100}\n" + kOutputs + kParameters) ==
        "study.yaml:1:18: sobol.samples: the Sobol sample size N must be a power of two "
        "(Saltelli's design on a Sobol sequence), got 100");
  CHECK(error_of("morris: {levels: 5}\n" + kOutputs + kParameters) ==
        "study.yaml:1:18: morris.levels: the number of Morris levels must be even, got 5");
  CHECK(error_of("morris: {trajectories: 1}\n" + kOutputs + kParameters) ==
        "study.yaml:1:24: morris.trajectories: trajectories must be at least 2, got 1");
  CHECK(error_of("morris: {trajectory: 10}\n" + kOutputs + kParameters) ==
        "study.yaml:1:10: morris.trajectory: unknown key `trajectory`; did you mean "
        "`trajectories`?");
  CHECK(error_of(kOutputs + "parameters: [{key: a, low: 0.9, high: 0.1}]\n") ==
        "study.yaml:2:39: parameters[0].high: the range is empty: low 0.9 must be below high 0.1");
  CHECK(error_of(kOutputs + "parameters: [{key: a, keys: [b], low: 0, high: 1}]\n") ==
        "study.yaml:2:14: parameters[0]: a parameter needs either `key: PATH` or `keys: [PATH, "
        "...]`, not both");
  CHECK(error_of(kOutputs + "parameters: [{low: 0, high: 1}]\n") ==
        "study.yaml:2:14: parameters[0]: a parameter needs either `key: PATH` or `keys: [PATH, "
        "...]`, not both");
  CHECK(error_of(kOutputs + "parameters:\n  - {key: a, low: 0, high: 1}\n  - {name: a, key: b, "
                            "low: 0, high: 1}\n") ==
        "study.yaml:4:5: parameters[1]: two parameters are named `a` (the first on line 3); give "
        "each a distinct `name`");
  CHECK(error_of(kOutputs + "parameters: []\n") ==
        "study.yaml:2:13: parameters: `parameters` needs at least one entry");
  CHECK(error_of(kParameters) ==
        "study.yaml:1:1: outputs: missing required key `outputs` in the study file");
  CHECK(error_of("outputs: [{metric: removals, period: 2025-13}]\n" + kParameters) ==
        "study.yaml:1:38: outputs[0].period: `2025-13` is not a period (a year `2025`, a quarter "
        "`2025-Q1`, a month `2025-04` or a range `2025-01..2025-04`)");
  CHECK(error_of(kOutputs + "parameters: [{key: a, low: -1, high: 1}]\n") ==
        "study.yaml:2:28: parameters[0].low: a bound must be >= 0, got -1");
  CHECK(error_of("[1, 2]\n") == "study.yaml:1:1: expected a map of study keys, got a list");
  CHECK(error_of("method: [morris]\n" + kOutputs + kParameters)
            .starts_with("study.yaml:1:9: method: expected `morris` or `sobol`, got a list"));
}

TEST_CASE("a design point's overrides: values, whole numbers and scaled base values",
          "[sensitivity][design]") {
  const auto base = load_scenario(kData + "/tiny.yaml");
  const auto design = load_sensitivity_design(kData + "/tiny-study.yaml");
  const std::vector<double> values{0.25, 99.6, 0.5};
  const auto overrides = point_overrides(design, values, base);
  REQUIRE(overrides ==
          std::vector<Override>{{"national.lpc.issue_probability", "0.25"},
                                {"national.detention.capacity[0].value", "100"},
                                {"national.detention.capacity[1].value", "100"},
                                {"national.detention.reviews[0].release_probability", "0.1"},
                                {"national.detention.reviews[1].release_probability", "0.15"}});
  StudyParameter missing;
  missing.name = "seats";
  missing.keys = {"countries.AA.flights.seats_per_week"};
  missing.low = 0.5;
  missing.high = 2.0;
  missing.scale = true;
  missing.where = {"study.yaml", 7, 5, "parameters[3]"};
  REQUIRE_THROWS_WITH(parameter_overrides(missing, 1.0, base),
                      "study.yaml:7:5: parameters[3]: `scale: true` multiplies the scenario's "
                      "value of `countries.AA.flights.seats_per_week`, but the scenario does not "
                      "set it");
}

TEST_CASE("a study is checked against its scenario before any run", "[sensitivity][design]") {
  const std::string scenario_file = kData + "/tiny.yaml";
  const auto base = load_scenario(scenario_file);
  const std::vector<std::string> metrics{"removals", "execution_ratio", "oqtf_issued"};
  const auto check = [&](const std::string &yaml) -> std::string {
    try {
      check_design(load_sensitivity_design_from_string(yaml, "study.yaml"), scenario_file, base,
                   metrics);
    } catch (const ScenarioError &error) {
      return error.what();
    }
    return "";
  };
  CHECK(check(kOutputs + kParameters).empty());
  REQUIRE_NOTHROW(check_design(load_sensitivity_design(kData + "/tiny-study.yaml"), scenario_file,
                               base, metrics));
  CHECK(check("outputs: [{metric: removal, country: AA, period: 2024}]\n" + kParameters) ==
        "study.yaml:1:20: outputs[0].metric: unknown metric `removal`; did you mean `removals`?");
  CHECK(check("outputs: [{metric: removals, country: MA, period: 2024}]\n" + kParameters) ==
        "study.yaml:1:39: outputs[0].country: the scenario has no country `MA` (it has AA, BB, "
        "ALL)");
  CHECK(check("outputs: [{metric: removals, period: 2023}]\n" + kParameters) ==
        "study.yaml:1:38: outputs[0].period: the period 2023 is outside the reported months of "
        "the scenario (2024-01 to 2024-12)");
  CHECK(check(kOutputs + "parameters: [{key: warmup_until, low: 0, high: 1}]\n") ==
        "study.yaml:2:14: parameters[0]: `warmup_until` cannot be varied: every design point "
        "must share the scenario's calendar (`start`, `end`, `warmup_until`)");
  CHECK(check(kOutputs + "parameters: [{key: national.lpc.issue_probability, low: 0.5, high: "
                         "1.5}]\n") ==
        "study.yaml:2:14: parameters[0]: the scenario refuses `national.lpc.issue_probability` = "
        "1.5: override:1:33: national.lpc.issue_probability: a probability must be in [0, 1], "
        "got 1.5");
}

TEST_CASE("the shipped France levers file is valid for the France scenario",
          "[sensitivity][design]") {
  const std::string scenario_file = std::string(REMOVALSIM_SCENARIOS_DIR) + "/france.yaml";
  const auto design =
      load_sensitivity_design(std::string(REMOVALSIM_SCENARIOS_DIR) + "/sensitivity/levers.yaml");
  REQUIRE(design.method == StudyMethod::morris);
  REQUIRE(design.parameters.size() >= 7);
  const std::vector<std::string> metrics{"removals", "execution_ratio"};
  REQUIRE_NOTHROW(check_design(design, scenario_file, load_scenario(scenario_file), metrics));
}
