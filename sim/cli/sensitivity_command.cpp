#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "output_directory.h"
#include "progress.h"
#include "run_limits.h"
#include "simulation_options.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/batch.h"
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/index_table.h"
#include "removalsim/analysis/sensitivity/morris.h"
#include "removalsim/analysis/sensitivity/replication_noise.h"
#include "removalsim/analysis/sensitivity/sampling.h"
#include "removalsim/analysis/sensitivity/sobol_indices.h"
#include "removalsim/engine/period.h"
#include "removalsim/engine/replications.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/sensitivity_design.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>

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

/// `--metric NAME` measures NAME on the countries and periods of the file's outputs (once each).
void select_metric(scenario::SensitivityDesign &design, const std::string &metric) {
  std::vector<scenario::StudyOutput> outputs;
  for (auto output : design.outputs) {
    output.metric = metric;
    const bool seen = std::any_of(outputs.begin(), outputs.end(), [&](const auto &o) {
      return o.country == output.country && o.period == output.period;
    });
    if (!seen) {
      outputs.push_back(std::move(output));
    }
  }
  design.outputs = std::move(outputs);
}

/// What part of each run an output reads.
analysis::Selection selection_of(const scenario::StudyOutput &output,
                                 const model::Scenario &scenario) {
  analysis::Selection selection;
  for (std::size_t c = 0; c < scenario.countries.size(); ++c) {
    if (scenario.countries[c].code == output.country) {
      selection.countries = {static_cast<std::uint32_t>(c)};
    }
  }
  std::tie(selection.first_month, selection.last_month) =
      engine::month_range(output.period, scenario.start);
  return selection;
}

/// The CSV of output k: `sensitivity.csv` for the first, a name built from the label for others.
std::string csv_name(const scenario::StudyOutput &output, std::size_t k) {
  if (k == 0) {
    return "sensitivity.csv";
  }
  std::string name = "sensitivity-" + output.metric + '-' + output.country + '-';
  for (const char c : output.period_text) {
    name += (c == '.' || c == '/') ? '_' : c;
  }
  return name + ".csv";
}

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

/// One output's result: its indices and the replication noise of its design points.
struct OutputResult {
  std::vector<sa::IndexRow> rows;
  sa::ReplicationNoise noise;
};

