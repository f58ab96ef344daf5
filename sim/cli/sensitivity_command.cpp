#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "invocation.h"
#include "number_options.h"
#include "output_directory.h"
#include "progress.h"
#include "run_limits.h"
#include "simulation_options.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/index_table.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/sensitivity_design.h"
#include "removalsim/studies/sensitivity.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace removalsim::cli {

namespace {

namespace sa = analysis::sensitivity;

/// Replications 0: the study file's, whose seed is the seed.
struct SensitivityOptions : SimulationOptions {
  std::string scenario;
  std::string params;
  std::string metric;
  std::string method;
  std::size_t trajectories = 0; // 0: the study file's
  std::size_t samples = 0;      // 0: the study file's
  RunLimits limits;
};

std::string fixed(double value, int digits) {
  if (std::isnan(value)) {
    return "NA";
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

/// Significant digits for a table: enough to tell indices apart whatever their scale.
std::string short_number(double value) {
  if (std::isnan(value)) {
    return "NA";
  }
  char buffer[64];
  const double magnitude = std::abs(value);
  if (magnitude >= 100.0 || value == 0.0) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  }
  return buffer;
}

std::string interval(double low, double high) {
  return '[' + short_number(low) + ", " + short_number(high) + ']';
}

void print_output(const scenario::StudyOutput &output,
                  const studies::SensitivityOutputResult &result,
                  const std::vector<sa::Factor> &factors, scenario::StudyMethod method,
                  std::size_t replications) {
  const auto &means = result.noise.point_means;
  double low = INFINITY;
  double high = -INFINITY;
  double sum = 0.0;
  std::size_t n = 0;
  for (const double m : means) {
    if (std::isfinite(m)) {
      low = std::min(low, m);
      high = std::max(high, m);
      sum += m;
      ++n;
    }
  }
  std::printf("\n%s: mean over design points %s (from %s to %s)\n", output.label().c_str(),
              short_number(n == 0 ? NAN : sum / static_cast<double>(n)).c_str(),
              short_number(n == 0 ? NAN : low).c_str(), short_number(n == 0 ? NAN : high).c_str());
  if (result.noise.between_variance == 0.0) {
    std::printf("the output takes the same value at every design point: no parameter moves it\n");
  } else if (replications >= 2) {
    std::printf("replication noise: %s %% of the variance of the point means (mean within-point "
                "variance / R over the variance of the means, R = %zu)\n",
                fixed(100.0 * result.noise.noise_share, 1).c_str(), replications);
  } else {
    std::printf("replication noise: not estimated (one replication per point)\n");
  }
  if (result.noise.non_finite > 0) {
    std::printf("%zu run(s) gave no value (a ratio with a zero denominator) and were left out\n",
                result.noise.non_finite);
  }
  auto value_of = [&](std::size_t factor, const std::string &index) -> const sa::IndexRow * {
    for (const auto &row : result.rows) {
      if (row.parameter == factors[factor].name && row.index == index) {
        return &row;
      }
    }
    return nullptr;
  };
  std::size_t width = 9;
  for (const auto &factor : factors) {
    width = std::max(width, factor.name.size());
  }
  const int w = static_cast<int>(width);
  if (method == scenario::StudyMethod::morris) {
    std::printf("%-4s  %-*s  %10s  %-22s  %10s  %10s\n", "rank", w, "parameter", "mu_star",
                "95 % interval", "mu", "sigma");
    const auto order = sa::rank_by(factors, result.rows, "mu_star");
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      const std::size_t i = order[rank];
      const auto *mu_star = value_of(i, "mu_star");
      std::printf("%-4zu  %-*s  %10s  %-22s  %10s  %10s\n", rank + 1, w, factors[i].name.c_str(),
                  short_number(mu_star->value).c_str(),
                  interval(mu_star->ci_low, mu_star->ci_high).c_str(),
                  short_number(value_of(i, "mu")->value).c_str(),
                  short_number(value_of(i, "sigma")->value).c_str());
    }
    std::printf("mu_star: mean |elementary effect|, in output units per whole range of the "
                "parameter; sigma large against mu_star: non-linear or interacting\n");
  } else {
    std::printf("%-4s  %-*s  %7s  %-18s  %7s  %-18s\n", "rank", w, "parameter", "ST",
                "95 % interval", "S1", "95 % interval");
    const auto order = sa::rank_by(factors, result.rows, "ST");
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      const std::size_t i = order[rank];
      const auto *total = value_of(i, "ST");
      const auto *first = value_of(i, "S1");
      std::printf("%-4zu  %-*s  %7s  %-18s  %7s  %-18s\n", rank + 1, w, factors[i].name.c_str(),
                  fixed(total->value, 3).c_str(), interval(total->ci_low, total->ci_high).c_str(),
                  fixed(first->value, 3).c_str(), interval(first->ci_low, first->ci_high).c_str());
    }
    std::printf("ST: share of the output variance due to the parameter with all its interactions; "
                "S1: alone\n");
  }
}

