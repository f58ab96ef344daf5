#pragma once

#include "removalsim/model/removal_model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::analysis {

/// What part of a run a metric is read on: a set of countries (or all, the national `ALL`) and a
/// range of calendar months, as month indices from the scenario's start month, `last` exclusive.
struct Selection {
  /// Country indices, sorted, without repeats; empty: every country.
  std::vector<std::uint32_t> countries;
  int first_month = 0;
  int last_month = 0;
};

/// The metrics users may name (counters, cohort outcomes, national quantities and the derived
/// metrics of DESIGN.md §3), in a stable order.
const std::vector<std::string> &metric_names();

/// True when `name` is one of `metric_names()`.
bool is_metric(std::string_view name);

/// One line describing the metric (its definition), for help texts and documentation.
std::string_view metric_definition(std::string_view name);

/// The metric's unit, as docs/metrics.md gives it: `orders`, `persons`, `spells`, `days`,
/// `share`, `places`... Throws std::invalid_argument for an unknown name.
std::string_view metric_unit(std::string_view name);

/// True for the national quantities (detention occupancy, capacity and peak): the same whatever
/// the countries selected, so reported once, under `ALL`.
bool is_national_metric(std::string_view name);

/// The value of metric `name` on `selection` of one replication's result. Flows are summed over
/// the months and the selected countries; ratios are computed from the sums (NaN when the
/// denominator is 0); cohort metrics read the orders issued in the months; national quantities
/// (`detention_*` occupancy, capacity, peak) ignore the country and average (or take the maximum
/// of) the months, weighted by days. Throws std::invalid_argument for an unknown name.
double evaluate_metric(const model::RunResult &result, std::string_view name,
                       const Selection &selection);

/// The values of several metrics on the same selection (sums computed once): element i is
/// `evaluate_metric(result, names[i], selection)`.
std::vector<double> evaluate_metrics(const model::RunResult &result,
                                     const std::vector<std::string> &names,
                                     const Selection &selection);

} // namespace removalsim::analysis
