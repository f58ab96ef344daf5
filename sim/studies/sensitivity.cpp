#include "removalsim/studies/sensitivity.h"

#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/sensitivity/morris.h"
#include "removalsim/analysis/sensitivity/sobol_indices.h"
#include "removalsim/engine/period.h"

#include <algorithm>
#include <sstream>
#include <tuple>

namespace removalsim::studies {

namespace {

namespace sa = analysis::sensitivity;

/// The metric measured on the countries and periods of the file's outputs (once each).
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

/// A CSV field quoted whatever it holds (as the output labels always were), its quotes doubled.
std::string always_quoted(const std::string &text) {
  std::string field(1, '"');
  for (const char c : text) {
    field += c;
    if (c == '"') {
      field += '"';
    }
  }
  field += '"';
  return field;
}

} // namespace

void apply_sensitivity_choices(scenario::SensitivityDesign &design,
                               const SensitivityChoices &choices) {
  if (!choices.method.empty()) {
    design.method =
        choices.method == "sobol" ? scenario::StudyMethod::sobol : scenario::StudyMethod::morris;
  }
  if (choices.replications > 0) {
    design.replications = choices.replications;
  }
  if (choices.trajectories > 0) {
    design.trajectories = choices.trajectories;
  }
  if (choices.samples > 0) {
    design.base_samples = choices.samples;
  }
  if (!choices.metric.empty()) {
    select_metric(design, choices.metric);
  }
}

SensitivityPlan plan_sensitivity(const scenario::SensitivityDesign &design,
                                 const scenario::LoadedScenario &base) {
  SensitivityPlan plan;
  for (const auto &parameter : design.parameters) {
    plan.factors.push_back({parameter.name, parameter.low, parameter.high});
  }
  plan.morris = design.method == scenario::StudyMethod::morris;
  if (plan.morris) {
    plan.morris_design = sa::morris_design(plan.factors.size(), design.trajectories, design.levels,
                                           design.design_seed);
  } else {
    plan.saltelli_design =
        sa::saltelli_design(design.base_samples, plan.factors.size(), design.second_order);
  }
  const sa::PointSet &unit_points =
      plan.morris ? plan.morris_design->points : plan.saltelli_design->points;
  plan.points.reserve(unit_points.size());
  for (const auto &unit : unit_points) {
    plan.points.push_back(sa::scale_to_bounds(unit, plan.factors));
  }
  for (const auto &output : design.outputs) {
    plan.selections.push_back(selection_of(output, base.scenario));
  }
  return plan;
}

std::vector<std::vector<std::vector<double>>>
simulate_sensitivity(const scenario::SensitivityDesign &design, const SensitivityPlan &plan,
                     const std::string &scenario_file, const scenario::LoadedScenario &base,
                     analysis::UnitExecutor &executor,
                     const std::function<void(const model::Scenario &)> &check_point,
                     const engine::ProgressCallback &progress, const engine::StopFlag *stop) {
  return analysis::evaluate_batch(
      plan.points.size(),
      [&](std::size_t p) {
        auto point = scenario::load_scenario(
                         scenario_file, scenario::point_overrides(design, plan.points[p], base))
                         .scenario;
        // A parameter may scale the arrivals: every design point is checked.
        if (check_point) {
          check_point(point);
        }
        return point;
      },
      design.replications, design.seed, executor,
      // Each run is reduced to the outputs at once (no counters kept).
      [&](const model::RunResult &result) {
        std::vector<double> measured;
        measured.reserve(design.outputs.size());
        for (std::size_t k = 0; k < design.outputs.size(); ++k) {
          measured.push_back(
              analysis::evaluate_metric(result, design.outputs[k].metric, plan.selections[k]));
        }
        return measured;
      },
      progress, stop);
}

std::vector<SensitivityOutputResult>
analyse_sensitivity(const scenario::SensitivityDesign &design, const SensitivityPlan &plan,
                    const std::vector<std::vector<std::vector<double>>> &values) {
  const sa::BootstrapOptions bootstrap{design.bootstrap_resamples, 0.95, design.bootstrap_seed};
  std::vector<SensitivityOutputResult> results;
  for (std::size_t k = 0; k < design.outputs.size(); ++k) {
    std::vector<std::vector<double>> per_point(plan.points.size());
    for (std::size_t p = 0; p < plan.points.size(); ++p) {
      for (const auto &replication : values[p]) {
        per_point[p].push_back(replication[k]);
      }
    }
    SensitivityOutputResult result;
    result.noise = sa::replication_noise(per_point);
    if (plan.morris) {
      result.rows =
          sa::index_rows(plan.factors, sa::morris_indices(*plan.morris_design,
                                                          result.noise.point_means, bootstrap));
    } else {
      result.rows =
          sa::index_rows(plan.factors, sa::sobol_indices(*plan.saltelli_design,
                                                         result.noise.point_means, bootstrap));
    }
    results.push_back(std::move(result));
  }
  return results;
}

std::string sensitivity_csv_name(const scenario::StudyOutput &output, std::size_t k) {
  if (k == 0) {
    return "sensitivity.csv";
  }
  std::string name = "sensitivity-" + output.metric + '-' + output.country + '-';
  for (const char c : output.period_text) {
    name += (c == '.' || c == '/') ? '_' : c;
  }
  return name + ".csv";
}

std::string sensitivity_points_csv(const scenario::SensitivityDesign &design,
                                   const SensitivityPlan &plan,
                                   const std::vector<SensitivityOutputResult> &results) {
  std::ostringstream csv;
  csv << "point";
  for (const auto &factor : plan.factors) {
    csv << ',' << analysis::csv_field(factor.name);
  }
  for (const auto &output : design.outputs) {
    csv << ',' << always_quoted(output.label());
  }
  csv << '\n';
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    csv << p;
    for (const double x : plan.points[p]) {
      csv << ',' << analysis::format_number(x);
    }
    for (const auto &result : results) {
      csv << ',' << analysis::format_number(result.noise.point_means[p]);
    }
    csv << '\n';
  }
  return csv.str();
}

std::string sensitivity_json(const scenario::LoadedScenario &base,
                             const scenario::SensitivityDesign &design, const SensitivityPlan &plan,
                             const std::vector<SensitivityOutputResult> &results,
                             const SensitivityRecord &record) {
  nlohmann::ordered_json json = output_record(record.invocation);
  add_scenario(json, base, record.scenario_file);
  json["params"] = record.params_file;
  json["method"] = plan.morris ? "morris" : "sobol";
  if (plan.morris) {
    json["trajectories"] = design.trajectories;
    json["levels"] = design.levels;
  } else {
    json["samples"] = design.base_samples;
    json["second_order"] = design.second_order;
  }
  json["design_points"] = plan.points.size();
  json["replications"] = design.replications;
  json["seed"] = design.seed;
  json["wall_seconds"] = record.wall_seconds;
  nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < design.outputs.size(); ++k) {
    const auto &noise = results[k].noise;
    outputs.push_back({{"label", design.outputs[k].label()},
                       {"file", sensitivity_csv_name(design.outputs[k], k)},
                       {"variance_of_point_means", noise.between_variance},
                       {"replication_noise_variance", noise.noise_variance},
                       {"replication_noise_share", noise.noise_share},
                       {"runs_without_value", noise.non_finite}});
  }
  json["outputs"] = std::move(outputs);
  return record_text(json);
}

} // namespace removalsim::studies
