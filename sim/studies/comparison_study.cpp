#include "removalsim/studies/comparison_study.h"

#include "removalsim/analysis/batch.h"
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"

namespace removalsim::studies {

ComparisonStudy load_comparison_study(const model::Scenario &scenario,
                                      const std::filesystem::path &targets_file) {
  ComparisonStudy study{scenario::load_targets(targets_file, analysis::metric_names()), {}};
  scenario::check_target_countries(study.targets, scenario);
  study.observables.reserve(study.targets.size());
  for (const auto &target : study.targets) {
    study.observables.push_back(analysis::bind(
        analysis::Observable{target.metric, target.countries, target.period, target.base_period},
        scenario));
  }
  return study;
}

std::vector<std::vector<double>>
simulate_targets(const model::Scenario &scenario, const ComparisonStudy &study,
                 std::size_t replications, std::uint64_t seed, analysis::UnitExecutor &executor,
                 const engine::ProgressCallback &progress, const engine::StopFlag *stop) {
  auto values = analysis::evaluate_batch(
      1, [&](std::size_t) { return scenario; }, replications, seed, executor,
      [&](const model::RunResult &result) {
        return analysis::observe_all(result, study.observables);
      },
      progress, stop);
  return values.empty() ? std::vector<std::vector<double>>{} : std::move(values[0]);
}

std::vector<analysis::TargetComparison>
compare_with_targets(const ComparisonStudy &study, const std::vector<std::vector<double>> &values) {
  std::vector<analysis::TargetComparison> comparisons;
  comparisons.reserve(study.targets.size());
  std::vector<double> samples(values.size());
  for (std::size_t t = 0; t < study.targets.size(); ++t) {
    for (std::size_t r = 0; r < values.size(); ++r) {
      samples[r] = values[r][t];
    }
    const auto &target = study.targets[t];
    comparisons.push_back(analysis::compare_target(
        samples, target.value, study.observables[t].in_reported_months, target.tolerance));
  }
  return comparisons;
}

ComparisonStudy headline_study(const ComparisonStudy &study) {
  ComparisonStudy headlines;
  for (std::size_t t = 0; t < study.targets.size(); ++t) {
    if (study.targets[t].headline) {
      headlines.targets.push_back(study.targets[t]);
      headlines.observables.push_back(study.observables[t]);
    }
  }
  return headlines;
}

std::vector<analysis::TargetComparison>
compare_with_results(const ComparisonStudy &study, const std::vector<model::RunResult> &results) {
  std::vector<std::vector<double>> values;
  values.reserve(results.size());
  for (const auto &result : results) {
    values.push_back(analysis::observe_all(result, study.observables));
  }
  return compare_with_targets(study, values);
}

void write_comparison_csv(std::ostream &out, const std::vector<scenario::Target> &targets,
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
        << (c.simulated && c.interval.n > 0 ? (c.inside ? "true" : "false") : "NA") << ','
        << analysis::format_number(c.tolerance) << ','
        << (c.simulated ? (c.within_tolerance ? "true" : "false") : "NA") << '\n';
  }
}

} // namespace removalsim::studies
