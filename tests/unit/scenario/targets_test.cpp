#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/targets.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using removalsim::engine::Date;
using removalsim::engine::Period;
using removalsim::scenario::check_target_countries;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::load_targets;
using removalsim::scenario::load_targets_from_string;
using removalsim::scenario::ReportedRange;
using removalsim::scenario::ScenarioError;
using removalsim::scenario::target_tolerance;

namespace {

const std::string kSample = REMOVALSIM_TEST_DATA_DIR "/targets/sample.yaml";

// The scenario layer does not know the analysis' metric names: tests give their own list.
const std::vector<std::string> kMetrics{"oqtf_issued",       "removals",
                                        "lpc_issue_rate",    "lpc_mean_delay_days",
                                        "detention_entries", "removals_all_types"};

} // namespace

TEST_CASE("targets: every form of period, uncertainty and country loads", "[scenario][targets]") {
  const auto targets = load_targets(kSample, kMetrics);
  REQUIRE(targets.size() == 7);

  const auto &year = targets[0];
  CHECK(year.id == "ma_oqtf_2024");
  CHECK(year.metric == "oqtf_issued");
  CHECK_FALSE(year.ratio);
  CHECK(year.countries == std::vector<std::string>{"MA"});
  CHECK(year.country_text() == "MA");
  CHECK_FALSE(year.national());
  CHECK(year.period == Period{Date{2024, 1, 1}, Date{2024, 12, 1}});
  CHECK_FALSE(year.base_period);
  CHECK(year.value == 9500.0);
  CHECK(year.sd == std::optional<double>(500.0));
  CHECK_FALSE(year.range);
  CHECK(year.weight == 1.0);
  CHECK(year.source == "ministry");
  CHECK(year.definition == "OQTF issued to Moroccan nationals");
  REQUIRE(year.country_locations.size() == 1);
  CHECK(year.country_locations[0].file == kSample);
  CHECK(year.country_locations[0].line == 5);
  CHECK(year.country_locations[0].key_path == "targets[0].country");

  const auto &quarter = targets[1];
  CHECK(quarter.period == Period{Date{2024, 10, 1}, Date{2024, 12, 1}});
  CHECK(quarter.range == std::optional<ReportedRange>(ReportedRange{0.2, 0.3}));
  CHECK_FALSE(quarter.sd);
  CHECK(quarter.weight == 2.5);
  // Its range [0.2, 0.3] is wider than the file's default tolerance: half of 0.1 over 0.26.
  CHECK(quarter.tolerance == Approx(0.05 / 0.26));
  CHECK(year.tolerance == 0.10); // no range, no `tolerance:` anywhere: the default
  CHECK(quarter.source == "entrevue.fr, April 2025");
  CHECK(quarter.url == "https://entrevue.fr/");
  CHECK(year.url.empty());
  CHECK(quarter.period_text() == "2024-Q4");

  CHECK(targets[2].period == Period{Date{2025, 4, 1}, Date{2025, 4, 1}});
  CHECK(targets[2].period_text() == "2025-04");
  CHECK(targets[3].period == Period{Date{2025, 1, 1}, Date{2025, 4, 1}});
  CHECK(targets[3].period_text() == "2025-01..2025-04");

  const auto &ratio = targets[4];
  CHECK(ratio.ratio);
  CHECK(ratio.metric == "removals");
  CHECK(ratio.metric_text() == "ratio:removals");
  CHECK(ratio.period == Period{Date{2025, 1, 1}, Date{2025, 2, 1}});
  CHECK(ratio.base_period == std::optional<Period>(Period{Date{2024, 1, 1}, Date{2024, 2, 1}}));
  CHECK(ratio.period_text() == "2025-01..2025-02 / 2024-01..2024-02");
  CHECK(ratio.value == 1.6);

  CHECK(targets[5].national());
  CHECK(targets[5].countries == std::vector<std::string>{"FR"});
  CHECK(targets[6].national());
  CHECK(targets[6].period_text() == "2024");
}

TEST_CASE("targets: spaces around a ratio's `/` and after `ratio:` are optional",
          "[scenario][targets]") {
  const auto targets = load_targets_from_string("targets:\n"
                                                "  - {id: a, metric: 'ratio: removals', country: "
                                                "MA, period: 2025-01/2024-01, value: 2, source: "
                                                "s, definition: d}\n",
                                                "t.yaml", kMetrics);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].ratio);
  CHECK(targets[0].metric == "removals");
  CHECK(targets[0].period_text() == "2025-01 / 2024-01");
}

TEST_CASE("targets: countries are checked against the scenario compared with",
          "[scenario][targets]") {
  const auto scenario = load_scenario_from_string("start: 2019-01-01\n"
                                                  "end: 2025-12-31\n"
                                                  "countries:\n"
                                                  "  MA: {oqtf_per_year: 9500}\n"
                                                  "  OTHER: {oqtf_per_year: 100000}\n",
                                                  "s.yaml")
                            .scenario;
  const auto targets = load_targets(kSample, kMetrics); // MA, FR and ALL
  REQUIRE_NOTHROW(check_target_countries(targets, scenario));
  const auto tunisia = load_targets_from_string(
      "targets:\n"
      "  - {id: a, metric: removals, country: TN, period: 2024, value: 887, source: s, "
      "definition: d}\n",
      "t.yaml", kMetrics);
  REQUIRE_THROWS_AS(check_target_countries(tunisia, scenario), ScenarioError);
}

