#pragma once

#include "removalsim/engine/replications.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/output_record.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace removalsim::studies {

// A scenario's replications and the record of what was run: the study behind `removalsim run`
// and the Python package's `run`, without the tables and the files.

/// Replications [0, replications) of `scenario`, in replication order; replication r uses the
/// streams of (seed, r), so the results never depend on `threads` (0: all cores). Throws
/// engine::Stopped once `stop` is set.
std::vector<model::RunResult> simulate_replications(const model::Scenario &scenario,
                                                    std::size_t replications, std::uint64_t seed,
                                                    unsigned threads,
                                                    const engine::ProgressCallback &progress = {},
                                                    const engine::StopFlag *stop = nullptr);

/// Events processed by all the replications together.
std::uint64_t total_events(const std::vector<model::RunResult> &results);

/// `run.json`: the invocation's record (`output_record`), the scenario `loaded` as `scenario_file`
/// names it (`add_scenario`: files, hash, every resolved value), then `seed`, `replications`,
/// `threads` (the threads used: 0 means all cores), `events` (`total_events`) and `wall_seconds`.
std::string run_json(const Invocation &invocation, const scenario::LoadedScenario &loaded,
                     const std::string &scenario_file, std::uint64_t seed, unsigned threads,
                     const std::vector<model::RunResult> &results, double wall_seconds);

} // namespace removalsim::studies
