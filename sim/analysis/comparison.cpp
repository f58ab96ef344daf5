#include "removalsim/analysis/comparison.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace removalsim::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

TargetComparison compare_target(std::span<const double> values, double reported, bool simulated,
                                double tolerance) {
  TargetComparison comparison;
  comparison.reported = reported;
  comparison.simulated = simulated;
  comparison.values.assign(values.begin(), values.end());
  // Replications where the value is undefined (a zero denominator) say nothing about its mean.
  std::vector<double> defined;
  if (simulated) {
    for (const double value : values) {
      if (std::isfinite(value)) {
        defined.push_back(value);
      }
    }
  }
  comparison.interval = engine::student_t_interval(defined);
  comparison.relative_error =
      reported != 0.0 ? (comparison.interval.mean - reported) / reported : kNaN;
  comparison.inside = comparison.interval.contains(reported);
  comparison.tolerance = tolerance;
  // NaN compares false: an undefined mean or tolerance is never within.
  comparison.within_tolerance =
      simulated && std::abs(comparison.interval.mean - reported) <= tolerance * std::abs(reported);
  return comparison;
}

std::vector<TargetComparison> compare_targets(const model::Scenario &scenario,
                                              const std::vector<model::RunResult> &results,
                                              const std::vector<Observable> &observables,
                                              const std::vector<double> &reported,
                                              const std::vector<double> &tolerances) {
  if (observables.size() != reported.size()) {
    throw std::invalid_argument("compare_targets: one reported value per observable is needed");
  }
  if (!tolerances.empty() && tolerances.size() != reported.size()) {
    throw std::invalid_argument("compare_targets: one tolerance per observable is needed");
  }
  std::vector<TargetComparison> comparisons;
  comparisons.reserve(observables.size());
  std::vector<double> values(results.size());
  for (std::size_t t = 0; t < observables.size(); ++t) {
    const BoundObservable bound = bind(observables[t], scenario);
    for (std::size_t r = 0; r < results.size(); ++r) {
      values[r] = observe(results[r], bound);
    }
    comparisons.push_back(compare_target(values, reported[t], bound.in_reported_months,
                                         tolerances.empty() ? kNaN : tolerances[t]));
  }
  return comparisons;
}

} // namespace removalsim::analysis
