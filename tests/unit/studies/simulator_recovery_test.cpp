// Calibration of the real simulator (issue 14's recovery test): the reference France (at a tenth
// of its size, tests/data/calibration/france-tenth.yaml) is simulated at known parameter
// values on seeds the fit never uses; its outputs are the targets; SMM started from the centre of
// the bounds, far from the truth, must find every parameter whose relative standard error is
// below 50 % within two standard errors of the truth. The simulator is the one `removalsim
// calibrate` uses (studies::ScenarioSimulator: values set on the loaded scenario).

#include "removalsim/analysis/calibration/smm.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/period.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/scenario_simulator.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

using namespace removalsim;
using namespace removalsim::analysis::calibration;

namespace {

const std::string kFrance = REMOVALSIM_CALIBRATION_TEST_DATA_DIR "/france-tenth.yaml";

const std::vector<std::string> kKeys{
    "national.lpc.issue_probability", "national.apprehension.rate_per_year",
    "national.house_arrest.share", "national.detention.reviews[0].value[0].release_probability"};

std::vector<scenario::FreeParameterSpec> free_parameters() {
  std::vector<scenario::FreeParameterSpec> free;
  for (const auto &key : kKeys) {
    scenario::FreeParameterSpec parameter;
    parameter.key = key;
    free.push_back(parameter);
  }
  return free;
}

const std::vector<FreeParameter> kBounds{{kKeys[0], 0.1, 0.9, {}},
                                         {kKeys[1], 0.05, 0.5, {}},
                                         {kKeys[2], 0.0, 0.6, {}},
                                         {kKeys[3], 0.05, 0.6, {}}};
// Away from the file's values and from the centre of the bounds (0.5, 0.275, 0.3, 0.325).
const std::vector<double> kTruth{0.3, 0.2, 0.45, 0.15};

analysis::Observable national(const char *metric, const char *period) {
  return {metric, {"ALL"}, *engine::parse_period(period), std::nullopt};
}

const std::vector<analysis::Observable> kObservables{
    national("lpc_issue_rate", "2024"),
    national("removals", "2024"),
    national("detention_entries", "2024"),
    national("house_arrest_entries", "2024"),
    national("apprehensions", "2024"),
    national("released_by_judge_share_of_unremoved", "2024-01..2024-06"),
    national("detention_removal_rate", "2024")};

} // namespace

TEST_CASE("SMM recovers known parameters of the France scenario", "[calibration][smm][simulator]") {
  const studies::ScenarioSimulator simulate(scenario::load_scenario(kFrance), free_parameters(),
                                            kObservables,
                                            std::make_shared<analysis::ThreadExecutor>(0u));
  // The observed figures: the mean of 8 replications of seed 99 at the truth.
  const auto observed = mean_moments(simulate({SimulationRequest{kTruth, 99, 0, 8}}).front());
  std::vector<Target> targets;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    REQUIRE(std::isfinite(observed[i]));
    targets.push_back(Target{kObservables[i].metric, observed[i], {}, 1.0, false, 0.1});
  }
  SmmOptions options;
  options.design_points = 1; // the centre of the box: a distant start
  options.starts = 1;
  options.replications = 4;
  options.max_evaluations = 80;
  options.polish_evaluations = 30;
  const auto result = calibrate_smm(ParameterSpace(kBounds), targets, simulate, options);
  REQUIRE(result.errors);
  const std::vector<double> centre{0.5, 0.275, 0.3, 0.325};
  for (std::size_t j = 0; j < centre.size(); ++j) {
    REQUIRE(result.starts.front().start[j] == Approx(centre[j]));
  }
  std::size_t pinned = 0;
  for (std::size_t j = 0; j < kKeys.size(); ++j) {
    const double se = result.errors->standard_errors[j];
    INFO(kKeys[j] << ": truth " << kTruth[j] << ", estimate " << result.estimate[j] << " ± " << se);
    if (se < 0.5 * std::abs(result.estimate[j])) {
      ++pinned;
      CHECK(std::abs(result.estimate[j] - kTruth[j]) < 2.0 * se);
    }
  }
  // The observables were chosen to see every parameter: a test where none is pinned down could
  // not fail.
  CHECK(pinned == kKeys.size());
}
