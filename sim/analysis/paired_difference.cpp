#include "removalsim/analysis/paired_difference.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/summary.h"

#include <cmath>
#include <optional>
#include <ostream>
#include <stdexcept>

namespace removalsim::analysis {

namespace {

std::vector<double> defined(std::span<const double> values) {
  std::vector<double> kept;
  for (const double value : values) {
    if (!std::isnan(value)) {
      kept.push_back(value);
    }
  }
  return kept;
}

std::optional<std::uint32_t> country_index(const model::Scenario &scenario,
                                           const std::string &code) {
  for (std::size_t c = 0; c < scenario.countries.size(); ++c) {
    if (scenario.countries[c].code == code) {
      return static_cast<std::uint32_t>(c);
    }
  }
  return std::nullopt;
}

} // namespace

engine::ConfidenceInterval paired_difference(std::span<const double> base,
                                             std::span<const double> whatif) {
  if (base.size() != whatif.size()) {
    throw std::invalid_argument("paired_difference: the two scenarios need as many replications");
  }
  std::vector<double> differences;
  differences.reserve(base.size());
  for (std::size_t r = 0; r < base.size(); ++r) {
    if (!std::isnan(base[r]) && !std::isnan(whatif[r])) {
      differences.push_back(whatif[r] - base[r]);
    }
  }
  return engine::student_t_interval(differences);
}

std::vector<PairedDifferenceRow> paired_differences(
    const model::Scenario &base_scenario, const std::vector<model::RunResult> &base_results,
    const model::Scenario &whatif_scenario, const std::vector<model::RunResult> &whatif_results,
    const std::vector<std::string> &metrics) {
  if (base_results.size() != whatif_results.size()) {
    throw std::invalid_argument("paired_differences: the two scenarios need as many replications");
  }
  if (base_scenario.start != whatif_scenario.start || base_scenario.end != whatif_scenario.end ||
      base_scenario.warmup_until != whatif_scenario.warmup_until ||
      base_scenario.countries.size() != whatif_scenario.countries.size()) {
    throw std::invalid_argument(
        "paired_differences: the scenarios differ in calendar or countries");
  }
  const std::size_t n = base_results.size();
  std::vector<PairedDifferenceRow> rows;
  std::vector<std::vector<double>> base_values(n);   // [replication][metric]
  std::vector<std::vector<double>> whatif_values(n); // [replication][metric]
  std::vector<double> base_samples(n);
  std::vector<double> whatif_samples(n);
  for (const int year : reported_years(base_scenario)) {
    const auto [first, last] = year_months(base_scenario, year);
    for (std::size_t c = 0; c <= base_scenario.countries.size(); ++c) {
      Selection base_selection{{}, first, last};
      Selection whatif_selection = base_selection;
      std::string country = "ALL";
      if (c < base_scenario.countries.size()) {
        country = base_scenario.countries[c].code;
        base_selection.countries = {static_cast<std::uint32_t>(c)};
        const auto whatif_country = country_index(whatif_scenario, country);
        if (!whatif_country) {
          throw std::invalid_argument("paired_differences: the what-if has no country " + country);
        }
        whatif_selection.countries = {*whatif_country};
      }
      for (std::size_t r = 0; r < n; ++r) {
        base_values[r] = evaluate_metrics(base_results[r], metrics, base_selection);
        whatif_values[r] = evaluate_metrics(whatif_results[r], metrics, whatif_selection);
      }
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        for (std::size_t r = 0; r < n; ++r) {
          base_samples[r] = base_values[r][m];
          whatif_samples[r] = whatif_values[r][m];
        }
        rows.push_back({std::to_string(year), country, metrics[m],
                        engine::student_t_interval(defined(base_samples)),
                        engine::student_t_interval(defined(whatif_samples)),
                        paired_difference(base_samples, whatif_samples)});
      }
    }
  }
  return rows;
}

void write_paired_differences_csv(std::ostream &out, const std::vector<PairedDifferenceRow> &rows) {
  out << "period,country,metric,base_mean,whatif_mean,diff_mean,ci_low,ci_high\n";
  for (const auto &row : rows) {
    out << row.period << ',' << row.country << ',' << row.metric << ','
        << format_number(row.base.mean) << ',' << format_number(row.whatif.mean) << ','
        << format_number(row.difference.mean) << ',' << format_number(row.difference.low) << ','
        << format_number(row.difference.high) << '\n';
  }
}

} // namespace removalsim::analysis
