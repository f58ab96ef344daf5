#include "removalsim/studies/sweep.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/sweep_checkpoint.h"
#include "removalsim/model/removal_model.h"

#include <optional>
#include <sstream>

namespace removalsim::studies {

SweepStudy load_sweep_study(const std::string &design_file) {
  scenario::SweepDesign design = scenario::load_sweep_design(design_file);
  auto scenarios = scenario::load_sweep_scenarios(design, analysis::metric_names());
  std::vector<std::vector<analysis::BoundObservable>> observables(scenarios.size());
  for (std::size_t p = 0; p < scenarios.size(); ++p) {
    for (const auto &output : design.outputs) {
      observables[p].push_back(analysis::bind(
          analysis::Observable{output.metric, {output.country}, output.period, std::nullopt},
          scenarios[p].scenario));
    }
  }
  const SweepUnitLayout layout(design.points.size(), design.replications, design.block);
  return SweepStudy{std::move(design), std::move(scenarios), std::move(observables), layout};
}

analysis::UnitResult simulate_sweep_unit(const SweepStudy &study, std::size_t unit,
                                         const engine::StopFlag *stop) {
  const std::size_t p = study.layout.point(unit);
  analysis::UnitResult values;
  for (std::size_t i = 0; i < study.layout.replications(unit); ++i) {
    const auto result = model::simulate(study.scenarios[p].scenario, study.design.seed,
                                        study.layout.first_replication(unit) + i, stop);
    const auto measured = analysis::observe_all(result, study.observables[p]);
    values.insert(values.end(), measured.begin(), measured.end());
  }
  return values;
}

void check_units_fit(const std::map<std::size_t, analysis::UnitResult> &finished,
                     const SweepUnitLayout &layout, std::size_t outputs,
                     const std::filesystem::path &file) {
  for (const auto &[unit, result] : finished) {
    if (unit >= layout.units() || result.size() != layout.replications(unit) * outputs) {
      throw analysis::CheckpointError(file.string() + ": damaged checkpoint: unit " +
                                      std::to_string(unit) +
                                      " does not fit the design; run without --resume to start "
                                      "afresh");
    }
  }
}

analysis::SweepValues sweep_values(const SweepStudy &study,
                                   const std::map<std::size_t, analysis::UnitResult> &finished) {
  const std::size_t outputs = study.design.outputs.size();
  analysis::SweepValues values(study.design.points.size());
  for (const auto &[unit, result] : finished) {
    auto &point = values[study.layout.point(unit)];
    for (std::size_t i = 0; i < study.layout.replications(unit); ++i) {
      point.emplace_back(result.begin() + static_cast<std::ptrdiff_t>(i * outputs),
                         result.begin() + static_cast<std::ptrdiff_t>((i + 1) * outputs));
    }
  }
  return values;
}

std::vector<std::string> sweep_point_names(const scenario::SweepDesign &design) {
  std::vector<std::string> names;
  for (const auto &point : design.points) {
    names.push_back(point.name);
  }
  return names;
}

std::vector<analysis::SweepOutputName> sweep_output_names(const scenario::SweepDesign &design) {
  std::vector<analysis::SweepOutputName> names;
  for (const auto &output : design.outputs) {
    names.push_back({output.metric, output.country, output.period_text});
  }
  return names;
}

std::string sweep_json(const SweepStudy &study, const SweepRecord &record) {
  const auto &design = study.design;
  nlohmann::ordered_json json = output_record(record.invocation);
  json["design"] = record.design_file;
  json["seed"] = design.seed;
  json["points"] = design.points.size();
  json["replications"] = design.replications;
  json["block"] = design.block;
  json["units"] = study.layout.units();
  json["units_resumed"] = record.units_resumed;
  json["wall_seconds"] = record.wall_seconds;
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < design.points.size(); ++p) {
    nlohmann::ordered_json point;
    point["name"] = design.points[p].name;
    add_scenario(point, study.scenarios[p], design.points[p].scenario);
    points.push_back(std::move(point));
  }
  json["point_scenarios"] = std::move(points);
  return record_text(json);
}

} // namespace removalsim::studies
