#include "removalsim/scenario/free_parameters.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace removalsim::scenario;

namespace {

const std::string kData = REMOVALSIM_CALIBRATION_TEST_DATA_DIR;

FreeParametersFile load(const std::string &yaml) {
  return load_free_parameters_from_string(yaml, "FREE.yaml");
}

/// The message of the error `yaml` raises, as the user sees it.
std::string error_of(const std::string &yaml) {
  try {
    load(yaml);
  } catch (const ScenarioError &error) {
    return error.what();
  }
  return "(no error)";
}

} // namespace

TEST_CASE("A free-parameters file with every setting", "[calibration][free]") {
  const auto free = load("parameters:\n"
                         "  - {key: national.document_share, low: 0.1, high: 0.7}\n"
                         "  - key: national.lpc.issue_probability[1].value\n"
                         "    low: 0.2\n"
                         "    high: 0.9\n"
                         "    prior: {dist: lognormal, mean: 0.5, sd: 0.2}\n"
                         "hold_out: [a, b]\n"
                         "method: abc-smc\n"
                         "replications: 3\n"
                         "starts: 2\n"
                         "max_evaluations: 40\n"
                         "population: 50\n"
                         "generations: 4\n"
                         "seed: 9\n");
  REQUIRE(free.parameters.size() == 2);
  CHECK(free.parameters[0].key == "national.document_share");
  CHECK(free.parameters[0].low == 0.1);
  CHECK(free.parameters[0].high == 0.7);
  CHECK(free.parameters[0].prior.kind == removalsim::engine::Prior::Kind::uniform);
  CHECK(free.parameters[0].key_location.line == 2);
  CHECK(free.parameters[1].prior.kind == removalsim::engine::Prior::Kind::lognormal);
  CHECK(free.parameters[1].prior.mean == 0.5);
  CHECK(free.parameters[1].prior.sd == 0.2);
  CHECK(free.parameters[1].high_location.line == 5);
  CHECK(free.parameters[1].high_location.key_path == "parameters[1].high");
  CHECK(free.hold_out == std::vector<std::string>{"a", "b"});
  CHECK(free.hold_out_locations[1].key_path == "hold_out[1]");
  CHECK(free.method == "abc-smc");
  CHECK(free.replications == 3u);
  CHECK(free.starts == 2u);
  CHECK(free.max_evaluations == 40u);
  CHECK(free.population == 50u);
  CHECK(free.generations == 4u);
  CHECK(free.seed == 9u);

  const auto minimal = load("parameters: [{key: x, low: 0, high: 1}]\n");
  CHECK(minimal.hold_out.empty());
  CHECK_FALSE(minimal.method);
  CHECK_FALSE(minimal.replications);
}

TEST_CASE("An integer free parameter is simulated at its nearest whole number",
          "[calibration][free]") {
  const auto free =
      load("parameters:\n"
           "  - {key: national.detention.capacity, low: 1400, high: 1960, integer: true}\n"
           "  - {key: national.document_share, low: 0.1, high: 0.7, integer: false}\n");
  REQUIRE(free.parameters.size() == 2);
  CHECK(free.parameters[0].integer);
  CHECK_FALSE(free.parameters[1].integer);
  CHECK(removalsim::scenario::simulated_value(free.parameters[0], 1577.5001) == 1578.0);
  CHECK(removalsim::scenario::simulated_value(free.parameters[0], 1577.4) == 1577.0);
  CHECK(removalsim::scenario::simulated_value(free.parameters[1], 0.4321) == 0.4321);
  CHECK_THAT(error_of("parameters: [{key: x, low: 0, high: 1, integer: 2}]\n"),
             Catch::StartsWith("FREE.yaml:1:49: parameters[0].integer: "));
}

