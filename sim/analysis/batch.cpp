#include "removalsim/analysis/batch.h"

namespace removalsim::analysis {

std::vector<std::vector<std::vector<double>>>
evaluate_batch(std::size_t points, const ScenarioFactory &make_scenario, std::size_t replications,
               std::uint64_t seed, UnitExecutor &executor, const Measure &measure,
               const engine::ProgressCallback &progress, const engine::StopFlag *stop) {
  std::vector<model::Scenario> scenarios;
  scenarios.reserve(points);
  for (std::size_t p = 0; p < points; ++p) {
    // Preparing a large design (a scenario loaded per point) takes as long as a simulation.
    if (engine::stop_requested(stop)) {
      throw engine::Stopped();
    }
    scenarios.push_back(make_scenario(p));
  }
  const std::size_t units = points * replications;
  std::size_t finished = 0;
  const auto flat = executor.run(
      units,
      [&](std::size_t unit) {
        const std::size_t point = unit / replications;
        const std::size_t replication = unit % replications;
        return measure(model::simulate(scenarios[point], seed, replication, stop));
      },
      [&](std::size_t, const UnitResult &) {
        if (progress) {
          progress(++finished, units);
        }
      });
  std::vector<std::vector<std::vector<double>>> results(points);
  for (std::size_t p = 0; p < points; ++p) {
    results[p].assign(flat.begin() + static_cast<std::ptrdiff_t>(p * replications),
                      flat.begin() + static_cast<std::ptrdiff_t>((p + 1) * replications));
  }
  return results;
}

} // namespace removalsim::analysis
