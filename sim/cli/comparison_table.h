#pragma once

#include "removalsim/analysis/comparison.h"
#include "removalsim/model/parameters.h"
#include "removalsim/scenario/targets.h"

#include <string>
#include <vector>

namespace removalsim::cli {

/// Targets against their simulated values, one line each: reported, simulated mean, its 95 %
/// interval, relative error, tolerance, within tolerance, inside the interval. What `compare`
/// prints, and `run` for the targets marked `headline`.
/// A target not simulated says why: `in the warm-up` (its period starts before the reported
/// months of `scenario`) or `outside the run`.
void print_comparison_table(const std::vector<scenario::Target> &targets,
                            const std::vector<analysis::TargetComparison> &comparisons,
                            const model::Scenario &scenario);

/// Why `target` is not simulated in a run of `scenario`: `in the warm-up` when its period starts
/// before the reported months, else `outside the run`.
std::string unsimulated_reason(const scenario::Target &target, const model::Scenario &scenario);

/// `YYYY-MM..YYYY-MM`: the months a run of `scenario` reports.
std::string reported_months(const model::Scenario &scenario);

} // namespace removalsim::cli
