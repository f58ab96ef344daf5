#include "summary_table.h"

#include <cmath>
#include <map>
#include <tuple>

namespace removalsim::cli {

namespace {

bool is_share(const std::string &metric) {
  return metric.find("ratio") != std::string::npos || metric.find("rate") != std::string::npos ||
         metric.find("share") != std::string::npos;
}

std::string cell(const std::string &metric, const engine::ConfidenceInterval &interval) {
  char buffer[64];
  const double half = interval.half_width();
  if (std::isnan(interval.mean)) {
    return "-";
  }
  if (is_share(metric)) {
    if (std::isnan(half)) {
      std::snprintf(buffer, sizeof buffer, "%.3f", interval.mean);
    } else {
      std::snprintf(buffer, sizeof buffer, "%.3f±%.3f", interval.mean, half);
    }
  } else if (std::isnan(half)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", interval.mean);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f±%.0f", interval.mean, half);
  }
  return buffer;
}

} // namespace

void print_summary_table(std::FILE *out, const std::string &title,
                         const std::vector<analysis::SummaryRow> &rows,
                         const std::vector<std::string> &metrics,
                         const std::vector<std::string> &headers) {
  // (period, country order of first appearance) → metric → row.
  std::vector<std::pair<std::string, std::string>> keys;
  std::map<std::tuple<std::string, std::string, std::string>, const analysis::SummaryRow *> index;
  for (const auto &row : rows) {
    const auto key = std::make_pair(row.period, row.country);
    if (keys.empty() || keys.back() != key) {
      keys.push_back(key);
    }
    index[{row.period, row.country, row.metric}] = &row;
  }
  std::fprintf(out, "%s\n%-6s %-7s", title.c_str(), "year", "country");
  for (const auto &header : headers) {
    std::fprintf(out, " %16s", header.c_str());
  }
  std::fprintf(out, "\n");
  for (const auto &[period, country] : keys) {
    std::fprintf(out, "%-6s %-7s", period.c_str(), country.c_str());
    for (const auto &metric : metrics) {
      const auto it = index.find({period, country, metric});
      const std::string text = it == index.end() ? "-" : cell(metric, it->second->interval);
      std::fprintf(out, " %16s", text.c_str());
    }
    std::fprintf(out, "\n");
  }
  std::fprintf(out, "\n");
}

} // namespace removalsim::cli
