#include "comparison_table.h"

#include "removalsim/engine/period.h"

#include <catch2/catch.hpp>

using namespace removalsim;

TEST_CASE("A target not simulated says whether it falls in the warm-up or outside the run") {
  model::Scenario scenario;
  scenario.start = {2019, 1, 1};
  scenario.warmup_until = {2022, 1, 1};
  scenario.end = {2025, 12, 31};
  scenario::Target target;
  target.period = *engine::parse_period("2021");
  CHECK(cli::unsimulated_reason(target, scenario) == "in the warm-up");
  target.period = *engine::parse_period("2018");
  CHECK(cli::unsimulated_reason(target, scenario) == "outside the run");
  target.period = *engine::parse_period("2026");
  CHECK(cli::unsimulated_reason(target, scenario) == "outside the run");
  // A ratio whose base period lies in the warm-up.
  target.period = *engine::parse_period("2022");
  target.base_period = engine::parse_period("2021");
  CHECK(cli::unsimulated_reason(target, scenario) == "in the warm-up");
  CHECK(cli::reported_months(scenario) == "2022-01..2025-12");
}
