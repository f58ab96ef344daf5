#include "removalsim/analysis/summary.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/engine/calendar.h"

#include <algorithm>
#include <optional>

namespace removalsim::analysis {

std::vector<int> reported_years(const model::Scenario &scenario) {
  std::vector<int> years;
  for (int year = scenario.warmup_until.year; year <= scenario.end.year; ++year) {
    years.push_back(year);
  }
  return years;
}

std::pair<int, int> year_months(const model::Scenario &scenario, int year) {
  const engine::Calendar calendar(scenario.start);
  const int first_reported = calendar.month_index(calendar.time_of(scenario.warmup_until));
  const int first = calendar.month_index(calendar.time_of(engine::Date{year, 1, 1}));
  return {std::max(first, first_reported), first + 12};
}

std::vector<SummaryRow> summarise(const model::Scenario &scenario,
                                  const std::vector<model::RunResult> &results,
                                  const std::vector<std::string> &metrics) {
  std::vector<SummaryRow> rows;
  std::vector<double> samples(results.size());
  for (const int year : reported_years(scenario)) {
    const auto [first, last] = year_months(scenario, year);
    for (std::size_t c = 0; c <= scenario.countries.size(); ++c) {
      Selection selection{{}, first, last};
      std::string country = "ALL";
      if (c < scenario.countries.size()) {
        selection.countries = {static_cast<std::uint32_t>(c)};
        country = scenario.countries[c].code;
      }
      std::vector<std::vector<double>> values; // [replication][metric]
      values.reserve(results.size());
      for (const auto &result : results) {
        values.push_back(evaluate_metrics(result, metrics, selection));
      }
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        if (country != "ALL" && is_national_metric(metrics[m])) {
          continue; // the same for every country: once, under ALL
        }
        for (std::size_t r = 0; r < results.size(); ++r) {
          samples[r] = values[r][m];
        }
        rows.push_back(
            {std::to_string(year), country, metrics[m], engine::student_t_interval(samples)});
      }
    }
  }
  return rows;
}

} // namespace removalsim::analysis
