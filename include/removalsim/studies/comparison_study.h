#pragma once

#include "removalsim/analysis/comparison.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/replications.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/targets.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <vector>

namespace removalsim::studies {

// A scenario against published figures: the study behind `removalsim compare` and the Python
// package's `compare`, without the table and the file.

/// A targets file bound to the scenario it is compared with.
struct ComparisonStudy {
  std::vector<scenario::Target> targets;
  /// `observables[i]` reads `targets[i]` from a run of the scenario.
  std::vector<analysis::BoundObservable> observables;
};

/// Loads `targets_file` (metrics of analysis::metric_names) and binds each target to `scenario`.
/// Throws ScenarioError for a bad file or a country the scenario does not have.
ComparisonStudy load_comparison_study(const model::Scenario &scenario,
                                      const std::filesystem::path &targets_file);

/// Each replication's value of each target, `[replication][target]`; replication r uses the
/// streams of (seed, r). Each run is reduced to the targets' values at once: no counters are kept.
/// Under MPI only the coordinator receives the values (see analysis::evaluate_batch). Throws
/// engine::Stopped once `stop` is set.
std::vector<std::vector<double>> simulate_targets(const model::Scenario &scenario,
                                                  const ComparisonStudy &study,
                                                  std::size_t replications, std::uint64_t seed,
                                                  analysis::UnitExecutor &executor,
                                                  const engine::ProgressCallback &progress = {},
                                                  const engine::StopFlag *stop = nullptr);

/// Each target of `study` compared with its values in `values` (`[replication][target]`, as
/// `simulate_targets` returns them), in the targets' order.
std::vector<analysis::TargetComparison>
compare_with_targets(const ComparisonStudy &study, const std::vector<std::vector<double>> &values);

/// The study reduced to its targets marked `headline` (in the file's order): the figures `run`
/// shows against its results.
ComparisonStudy headline_study(const ComparisonStudy &study);

/// Each target of `study` compared with the replications `results` of the study's scenario (runs
/// that kept their counters, as `run` makes them), in the targets' order.
std::vector<analysis::TargetComparison>
compare_with_results(const ComparisonStudy &study, const std::vector<model::RunResult> &results);

/// `comparison.csv`: `id,metric,country,period,reported,sim_mean,ci_low,ci_high,rel_error,inside,
/// tolerance,within_tolerance`, one row per target (`NA` where a target is not simulated).
void write_comparison_csv(std::ostream &out, const std::vector<scenario::Target> &targets,
                          const std::vector<analysis::TargetComparison> &comparisons);

} // namespace removalsim::studies
