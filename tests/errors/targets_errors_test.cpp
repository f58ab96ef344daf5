// Errors about targets files (`load_targets`, `check_target_countries`).
#include "error_check.h"

#include "removalsim/scenario/targets.h"

#include <stdexcept>
#include <string>
#include <vector>

using error_check::check;
using removalsim::scenario::check_target_countries;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::load_targets;
using removalsim::scenario::load_targets_from_string;
using removalsim::scenario::ScenarioError;

namespace {

const std::string kFile = "errors/targets.yaml";

const std::vector<std::string> kMetrics{"oqtf_issued", "removals", "removals_all_types",
                                        "lpc_issue_rate", "cohort_removed_share"};

// A valid first target (lines 1-8); the documents below add a second one from line 9.
const std::string kHead = "targets:\n"
                          "  - id: first\n"
                          "    metric: removals\n"
                          "    country: MA\n"
                          "    period: 2024\n"
                          "    value: 1200\n"
                          "    source: ministry\n"
                          "    definition: forced removals\n";

ScenarioError targets_error_of(const std::string &yaml) {
  try {
    (void)load_targets_from_string(yaml, kFile, kMetrics);
  } catch (const ScenarioError &error) {
    return error;
  }
  FAIL("the targets loaded without error");
  throw std::logic_error("unreachable");
}

/// kHead and a second target (lines 9 to 15: id, metric, country, period, value, source,
/// definition).
std::string second(const std::string &metric, const std::string &period,
                   const std::string &value = "1.6") {
  return kHead + "  - id: second\n" + "    metric: " + metric + "\n" + "    country: MA\n" +
         "    period: " + period + "\n" + "    value: " + value + "\n" + "    source: s\n" +
         "    definition: d\n";
}

} // namespace

TEST_CASE("targets error: a file that does not exist", "[errors][targets]") {
  try {
    (void)load_targets("errors/no_such_targets.yaml", kMetrics);
    FAIL("loaded");
  } catch (const ScenarioError &error) {
    check(error, "errors/no_such_targets.yaml", 0, 0, "",
          "cannot read the targets file: no such file");
  }
}

TEST_CASE("targets error: several YAML documents", "[errors][targets]") {
  check(targets_error_of(kHead + "---\n" + kHead), kFile, 10, 1, "",
        "a targets file holds one YAML document, this one holds 2 (separated by `---`)");
}

TEST_CASE("targets error: the top level is not a map with `targets`", "[errors][targets]") {
  check(targets_error_of("- id: a\n"), kFile, 1, 1, "",
        "expected a map with a `targets:` list, got a list");
  check(targets_error_of("target: []\n"), kFile, 1, 1, "target",
        "unknown key `target`; did you mean `targets`?");
  check(targets_error_of("targets: {id: a}\n"), kFile, 1, 10, "targets",
        "expected a list of targets, got a map");
}

TEST_CASE("targets error: an empty list of targets", "[errors][targets]") {
  check(targets_error_of("targets: []\n"), kFile, 1, 1, "targets", "needs at least one target");
}

TEST_CASE("targets error: a misspelt key, with a suggestion", "[errors][targets]") {
  check(targets_error_of(kHead + "    uncertainity: 100\n"), kFile, 9, 5, "targets[0].uncertainity",
        "unknown key `uncertainity`; did you mean `uncertainty`?");
}

TEST_CASE("targets error: a share above 1", "[errors][targets]") {
  check(targets_error_of("targets:\n"
                         "  - {id: s, metric: cohort_removed_share, country: MA, period: 2024, "
                         "value: 1.5, source: x, definition: y}\n"),
        kFile, 2, 77, "targets[0].value", "a reported share must be in [0, 1], got 1.5");
}

TEST_CASE("targets error: a missing required key names the target", "[errors][targets]") {
  check(targets_error_of("targets:\n"
                         "  - id: first\n"
                         "    metric: removals\n"
                         "    country: MA\n"
                         "    value: 1200\n"
                         "    source: ministry\n"
                         "    definition: forced removals\n"),
        kFile, 2, 5, "targets[0].period", "missing required key `period` in target `first`");
}

TEST_CASE("targets error: an invalid id", "[errors][targets]") {
  check(targets_error_of("targets:\n  - {id: 'a b', metric: removals, country: MA, period: 2024, "
                         "value: 1, source: s, definition: d}\n"),
        kFile, 2, 10, "targets[0].id",
        "target id `a b` must be non-empty and use only letters, digits, `_`, `-` and `.`");
}

TEST_CASE("targets error: a duplicate id", "[errors][targets]") {
  check(targets_error_of(kHead + "  - {id: first, metric: removals, country: MA, period: 2023, "
                                 "value: 1, source: s, definition: d}\n"),
        kFile, 9, 10, "targets[1].id", "duplicate target id `first` (already used on line 2)");
}

