// The what-if study (what `removalsim diff` and the Python package's `diff` run): paired
// replications with common random numbers, and the refusal of scenarios that cannot be paired.

#include "removalsim/engine/stop_flag.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/whatif_difference.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace removalsim;

namespace {

const std::string kData = REMOVALSIM_STUDIES_TEST_DATA_DIR;

const analysis::PairedDifferenceRow &row_of(const std::vector<analysis::PairedDifferenceRow> &rows,
                                            const std::string &country, const std::string &metric) {
  for (const auto &row : rows) {
    if (row.country == country && row.metric == metric) {
      return row;
    }
  }
  FAIL("no row " << country << ' ' << metric);
  return rows.front();
}

} // namespace

TEST_CASE("A scenario against itself differs by exactly nothing", "[studies][diff]") {
  const auto base = scenario::load_scenario(kData + "/tiny.yaml");
  const auto rows = studies::whatif_differences(base, base, 3, 1, 2);
  REQUIRE_FALSE(rows.empty());
  for (const auto &row : rows) {
    if (!std::isnan(row.difference.mean)) {
      CHECK(row.difference.mean == 0.0);
    }
  }
}

TEST_CASE("Consulates issuing more LPCs raise the LPCs issued", "[studies][diff]") {
  const auto base = scenario::load_scenario(kData + "/tiny.yaml");
  const auto whatif = scenario::load_scenario(kData + "/tiny-whatif.yaml");
  const auto rows = studies::whatif_differences(base, whatif, 3, 1, 2);
  const auto &issued = row_of(rows, "ALL", "lpc_issued");
  CHECK(issued.difference.mean > 0.0);
  CHECK(issued.difference.mean == Approx(issued.whatif.mean - issued.base.mean));
  // The same what-if set in memory is the same scenario: the same differences.
  auto in_memory = base;
  in_memory.set("national.lpc.issue_probability", 0.7);
  const auto rows_in_memory = studies::whatif_differences(base, in_memory, 3, 1, 1);
  CHECK(row_of(rows_in_memory, "ALL", "lpc_issued").difference.mean == issued.difference.mean);
}

TEST_CASE("Scenarios with other countries cannot be paired", "[studies][diff][errors]") {
  const auto base = scenario::load_scenario(kData + "/tiny.yaml");
  const auto other = scenario::load_scenario(kData + "/tiny-three-countries.yaml");
  CHECK_THROWS_AS(studies::whatif_differences(base, other, 2, 1, 1), scenario::ScenarioError);
}

TEST_CASE("A what-if stopped before it starts returns nothing", "[studies][diff]") {
  const auto base = scenario::load_scenario(kData + "/tiny.yaml");
  const engine::StopFlag stop{true};
  CHECK_THROWS_AS(studies::whatif_differences(base, base, 2, 1, 1, {}, &stop), engine::Stopped);
}
