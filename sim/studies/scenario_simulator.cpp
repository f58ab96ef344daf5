#include "removalsim/studies/scenario_simulator.h"

#include "removalsim/model/removal_model.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace removalsim::studies {

namespace cal = analysis::calibration;

ScenarioSimulator::ScenarioSimulator(scenario::LoadedScenario base,
                                     std::vector<scenario::FreeParameterSpec> free,
                                     std::vector<analysis::Observable> observables,
                                     std::shared_ptr<analysis::UnitExecutor> executor,
                                     const engine::StopFlag *stop)
    : base_(std::move(base)), free_(std::move(free)), observables_(std::move(observables)),
      executor_(std::move(executor)), stop_(stop) {}

scenario::LoadedScenario ScenarioSimulator::scenario_at(const std::vector<double> &theta) const {
  if (theta.size() != free_.size()) {
    throw std::invalid_argument("a request sets " + std::to_string(theta.size()) + " values for " +
                                std::to_string(free_.size()) + " parameters");
  }
  scenario::LoadedScenario loaded = base_;
  for (std::size_t j = 0; j < free_.size(); ++j) {
    loaded.set(free_[j].key, scenario::simulated_value(free_[j], theta[j]));
  }
  return loaded;
}

std::vector<cal::ReplicationMoments>
ScenarioSimulator::operator()(const std::vector<cal::SimulationRequest> &requests) const {
  std::vector<model::Scenario> scenarios;
  std::vector<std::vector<analysis::BoundObservable>> bound;
  std::vector<std::size_t> offsets{0};
  for (const auto &request : requests) {
    scenarios.push_back(scenario_at(request.theta).scenario);
    std::vector<analysis::BoundObservable> b;
    for (const auto &observable : observables_) {
      b.push_back(analysis::bind(observable, scenarios.back()));
    }
    bound.push_back(std::move(b));
    offsets.push_back(offsets.back() + request.replications);
  }
  const auto flat = executor_->run(offsets.back(), [&](std::size_t unit) {
    const auto q = static_cast<std::size_t>(std::upper_bound(offsets.begin(), offsets.end(), unit) -
                                            offsets.begin() - 1);
    const auto &request = requests[q];
    const auto result = model::simulate(scenarios[q], request.seed,
                                        request.first_replication + (unit - offsets[q]), stop_);
    return analysis::observe_all(result, bound[q]);
  });
  std::vector<cal::ReplicationMoments> out(requests.size());
  for (std::size_t q = 0; q < requests.size(); ++q) {
    out[q].assign(flat.begin() + static_cast<std::ptrdiff_t>(offsets[q]),
                  flat.begin() + static_cast<std::ptrdiff_t>(offsets[q + 1]));
  }
  return out;
}

} // namespace removalsim::studies