void print_output(const scenario::StudyOutput &output, const OutputResult &result,
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

void run(SensitivityOptions options) {
  const scenario::LoadedScenario base = scenario::load_scenario(options.scenario);
  scenario::SensitivityDesign design = scenario::load_sensitivity_design(options.params);
  if (!options.method.empty()) {
    design.method =
        options.method == "sobol" ? scenario::StudyMethod::sobol : scenario::StudyMethod::morris;
  }
  if (options.replications > 0) {
    design.replications = options.replications;
  }
  if (options.trajectories > 0) {
    design.trajectories = options.trajectories;
  }
  if (options.samples > 0) {
    if ((options.samples & (options.samples - 1)) != 0) {
      throw CLI::ValidationError("--samples", "N must be a power of two, got " +
                                                  std::to_string(options.samples));
    }
    design.base_samples = options.samples;
  }
  if (!options.metric.empty()) {
    select_metric(design, options.metric);
  }
  scenario::check_design(design, options.scenario, base, analysis::metric_names());
  if (!options.out.empty() && Execution::is_coordinator()) {
    prepare_output_directory(options.out);
  }

  std::vector<sa::Factor> factors;
  for (const auto &parameter : design.parameters) {
    factors.push_back({parameter.name, parameter.low, parameter.high});
  }
  const bool morris = design.method == scenario::StudyMethod::morris;
  std::optional<sa::MorrisDesign> morris_design;
  std::optional<sa::SaltelliDesign> saltelli_design;
  if (morris) {
    morris_design =
        sa::morris_design(factors.size(), design.trajectories, design.levels, design.design_seed);
  } else {
    saltelli_design = sa::saltelli_design(design.base_samples, factors.size(), design.second_order);
  }
  const sa::PointSet &unit_points = morris ? morris_design->points : saltelli_design->points;
  std::vector<std::vector<double>> points;
  points.reserve(unit_points.size());
  for (const auto &unit : unit_points) {
    points.push_back(sa::scale_to_bounds(unit, factors));
  }

  const model::Scenario &scenario = base.scenario;
  std::vector<analysis::Selection> selections;
  for (const auto &output : design.outputs) {
    selections.push_back(selection_of(output, scenario));
  }
  const std::size_t runs = points.size() * design.replications;
  std::fprintf(stderr, "%s: %zu parameters, %zu design points x %zu replications = %zu runs\n",
               morris ? "Morris screening" : "Sobol indices", factors.size(), points.size(),
               design.replications, runs);
  const InterruptGuard interrupt_guard(kStopWithoutOutputNotice);
  const auto executor = Execution::executor(options.threads, interrupt_guard.stop_flag());
  const auto started = std::chrono::steady_clock::now();
  const auto values = analysis::evaluate_batch(
      points.size(),
      [&](std::size_t p) {
        auto point = scenario::load_scenario(options.scenario,
                                             scenario::point_overrides(design, points[p], base))
                         .scenario;
        // A parameter may scale the arrivals: every design point is checked, and each run is
        // reduced to the outputs at once (no counters kept).
        check_run_size(point, options.scenario, 0, options.threads, options.limits);
        return point;
      },
      design.replications, design.seed, *executor,
      [&](const model::RunResult &result) {
        std::vector<double> measured;
        measured.reserve(design.outputs.size());
        for (std::size_t k = 0; k < design.outputs.size(); ++k) {
          measured.push_back(
              analysis::evaluate_metric(result, design.outputs[k].metric, selections[k]));
        }
        return measured;
      },
      Progress("run"), interrupt_guard.stop_flag());
  if (!Execution::is_coordinator()) {
    return; // rank 0 analyses, reports and writes
  }
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const sa::BootstrapOptions bootstrap{design.bootstrap_resamples, 0.95, design.bootstrap_seed};
  std::vector<OutputResult> results;
  for (std::size_t k = 0; k < design.outputs.size(); ++k) {
    std::vector<std::vector<double>> per_point(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
      for (const auto &replication : values[p]) {
        per_point[p].push_back(replication[k]);
      }
    }
    OutputResult result;
    result.noise = sa::replication_noise(per_point);
    if (morris) {
      result.rows = sa::index_rows(
          factors, sa::morris_indices(*morris_design, result.noise.point_means, bootstrap));
    } else {
      result.rows = sa::index_rows(
          factors, sa::sobol_indices(*saltelli_design, result.noise.point_means, bootstrap));
    }
    results.push_back(std::move(result));
  }

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

  if (options.out.empty()) {
    return;
  }
  const std::filesystem::path out(options.out);
  std::vector<std::unique_ptr<analysis::AtomicFile>> files;
  for (std::size_t k = 0; k < design.outputs.size(); ++k) {
    files.push_back(std::make_unique<analysis::AtomicFile>(out / csv_name(design.outputs[k], k)));
    sa::write_sensitivity_csv(files.back()->stream(), results[k].rows);
  }
  // The design and each point's outputs, to re-analyse elsewhere (SALib reads them directly).
  files.push_back(std::make_unique<analysis::AtomicFile>(out / "points.csv"));
  auto &csv = files.back()->stream();
  csv << "point";
  for (const auto &factor : factors) {
    csv << ',' << factor.name;
  }
  for (const auto &output : design.outputs) {
    csv << ",\"" << output.label() << '"';
  }
  csv << '\n';
  for (std::size_t p = 0; p < points.size(); ++p) {
    csv << p;
    for (const double x : points[p]) {
      csv << ',' << analysis::format_number(x);
    }
    for (const auto &result : results) {
      csv << ',' << analysis::format_number(result.noise.point_means[p]);
    }
    csv << '\n';
  }
  std::ostringstream json;
  json << "{\n  \"scenario\": " << analysis::json_string(options.scenario)
       << ",\n  \"params\": " << analysis::json_string(options.params) << ",\n  \"method\": \""
       << (morris ? "morris" : "sobol") << "\",\n";
  if (morris) {
    json << "  \"trajectories\": " << design.trajectories << ",\n  \"levels\": " << design.levels
         << ",\n";
  } else {
    json << "  \"samples\": " << design.base_samples
         << ",\n  \"second_order\": " << (design.second_order ? "true" : "false") << ",\n";
  }
  json << "  \"design_points\": " << points.size()
       << ",\n  \"replications\": " << design.replications << ",\n  \"seed\": " << design.seed
       << ",\n  \"wall_seconds\": " << analysis::json_number(wall_seconds) << ",\n  \"version\": \""
       << REMOVALSIM_VERSION << "\",\n  \"outputs\": [";
  for (std::size_t k = 0; k < design.outputs.size(); ++k) {
    const auto &noise = results[k].noise;
    json << (k == 0 ? "\n" : ",\n")
         << "    {\"label\": " << analysis::json_string(design.outputs[k].label())
         << ", \"file\": " << analysis::json_string(csv_name(design.outputs[k], k))
         << ", \"variance_of_point_means\": " << analysis::json_number(noise.between_variance)
         << ", \"replication_noise_variance\": " << analysis::json_number(noise.noise_variance)
         << ", \"replication_noise_share\": " << analysis::json_number(noise.noise_share)
         << ", \"runs_without_value\": " << noise.non_finite << '}';
  }
  json << "\n  ]\n}\n";
  files.push_back(std::make_unique<analysis::AtomicFile>(out / "sensitivity.json"));
  files.back()->stream() << json.str();
  // Commit only once every file is fully written: an error above leaves no new file behind.
  for (auto &file : files) {
    file->commit();
  }
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
      ->check(CLI::Range(std::size_t{2}, std::size_t{100'000}));
  command
      ->add_option("--samples", options->samples,
                   "Sobol base samples N, a power of two (default: the study file's)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 30));
  add_limit_options(*command, options->limits);
  command->callback([options] { run(*options); });
}

} // namespace removalsim::cli
