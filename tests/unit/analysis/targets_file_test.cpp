// The shipped targets file against the reference scenario: where the scenario layer (the file)
// meets the analysis layer (the metric names and observables).
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/targets.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace removalsim;

namespace {

const std::string kRoot = REMOVALSIM_SOURCE_DIR;

std::string read(const std::string &file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("the shipped targets load, name the reference scenario's countries and bind",
          "[analysis][targets]") {
  const auto targets =
      scenario::load_targets(kRoot + "/scenarios/targets/france.yaml", analysis::metric_names());
  const auto loaded = scenario::load_scenario(kRoot + "/scenarios/france.yaml");
  REQUIRE_NOTHROW(scenario::check_target_countries(targets, loaded.scenario));
  std::map<std::string, const scenario::Target *> by_id;
  for (const auto &target : targets) {
    by_id[target.id] = &target;
    REQUIRE_NOTHROW(analysis::bind(
        analysis::Observable{target.metric, target.countries, target.period, target.base_period},
        loaded.scenario));
    CHECK_FALSE(target.source.empty());
    CHECK_FALSE(target.definition.empty());
  }
  // Definitions decide the metric: forced vs all removal types, ratios, the 96 %.
  const std::map<std::string, std::string> expected{
      {"ma_removals_forced_2024", "removals"},
      {"ma_removals_all_2024", "removals_all_types"},
      {"ma_lpc_rate_end2024", "lpc_issue_rate"},
      {"ma_lpc_delay_2025", "lpc_mean_delay_days"},
      {"ma_document_holders_removed_2025", "removal_share_document_holders"},
      {"ma_lpc_growth_janfeb_2025", "lpc_issued"},
      {"ma_removal_growth_janfeb_2025", "removals"},
      {"fr_oqtf_2022", "oqtf_issued"},
      {"fr_cra_judge_release_share_2024", "released_by_judge_share_of_unremoved"},
      {"fr_cra_refused_2024", "apprehended_no_place"},
      {"ma_cra_share_2023", "detention_share_of_detainees"},
      {"fr_cra_removals_2024", "removals_from_detention"},
      {"fr_removals_forced_third_2024", "removals"},
      {"fr_removals_forced_other_2024", "removals"},
      {"fr_prison_release_removals_2025q1", "removals_at_prison_release"},
      {"fr_cra_from_prison_share_2023", "detention_entries_from_prison_share"},
      {"fr_cra_share_of_forced_2024", "detention_share_of_forced_removals"}};
  for (const auto &[id, metric] : expected) {
    INFO(id);
    REQUIRE(by_id.count(id) == 1);
    CHECK(by_id[id]->metric == metric);
  }
  CHECK(by_id["ma_lpc_growth_janfeb_2025"]->ratio);
  CHECK(by_id["ma_lpc_growth_janfeb_2025"]->period_text() == "2025-01..2025-02 / 2024-01..2024-02");
  // Readmissions to EU states are not OQTF and not removals to third countries.
  const std::vector<std::string> without_eu{"MA", "DZ", "TN", "OTHER"};
  CHECK(by_id["fr_oqtf_2022"]->countries == without_eu);
  CHECK(by_id["fr_oqtf_2024"]->countries == without_eu);
  CHECK(by_id["fr_removals_forced_third_2024"]->countries == without_eu);
  CHECK(by_id["fr_removals_forced_other_2024"]->countries == std::vector<std::string>{"EU"});
  CHECK(by_id["fr_removals_forced_2024"]->national());
}

TEST_CASE("the shipped targets copy every row of the published figures they use",
          "[analysis][targets]") {
  // Each row id of the CSV files is either a target or named in a comment saying why it is left
  // out.
  const std::string yaml = read(kRoot + "/scenarios/targets/france.yaml");
  const auto targets =
      scenario::load_targets(kRoot + "/scenarios/targets/france.yaml", analysis::metric_names());
  std::set<std::string> ids;
  for (const auto &target : targets) {
    ids.insert(target.id);
  }
  std::string comments; // every comment line of the file
  std::istringstream yaml_lines(yaml);
  for (std::string line; std::getline(yaml_lines, line);) {
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] == '#') {
      comments += line + '\n';
    }
  }
  for (const char *file : {"published_figures.csv", "removal_routes_figures.csv"}) {
    const std::string csv = read(kRoot + "/../shared/data/" + file);
    if (csv.empty()) {
      SUCCEED("shared/data is not beside the repository: nothing to check");
      continue;
    }
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line); // header
    std::size_t rows = 0;
    while (std::getline(lines, line)) {
      const std::string id = line.substr(0, line.find(','));
      INFO(file << ": " << id);
      CHECK((ids.count(id) == 1 || comments.find(id + " (") != std::string::npos));
      ++rows;
    }
    CHECK(rows > 40);
  }
}

