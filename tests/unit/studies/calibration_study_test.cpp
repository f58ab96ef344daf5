// The calibration study of the studies layer (what `removalsim calibrate` runs): the precedence of
// its settings, the checks of the free parameters against the scenario, the targets it fits, and
// one small SMM calibration of tests/cli/data/tiny.yaml end to end.

#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/number_text.h"
#include "removalsim/scenario/free_parameters.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/calibration.h"
#include "removalsim/studies/scenario_simulator.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

using namespace removalsim;
namespace cal = removalsim::analysis::calibration;

namespace {

const std::string kData = REMOVALSIM_STUDIES_TEST_DATA_DIR;
const std::string kTiny = kData + "/tiny.yaml";
const std::string kTinyTargets = kData + "/tiny-targets.yaml";

scenario::FreeParametersFile free_file(const std::string &yaml) {
  return scenario::load_free_parameters_from_string(yaml, "FREE.yaml");
}

/// The message `check_free_parameters` gives for `yaml` on tiny.yaml, as the user sees it.
std::string check_error(const std::string &yaml) {
  try {
    studies::check_free_parameters(kTiny, free_file(yaml).parameters);
  } catch (const scenario::ScenarioError &error) {
    return error.what();
  }
  return "(no error)";
}

/// A small SMM calibration of tiny.yaml against tiny-targets.yaml: 2 design points, one start of
/// at most `max_evaluations`, 2 replications. Not movable: the simulator refers to the problem.
struct SmallSmm {
  SmallSmm(const std::string &free_yaml, std::size_t max_evaluations)
      : free(free_file(free_yaml)),
        settings(studies::resolve_calibration_settings(choices(max_evaluations), free)),
        problem(studies::prepare_calibration(scenario::load_scenario(kTiny), kTiny, kTinyTargets,
                                             free, "FREE.yaml")),
        simulator(problem.base, problem.free, problem.observables,
                  std::make_shared<analysis::ThreadExecutor>(1u)) {}
  SmallSmm(const SmallSmm &) = delete;
  SmallSmm &operator=(const SmallSmm &) = delete;

  static studies::CalibrationChoices choices(std::size_t max_evaluations) {
    studies::CalibrationChoices choices;
    choices.replications = 2;
    choices.starts = 1;
    choices.max_evaluations = max_evaluations;
    choices.design_points = 2;
    return choices;
  }

  studies::CalibrationOutcome run() const {
    return studies::run_calibration(problem, settings, simulator);
  }

  scenario::FreeParametersFile free;
  studies::CalibrationSettings settings;
  studies::CalibrationProblem problem;
  studies::ScenarioSimulator simulator;
};

const std::string kTwoParameters =
    "parameters:\n"
    "  - {key: national.apprehension.rate_per_year, low: 0.5, "
    "high: 3}\n"
    "  - {key: national.lpc.issue_probability, low: 0.2, high: 0.9}\n";

} // namespace

TEST_CASE("Calibration settings: the caller's, else the free file's, else the method's defaults",
          "[studies][calibration]") {
  const cal::SmmOptions smm_defaults;
  const cal::AbcOptions abc_defaults;

  SECTION("nothing given: SMM with its defaults") {
    const auto s = studies::resolve_calibration_settings({}, free_file(kTwoParameters));
    CHECK(s.method == "smm");
    CHECK_FALSE(s.abc);
    CHECK(s.replications == smm_defaults.replications);
    CHECK(s.seed == smm_defaults.seed);
    CHECK(s.smm.starts == smm_defaults.starts);
    CHECK(s.smm.max_evaluations == smm_defaults.max_evaluations);
    CHECK(s.smm.optimiser == smm_defaults.optimiser);
    CHECK(s.smm.fresh_seed == s.seed + 1);
  }
  SECTION("the free file's settings") {
    const auto free = free_file(kTwoParameters + "method: abc-smc\nreplications: 3\nseed: 42\n"
                                                 "population: 50\ngenerations: 4\n");
    const auto s = studies::resolve_calibration_settings({}, free);
    CHECK(s.method == "abc-smc");
    CHECK(s.abc);
    CHECK(s.replications == 3);
    CHECK(s.seed == 42);
    CHECK(s.abc_options.replications == 3);
    CHECK(s.abc_options.population_size == 50);
    CHECK(s.abc_options.max_generations == 4);
    CHECK(s.abc_options.seed == 42);
  }
  SECTION("ABC-SMC's own defaults when the free file says nothing") {
    studies::CalibrationChoices choices;
    choices.method = "abc-smc";
    const auto s = studies::resolve_calibration_settings(choices, free_file(kTwoParameters));
    CHECK(s.replications == abc_defaults.replications);
    CHECK(s.seed == abc_defaults.seed);
    CHECK(s.abc_options.population_size == abc_defaults.population_size);
    CHECK(s.abc_options.max_generations == abc_defaults.max_generations);
  }
  SECTION("the caller's choices override the free file's") {
    const auto free = free_file(kTwoParameters + "method: abc-smc\nreplications: 3\nseed: 42\n"
                                                 "starts: 5\nmax_evaluations: 60\n");
    studies::CalibrationChoices choices;
    choices.method = "smm";
    choices.replications = 6;
    choices.seed = 7;
    choices.starts = 2;
    choices.max_evaluations = 30;
    choices.design_points = 11;
    choices.optimiser = "sbplx";
    const auto s = studies::resolve_calibration_settings(choices, free);
    CHECK(s.method == "smm");
    CHECK(s.replications == 6);
    CHECK(s.seed == 7);
    CHECK(s.smm.replications == 6);
    CHECK(s.smm.starts == 2);
    CHECK(s.smm.max_evaluations == 30);
    CHECK(s.smm.design_points == 11);
    CHECK(s.smm.optimiser == cal::LocalOptimiser::sbplx);
    CHECK(s.smm.seed == 7);
    CHECK(s.smm.fresh_seed == 8);
  }
  SECTION("a seed of 0 given by the caller is a choice") {
    studies::CalibrationChoices choices;
    choices.seed = 0;
    const auto s =
        studies::resolve_calibration_settings(choices, free_file(kTwoParameters + "seed: 42\n"));
    CHECK(s.seed == 0);
  }
}

