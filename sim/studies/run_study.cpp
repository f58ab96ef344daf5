#include "removalsim/studies/run_study.h"

namespace removalsim::studies {

std::vector<model::RunResult> simulate_replications(const model::Scenario &scenario,
                                                    std::size_t replications, std::uint64_t seed,
                                                    unsigned threads,
                                                    const engine::ProgressCallback &progress,
                                                    const engine::StopFlag *stop) {
  return engine::run_replications(
      replications, threads,
      [&](std::size_t r) { return model::simulate(scenario, seed, r, stop); }, progress, stop);
}

std::uint64_t total_events(const std::vector<model::RunResult> &results) {
  std::uint64_t events = 0;
  for (const auto &result : results) {
    events += result.events;
  }
  return events;
}

std::string run_json(const Invocation &invocation, const scenario::LoadedScenario &loaded,
                     const std::string &scenario_file, std::uint64_t seed, unsigned threads,
                     const std::vector<model::RunResult> &results, double wall_seconds) {
  nlohmann::ordered_json record = output_record(invocation);
  add_scenario(record, loaded, scenario_file);
  record["seed"] = seed;
  record["replications"] = results.size();
  record["threads"] = threads == 0 ? engine::default_thread_count() : threads;
  record["events"] = total_events(results);
  record["wall_seconds"] = wall_seconds;
  return record_text(record);
}

} // namespace removalsim::studies
