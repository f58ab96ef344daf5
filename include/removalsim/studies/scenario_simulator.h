#pragma once

#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/analysis/unit_executor.h"
#include "removalsim/scenario/free_parameters.h"
#include "removalsim/scenario/loader.h"

#include <memory>
#include <string>
#include <vector>

namespace removalsim::studies {

/// The scenario as calibration sees it: a black box from parameter values to the moments of the
/// observables. Each request's values are put on a copy of the loaded scenario with
/// `LoadedScenario::set` (no file read, no YAML text), and every (request, replication) pair is a
/// unit of the executor (threads or MPI ranks), so the result does not depend on how many ran.
class ScenarioSimulator {
public:
  /// theta[j] sets `free[j].key` (rounded for an `integer` parameter); `observables` are the
  /// targets' readings, bound to the scenario of each request. Throws scenario::ScenarioError when
  /// a key cannot be set.
  ScenarioSimulator(scenario::LoadedScenario base, std::vector<scenario::FreeParameterSpec> free,
                    std::vector<analysis::Observable> observables,
                    std::shared_ptr<analysis::UnitExecutor> executor,
                    const engine::StopFlag *stop = nullptr);

  std::vector<analysis::calibration::ReplicationMoments>
  operator()(const std::vector<analysis::calibration::SimulationRequest> &requests) const;

  /// The base scenario with `theta` set: what a request simulates.
  scenario::LoadedScenario scenario_at(const std::vector<double> &theta) const;

private:
  scenario::LoadedScenario base_;
  std::vector<scenario::FreeParameterSpec> free_;
  std::vector<analysis::Observable> observables_;
  std::shared_ptr<analysis::UnitExecutor> executor_;
  const engine::StopFlag *stop_;
};

} // namespace removalsim::studies