TEST_CASE("a target's `country: [MA]` reads exactly what `country: MA` reads",
          "[analysis][targets]") {
  const auto targets = scenario::load_targets_from_string(
      "targets:\n"
      "  - {id: plain, metric: execution_ratio, country: MA, period: 2024, value: 0.1, source: s, "
      "definition: d}\n"
      "  - {id: set, metric: execution_ratio, country: [MA], period: 2024, value: 0.1, source: "
      "s, definition: d}\n"
      "  - {id: all, metric: execution_ratio, country: [MA, DZ, TN, OTHER], period: 2024, value: "
      "0.1, source: s, definition: d}\n"
      "  - {id: nation, metric: execution_ratio, country: ALL, period: 2024, value: 0.1, source: "
      "s, definition: d}\n",
      "t.yaml", analysis::metric_names());
  // A small scenario with the reference scenario's four countries.
  const auto loaded = scenario::load_scenario_from_string(
      "start: 2024-01-01\n"
      "end: 2024-12-31\n"
      "national:\n"
      "  apprehension: {rate_per_year: 2}\n"
      "  detention: {capacity: 40, max_days: 90}\n"
      "  document_share: 0.4\n"
      "  lpc: {issue_probability: 0.5, delay: {dist: exponential, mean: 15}}\n"
      "  flights: {booking_delay: {dist: exponential, mean: 4}}\n"
      "countries:\n"
      "  MA: {oqtf_per_year: 900}\n"
      "  DZ: {oqtf_per_year: 1500}\n"
      "  TN: {oqtf_per_year: 600}\n"
      "  OTHER: {oqtf_per_year: 2000}\n",
      "four.yaml");
  REQUIRE_NOTHROW(scenario::check_target_countries(targets, loaded.scenario));
  std::vector<analysis::BoundObservable> bound;
  for (const auto &target : targets) {
    bound.push_back(analysis::bind(
        analysis::Observable{target.metric, target.countries, target.period, target.base_period},
        loaded.scenario));
  }
  REQUIRE(bound[0].selection.countries.size() == 1);
  CHECK(bound[1].selection.countries == bound[0].selection.countries);
  CHECK(bound[3].selection.countries.empty());
  CHECK(bound[2].selection.countries.size() == loaded.scenario.countries.size());
  // One replication: the same numbers, bit for bit.
  const auto result = model::simulate(loaded.scenario, 1, 0);
  const double plain = analysis::observe(result, bound[0]);
  REQUIRE(std::isfinite(plain));
  CHECK(analysis::observe(result, bound[1]) == plain);
  // Every country as a set is the nation.
  CHECK(analysis::observe(result, bound[2]) == analysis::observe(result, bound[3]));
}

TEST_CASE("the shipped targets' tolerances: 5 % for the seed's exact counts, else at least 10 %",
          "[analysis][targets]") {
  const auto targets =
      scenario::load_targets(kRoot + "/scenarios/targets/france.yaml", analysis::metric_names());
  const std::set<std::string> seed{"ma_oqtf_2024", "ma_removals_forced_2024",
                                   "ma_removal_growth_janfeb_2025", "ma_lpc_growth_janfeb_2025",
                                   "ma_document_holders_removed_2025"};
  std::size_t found = 0;
  for (const auto &target : targets) {
    INFO(target.id);
    if (seed.count(target.id) == 1) {
      ++found;
      CHECK(target.tolerance == 0.05);
    } else {
      CHECK(target.tolerance >= 0.10);
    }
  }
  CHECK(found == seed.size());
}
