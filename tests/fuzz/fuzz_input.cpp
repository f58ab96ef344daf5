#include "fuzz_input.h"

#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"
#include "removalsim/scenario/targets.h"

#include <string>
#include <vector>

namespace removalsim::fuzz {

namespace {

// The metric names live in the analysis layer, which the fuzz build leaves out to stay small; a
// few real names are enough for the targets loader to accept the shipped targets.
const std::vector<std::string> kKnownMetrics = {
    "oqtf_issued",         "removals",          "removals_all_types",   "execution_ratio",
    "lpc_issue_rate",      "lpc_requested",     "lpc_issued",           "lpc_mean_delay_days",
    "detention_mean_days", "detention_entries", "voluntary_departures", "detention_removal_rate"};

} // namespace

void load_both(std::string_view text) {
  const std::string name = REMOVALSIM_FUZZ_INPUT_NAME;
  try {
    (void)scenario::load_scenario_from_string(text, name);
  } catch (const scenario::ScenarioError &) {
  }
  try {
    (void)scenario::load_targets_from_string(text, name, kKnownMetrics);
  } catch (const scenario::ScenarioError &) {
  }
}

} // namespace removalsim::fuzz
