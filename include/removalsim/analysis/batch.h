#pragma once

#include "removalsim/engine/replications.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace removalsim::analysis {

/// Builds the scenario of design point `point` (e.g. a base scenario with parameter overrides).
using ScenarioFactory = std::function<model::Scenario(std::size_t point)>;

/// Reduces one replication's result to the numbers a study needs (metric values).
using Measure = std::function<std::vector<double>(const model::RunResult &)>;

/// Runs `replications` replications of each of `points` scenarios and measures each run.
///
/// Work units are (point, replication), spread over `threads` threads (0: all cores). Replication
/// r of every point uses the random streams of (seed, r): design points share their randomness
/// (common random numbers), which makes differences between points, objective functions and
/// sensitivity indices far less noisy. The result, `[point][replication]` → measures, never depends
/// on the thread count. Scenarios are built once per point, on the calling thread. Throws
/// engine::Stopped soon after `stop` is set.
std::vector<std::vector<std::vector<double>>>
evaluate_batch(std::size_t points, const ScenarioFactory &make_scenario, std::size_t replications,
               std::uint64_t seed, unsigned threads, const Measure &measure,
               const engine::ProgressCallback &progress = {},
               const engine::StopFlag *stop = nullptr);

} // namespace removalsim::analysis
