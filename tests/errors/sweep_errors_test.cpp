// Errors about sweep design files (`load_sweep_design`, `load_sweep_scenarios`).
#include "error_check.h"

#include "removalsim/scenario/sweep_design.h"

#include <string>
#include <vector>

using error_check::check;
using removalsim::scenario::load_sweep_design_from_string;
using removalsim::scenario::load_sweep_scenarios;
using removalsim::scenario::ScenarioError;

namespace {

// In tests/data/, so that `scenarios/base.yaml` names a real scenario.
const std::string kFile = std::string(REMOVALSIM_TEST_DATA_DIR) + "/sweep-case.yaml";

const std::vector<std::string> kMetrics{"removals", "execution_ratio"};

// A valid head (lines 1-4); the documents below add `points` from line 5.
const std::string kHead = "scenario: scenarios/base.yaml\n"
                          "replications: 2\n"
                          "outputs:\n"
                          "  - {metric: removals, period: 2024}\n";

ScenarioError design_error_of(const std::string &yaml) {
  try {
    const auto design = load_sweep_design_from_string(yaml, kFile);
    (void)load_sweep_scenarios(design, kMetrics);
  } catch (const ScenarioError &error) {
    return error;
  }
  FAIL("the sweep design loaded without error");
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("a valid sweep design loads, with each point's scenario and values", "[errors][sweep]") {
  const auto design = load_sweep_design_from_string(
      kHead + "block: 3\npoints:\n  - name: base\n  - name: more\n    set: {seed_free: 1}\n",
      kFile);
  REQUIRE(design.points.size() == 2);
  REQUIRE(design.block == 3);
  REQUIRE(design.points[0].scenario ==
          std::string(REMOVALSIM_TEST_DATA_DIR) + "/scenarios/base.yaml");
  REQUIRE(design.points[1].overrides.size() == 1);
  REQUIRE(design.points[1].overrides[0].key_path == "seed_free");
}

TEST_CASE("a misspelt point key is refused with a suggestion", "[errors][sweep]") {
  check(design_error_of(kHead + "points:\n  - name: a\n    sett: {x: 1}\n"), kFile, 7, 5,
        "points[0].sett", "unknown key `sett`; did you mean `set`?");
}

TEST_CASE("a misspelt design key is refused with a suggestion", "[errors][sweep]") {
  check(design_error_of(kHead + "blocks: 2\n"), kFile, 5, 1, "blocks",
        "unknown key `blocks`; did you mean `block`?");
}

TEST_CASE("two points with the same name are refused", "[errors][sweep]") {
  check(design_error_of(kHead + "points:\n  - name: a\n  - name: a\n"), kFile, 7, 5, "points[1]",
        "two points are named `a` (the first on line 6); give each a distinct `name`");
}

TEST_CASE("a point without a scenario is refused", "[errors][sweep]") {
  check(design_error_of("outputs:\n  - {metric: removals, period: 2024}\npoints:\n  - name: a\n"),
        kFile, 4, 5, "points[0]",
        "point `a` has no scenario: give the design a `scenario:` or the point its own");
}

TEST_CASE("a design without points or scenario is refused", "[errors][sweep]") {
  check(design_error_of("outputs:\n  - {metric: removals, period: 2024}\n"), kFile, 1, 1, "",
        "point `base` has no scenario: give the design a `scenario:` or the point its own");
}

TEST_CASE("a block of zero replications is refused", "[errors][sweep]") {
  check(design_error_of(kHead + "block: 0\n"), kFile, 5, 8, "block",
        "block must be at least 1, got 0");
}

TEST_CASE("an empty list of points is refused", "[errors][sweep]") {
  check(design_error_of(kHead + "points: []\n"), kFile, 5, 9, "points",
        "`points` needs at least one entry");
}

TEST_CASE("a set value that is a map is refused unless quoted", "[errors][sweep]") {
  check(design_error_of(kHead + "points:\n  - name: a\n    set: {a.b: {c: 1}}\n"), kFile, 7, 16,
        "points[0].set.a.b",
        "expected a value (YAML text; put a map or a list in quotes), got a map");
}

TEST_CASE("a point whose values the scenario refuses names the point", "[errors][sweep]") {
  const auto error =
      design_error_of(kHead + "points:\n  - name: a\n    set: {national.detention.capacty: 20}\n");
  CHECK(error.file() == kFile);
  CHECK(error.line() == 6);
  CHECK(error.key_path() == "points[0]");
  CHECK(error.message().rfind("the scenario of point `a` does not load: override:1:", 0) == 0);
  CHECK(error.message().find("did you mean `capacity`?") != std::string::npos);
}

TEST_CASE("an output the scenario cannot measure is refused at the output", "[errors][sweep]") {
  check(design_error_of("scenario: scenarios/base.yaml\noutputs:\n"
                        "  - {metric: removal, period: 2024}\n"),
        kFile, 3, 14, "outputs[0].metric", "unknown metric `removal`; did you mean `removals`?");
}

TEST_CASE("a sweep's seed is any whole number the command line's --seed accepts, no more",
          "[errors][sweep]") {
  const auto largest = load_sweep_design_from_string(
      kHead + "seed: 18446744073709551615\npoints:\n  - name: base\n", kFile);
  REQUIRE(largest.seed == 18446744073709551615ULL);
  for (const std::string seed : {"18446744073709551616", "-1", "1e23", "2.5"}) {
    INFO(seed);
    check(design_error_of(kHead + "seed: " + seed + "\npoints:\n  - name: base\n"), kFile, 5, 7,
          "seed", "expected a whole number from 0 to 18446744073709551615, got `" + seed + "`");
  }
}
