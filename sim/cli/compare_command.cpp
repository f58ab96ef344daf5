#include "commands.h"
#include "comparison_table.h"
#include "execution.h"
#include "interrupt.h"
#include "invocation.h"
#include "output_directory.h"
#include "progress.h"
#include "run_limits.h"
#include "set_option.h"
#include "simulation_options.h"

#include "removalsim/analysis/comparison.h"
#include "removalsim/engine/calendar.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/targets.h"
#include "removalsim/studies/comparison_study.h"
#include "removalsim/studies/output_record.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace removalsim::cli {

namespace {

struct CompareOptions : SimulationOptions {
  std::string scenario = kDefaultScenario;
  std::string targets;
  RunLimits limits;
  std::vector<std::string> sets;
};

void compare(const CompareOptions &options) {
  const scenario::LoadedScenario loaded =
      scenario::load_scenario(options.scenario, overrides_of(options.sets));
  const model::Scenario &scenario = loaded.scenario;
  // Each replication is reduced to the targets' values at once: no counters are kept.
  check_run_size(scenario, options.scenario, 0, options.threads, options.limits);
  const auto study = studies::load_comparison_study(scenario, options.targets);
  const auto &targets = study.targets;
  const auto output = Execution::is_coordinator() ? prepare_output_set(options.out) : nullptr;

  const InterruptGuard interrupt_guard(kStopWithoutOutputNotice);
  const auto executor = Execution::executor(options.threads, interrupt_guard.stop_flag());
  const auto started = std::chrono::steady_clock::now();
  const auto values =
      studies::simulate_targets(scenario, study, options.replications, options.seed, *executor,
                                Progress("replication"), interrupt_guard.stop_flag());
  if (!Execution::is_coordinator()) {
    return; // rank 0 reports and writes
  }
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto comparisons = studies::compare_with_targets(study, values);

  std::printf("%s against %s — %zu replication(s), seed %llu, %.1f s\n\n",
              scenario.name.empty() ? options.scenario.c_str() : scenario.name.c_str(),
              options.targets.c_str(), options.replications,
              static_cast<unsigned long long>(options.seed), wall_seconds);
  print_comparison_table(targets, comparisons, scenario);
  std::size_t simulated = 0;
  std::size_t inside = 0;
  std::size_t within = 0;
  std::string in_warmup;
  std::string outside;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    simulated += comparisons[t].simulated ? 1 : 0;
    inside += comparisons[t].inside ? 1 : 0;
    within += comparisons[t].within_tolerance ? 1 : 0;
    if (!comparisons[t].simulated) {
      std::string &list =
          unsimulated_reason(targets[t], scenario) == "in the warm-up" ? in_warmup : outside;
      list += (list.empty() ? "" : ", ") + targets[t].id;
    }
  }
  std::printf("\n");
  if (!in_warmup.empty()) {
    std::printf("in the warm-up (simulated, not reported: the run reports %s): %s\n",
                reported_months(scenario).c_str(), in_warmup.c_str());
  }
  if (!outside.empty()) {
    std::printf("outside the run (%s to %s): %s\n", engine::format_iso_date(scenario.start).c_str(),
                engine::format_iso_date(scenario.end).c_str(), outside.c_str());
  }
  std::printf("%zu of %zu targets within tolerance\n", within, simulated);
  std::printf("%zu of %zu targets inside their interval\n", inside, simulated);

  if (!output) {
    return;
  }
  studies::write_comparison_csv(output->file("comparison.csv"), targets, comparisons);
  nlohmann::ordered_json record = studies::output_record(invocation());
  studies::add_scenario(record, loaded, options.scenario);
  record["targets"] = options.targets;
  record["seed"] = options.seed;
  record["replications"] = options.replications;
  record["threads"] = options.threads == 0 ? engine::default_thread_count() : options.threads;
  record["targets_simulated"] = simulated;
  record["targets_within_tolerance"] = within;
  record["wall_seconds"] = wall_seconds;
  output->file("compare.json") << studies::record_text(record);
  output->commit();
  std::fprintf(stderr, "wrote %s/{comparison.csv,compare.json}\n", options.out.c_str());
}

} // namespace

void add_compare_command(CLI::App &app) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App *command = app.add_subcommand(
      "compare", "Compare a scenario's replications with published figures (a targets file)");
  command->add_option("scenario", options->scenario, "Scenario YAML file")->capture_default_str();
  command->add_option("--targets", options->targets, "Targets YAML file")->required();
  add_simulation_options(
      *command, *options,
      {.min_replications = 2, .out = "Directory for comparison.csv (written atomically)"});
  add_set_option(*command, options->sets, "the scenario");
  add_limit_options(*command, options->limits);
  command->callback([options] { compare(*options); });
}

} // namespace removalsim::cli