TEST_CASE("Free parameters the scenario refuses are reported at the free file's line",
          "[studies][calibration][errors]") {
  CHECK(check_error(kTwoParameters) == "(no error)");
  // A bound the key refuses blames that bound.
  const std::string high =
      check_error("parameters:\n  - {key: national.lpc.issue_probability, low: 0.2, high: 1.5}\n");
  CHECK_THAT(high, Catch::StartsWith("FREE.yaml:2:59: parameters[0].high: "));
  CHECK_THAT(high, Catch::Contains("the scenario refuses `national.lpc.issue_probability` = "
                                   "`1.5`"));
  // A whole-number key refuses a fractional low bound (blamed), and a point in between (the key).
  const std::string low =
      check_error("parameters:\n  - {key: countries.AA.initial_at_large, low: 10.5, high: 60}\n");
  CHECK_THAT(low, Catch::StartsWith("FREE.yaml:2:47: parameters[0].low: "));
  CHECK_THAT(low, Catch::Contains("the scenario refuses `countries.AA.initial_at_large` = `10.5`"));
  const std::string between =
      check_error("parameters:\n  - {key: countries.AA.initial_at_large, low: 10, high: 60}\n");
  CHECK_THAT(between, Catch::StartsWith("FREE.yaml:2:11: parameters[0].key: "));
  CHECK_THAT(between,
             Catch::Contains("the scenario refuses `countries.AA.initial_at_large` = `25."));
  // Declared `integer: true`, the same key is fitted at whole numbers, and written as such.
  const std::string integer = "parameters:\n  - {key: countries.AA.initial_at_large, low: 10, "
                              "high: 60, integer: true}\n";
  CHECK(check_error(integer) == "(no error)");
  const auto overrides = studies::overrides_of(free_file(integer).parameters, std::vector{25.7});
  REQUIRE(overrides.size() == 1);
  CHECK(overrides[0].value == "26");
  // An unknown key blames the key, on the second parameter's line.
  const std::string unknown =
      check_error(kTwoParameters + "  - {key: national.no_such_key, low: 0, high: 1}\n");
  CHECK_THAT(unknown, Catch::StartsWith("FREE.yaml:4:11: parameters[2].key: "));
  CHECK_THAT(unknown, Catch::Contains("the scenario refuses `national.no_such_key` = `0`: unknown "
                                      "key `no_such_key`"));
}