TEST_CASE("targets error: a misspelt metric, with a suggestion", "[errors][targets]") {
  check(targets_error_of(second("remvals", "2024")), kFile, 10, 13, "targets[1].metric",
        "unknown metric `remvals`; did you mean `removals`?");
  check(targets_error_of(second("ratio:remuvals", "2025-01 / 2024-01")), kFile, 10, 13,
        "targets[1].metric", "unknown metric `remuvals`; did you mean `removals`?");
}

TEST_CASE("targets error: an unknown metric lists the known ones", "[errors][targets]") {
  check(targets_error_of(second("irregular_found", "2024")), kFile, 10, 13, "targets[1].metric",
        "unknown metric `irregular_found` (known: oqtf_issued, removals, removals_all_types, "
        "lpc_issue_rate, cohort_removed_share)");
}

TEST_CASE("targets error: a malformed period", "[errors][targets]") {
  check(targets_error_of(second("removals", "2024-13")), kFile, 12, 13, "targets[1].period",
        "`2024-13` is not a period (a year `2024`, a quarter `2024-Q4`, a month `2025-04` or a "
        "month range `2025-01..2025-04`, first month first)");
  check(targets_error_of(second("removals", "2025-04..2025-01")), kFile, 12, 13,
        "targets[1].period",
        "`2025-04..2025-01` is not a period (a year `2024`, a quarter `2024-Q4`, a month "
        "`2025-04` or a month range `2025-01..2025-04`, first month first)");
  check(targets_error_of(second("ratio:removals", "2025-01..2025-02 / 2024-Q5")), kFile, 12, 13,
        "targets[1].period",
        "`2024-Q5` is not a period (a year `2024`, a quarter `2024-Q4`, a month `2025-04` or a "
        "month range `2025-01..2025-04`, first month first)");
}

TEST_CASE("targets error: a ratio target needs two periods", "[errors][targets]") {
  check(targets_error_of(second("ratio:removals", "2025-01..2025-02")), kFile, 12, 13,
        "targets[1].period",
        "a `ratio:` target needs two periods `A / B` (the metric over A divided by the metric "
        "over B), got `2025-01..2025-02`");
}

TEST_CASE("targets error: two periods need a ratio metric", "[errors][targets]") {
  check(targets_error_of(second("removals", "2025-01..2025-02 / 2024-01..2024-02")), kFile, 12, 13,
        "targets[1].period",
        "two periods `A / B` need a ratio metric: write `metric: ratio:removals`");
}

TEST_CASE("targets error: a country code of the wrong form", "[errors][targets]") {
  check(targets_error_of("targets:\n  - {id: a, metric: removals, country: Morocco, period: 2024, "
                         "value: 1, source: s, definition: d}\n"),
        kFile, 2, 40, "targets[0].country",
        "country `Morocco` is neither a country code of the scenario (two capital letters, or "
        "`OTHER`) nor `FR`/`ALL` (national)");
}

TEST_CASE("targets error: a country the scenario does not have", "[errors][targets]") {
  const auto targets = load_targets_from_string(kHead + "  - {id: b, metric: removals, country: "
                                                        "TN, period: 2024, value: 887, source: s, "
                                                        "definition: d}\n",
                                                kFile, kMetrics);
  const auto scenario = load_scenario_from_string("start: 2019-01-01\n"
                                                  "end: 2025-12-31\n"
                                                  "countries:\n"
                                                  "  MA: {oqtf_per_year: 9500}\n"
                                                  "  DZ: {oqtf_per_year: 27295}\n",
                                                  "s.yaml")
                            .scenario;
  try {
    check_target_countries(targets, scenario);
    FAIL("accepted");
  } catch (const ScenarioError &error) {
    check(error, kFile, 9, 40, "targets[1].country",
          "country `TN` is not in the scenario (its countries: MA, DZ; `FR` or `ALL` for national "
          "figures)");
  }
}

TEST_CASE("targets error: a negative value, standard deviation or weight", "[errors][targets]") {
  check(targets_error_of(second("removals", "2024", "-16")), kFile, 13, 12, "targets[1].value",
        "a reported value must be >= 0, got -16");
  check(targets_error_of(kHead + "    uncertainty: -3\n"), kFile, 9, 18, "targets[0].uncertainty",
        "a standard deviation must be >= 0, got -3");
  check(targets_error_of(kHead + "    weight: -1\n"), kFile, 9, 13, "targets[0].weight",
        "a weight must be >= 0, got -1");
}

TEST_CASE("targets error: an uncertainty that is neither a number nor a range",
          "[errors][targets]") {
  check(targets_error_of(kHead + "    uncertainty: [1, 2]\n"), kFile, 9, 18,
        "targets[0].uncertainty",
        "expected a standard deviation or a range `{low: L, high: H}`, got a list");
  check(targets_error_of(kHead + "    uncertainty: {low: 1000, hihg: 1500}\n"), kFile, 9, 30,
        "targets[0].uncertainty.hihg", "unknown key `hihg`; did you mean `high`?");
}

