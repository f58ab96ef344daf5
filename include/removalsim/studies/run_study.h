#pragma once

#include "removalsim/engine/replications.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"

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

/// What a run was: the contents of `run.json`.
struct RunRecord {
  std::string scenario_file; ///< as the user named it
  /// FNV-1a of the resolved scenario (`scenario_hash`): identifies what was simulated, whatever
  /// the files' layout, and changes with every value set in memory.
  std::uint64_t scenario_hash = 0;
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  unsigned threads = 0;     ///< the threads used (never 0)
  std::uint64_t events = 0; ///< events processed by all replications together
  double wall_seconds = 0.0;
};

/// The record of `results`, replications of `loaded` named `scenario_file`, run on `threads`
/// threads (0: all cores) in `wall_seconds`.
RunRecord make_run_record(const scenario::LoadedScenario &loaded, const std::string &scenario_file,
                          std::uint64_t seed, unsigned threads,
                          const std::vector<model::RunResult> &results, double wall_seconds);

/// `run.json`: the record and the simulator's version as a JSON object, one member per line.
std::string format_run_json(const RunRecord &record);

} // namespace removalsim::studies
