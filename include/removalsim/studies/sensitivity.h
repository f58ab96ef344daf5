#pragma once

#include "removalsim/analysis/batch.h"
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/index_table.h"
#include "removalsim/analysis/sensitivity/replication_noise.h"
#include "removalsim/analysis/sensitivity/sampling.h"
#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/replications.h"
#include "removalsim/model/parameters.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/sensitivity_design.h"
#include "removalsim/studies/output_record.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace removalsim::studies {

// The global sensitivity analysis (Morris screening or Sobol indices) of a scenario's outputs
// with respect to its parameters: the study behind `removalsim sensitivity`, without printing.

/// The settings a caller chose over the study file's (the command line's options); 0 or empty:
/// the study file's.
struct SensitivityChoices {
  std::string method; ///< `morris` or `sobol`
  std::size_t replications = 0;
  std::size_t trajectories = 0; ///< Morris
  std::size_t samples = 0;      ///< Sobol N; a power of two (the caller checks it)
  std::string metric;           ///< measured on the countries and periods of the file's outputs
};

/// `design` with the caller's choices applied; `metric` replaces the outputs by that metric on
/// each distinct (country, period) of the file's outputs.
void apply_sensitivity_choices(scenario::SensitivityDesign &design,
                               const SensitivityChoices &choices);

/// The design points of a study and what each output reads of a run.
struct SensitivityPlan {
  std::vector<analysis::sensitivity::Factor> factors;
  bool morris = true;
  std::optional<analysis::sensitivity::MorrisDesign> morris_design;
  std::optional<analysis::sensitivity::SaltelliDesign> saltelli_design;
  std::vector<std::vector<double>> points;     ///< in the parameters' units
  std::vector<analysis::Selection> selections; ///< parallel to the design's outputs
  std::size_t runs(std::size_t replications) const { return points.size() * replications; }
};

/// The plan of a checked design (`scenario::check_design`) on its base scenario.
SensitivityPlan plan_sensitivity(const scenario::SensitivityDesign &design,
                                 const scenario::LoadedScenario &base);

/// Simulates every design point `design.replications` times (`analysis::evaluate_batch`: common
/// random numbers, independent of threads and ranks); `check_point` sees each point's scenario
/// before its runs (e.g. a limit on the run's size). Returns [point][replication][output].
std::vector<std::vector<std::vector<double>>>
simulate_sensitivity(const scenario::SensitivityDesign &design, const SensitivityPlan &plan,
                     const std::string &scenario_file, const scenario::LoadedScenario &base,
                     analysis::UnitExecutor &executor,
                     const std::function<void(const model::Scenario &)> &check_point = {},
                     const engine::ProgressCallback &progress = {},
                     const engine::StopFlag *stop = nullptr);

/// One output's result: its indices and the replication noise of its design points.
struct SensitivityOutputResult {
  std::vector<analysis::sensitivity::IndexRow> rows;
  analysis::sensitivity::ReplicationNoise noise;
};

/// The indices of every output (bootstrap intervals as the design says) from the simulated values.
std::vector<SensitivityOutputResult>
analyse_sensitivity(const scenario::SensitivityDesign &design, const SensitivityPlan &plan,
                    const std::vector<std::vector<std::vector<double>>> &values);

/// The CSV file of output k: `sensitivity.csv` for the first, a name built from its label after.
std::string sensitivity_csv_name(const scenario::StudyOutput &output, std::size_t k);

/// `points.csv`: each design point's parameters and its outputs' means (SALib reads it).
std::string sensitivity_points_csv(const scenario::SensitivityDesign &design,
                                   const SensitivityPlan &plan,
                                   const std::vector<SensitivityOutputResult> &results);

/// What the study file and the command said, for `sensitivity.json`.
struct SensitivityRecord {
  Invocation invocation{};
  std::string scenario_file;
  std::string params_file;
  double wall_seconds = 0.0;
};

/// `sensitivity.json`: the invocation (`output_record`), the base scenario (`add_scenario`), the
/// settings, the design's size and each output's file and noise.
std::string sensitivity_json(const scenario::LoadedScenario &base,
                             const scenario::SensitivityDesign &design, const SensitivityPlan &plan,
                             const std::vector<SensitivityOutputResult> &results,
                             const SensitivityRecord &record);

} // namespace removalsim::studies
