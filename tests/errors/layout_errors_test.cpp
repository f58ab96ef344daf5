// Errors about two scenarios compared replication by replication (`removalsim diff`).
#include "error_check.h"

#include "removalsim/scenario/layout.h"

#include <stdexcept>
#include <string>

using error_check::check;
using removalsim::scenario::check_same_layout;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::ScenarioError;

namespace {

const std::string kBase = "start: 2019-01-01\n"
                          "end: 2025-12-31\n"
                          "warmup_until: 2022-01-01\n"
                          "countries:\n"
                          "  MA: {oqtf_per_year: 9500}\n"
                          "  DZ: {oqtf_per_year: 27295}\n";

ScenarioError layout_error(const std::string &whatif) {
  const auto base = load_scenario_from_string(kBase, "base.yaml");
  try {
    check_same_layout(base, load_scenario_from_string(whatif, "whatif.yaml"));
  } catch (const ScenarioError &error) {
    return error;
  }
  FAIL("the scenarios were accepted as a pair");
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("layout: a scenario pairs with itself and with one that changes parameters only",
          "[errors][layout]") {
  const auto base = load_scenario_from_string(kBase, "base.yaml");
  REQUIRE_NOTHROW(check_same_layout(base, base));
  // The same countries in another order pair too (countries are matched by code).
  REQUIRE_NOTHROW(
      check_same_layout(base, load_scenario_from_string("start: 2019-01-01\n"
                                                        "end: 2025-12-31\n"
                                                        "warmup_until: 2022-01-01\n"
                                                        "national: {voluntary_share: 0.1}\n"
                                                        "countries:\n"
                                                        "  DZ: {oqtf_per_year: 1}\n"
                                                        "  MA: {oqtf_per_year: 2}\n",
                                                        "whatif.yaml")));
}

TEST_CASE("layout error: a different calendar", "[errors][layout]") {
  check(layout_error("start: 2020-01-01\n"
                     "end: 2025-12-31\n"
                     "warmup_until: 2022-01-01\n"
                     "countries: {MA: {oqtf_per_year: 9500}, DZ: {oqtf_per_year: 1}}\n"),
        "whatif.yaml", 1, 8, "start",
        "`start` is 2020-01-01 here but 2019-01-01 in the base scenario base.yaml: a paired "
        "comparison needs the same `start`, `end` and `warmup_until`");
  // A default (not written) is named without a line.
  check(layout_error("start: 2019-01-01\n"
                     "end: 2025-12-31\n"
                     "countries: {MA: {oqtf_per_year: 9500}, DZ: {oqtf_per_year: 1}}\n"),
        "whatif.yaml", 0, 0, "warmup_until",
        "`warmup_until` is 2019-01-01 here but 2022-01-01 in the base scenario base.yaml: a "
        "paired comparison needs the same `start`, `end` and `warmup_until`");
}

TEST_CASE("layout error: different countries", "[errors][layout]") {
  check(layout_error("start: 2019-01-01\n"
                     "end: 2025-12-31\n"
                     "warmup_until: 2022-01-01\n"
                     "countries:\n"
                     "  MA: {oqtf_per_year: 9500}\n"
                     "  TN: {oqtf_per_year: 10265}\n"),
        "whatif.yaml", 6, 23, "countries.TN",
        "the countries are MA, TN here but MA, DZ in the base scenario base.yaml: a paired "
        "comparison needs the same countries");
  check(layout_error("start: 2019-01-01\n"
                     "end: 2025-12-31\n"
                     "warmup_until: 2022-01-01\n"
                     "countries:\n"
                     "  MA: {oqtf_per_year: 9500}\n"),
        "whatif.yaml", 5, 23, "countries",
        "the countries are MA here but MA, DZ in the base scenario base.yaml: a paired "
        "comparison needs the same countries");
}
