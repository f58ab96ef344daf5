#pragma once

#include "removalsim/analysis/paired_difference.h"
#include "removalsim/engine/replications.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/scenario/loader.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace removalsim::studies {

/// A what-if against its base, replication by replication: the study behind `removalsim diff` and
/// the Python package's `diff`. Replication r of both scenarios uses the streams of (seed, r)
/// (common random numbers), so the intervals are those of the effect, not of the noise. Both
/// scenarios' results are kept until the differences are taken. Throws ScenarioError when the
/// scenarios' calendars or countries differ (scenario::check_same_layout), engine::Stopped once
/// `stop` is set; `threads` 0 means all cores.
std::vector<analysis::PairedDifferenceRow>
whatif_differences(const scenario::LoadedScenario &base, const scenario::LoadedScenario &whatif,
                   std::size_t replications, std::uint64_t seed, unsigned threads,
                   const engine::ProgressCallback &progress = {},
                   const engine::StopFlag *stop = nullptr);

} // namespace removalsim::studies
