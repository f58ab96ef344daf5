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
#include "summary_table.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/summary.h"
#include "removalsim/engine/calendar.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/comparison_study.h"
#include "removalsim/studies/run_study.h"

#include <chrono>
#include <cstdio>
#include <memory>

namespace removalsim::cli {

namespace {

struct RunOptions : SimulationOptions {
  std::string scenario = kDefaultScenario;
  RunLimits limits;
  bool sparse = false;
  std::vector<std::string> sets;
};

/// The block "against published figures" that ends a run of a scenario naming a targets file:
/// its headline targets against the run, and how many are within tolerance.
void print_headline_targets(const std::string &targets_file, const studies::ComparisonStudy &study,
                            const model::Scenario &scenario,
                            const std::vector<model::RunResult> &results) {
  if (study.targets.empty()) {
    return;
  }
  const auto comparisons = studies::compare_with_results(study, results);
  std::printf("\nAgainst published figures (the headline targets of %s)\n", targets_file.c_str());
  print_comparison_table(study.targets, comparisons, scenario);
  std::size_t simulated = 0;
  std::size_t within = 0;
  for (const auto &comparison : comparisons) {
    simulated += comparison.simulated ? 1 : 0;
    within += comparison.within_tolerance ? 1 : 0;
  }
  std::printf("%zu of %zu within tolerance — see `removalsim compare` for all\n", within,
              simulated);
}

void run(const RunOptions &options) {
  const scenario::LoadedScenario loaded =
      scenario::load_scenario(options.scenario, overrides_of(options.sets));
  const model::Scenario &scenario = loaded.scenario;
  // Read before simulating: a mistake in the targets file is reported at once.
  const auto headlines =
      loaded.targets_file.empty()
          ? studies::ComparisonStudy{}
          : studies::headline_study(studies::load_comparison_study(scenario, loaded.targets_file));
  check_run_size(scenario, options.scenario, options.replications, options.threads, options.limits);
  const auto output = prepare_output_set(options.out);
  const auto started = std::chrono::steady_clock::now();
  const InterruptGuard interrupt_guard(kStopWithoutOutputNotice);
  const auto results =
      studies::simulate_replications(scenario, options.replications, options.seed, options.threads,
                                     Progress("replication"), interrupt_guard.stop_flag());
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto rows = analysis::summarise(scenario, results, analysis::metric_names());

  std::printf("%s — %zu replication(s), seed %llu, %.1f s, %.3g events\n\n",
              scenario.name.empty() ? options.scenario.c_str() : scenario.name.c_str(),
              options.replications, static_cast<unsigned long long>(options.seed), wall_seconds,
              static_cast<double>(studies::total_events(results)));
  if (scenario.start < scenario.warmup_until) {
    std::printf("Reported from %s: the months before are a warm-up (simulated to build the stock "
                "of orders and cases, not reported; `warmup_until` in the scenario)\n\n",
                engine::format_iso_date(scenario.warmup_until).substr(0, 7).c_str());
  }
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
  print_headline_targets(loaded.targets_file, headlines, scenario, results);

  if (!output) {
    return;
  }
  analysis::write_monthly_csv(output->file("monthly.csv"), scenario, results, options.sparse);
  analysis::write_summary_csv(output->file("summary.csv"), rows);
  output->file("run.json") << studies::run_json(
      invocation(), loaded, options.scenario, options.seed, options.threads, results, wall_seconds);
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
  add_set_option(*command, options->sets, "the scenario");
  command->add_flag("--sparse", options->sparse,
                    "monthly.csv without its zero rows (smaller; a mean over rows is then wrong)");
  command->callback([options] {
    Execution::require_single_process("run");
    run(*options);
  });
}

} // namespace removalsim::cli
