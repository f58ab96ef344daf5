#include "removalsim/studies/run_study.h"

#include "removalsim/analysis/run_output.h"
#include "removalsim/engine/fnv1a.h"

#include <cstdio>
#include <sstream>

namespace removalsim::studies {

namespace {

std::string hex(std::uint64_t value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

} // namespace

std::vector<model::RunResult> simulate_replications(const model::Scenario &scenario,
                                                    std::size_t replications, std::uint64_t seed,
                                                    unsigned threads,
                                                    const engine::ProgressCallback &progress,
                                                    const engine::StopFlag *stop) {
  return engine::run_replications(
      replications, threads,
      [&](std::size_t r) { return model::simulate(scenario, seed, r, stop); }, progress, stop);
}

RunRecord make_run_record(const scenario::LoadedScenario &loaded, const std::string &scenario_file,
                          std::uint64_t seed, unsigned threads,
                          const std::vector<model::RunResult> &results, double wall_seconds) {
  engine::Fnv1a hash;
  hash.add(scenario::format_resolved(loaded));
  std::uint64_t events = 0;
  for (const auto &result : results) {
    events += result.events;
  }
  return RunRecord{scenario_file,
                   hash.value(),
                   seed,
                   results.size(),
                   threads == 0 ? engine::default_thread_count() : threads,
                   events,
                   wall_seconds};
}

std::string format_run_json(const RunRecord &record) {
  std::ostringstream json;
  json << "{\n  \"scenario\": " << analysis::json_string(record.scenario_file) << ",\n"
       << "  \"scenario_hash\": \"" << hex(record.scenario_hash)
       << "\",\n  \"seed\": " << record.seed << ",\n  \"replications\": " << record.replications
       << ",\n  \"threads\": " << record.threads << ",\n  \"version\": \"" << REMOVALSIM_VERSION
       << "\",\n  \"events\": " << record.events
       << ",\n  \"wall_seconds\": " << analysis::json_number(record.wall_seconds) << "\n}\n";
  return json.str();
}

} // namespace removalsim::studies