TEST_CASE("Every message of a free-parameters file", "[calibration][free][errors]") {
  CHECK(error_of("parameters: []\n") ==
        "FREE.yaml:1:1: parameters: no free parameter: `parameters` needs at least one "
        "`{key: ..., low: ..., high: ...}`");
  CHECK(error_of("parameters: [{key: x, low: 0.5, high: 0.5}]\n") ==
        "FREE.yaml:1:39: parameters[0].high: the upper bound `0.5` must be above the lower bound "
        "`0.5`");
  CHECK(error_of("parameters:\n  - {key: x, low: 0, high: 1}\n  - {key: x, low: 0, high: 2}\n") ==
        "FREE.yaml:3:11: parameters[1].key: free parameter `x` already listed at line 2");
  CHECK(error_of("parameters: [{key: x, low: 0, high: 1, prior: {dist: normall, mean: 1, sd: "
                 "1}}]\n") ==
        "FREE.yaml:1:54: parameters[0].prior.dist: unknown prior `normall`; did you mean "
        "`normal`? (priors: uniform, normal, lognormal)");
  CHECK(error_of("parameters: [{key: x, low: 0, high: 1, prior: {dist: normal, mean: 1, sd: "
                 "0}}]\n") ==
        "FREE.yaml:1:75: parameters[0].prior.sd: the prior's sd must be > 0, got `0`");
  CHECK(error_of("parameters: [{key: x, low: 0, high: 1, prior: {dist: lognormal, mean: 0, sd: "
                 "1}}]\n") ==
        "FREE.yaml:1:71: parameters[0].prior.mean: the prior's mean must be > 0, got `0`");
  CHECK(error_of("parameters: [{key: x, low: 0, high: 1}]\nmethod: smn\n") ==
        "FREE.yaml:2:9: method: unknown method `smn`; did you mean `smm`? (methods: smm, "
        "abc-smc)");
  CHECK(error_of("parameters: [{key: x, low: 0, high: 1}]\nreplications: 1\n") ==
        "FREE.yaml:2:15: replications: replications must be at least 2, got `1`");
  CHECK(error_of("parameters: [{key: x, low: 0, high: 1}]\nhold_out: [a, a]\n") ==
        "FREE.yaml:2:15: hold_out[1]: target `a` is held out twice");
  // Messages shared with scenario files: unknown keys, types, missing keys, negative numbers.
  CHECK(error_of("parameters: [{key: x, low: 0, high: 1}]\nhold_outs: [a]\n") ==
        "FREE.yaml:2:1: hold_outs: unknown key `hold_outs`; did you mean `hold_out`?");
  CHECK(error_of("parameters: [{key: x, high: 1}]\n").find("missing") != std::string::npos);
  CHECK(error_of("parameters: [{key: x, low: -1, high: 1}]\n").find("parameters[0].low") !=
        std::string::npos);
  CHECK(error_of("parameters: {key: x}\n").find("a list of free parameters") != std::string::npos);
}

TEST_CASE("Held-out ids must name targets, and leave one to fit", "[calibration][free][errors]") {
  std::vector<Target> targets(2);
  targets[0].id = "ma_removals_2024";
  targets[1].id = "fr_oqtf_2024";
  const auto typo = load("parameters: [{key: x, low: 0, high: 1}]\nhold_out: [ma_removal_2024]\n");
  try {
    check_hold_out(typo, targets, "targets.yaml");
    FAIL("no error");
  } catch (const ScenarioError &error) {
    CHECK(std::string(error.what()) ==
          "FREE.yaml:2:12: hold_out[0]: no target `ma_removal_2024` in targets.yaml; did you "
          "mean `ma_removals_2024`?");
  }
  const auto all = load("parameters: [{key: x, low: 0, high: 1}]\n"
                        "hold_out: [ma_removals_2024, fr_oqtf_2024]\n");
  try {
    check_hold_out(all, targets, "targets.yaml");
    FAIL("no error");
  } catch (const ScenarioError &error) {
    CHECK(std::string(error.what()) ==
          "FREE.yaml:2:12: hold_out: all 2 targets are held out: nothing is left to fit");
  }
  CHECK_NOTHROW(check_hold_out(load("parameters: [{key: x, low: 0, high: 1}]\n"
                                    "hold_out: [fr_oqtf_2024]\n"),
                               targets, "targets.yaml"));
}