TEST_CASE("Calibration targets: held-out ids, the prior mapping, the overrides' text",
          "[studies][calibration]") {
  const auto free = free_file(
      "parameters:\n"
      "  - {key: national.lpc.issue_probability, low: 0.2, high: 0.9, prior: {dist: normal, "
      "mean: 0.5, sd: 0.1}}\n"
      "  - {key: national.apprehension.rate_per_year, low: 0.5, high: 3}\n"
      "hold_out: [all_lpc_rate_2023]\n");
  const auto problem = studies::prepare_calibration(scenario::load_scenario(kTiny), kTiny,
                                                    kTinyTargets, free, "FREE.yaml");
  REQUIRE(problem.free.size() == 2);
  CHECK(problem.free[0].key == "national.lpc.issue_probability");
  CHECK(problem.free[1].key == "national.apprehension.rate_per_year");
  REQUIRE(problem.targets.size() == problem.observables.size());
  for (const auto &t : problem.targets) {
    CHECK(t.held_out == (t.id == "all_lpc_rate_2023"));
  }
  CHECK(problem.space[0].prior.kind == cal::Prior::Kind::normal);
  CHECK(problem.space[0].prior.mean == 0.5);
  CHECK(problem.space[1].prior.kind == cal::Prior::Kind::uniform);
  const auto overrides = studies::overrides_of(free.parameters, std::vector<double>{0.1, 1.0 / 3});
  REQUIRE(overrides.size() == 2);
  CHECK(overrides[0].value == "0.1");
  CHECK(overrides[1].value == "0.3333333333333333");

  // A targets file none of whose targets the run reports: nothing to fit, and said so.
  const auto outside = std::filesystem::temp_directory_path() / "removalsim-outside-targets.yaml";
  std::ofstream(outside) << "targets:\n  - {id: old, metric: oqtf_issued, country: AA, period: "
                            "2022, value: 1, source: s, definition: d}\n";
  CHECK_THROWS_WITH(studies::prepare_calibration(
                        scenario::load_scenario(kTiny), kTiny, outside.string(),
                        free_file("parameters:\n  - {key: national.lpc.issue_probability, low: "
                                  "0.2, high: 0.9}\n"),
                        "FREE.yaml"),
                    Catch::Contains("no target lies in the months the scenario reports "
                                    "(2023-01..2023-12): nothing to fit"));
  std::filesystem::remove(outside);
}

TEST_CASE("SMM starts may come from the scenario's values, its country keys inheriting national "
          "ones",
          "[studies][calibration][smm]") {
  // BB sets no apprehension rate: it inherits the national 1.5, clamped into the bounds [0.5, 1].
  const SmallSmm calibration("parameters:\n"
                             "  - {key: national.lpc.issue_probability, low: 0.2, high: 0.9}\n"
                             "  - {key: countries.BB.apprehension.rate_per_year, low: 0.5, "
                             "high: 1}\n",
                             4);
  const auto outcome = calibration.run();
  REQUIRE(outcome.smm);
  CHECK(outcome.smm->design.back() == std::vector<double>{0.5, 1.0});
}

TEST_CASE("SMM may take its start candidate from another scenario (an earlier fit)",
          "[studies][calibration][smm]") {
  SmallSmm calibration(
      "parameters:\n  - {key: national.lpc.issue_probability, low: 0.2, high: 0.9}\n", 4);
  calibration.problem.start = scenario::load_scenario_from_string(
      "extends: " + kTiny + "\nnational: {lpc: {issue_probability: 0.7}}\n", "earlier-fit.yaml");
  const auto outcome = calibration.run();
  REQUIRE(outcome.smm);
  CHECK(outcome.smm->design.back() == std::vector<double>{0.7});
}

TEST_CASE("A small SMM calibration through the studies API", "[studies][calibration][smm]") {
  const SmallSmm calibration(
      "parameters:\n  - {key: national.lpc.issue_probability, low: 0.2, high: 0.9}\n", 6);
  const auto &problem = calibration.problem;
  const auto &free = calibration.free;
  const auto outcome = calibration.run();
  REQUIRE(outcome.smm);
  CHECK_FALSE(outcome.abc);
  CHECK_FALSE(outcome.interrupted);
  REQUIRE(outcome.estimate.size() == 1);
  CHECK(outcome.estimate[0] >= 0.2);
  CHECK(outcome.estimate[0] <= 0.9);
  CHECK(outcome.fit.size() == problem.targets.size());
  CHECK(outcome.parameters.rows.size() == 1);
  CHECK_THAT(outcome.parameters.rows[0], Catch::StartsWith("national.lpc.issue_probability"));
  // The scenario's own value (0.5) is simulated with the design, a start candidate like its points.
  CHECK(outcome.summary.front().starts_with("Global design: 2 Sobol points and the scenario's "
                                            "values (Q = "));
  REQUIRE(outcome.smm->design.size() == 3);
  CHECK(outcome.smm->design.back() == std::vector<double>{0.5});
  CHECK(outcome.smm->initial_guess_objective == outcome.smm->design_objectives.back());
  CHECK(outcome.summary.back().starts_with("Objective Q = "));
  // The same settings give the same estimate (the study is deterministic in its seed).
  CHECK(calibration.run().estimate == outcome.estimate);
  // The calibrated scenario sets the estimate, under the given preamble and the summary.
  const std::string text = studies::calibrated_scenario_text(
      kTiny, kData + "/calibrated.yaml", free.parameters, outcome, "First line\n");
  CHECK(text.find("First line") != std::string::npos);
  CHECK(text.find("Fit on fresh replications:") != std::string::npos);
  CHECK(text.find(removalsim::engine::shortest_text(outcome.estimate[0])) != std::string::npos);
}
