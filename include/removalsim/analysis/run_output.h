#pragma once

#include "removalsim/analysis/summary.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"

#include <ostream>
#include <string>
#include <vector>

namespace removalsim::analysis {

/// A number as CSV text: the shortest form that reads back to the same double; `NA` for NaN
/// (read as missing by pandas and R), `Inf`/`-Inf` for infinities.
std::string format_number(double value);

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string &text);

/// `monthly.csv`, tidy long format: `replication,month,country,profile,metric,value`, month as
/// `YYYY-MM`, one row per counter of each (country, profile) from the warm-up on, then the
/// national quantities with country and profile `ALL`, then each detention centre's. Zeros are
/// written (a mean over the rows of a month is then right) unless `sparse`.
void write_monthly_csv(std::ostream &out, const model::Scenario &scenario,
                       const std::vector<model::RunResult> &results, bool sparse = false);

/// `summary.csv`: `period,country,metric,mean,ci_low,ci_high,n,unit`: `n` replications with a
/// value (a ratio over an empty period has none), `unit` as `metric_unit` gives it.
void write_summary_csv(std::ostream &out, const std::vector<SummaryRow> &rows);

} // namespace removalsim::analysis
