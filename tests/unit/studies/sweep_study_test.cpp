// The sweep study of the studies layer (what `removalsim sweep` runs, without its checkpoint and
// files): the layout of work units, the check of recorded units, and the small sweep of
// tests/cli/data/sweep/tiny-sweep.yaml unit by unit.

#include "removalsim/analysis/sweep_checkpoint.h"
#include "removalsim/studies/sweep.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

using namespace removalsim;

namespace {

const std::string kTinySweep = REMOVALSIM_STUDIES_TEST_DATA_DIR "/sweep/tiny-sweep.yaml";

} // namespace

TEST_CASE("Sweep units cut each point's replications into blocks", "[studies][sweep]") {
  const studies::SweepUnitLayout layout(3, 5, 2); // blocks of 2, 2, 1 per point
  CHECK(layout.units() == 9);
  CHECK(layout.point(0) == 0);
  CHECK(layout.point(2) == 0);
  CHECK(layout.point(3) == 1);
  CHECK(layout.point(8) == 2);
  CHECK(layout.first_replication(4) == 2);
  CHECK(layout.replications(4) == 2);
  CHECK(layout.first_replication(5) == 4);
  CHECK(layout.replications(5) == 1);
}

TEST_CASE("A recorded unit that does not fit the design is refused", "[studies][sweep][errors]") {
  const studies::SweepUnitLayout layout(2, 4, 2);
  CHECK_NOTHROW(studies::check_units_fit({{0, {1, 2, 3, 4}}}, layout, 2, "s.checkpoint"));
  CHECK_THROWS_WITH(
      studies::check_units_fit({{4, {1, 2, 3, 4}}}, layout, 2, "s.checkpoint"),
      "s.checkpoint: damaged checkpoint: unit 4 does not fit the design; run without --resume to "
      "start afresh");
  CHECK_THROWS_AS(studies::check_units_fit({{1, {1, 2, 3}}}, layout, 2, "s.checkpoint"),
                  analysis::CheckpointError);
}

TEST_CASE("A small sweep through the studies API", "[studies][sweep]") {
  const auto study = studies::load_sweep_study(kTinySweep);
  REQUIRE(study.design.points.size() == 3);
  REQUIRE(study.scenarios.size() == 3);
  REQUIRE(study.observables.size() == 3);
  CHECK(study.observables[0].size() == 3);
  REQUIRE(study.layout.units() == 9);
  std::map<std::size_t, analysis::UnitResult> finished;
  for (std::size_t unit = 0; unit < study.layout.units(); ++unit) {
    finished[unit] = studies::simulate_sweep_unit(study, unit);
    CHECK(finished[unit].size() == 2 * 3);
  }
  // A unit is its replications' runs: simulated again, the same values.
  CHECK(studies::simulate_sweep_unit(study, 4) == finished[4]);
  const auto values = studies::sweep_values(study, finished);
  REQUIRE(values.size() == 3);
  for (const auto &point : values) {
    REQUIRE(point.size() == 6);
    CHECK(point.front().size() == 3);
  }
  CHECK(values[1][2] == std::vector<double>(finished[4].begin(), finished[4].begin() + 3));
  CHECK(studies::sweep_point_names(study.design) ==
        std::vector<std::string>{"base", "few-places", "slow-consulates"});
  CHECK(studies::sweep_output_names(study.design).size() == 3);
  const auto json = nlohmann::json::parse(studies::sweep_json(
      study, {.invocation = {.version = "x"}, .design_file = "d.yaml", .units_resumed = 2}));
  CHECK(json["version"] == "x");
  CHECK(json["units"] == 9);
  CHECK(json["units_resumed"] == 2);
  REQUIRE(json["point_scenarios"].size() == 3);
  CHECK(json["point_scenarios"][1]["name"] == "few-places");
  CHECK(json["point_scenarios"][0]["scenario_hash"] != json["point_scenarios"][1]["scenario_hash"]);
}
