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
void print_comparison_table(const std::vector<scenario::Target> &targets,
                            const std::vector<analysis::TargetComparison> &comparisons);

/// `YYYY-MM..YYYY-MM`: the months a run of `scenario` reports.
std::string reported_months(const model::Scenario &scenario);

} // namespace removalsim::cli