constexpr double kBytesPerParameterSet = 4096;

/// Refuses, before the design is drawn, a design whose points and their outputs would not fit
/// in memory.
void check_design_size(const scenario::SensitivityDesign &design, const model::Scenario &base,
                       const SensitivityOptions &options) {
  const double dimension = static_cast<double>(design.parameters.size());
  const double points = design.method == scenario::StudyMethod::morris
                            ? static_cast<double>(design.trajectories) * (dimension + 1)
                            : static_cast<double>(design.base_samples) *
                                  (design.second_order ? 2 * dimension + 2 : dimension + 2);
  // Per point: its scenario (about 4 KB per set of parameters: national, each country, each
  // profile; 8 KB measured for a scenario of two countries), its coordinates in the unit cube and
  // in the parameters' units, and one vector of outputs per replication (24 bytes of vector each).
  double parameter_sets = 1;
  for (const model::Country &country : base.countries) {
    parameter_sets += 1 + static_cast<double>(country.profiles.size());
  }
  const double bytes_per_point = kBytesPerParameterSet * parameter_sets + 2 * (24 + 8 * dimension) +
                                 static_cast<double>(design.replications) *
                                     (24 + 8 * static_cast<double>(design.outputs.size()));
  char count[32];
  std::snprintf(count, sizeof count, "%.3g", points);
  check_memory(options.params, points * bytes_per_point,
               std::string("the ") + count + " design points and their outputs",
               "use fewer samples, trajectories or replications", options.limits);
}

