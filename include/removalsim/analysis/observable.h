#pragma once

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/engine/period.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"

#include <optional>
#include <string>
#include <vector>

namespace removalsim::analysis {

/// What a published figure reads in a run: a metric over a set of countries (or the nation) and a
/// period, or, for ratio targets, the metric over `period` divided by the metric over
/// `base_period`. Counters are summed over the countries before a derived metric is computed.
/// Plain data: the targets file is read by the scenario layer, and the caller copies its fields.
struct Observable {
  /// A name of `metric_names()`.
  std::string metric;
  /// Country codes of the scenario (one, or a set), or the one code `ALL` / `FR` for the nation
  /// (every country summed).
  std::vector<std::string> countries;
  engine::Period period;
  /// Ratio targets: the denominator's period.
  std::optional<engine::Period> base_period;
};

/// An observable located in the runs of one scenario.
struct BoundObservable {
  std::string metric;
  Selection selection;
  /// Ratio targets: the denominator's selection.
  std::optional<Selection> base;
  /// False when a month of the period (or of the base period) lies outside the months the
  /// scenario reports (before `warmup_until`, or outside the run): the value is then meaningless.
  bool in_reported_months = true;
};

/// Locates `observable` in runs of `scenario`. Throws std::invalid_argument for a metric that is
/// not in `metric_names()`, a country the scenario does not have, no country, a repeated country,
/// or `ALL` / `FR` in a set of several.
BoundObservable bind(const Observable &observable, const model::Scenario &scenario);

/// The observable's value on one replication: the metric on the selection, or the ratio of the
/// two selections' values. NaN when undefined (a zero denominator, or outside the reported
/// months).
double observe(const model::RunResult &result, const BoundObservable &bound);

/// `observe` for each observable, in order.
std::vector<double> observe_all(const model::RunResult &result,
                                const std::vector<BoundObservable> &bound);

} // namespace removalsim::analysis
