#pragma once

#include "removalsim/analysis/unit_executor.h"
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
/// Work units are (point, replication), run by `executor` (threads of this process, or the ranks
/// of an MPI job). Replication r of every point uses the random streams of (seed, r): design points
/// share their randomness (common random numbers), which makes differences between points,
/// objective functions and sensitivity indices far less noisy. The result, `[point][replication]`
/// → measures, never depends on the number of threads or processes. Scenarios are built once per
/// point, on the calling thread (of every process). `progress` is called on the coordinator. A
/// running simulation throws engine::Stopped soon after `stop` is set; whether further units start
/// is the executor's decision (ThreadExecutor takes the same flag).
std::vector<std::vector<std::vector<double>>>
evaluate_batch(std::size_t points, const ScenarioFactory &make_scenario, std::size_t replications,
               std::uint64_t seed, UnitExecutor &executor, const Measure &measure,
               const engine::ProgressCallback &progress = {},
               const engine::StopFlag *stop = nullptr);

} // namespace removalsim::analysis