void run(const SensitivityOptions &options) {
  const scenario::LoadedScenario base = scenario::load_scenario(options.scenario);
  scenario::SensitivityDesign design = scenario::load_sensitivity_design(options.params);
  if (options.samples > 0 && (options.samples & (options.samples - 1)) != 0) {
    throw CLI::ValidationError("--samples",
                               "N must be a power of two, got " + std::to_string(options.samples));
  }
  studies::apply_sensitivity_choices(design, {.method = options.method,
                                              .replications = options.replications,
                                              .trajectories = options.trajectories,
                                              .samples = options.samples,
                                              .metric = options.metric});
  scenario::check_design(design, options.scenario, base, analysis::metric_names());
  check_design_size(design, base.scenario, options);
  const auto output = Execution::is_coordinator() ? prepare_output_set(options.out) : nullptr;
  const studies::SensitivityPlan plan = studies::plan_sensitivity(design, base);
  const auto &factors = plan.factors;
  const auto &points = plan.points;
  const bool morris = plan.morris;
  std::fprintf(stderr, "%s: %zu parameters, %zu design points x %zu replications = %zu runs\n",
               morris ? "Morris screening" : "Sobol indices", factors.size(), points.size(),
               design.replications, plan.runs(design.replications));
  const InterruptGuard interrupt_guard(kStopWithoutOutputNotice);
  const auto executor = Execution::executor(options.threads, interrupt_guard.stop_flag());
  const auto started = std::chrono::steady_clock::now();
  const auto values = studies::simulate_sensitivity(
      design, plan, options.scenario, base, *executor,
      [&](const model::Scenario &point) {
        // Each run is reduced to the outputs at once: no counters kept.
        check_run_size(point, options.scenario, 0, options.threads, options.limits);
      },
      Progress("run"), interrupt_guard.stop_flag());
  if (!Execution::is_coordinator()) {
    return; // rank 0 analyses, reports and writes
  }
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto results = studies::analyse_sensitivity(design, plan, values);

  const model::Scenario &scenario = base.scenario;
  const std::string name = scenario.name.empty() ? options.scenario : scenario.name;
  if (morris) {
    std::printf("Morris screening of %s: %zu parameters, %zu trajectories on %zu levels, %zu "
                "design points x %zu replications (seed %llu), %.1f s\n",
                name.c_str(), factors.size(), design.trajectories, design.levels, points.size(),
                design.replications, static_cast<unsigned long long>(design.seed), wall_seconds);
  } else {
    std::printf("Sobol indices of %s: %zu parameters, N = %zu%s, %zu design points x %zu "
                "replications (seed %llu), %.1f s\n",
                name.c_str(), factors.size(), design.base_samples,
                design.second_order ? " with second order" : "", points.size(), design.replications,
                static_cast<unsigned long long>(design.seed), wall_seconds);
  }
  for (std::size_t k = 0; k < design.outputs.size(); ++k) {
    print_output(design.outputs[k], results[k], factors, design.method, design.replications);
  }

  if (!output) {
    return;
  }
  for (std::size_t k = 0; k < design.outputs.size(); ++k) {
    sa::write_sensitivity_csv(output->file(studies::sensitivity_csv_name(design.outputs[k], k)),
                              results[k].rows);
  }
  // The design and each point's outputs, to re-analyse elsewhere (SALib reads them directly).
  output->file("points.csv") << studies::sensitivity_points_csv(design, plan, results);
  output->file("sensitivity.json") << studies::sensitivity_json(base, design, plan, results,
                                                                {.invocation = invocation(),
                                                                 .scenario_file = options.scenario,
                                                                 .params_file = options.params,
                                                                 .wall_seconds = wall_seconds});
  output->commit();
  std::fprintf(stderr, "wrote %s/{sensitivity*.csv,points.csv,sensitivity.json}\n",
               options.out.c_str());
}

} // namespace

void add_sensitivity_command(CLI::App &app) {
  auto options = std::make_shared<SensitivityOptions>();
  CLI::App *command = app.add_subcommand(
      "sensitivity", "Global sensitivity analysis (Morris screening or Sobol indices) of output "
                     "metrics with respect to scenario parameters");
  command->add_option("scenario", options->scenario, "Base scenario YAML file")->required();
  command
      ->add_option("--params", options->params,
                   "Study file: parameters and ranges, outputs, method (README: Sensitivity)")
      ->required();
  command
      ->add_option("--metric", options->metric,
                   "Analyse this metric instead, on the countries and periods of the study's "
                   "outputs")
      ->check(CLI::IsMember(analysis::metric_names()));
  command->add_option("--method", options->method, "morris or sobol (default: the study file's)")
      ->check(CLI::IsMember({"morris", "sobol"}));
  add_simulation_options(
      *command, *options,
      {.replications = "Replications per design point (default: the study file's)",
       .default_replications = 0,
       .max_replications = 100'000,
       .seed = "",
       .out = "Directory for sensitivity.csv, points.csv and sensitivity.json (written "
              "atomically)",
       .show_defaults = false});
  command
      ->add_option("--trajectories", options->trajectories,
                   "Morris trajectories (default: the study file's)")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::size_t{2}, std::size_t{100'000}));
  command
      ->add_option("--samples", options->samples,
                   "Sobol base samples N, a power of two (default: the study file's)")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 30));
  add_limit_options(*command, options->limits);
  command->callback([options] { run(*options); });
}

} // namespace removalsim::cli
