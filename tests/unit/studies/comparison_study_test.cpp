// The comparison study (what `removalsim compare` and the Python package's `compare` run, without
// the table): targets bound to a scenario, each replication reduced to the targets' values, the
// comparison and its CSV file.

#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/period.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/comparison_study.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace removalsim;

namespace {

const std::string kData = REMOVALSIM_STUDIES_TEST_DATA_DIR;

} // namespace

TEST_CASE("A scenario compared with its targets", "[studies][compare]") {
  const auto loaded = scenario::load_scenario(kData + "/tiny.yaml");
  const auto study = studies::load_comparison_study(loaded.scenario, kData + "/tiny-targets.yaml");
  REQUIRE(study.observables.size() == study.targets.size());
  REQUIRE(study.targets[0].id == "aa_orders_2023");

  analysis::ThreadExecutor executor(2);
  const auto values = studies::simulate_targets(loaded.scenario, study, 3, 7, executor);
  REQUIRE(values.size() == 3);
  REQUIRE(values[0].size() == study.targets.size());
  // Replication r uses the streams of (seed, r), whatever the executor (the orders of the first
  // target; a target outside the reported months is NaN, which equals nothing).
  analysis::ThreadExecutor one_thread(1);
  const auto again = studies::simulate_targets(loaded.scenario, study, 3, 7, one_thread);
  for (std::size_t r = 0; r < 3; ++r) {
    CHECK(again[r][0] == values[r][0]);
  }

  const auto comparisons = studies::compare_with_targets(study, values);
  REQUIRE(comparisons.size() == study.targets.size());
  CHECK(comparisons[0].reported == 2000.0);
  CHECK(comparisons[0].values == std::vector<double>{values[0][0], values[1][0], values[2][0]});
  // The scenario issues 2,000 orders a year to AA: well within the target's 5 %.
  CHECK(comparisons[0].within_tolerance);
  // The LPC issue rate is about 0.5 against a reported 0.9.
  CHECK_FALSE(comparisons[1].within_tolerance);

  std::ostringstream csv;
  studies::write_comparison_csv(csv, study.targets, comparisons);
  const std::string text = csv.str();
  CHECK(text.rfind("id,metric,country,period,reported,sim_mean,ci_low,ci_high,rel_error,inside,"
                   "tolerance,within_tolerance\naa_orders_2023,oqtf_issued,AA,2023,2000,",
                   0) == 0);
  CHECK(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) ==
        study.targets.size() + 1);
}

TEST_CASE("The headline targets a scenario names, against the runs of `run`",
          "[studies][compare][headline]") {
  const auto loaded = scenario::load_scenario(kData + "/tiny-with-targets.yaml");
  REQUIRE(loaded.targets_file == kData + "/tiny-targets.yaml");
  const auto study = studies::load_comparison_study(loaded.scenario, loaded.targets_file);
  const auto headlines = studies::headline_study(study);
  REQUIRE(headlines.targets.size() == 2);
  CHECK(headlines.targets[0].id == "aa_orders_2023");
  CHECK(headlines.targets[1].id == "all_lpc_rate_2023");
  REQUIRE(headlines.observables.size() == 2);

  const std::vector<model::RunResult> results{model::simulate(loaded.scenario, 7, 0),
                                              model::simulate(loaded.scenario, 7, 1)};
  const auto comparisons = studies::compare_with_results(headlines, results);
  REQUIRE(comparisons.size() == 2);
  // The same values as a comparison study reducing each run to its targets.
  analysis::ThreadExecutor executor(1);
  const auto values = studies::simulate_targets(loaded.scenario, headlines, 2, 7, executor);
  CHECK(comparisons[0].values == std::vector<double>{values[0][0], values[1][0]});
  CHECK(comparisons[0].within_tolerance);
  CHECK_FALSE(comparisons[1].within_tolerance);
}

TEST_CASE("A misspelt metric in the targets is refused with its suggestion",
          "[studies][compare][errors]") {
  const auto loaded = scenario::load_scenario(kData + "/tiny.yaml");
  try {
    studies::load_comparison_study(loaded.scenario, kData + "/bad-targets.yaml");
    FAIL("no error");
  } catch (const scenario::ScenarioError &error) {
    CHECK(error.line() == 5);
    CHECK(error.suggestion() == "removals");
  }
}

TEST_CASE("A target without a value in any replication (0/0) is neither inside nor outside",
          "[studies][compare]") {
  scenario::Target target;
  target.id = "empty_ratio";
  target.metric = "detention_removal_rate";
  target.countries = {"AA"};
  target.period = *engine::parse_period("2023");
  const std::vector<double> undefined(3, std::numeric_limits<double>::quiet_NaN());
  const auto comparison = analysis::compare_target(undefined, 0.5, true, 0.1);
  REQUIRE(comparison.interval.n == 0);
  std::ostringstream csv;
  studies::write_comparison_csv(csv, {target}, {comparison});
  CHECK_THAT(csv.str(), Catch::EndsWith(",NA,0.1,false\n"));
}
