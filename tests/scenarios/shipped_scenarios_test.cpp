#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/summary.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/value_tags.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace removalsim;

namespace {

/// Every scenario file shipped under scenarios/ (targets, free-parameter and sensitivity files,
/// which are not scenarios, live in their own folders and are skipped).
std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> files;
  const fs::path root(REMOVALSIM_SCENARIO_DIR);
  for (const auto &entry : fs::recursive_directory_iterator(root)) {
    const fs::path relative = fs::relative(entry.path(), root);
    const std::string top = relative.begin()->string();
    if (entry.is_regular_file() && entry.path().extension() == ".yaml" && top != "targets" &&
        top != "calibration" && top != "sensitivity" && top != "sweeps") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The fixed-seed result of one replication, as text: the fingerprint and the national yearly
/// figures of the main metrics, numbers in shortest round-trip form.
std::string golden_text(const model::Scenario &scenario, const model::RunResult &result) {
  std::ostringstream text;
  text << "fingerprint " << result.fingerprint << "\nevents " << result.events << '\n';
  const std::vector<std::string> metrics = {
      "oqtf_issued",   "removals",          "voluntary_departures",
      "expiries",      "detention_entries", "apprehended_no_place",
      "lpc_requested", "lpc_issued",        "detention_occupancy"};
  for (const auto &row : analysis::summarise(scenario, {result}, metrics)) {
    if (row.country == "ALL") {
      text << row.period << ' ' << row.metric << ' ' << analysis::format_number(row.interval.mean)
           << '\n';
    }
  }
  return text.str();
}

std::string read(const fs::path &file) {
  std::ifstream in(file);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

} // namespace

TEST_CASE("every shipped scenario loads, runs and keeps its golden result", "[scenarios]") {
  const auto files = shipped_scenarios();
  REQUIRE(files.size() >= 6);
  const bool update = std::getenv("REMOVALSIM_UPDATE_GOLDEN") != nullptr;
  for (const fs::path &file : files) {
    const std::string name = fs::relative(file, REMOVALSIM_SCENARIO_DIR).string();
    INFO("scenario " << name);
    const auto loaded = scenario::load_scenario(file);
    const model::RunResult result = model::simulate(loaded.scenario, 1, 0);
    REQUIRE(result.events > 0);
    // Conservation over the reported months: every order of a reported cohort is in one state.
    const analysis::Selection all{{}, result.first_reported_month, result.months};
    double cohort = 0.0;
    for (const auto outcome : model::kOutcomeNames) {
      cohort += analysis::evaluate_metric(result, "cohort_" + std::string(outcome), all);
    }
    REQUIRE(cohort == analysis::evaluate_metric(result, "oqtf_issued", all));

    std::string golden_name = name;
    std::replace(golden_name.begin(), golden_name.end(), '/', '_');
    const fs::path golden = fs::path(REMOVALSIM_GOLDEN_DIR) / (golden_name + ".golden");
    const std::string actual = golden_text(loaded.scenario, result);
    if (update) {
      std::ofstream(golden) << actual;
    }
    INFO("golden file " << golden.string()
                        << " (after an intended change of path, regenerate with "
                           "REMOVALSIM_UPDATE_GOLDEN=1 and review the diff)");
    REQUIRE(fs::exists(golden));
    REQUIRE(read(golden) == actual);
  }
}

TEST_CASE("a v1 scenario (no route block) simulates exactly as before the routes of v2",
          "[scenarios]") {
  // tests/data/v1/france.yaml is scenarios/france.yaml as it was before DESIGN.md §3b; its golden
  // was produced by the v1 model and is never regenerated.
  const auto loaded = scenario::load_scenario(REMOVALSIM_V1_DIR "/france.yaml");
  const model::RunResult result = model::simulate(loaded.scenario, 1, 0);
  const fs::path golden = fs::path(REMOVALSIM_GOLDEN_DIR) / "v1" / "france.yaml.golden";
  REQUIRE(read(golden) == golden_text(loaded.scenario, result));
}

TEST_CASE("every value of every shipped scenario carries a well-formed provenance tag",
          "[scenarios][tags]") {
  for (const auto &file : shipped_scenarios()) {
    INFO(file.string());
    const auto loaded = scenario::load_scenario(file);
    for (const auto &read_file : loaded.files) {
      INFO(read_file);
      CHECK(scenario::tag_syntax_errors(read(read_file)).empty());
    }
    const auto tags = scenario::value_tags(loaded);
    for (std::size_t v = 0; v < tags.size(); ++v) {
      INFO(loaded.provenance[v].key_path << " (" << loaded.provenance[v].file << ':'
                                         << loaded.provenance[v].line << ')');
      CHECK(tags[v].has_value());
    }
  }
}
