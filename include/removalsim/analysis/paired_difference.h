#pragma once

#include "removalsim/engine/interval.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"

#include <span>
#include <string>
#include <vector>

namespace removalsim::analysis {

/// One metric of one year and country in two scenarios run with the same seeds.
struct PairedDifferenceRow {
  std::string period;  ///< a year, `YYYY`
  std::string country; ///< an ISO code, or `ALL`
  std::string metric;
  engine::ConfidenceInterval base;   ///< the base scenario across replications
  engine::ConfidenceInterval whatif; ///< the what-if scenario across replications
  /// The paired differences whatif(r) - base(r): mean and 95 % Student-t interval.
  engine::ConfidenceInterval difference;
};

/// The mean and 95 % Student-t interval of the paired differences `whatif[r] - base[r]`.
/// Replications where either value is undefined (NaN) are left out. Throws
/// std::invalid_argument when the two spans differ in length.
engine::ConfidenceInterval paired_difference(std::span<const double> base,
                                             std::span<const double> whatif);

/// For every reported year of `base_scenario`, every country (matched by code) and `ALL`, and
/// every metric: the paired differences between replication r of `whatif_results` and
/// replication r of `base_results`. Run both with the same seed (common random numbers) for
/// the interval to be that of the effect, not of the noise. Rows are year-major, then country
/// (the base's order), then metric. Preconditions (std::invalid_argument otherwise): the same
/// number of replications, and scenarios with the same calendar and countries (see
/// scenario::check_same_layout for the user-facing check).
std::vector<PairedDifferenceRow> paired_differences(
    const model::Scenario &base_scenario, const std::vector<model::RunResult> &base_results,
    const model::Scenario &whatif_scenario, const std::vector<model::RunResult> &whatif_results,
    const std::vector<std::string> &metrics);

/// `diff.csv`: `period,country,metric,base_mean,whatif_mean,diff_mean,ci_low,ci_high`.
void write_paired_differences_csv(std::ostream &out, const std::vector<PairedDifferenceRow> &rows);

} // namespace removalsim::analysis