TEST_CASE("targets: a country may be a set, summed like the nation", "[scenario][targets]") {
  const auto targets = load_targets_from_string(
      "targets:\n"
      "  - {id: maghreb, metric: removals, country: [MA, DZ, TN, OTHER], period: 2024, value: "
      "4000, source: s, definition: d}\n"
      "  - {id: one, metric: removals, country: [MA], period: 2024, value: 1, source: s, "
      "definition: d}\n"
      "  - {id: plain, metric: removals, country: MA, period: 2024, value: 1, source: s, "
      "definition: d}\n"
      "  - {id: nation, metric: removals, country: [ALL], period: 2024, value: 1, source: s, "
      "definition: d}\n",
      "t.yaml", kMetrics);
  REQUIRE(targets.size() == 4);
  const auto &maghreb = targets[0];
  CHECK(maghreb.countries == std::vector<std::string>{"MA", "DZ", "TN", "OTHER"});
  CHECK(maghreb.country_text() == "MA+DZ+TN+OTHER");
  CHECK_FALSE(maghreb.national());
  REQUIRE(maghreb.country_locations.size() == 4);
  CHECK(maghreb.country_locations[1].key_path == "targets[0].country[1]");
  CHECK(maghreb.country_locations[1].line == 2);
  CHECK(maghreb.country_locations[1].column == 51);
  // `[MA]` is `MA`: the same countries, only the place it was written differs.
  CHECK(targets[1].countries == targets[2].countries);
  CHECK(targets[1].country_text() == "MA");
  CHECK(targets[1].country_locations[0].key_path == "targets[1].country[0]");
  CHECK(targets[2].country_locations[0].key_path == "targets[2].country");
  CHECK(targets[3].national());
  CHECK(targets[3].country_text() == "ALL");
}

TEST_CASE("targets: a set is checked country by country against the scenario",
          "[scenario][targets]") {
  const auto scenario = load_scenario_from_string("start: 2019-01-01\n"
                                                  "end: 2025-12-31\n"
                                                  "countries:\n"
                                                  "  MA: {oqtf_per_year: 9500}\n"
                                                  "  OTHER: {oqtf_per_year: 100000}\n",
                                                  "s.yaml")
                            .scenario;
  const auto known = load_targets_from_string(
      "targets:\n  - {id: a, metric: removals, country: [OTHER, MA], period: 2024, value: 1, "
      "source: s, definition: d}\n",
      "t.yaml", kMetrics);
  REQUIRE_NOTHROW(check_target_countries(known, scenario));
  const auto unknown = load_targets_from_string(
      "targets:\n  - {id: a, metric: removals, country: [OTHER, MA, DZ], period: 2024, value: 1, "
      "source: s, definition: d}\n",
      "t.yaml", kMetrics);
  REQUIRE_THROWS_AS(check_target_countries(unknown, scenario), ScenarioError);
}

TEST_CASE("targets: the tolerance rule", "[scenario][targets]") {
  // The larger of the base tolerance and the range's half-width over the value.
  CHECK(target_tolerance(0.10, 100.0, std::nullopt) == 0.10);
  CHECK(target_tolerance(0.10, 100.0, ReportedRange{95.0, 105.0}) == 0.10);  // 5 % < 10 %
  CHECK(target_tolerance(0.10, 100.0, ReportedRange{100.0, 140.0}) == 0.20); // 20 % > 10 %
  CHECK(target_tolerance(0.25, 100.0, ReportedRange{100.0, 140.0}) == 0.25);
  CHECK(target_tolerance(0.05, 0.0, ReportedRange{0.0, 1.0}) == 0.05); // no ratio to 0

  const auto targets = load_targets_from_string(
      "tolerance: 0.2\n"
      "targets:\n"
      "  - {id: file_default, metric: removals, country: MA, period: 2024, value: 100, source: "
      "s, definition: d}\n"
      "  - {id: own, metric: removals, country: MA, period: 2024, value: 100, tolerance: 0.05, "
      "source: s, definition: d}\n"
      "  - {id: own_below_range, metric: removals, country: MA, period: 2024, value: 100, "
      "uncertainty: {low: 90, high: 150}, tolerance: 0.05, source: s, definition: d}\n"
      "  - {id: default_above_range, metric: removals, country: MA, period: 2024, value: 100, "
      "uncertainty: {low: 90, high: 110}, source: s, definition: d}\n"
      "  - {id: full, metric: removals, country: MA, period: 2024, value: 100, tolerance: 1, "
      "source: s, definition: d}\n",
      "t.yaml", kMetrics);
  REQUIRE(targets.size() == 5);
  CHECK(targets[0].tolerance == 0.2);  // the file's `tolerance:`
  CHECK(targets[1].tolerance == 0.05); // the target's own overrides it
  CHECK(targets[2].tolerance == 0.30); // the range's half-width, 30 / 100, is larger
  CHECK(targets[3].tolerance == 0.2);  // the range's 10 % is smaller than the file's 20 %
  CHECK(targets[4].tolerance == 1.0);  // (0, 1]: 1 is allowed

  const auto without = load_targets_from_string(
      "targets:\n  - {id: a, metric: removals, country: MA, period: 2024, value: 1, source: s, "
      "definition: d}\n",
      "t.yaml", kMetrics);
  CHECK(without[0].tolerance == removalsim::scenario::kDefaultTolerance);
  CHECK(removalsim::scenario::kDefaultTolerance == 0.10);
}
