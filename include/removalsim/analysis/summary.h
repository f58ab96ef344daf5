#pragma once

#include "removalsim/engine/interval.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"

#include <string>
#include <vector>

namespace removalsim::analysis {

/// One metric of one period and country across replications.
struct SummaryRow {
  std::string period;  ///< a year, `YYYY`
  std::string country; ///< an ISO code, or `ALL`
  std::string metric;
  engine::ConfidenceInterval interval; ///< mean and 95 % Student-t interval over replications
};

/// The calendar years reported by a run: from the warm-up's year to the last simulated day's.
std::vector<int> reported_years(const model::Scenario &scenario);

/// The month-index range [first, last) of `year` in a run of `scenario`, clipped to the reported
/// months (from the warm-up).
std::pair<int, int> year_months(const model::Scenario &scenario, int year);

/// For every reported year, every country and `ALL`, and every metric in `metrics`: the mean and
/// 95 % interval across `results` (replications). Rows are year-major, then country, then metric;
/// national quantities (`is_national_metric`) appear under `ALL` only.
std::vector<SummaryRow> summarise(const model::Scenario &scenario,
                                  const std::vector<model::RunResult> &results,
                                  const std::vector<std::string> &metrics);

} // namespace removalsim::analysis