TEST_CASE("targets error: a reported range with high below low", "[errors][targets]") {
  check(targets_error_of(kHead + "    uncertainty: {low: 1300, high: 1100}\n"), kFile, 9, 36,
        "targets[0].uncertainty.high",
        "a reported range needs low <= high, got low 1300 and high 1100");
}

TEST_CASE("targets error: a reported value outside its range", "[errors][targets]") {
  check(targets_error_of(kHead + "    uncertainty: {low: 1300, high: 1500}\n"), kFile, 6, 12,
        "targets[0].value", "the reported value 1200 is outside its reported range [1300, 1500]");
}

TEST_CASE("targets error: an empty set of countries", "[errors][targets]") {
  check(targets_error_of("targets:\n  - {id: a, metric: removals, country: [], period: 2024, "
                         "value: 1, source: s, definition: d}\n"),
        kFile, 2, 40, "targets[0].country", "a set of countries needs at least one country code");
}

TEST_CASE("targets error: a country twice in a set", "[errors][targets]") {
  check(targets_error_of("targets:\n  - {id: a, metric: removals, country: [MA, DZ, MA], period: "
                         "2024, value: 1, source: s, definition: d}\n"),
        kFile, 2, 49, "targets[0].country[2]", "country `MA` is already in the set (item 0)");
}

TEST_CASE("targets error: a national code inside a set", "[errors][targets]") {
  check(targets_error_of("targets:\n  - {id: a, metric: removals, country: [MA, ALL], period: "
                         "2024, value: 1, source: s, definition: d}\n"),
        kFile, 2, 45, "targets[0].country[1]",
        "`ALL` (national) cannot be part of a set of countries: write it alone, `country: ALL`");
}

TEST_CASE("targets error: a set item of the wrong form or kind", "[errors][targets]") {
  check(targets_error_of(kHead + "  - id: second\n"
                                 "    metric: removals\n"
                                 "    country: [DZ, Morocco]\n"
                                 "    period: 2024\n"
                                 "    value: 1\n"
                                 "    source: s\n"
                                 "    definition: d\n"),
        kFile, 11, 19, "targets[1].country[1]",
        "country `Morocco` is neither a country code of the scenario (two capital letters, or "
        "`OTHER`) nor `FR`/`ALL` (national)");
  check(targets_error_of("targets:\n  - {id: a, metric: removals, country: [MA, [DZ]], period: "
                         "2024, value: 1, source: s, definition: d}\n"),
        kFile, 2, 45, "targets[0].country[1]", "expected a country code, got a list");
}

TEST_CASE("targets error: a country of a set that the scenario does not have",
          "[errors][targets]") {
  const auto targets = load_targets_from_string(kHead + "  - id: maghreb\n"
                                                        "    metric: removals\n"
                                                        "    country:\n"
                                                        "      - MA\n"
                                                        "      - TN\n"
                                                        "      - DZ\n"
                                                        "    period: 2024\n"
                                                        "    value: 4000\n"
                                                        "    source: s\n"
                                                        "    definition: d\n",
                                                kFile, kMetrics);
  const auto scenario = load_scenario_from_string("start: 2019-01-01\n"
                                                  "end: 2025-12-31\n"
                                                  "countries:\n"
                                                  "  MA: {oqtf_per_year: 9500}\n"
                                                  "  DZ: {oqtf_per_year: 27295}\n",
                                                  "s.yaml")
                            .scenario;
  try {
    check_target_countries(targets, scenario);
    FAIL("accepted");
  } catch (const ScenarioError &error) {
    check(error, kFile, 13, 9, "targets[1].country[1]",
          "country `TN` is not in the scenario (its countries: MA, DZ; `FR` or `ALL` for national "
          "figures)");
  }
}

TEST_CASE("targets error: a tolerance outside (0, 1]", "[errors][targets]") {
  check(targets_error_of("tolerance: 0\n" + kHead), kFile, 1, 12, "tolerance",
        "a tolerance must be in (0, 1], got 0");
  check(targets_error_of("tolerance: 1.5\n" + kHead), kFile, 1, 12, "tolerance",
        "a tolerance must be in (0, 1], got 1.5");
  check(targets_error_of(kHead + "    tolerance: -0.05\n"), kFile, 9, 16, "targets[0].tolerance",
        "a tolerance must be >= 0, got -0.05");
  check(targets_error_of(kHead + "    tolerance: 0\n"), kFile, 9, 16, "targets[0].tolerance",
        "a tolerance must be in (0, 1], got 0");
}

TEST_CASE("targets error: a tolerance that is not a number, or a misspelt key",
          "[errors][targets]") {
  check(targets_error_of(kHead + "    tolerance: 10 %\n"), kFile, 9, 16, "targets[0].tolerance",
        "expected a number, got `10 %`");
  check(targets_error_of("tolerence: 0.1\n" + kHead), kFile, 1, 1, "tolerence",
        "unknown key `tolerence`; did you mean `tolerance`?");
}
