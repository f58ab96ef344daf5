#include "removalsim/analysis/run_output.h"

#include "removalsim/analysis/metric_evaluation.h"

#include "removalsim/engine/calendar.h"
#include "removalsim/engine/number_text.h"

#include <cmath>

namespace removalsim::analysis {

std::string csv_field(const std::string &text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + '"';
}

std::string format_number(double value) {
  if (std::isnan(value)) {
    return "NA";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Inf" : "-Inf";
  }
  return engine::shortest_text(value);
}

void write_monthly_csv(std::ostream &out, const model::Scenario &scenario,
                       const std::vector<model::RunResult> &results, bool sparse) {
  const engine::Calendar calendar(scenario.start);
  out << "replication,month,country,profile,metric,value\n";
  for (std::size_t r = 0; r < results.size(); ++r) {
    const model::RunResult &result = results[r];
    for (int month = result.first_reported_month; month < result.months; ++month) {
      const auto bin = static_cast<std::size_t>(month);
      const std::string prefix = std::to_string(r) + "," + calendar.month_label(month) + ",";
      for (std::size_t g = 0; g < result.groups.size(); ++g) {
        const model::Country &country = scenario.countries[result.groups[g].country];
        const std::string group = csv_field(country.code) + ',' +
                                  csv_field(country.profiles[result.groups[g].profile].name) + ',';
        for (std::size_t m = 0; m < model::kMetricCount; ++m) {
          const double value = result.counters.at(bin, g * model::kMetricCount + m);
          if (!sparse || value != 0.0) {
            out << prefix << group << model::kMetricNames[m] << ',' << format_number(value) << '\n';
          }
        }
      }
      for (std::size_t n = 0; n < model::kNationalMetricCount; ++n) {
        const double value = result.national.at(bin, n);
        if (!sparse || value != 0.0) {
          out << prefix << "ALL,ALL," << model::kNationalMetricNames[n] << ','
              << format_number(value) << '\n';
        }
      }
      // Per detention centre: the national quantities' names with `centre_` for `detention_`,
      // the centre's name in the profile column (national rows have no profile).
      for (std::size_t k = 0; k < result.centres.size(); ++k) {
        for (std::size_t n = 0; n < model::kNationalMetricCount; ++n) {
          const double value =
              result.centre_quantities.at(bin, k * model::kNationalMetricCount + n);
          if (!sparse || value != 0.0) {
            out << prefix << "ALL," << csv_field(result.centres[k]) << ",centre_"
                << model::kNationalMetricNames[n].substr(std::string_view("detention_").size())
                << ',' << format_number(value) << '\n';
          }
        }
      }
    }
  }
}

void write_summary_csv(std::ostream &out, const std::vector<SummaryRow> &rows) {
  out << "period,country,metric,mean,ci_low,ci_high,n,unit\n";
  for (const SummaryRow &row : rows) {
    out << row.period << ',' << csv_field(row.country) << ',' << row.metric << ','
        << format_number(row.interval.mean) << ',' << format_number(row.interval.low) << ','
        << format_number(row.interval.high) << ',' << row.interval.n << ','
        << metric_unit(row.metric) << '\n';
  }
}

} // namespace removalsim::analysis
