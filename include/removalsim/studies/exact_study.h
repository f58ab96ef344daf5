#pragma once

#include "removalsim/analysis/exact_solution.h"
#include "removalsim/model/parameters.h"

#include <ostream>
#include <vector>

namespace removalsim::studies {

/// The exact solution (absorbing Markov chain) of every (country, profile) of `scenario`, country
/// by country in the scenario's order: the study behind `removalsim exact` and the Python
/// package's `exact`. Throws analysis::NotMarkovianError, listing every reason, when the scenario
/// is not Markovian.
std::vector<analysis::ExactSolution> exact_solutions(const model::Scenario &scenario);

/// The solutions as a tidy CSV table, `country,profile,quantity,value`: for each (country,
/// profile), the outcomes of an order from issuance (`removed`, `mean_days_to_removed`...), the
/// expected counts per order (`expected_spells`...) and the long-run ratios (`long_run.
/// detention_removal_rate`...), numbers as analysis::format_number writes them.
void write_exact_csv(std::ostream &out, const std::vector<analysis::ExactSolution> &solutions);

} // namespace removalsim::studies
