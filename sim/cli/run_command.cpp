#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "invocation.h"
#include "output_directory.h"
#include "progress.h"
#include "run_limits.h"
#include "simulation_options.h"
#include "summary_table.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/summary.h"
#include "removalsim/engine/replications.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>

namespace removalsim::cli {

namespace {

struct RunOptions : SimulationOptions {
  std::string scenario = kDefaultScenario;
  RunLimits limits;
};

void run(const RunOptions &options) {
  const scenario::LoadedScenario loaded = scenario::load_scenario(options.scenario);
  const model::Scenario &scenario = loaded.scenario;
  check_run_size(scenario, options.scenario, options.replications, options.threads, options.limits);
  const auto output = prepare_output_set(options.out);
  const auto started = std::chrono::steady_clock::now();
  const InterruptGuard interrupt_guard(kStopWithoutOutputNotice);
  const auto results = engine::run_replications(
      options.replications, options.threads,
      [&](std::size_t r) {
        return model::simulate(scenario, options.seed, r, interrupt_guard.stop_flag());
      },
      Progress("replication"), interrupt_guard.stop_flag());
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t events = 0;
  for (const auto &result : results) {
    events += result.events;
  }
  const auto rows = analysis::summarise(scenario, results, analysis::metric_names());

  std::printf("%s — %zu replication(s), seed %llu, %.1f s, %.3g events\n\n",
              scenario.name.empty() ? options.scenario.c_str() : scenario.name.c_str(),
              options.replications, static_cast<unsigned long long>(options.seed), wall_seconds,
              static_cast<double>(events));
  print_summary_table(
      stdout, "Flows per year (mean ± half-width of the 95 % interval across replications)", rows,
      {"oqtf_issued", "removals", "execution_ratio", "lpc_requested", "lpc_issued",
       "detention_entries"},
      {"OQTF issued", "removals", "execution ratio", "LPC requested", "LPC issued", "detentions"});
  print_summary_table(
      stdout, "Where each year's orders stand at the end of the run (share of the year's orders)",
      rows,
      {"cohort_removed_share", "cohort_voluntary_departure_share", "cohort_annulled_share",
       "cohort_expired_share", "cohort_at_large_share", "cohort_detained_share",
       "cohort_in_appeal_share", "cohort_in_departure_period_share", "cohort_in_prison_share",
       "cohort_house_arrest_share"},
      {"removed", "voluntary", "annulled", "expired", "at large", "detained", "in appeal",
       "in period", "in prison", "house arrest"});

  if (!output) {
    return;
  }
  analysis::write_monthly_csv(output->file("monthly.csv"), scenario, results);
  analysis::write_summary_csv(output->file("summary.csv"), rows);
  nlohmann::ordered_json record = studies::output_record(invocation());
  studies::add_scenario(record, loaded, options.scenario);
  record["seed"] = options.seed;
  record["replications"] = options.replications;
  record["threads"] = options.threads == 0 ? engine::default_thread_count() : options.threads;
  record["events"] = events;
  record["wall_seconds"] = wall_seconds;
  output->file("run.json") << studies::record_text(record);
  output->commit();
  std::fprintf(stderr, "wrote %s/{monthly.csv,summary.csv,run.json}\n", options.out.c_str());
}

} // namespace

void add_run_command(CLI::App &app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App *command = app.add_subcommand("run", "Simulate a scenario and summarise it by year");
  command->add_option("scenario", options->scenario, "Scenario YAML file")->capture_default_str();
  add_simulation_options(
      *command, *options,
      {.out = "Directory for monthly.csv, summary.csv and run.json (written atomically)"});
  add_limit_options(*command, options->limits);
  command->callback([options] {
    Execution::require_single_process("run");
    run(*options);
  });
}

} // namespace removalsim::cli
