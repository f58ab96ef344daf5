// The sensitivity study of the studies layer (what `removalsim sensitivity` runs): the caller's
// choices over the study file's, the plan of design points, and a small Morris screening of
// tests/data/sensitivity/tiny.yaml end to end, whose result does not depend on the threads.

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/unit_executor.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/sensitivity_design.h"
#include "removalsim/studies/sensitivity.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace removalsim;

namespace {

const std::string kData = REMOVALSIM_SENSITIVITY_DATA_DIR;
const std::string kTiny = kData + "/tiny.yaml";
const std::string kStudy = kData + "/tiny-study.yaml";

} // namespace

TEST_CASE("Sensitivity choices override the study file's", "[studies][sensitivity]") {
  auto design = scenario::load_sensitivity_design(kStudy);
  REQUIRE(design.method == scenario::StudyMethod::morris);
  REQUIRE(design.outputs.size() == 2);
  studies::apply_sensitivity_choices(design, {});
  CHECK(design.replications == 2);
  CHECK(design.trajectories == 4);
  studies::apply_sensitivity_choices(design, {.method = "sobol",
                                              .replications = 3,
                                              .trajectories = 6,
                                              .samples = 8,
                                              .metric = "removals"});
  CHECK(design.method == scenario::StudyMethod::sobol);
  CHECK(design.replications == 3);
  CHECK(design.trajectories == 6);
  CHECK(design.base_samples == 8);
  // Both outputs are on 2024 but on different countries: both stay, measuring removals.
  REQUIRE(design.outputs.size() == 2);
  CHECK(design.outputs[0].metric == "removals");
  CHECK(design.outputs[1].metric == "removals");
  CHECK(studies::sensitivity_csv_name(design.outputs[0], 0) == "sensitivity.csv");
  CHECK(studies::sensitivity_csv_name(design.outputs[1], 1) == "sensitivity-removals-ALL-2024.csv");
}

TEST_CASE("A small Morris screening through the studies API", "[studies][sensitivity]") {
  const auto base = scenario::load_scenario(kTiny);
  auto design = scenario::load_sensitivity_design(kStudy);
  scenario::check_design(design, kTiny, base, analysis::metric_names());
  const auto plan = studies::plan_sensitivity(design, base);
  REQUIRE(plan.morris);
  REQUIRE(plan.factors.size() == 3);
  REQUIRE(plan.points.size() == 4 * (3 + 1));
  CHECK(plan.runs(design.replications) == 32);
  for (const auto &point : plan.points) {
    CHECK(point[0] >= 0.1);
    CHECK(point[0] <= 0.9);
  }
  std::size_t checked = 0;
  analysis::ThreadExecutor one(1u);
  const auto values = studies::simulate_sensitivity(design, plan, kTiny, base, one,
                                                    [&](const model::Scenario &) { ++checked; });
  CHECK(checked == plan.points.size());
  REQUIRE(values.size() == plan.points.size());
  CHECK(values.front().size() == design.replications);
  CHECK(values.front().front().size() == design.outputs.size());
  analysis::ThreadExecutor two(2u);
  CHECK(studies::simulate_sensitivity(design, plan, kTiny, base, two) == values);

  const auto results = studies::analyse_sensitivity(design, plan, values);
  REQUIRE(results.size() == design.outputs.size());
  CHECK(results[0].rows.size() == 3 * 3); // mu, mu_star, sigma per parameter
  const std::string points = studies::sensitivity_points_csv(design, plan, results);
  CHECK(points.starts_with("point,lpc_issue,places,judges,\"removals AA 2024\","));
  const auto json = nlohmann::json::parse(studies::sensitivity_json(
      base, design, plan, results, {.scenario_file = "s.yaml", .params_file = "p.yaml"}));
  CHECK(json["scenario"] == "s.yaml");
  CHECK(json["method"] == "morris");
  CHECK(json["design_points"] == 16);
  CHECK(json["outputs"][0]["file"] == "sensitivity.csv");
}

TEST_CASE("points.csv quotes a parameter name holding a comma or a quote",
          "[studies][sensitivity]") {
  const auto base = scenario::load_scenario(kTiny);
  auto design = scenario::load_sensitivity_design(kStudy);
  design.parameters[0].name = "issue, \"LPC\"";
  const auto plan = studies::plan_sensitivity(design, base);
  const std::string points = studies::sensitivity_points_csv(design, plan, {});
  CHECK(points.starts_with("point,\"issue, \"\"LPC\"\"\",places,judges,\"removals AA 2024\","));
}
