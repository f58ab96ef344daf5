#pragma once

#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/morris.h"
#include "removalsim/analysis/sensitivity/sobol_indices.h"

#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace removalsim::analysis::sensitivity {

/// One line of `sensitivity.csv`: an index of one parameter. `index` is `S1`, `ST`,
/// `S2:<other parameter>` (Sobol), or `mu`, `mu_star`, `sigma` (Morris); intervals are NaN when
/// none is computed (`mu`, `sigma`).
struct IndexRow {
  std::string parameter;
  std::string index;
  double value = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
};

/// The rows of Sobol indices: per factor in `factors` order, S1, ST, then S2 with each other
/// factor (both orders, so each factor's rows list all its pairs) when computed.
std::vector<IndexRow> index_rows(std::span<const Factor> factors, const SobolIndices &indices);

/// The rows of Morris measures: per factor, mu, mu_star, sigma.
std::vector<IndexRow> index_rows(std::span<const Factor> factors,
                                 const std::vector<MorrisFactor> &measures);

/// Writes `parameter,index,value,ci_low,ci_high` and the rows (numbers as `format_number`: the
/// shortest text that reads back exactly, NaN as `NA`; a parameter holding a comma or a quote is
/// quoted as RFC 4180 says).
void write_sensitivity_csv(std::ostream &out, const std::vector<IndexRow> &rows);

/// Factor indices ordered by decreasing `rows` value of `index` (`ST`, `mu_star`...), ties and
/// NaN last in factor order.
std::vector<std::size_t> rank_by(std::span<const Factor> factors, const std::vector<IndexRow> &rows,
                                 const std::string &index);

} // namespace removalsim::analysis::sensitivity
