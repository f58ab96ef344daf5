#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "output_directory.h"
#include "progress.h"
#include "run_limits.h"
#include "simulation_options.h"

#include "removalsim/analysis/batch.h"
#include "removalsim/analysis/comparison.h"
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/engine/calendar.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/targets.h"

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
};

/// Decimals to show values comparable with `reported`: none for counts in the hundreds and more,
/// one for tens (days), three for shares and ratios.
int decimals_for(double reported) {
  const double magnitude = std::abs(reported);
  return magnitude >= 100.0 ? 0 : magnitude >= 10.0 ? 1 : 3;
}

std::string number(double value, int decimals) {
  if (std::isnan(value)) {
    return "-";
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string interval_text(const engine::ConfidenceInterval &interval, int decimals) {
  if (std::isnan(interval.low)) {
    return "-";
  }
  return '[' + number(interval.low, decimals) + ", " + number(interval.high, decimals) + ']';
}

std::string percent(double share) {
  if (std::isnan(share)) {
    return "-";
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f %%", 100.0 * share);
  return buffer;
}

/// A relative tolerance as a percentage: `10 %`, `5 %`, `19.2 %`.
std::string tolerance_text(double tolerance) {
  if (std::isnan(tolerance)) {
    return "-";
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g %%", 100.0 * tolerance);
  return buffer;
}

/// `YYYY-MM..YYYY-MM`: the months a run of `scenario` reports.
std::string reported_months(const model::Scenario &scenario) {
  return engine::format_iso_date(scenario.warmup_until).substr(0, 7) + ".." +
         engine::format_iso_date(scenario.end).substr(0, 7);
}

void print_table(const std::vector<scenario::Target> &targets,
                 const std::vector<analysis::TargetComparison> &comparisons) {
  std::size_t id_width = 2;
  for (const auto &target : targets) {
    id_width = std::max(id_width, target.id.size());
  }
  const int width = static_cast<int>(id_width);
  std::printf("%-*s %10s %10s  %-22s %9s %8s  %-7s  %s\n", width, "id", "reported", "simulated",
              "95 % interval", "rel. err", "tol.", "within?", "inside?");
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const auto &c = comparisons[t];
    const int decimals = decimals_for(c.reported);
    if (!c.simulated) {
      std::printf("%-*s %10s %10s  %-22s %9s %8s  %-7s  %s\n", width, targets[t].id.c_str(),
                  number(c.reported, decimals).c_str(), "-", "-", "-",
                  tolerance_text(c.tolerance).c_str(), "-", "not simulated");
      continue;
    }
    std::printf("%-*s %10s %10s  %-22s %9s %8s  %-7s  %s\n", width, targets[t].id.c_str(),
                number(c.reported, decimals).c_str(), number(c.interval.mean, decimals).c_str(),
                interval_text(c.interval, decimals).c_str(), percent(c.relative_error).c_str(),
                tolerance_text(c.tolerance).c_str(), c.within_tolerance ? "yes" : "no",
                c.inside ? "inside" : "outside");
  }
}

void write_csv(std::ostream &out, const std::vector<scenario::Target> &targets,
               const std::vector<analysis::TargetComparison> &comparisons) {
  out << "id,metric,country,period,reported,sim_mean,ci_low,ci_high,rel_error,inside,tolerance,"
         "within_tolerance\n";
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const auto &target = targets[t];
    const auto &c = comparisons[t];
    out << target.id << ',' << target.metric_text() << ',' << target.country_text() << ','
        << target.period_text() << ',' << analysis::format_number(c.reported) << ','
        << analysis::format_number(c.interval.mean) << ','
        << analysis::format_number(c.interval.low) << ','
        << analysis::format_number(c.interval.high) << ','
        << analysis::format_number(c.relative_error) << ','
        << (c.simulated ? (c.inside ? "true" : "false") : "NA") << ','
        << analysis::format_number(c.tolerance) << ','
        << (c.simulated ? (c.within_tolerance ? "true" : "false") : "NA") << '\n';
  }
}

void compare(const CompareOptions &options) {
  const scenario::LoadedScenario loaded = scenario::load_scenario(options.scenario);
  const model::Scenario &scenario = loaded.scenario;
  // Each replication is reduced to the targets' values at once: no counters are kept.
  check_run_size(scenario, options.scenario, 0, options.threads, options.limits);
  const auto targets = scenario::load_targets(options.targets, analysis::metric_names());
  scenario::check_target_countries(targets, scenario);
  std::vector<analysis::BoundObservable> observables;
  observables.reserve(targets.size());
  for (const auto &target : targets) {
    observables.push_back(analysis::bind(
        analysis::Observable{target.metric, target.countries, target.period, target.base_period},
        scenario));
  }
  const auto output = Execution::is_coordinator() ? prepare_output_set(options.out) : nullptr;

  const InterruptGuard interrupt_guard(kStopWithoutOutputNotice);
  const auto executor = Execution::executor(options.threads, interrupt_guard.stop_flag());
  const auto started = std::chrono::steady_clock::now();
  const auto values = analysis::evaluate_batch(
      1, [&](std::size_t) { return scenario; }, options.replications, options.seed, *executor,
      [&](const model::RunResult &result) { return analysis::observe_all(result, observables); },
      Progress("replication"), interrupt_guard.stop_flag());
  if (!Execution::is_coordinator()) {
    return; // rank 0 reports and writes
  }
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::vector<analysis::TargetComparison> comparisons;
  comparisons.reserve(targets.size());
  std::vector<double> samples(options.replications);
  for (std::size_t t = 0; t < targets.size(); ++t) {
    for (std::size_t r = 0; r < options.replications; ++r) {
      samples[r] = values[0][r][t];
    }
    comparisons.push_back(analysis::compare_target(
        samples, targets[t].value, observables[t].in_reported_months, targets[t].tolerance));
  }

  std::printf("%s against %s — %zu replication(s), seed %llu, %.1f s\n\n",
              scenario.name.empty() ? options.scenario.c_str() : scenario.name.c_str(),
              options.targets.c_str(), options.replications,
              static_cast<unsigned long long>(options.seed), wall_seconds);
  print_table(targets, comparisons);
  std::size_t simulated = 0;
  std::size_t inside = 0;
  std::size_t within = 0;
  std::string unsimulated;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    simulated += comparisons[t].simulated ? 1 : 0;
    inside += comparisons[t].inside ? 1 : 0;
    within += comparisons[t].within_tolerance ? 1 : 0;
    if (!comparisons[t].simulated) {
      unsimulated += (unsimulated.empty() ? "" : ", ") + targets[t].id;
    }
  }
  std::printf("\n");
  if (!unsimulated.empty()) {
    std::printf("not simulated (period outside the reported months %s): %s\n",
                reported_months(scenario).c_str(), unsimulated.c_str());
  }
  std::printf("%zu of %zu targets within tolerance\n", within, simulated);
  std::printf("%zu of %zu targets inside their interval\n", inside, simulated);

  if (!output) {
    return;
  }
  write_csv(output->file("comparison.csv"), targets, comparisons);
  output->commit();
  std::fprintf(stderr, "wrote %s/comparison.csv\n", options.out.c_str());
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
  add_limit_options(*command, options->limits);
  command->callback([options] { compare(*options); });
}

} // namespace removalsim::cli
