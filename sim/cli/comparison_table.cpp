#include "comparison_table.h"

#include "removalsim/engine/calendar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace removalsim::cli {

namespace {

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

} // namespace

void print_comparison_table(const std::vector<scenario::Target> &targets,
                            const std::vector<analysis::TargetComparison> &comparisons,
                            const model::Scenario &scenario) {
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
                  tolerance_text(c.tolerance).c_str(), "-",
                  unsimulated_reason(targets[t], scenario).c_str());
      continue;
    }
    std::printf("%-*s %10s %10s  %-22s %9s %8s  %-7s  %s\n", width, targets[t].id.c_str(),
                number(c.reported, decimals).c_str(), number(c.interval.mean, decimals).c_str(),
                interval_text(c.interval, decimals).c_str(), percent(c.relative_error).c_str(),
                tolerance_text(c.tolerance).c_str(), c.within_tolerance ? "yes" : "no",
                c.interval.n == 0 ? "undefined (no replication has a value)"
                : c.inside        ? "inside"
                                  : "outside");
  }
}

std::string unsimulated_reason(const scenario::Target &target, const model::Scenario &scenario) {
  const engine::Date first = target.base_period && target.base_period->first < target.period.first
                                 ? target.base_period->first
                                 : target.period.first;
  return first < scenario.warmup_until && scenario.start <= first ? "in the warm-up"
                                                                  : "outside the run";
}

std::string reported_months(const model::Scenario &scenario) {
  return engine::format_iso_date(scenario.warmup_until).substr(0, 7) + ".." +
         engine::format_iso_date(scenario.end).substr(0, 7);
}

} // namespace removalsim::cli
