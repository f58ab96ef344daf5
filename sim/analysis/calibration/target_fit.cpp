#include "removalsim/analysis/calibration/target_fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace removalsim::analysis::calibration {

std::vector<TargetFit> fit_targets(const std::vector<Target> &targets,
                                   const ReplicationMoments &moments) {
  std::vector<TargetFit> fit;
  fit.reserve(targets.size());
  std::vector<double> values;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    values.clear();
    for (const auto &row : moments) {
      if (row.size() != targets.size()) {
        throw std::invalid_argument("target fit: a replication has " + std::to_string(row.size()) +
                                    " moments for " + std::to_string(targets.size()) + " targets");
      }
      if (!std::isnan(row[i])) {
        values.push_back(row[i]);
      }
    }
    TargetFit f;
    f.id = targets[i].id;
    f.held_out = targets[i].held_out;
    f.reported = targets[i].reported;
    f.simulated = engine::student_t_interval(values);
    f.relative_error = targets[i].reported == 0.0
                           ? std::numeric_limits<double>::quiet_NaN()
                           : (f.simulated.mean - f.reported) / std::abs(f.reported);
    f.tolerance = targets[i].tolerance;
    // NaN compares false: an undefined mean is never within.
    f.within_tolerance =
        std::abs(f.simulated.mean - f.reported) <= f.tolerance * std::abs(f.reported);
    fit.push_back(std::move(f));
  }
  return fit;
}

void print_fit_table(std::FILE *out, const std::vector<TargetFit> &fit) {
  std::size_t width = 6;
  for (const auto &f : fit) {
    width = std::max(width, f.id.size());
  }
  const int w = static_cast<int>(width);
  for (const bool held_out : {false, true}) {
    const bool any = std::any_of(fit.begin(), fit.end(),
                                 [&](const TargetFit &f) { return f.held_out == held_out; });
    if (!any) {
      continue;
    }
    std::fprintf(out, "%s\n", held_out ? "Held-out targets (not fitted)" : "Fitted targets");
    std::fprintf(out, "%-*s %12s %12s %27s %9s\n", w, "target", "reported", "simulated",
                 "95 % interval", "rel.err");
    for (const auto &f : fit) {
      if (f.held_out != held_out) {
        continue;
      }
      std::fprintf(out, "%-*s %12.6g %12.6g [%12.6g, %12.6g] %+8.1f%%%s\n", w, f.id.c_str(),
                   f.reported, f.simulated.mean, f.simulated.low, f.simulated.high,
                   100.0 * f.relative_error, f.simulated.contains(f.reported) ? "" : "  *");
    }
  }
  std::fprintf(out, "(* reported value outside the simulated 95 %% interval)\n");
}

} // namespace removalsim::analysis::calibration
