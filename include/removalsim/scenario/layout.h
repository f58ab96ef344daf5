#pragma once

#include "removalsim/scenario/loader.h"

namespace removalsim::scenario {

/// Checks that `whatif` can be compared replication by replication with `base` (`removalsim
/// diff`): the same `start`, `end` and `warmup_until`, and the same country codes (in any order).
/// Throws ScenarioError located in `whatif` (the value's file and line from its provenance)
/// naming the base's value otherwise.
void check_same_layout(const LoadedScenario &base, const LoadedScenario &whatif);

} // namespace removalsim::scenario
