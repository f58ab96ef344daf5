#pragma once

#include "removalsim/analysis/summary.h"

#include <cstdio>
#include <string>
#include <vector>

namespace removalsim::cli {

/// Prints, per year and country, one column per metric as `mean ± half-width` (95 %), reading
/// the values from `rows` (as produced by analysis::summarise).
void print_summary_table(std::FILE *out, const std::string &title,
                         const std::vector<analysis::SummaryRow> &rows,
                         const std::vector<std::string> &metrics,
                         const std::vector<std::string> &headers);

} // namespace removalsim::cli
