#include "removalsim/studies/exact_study.h"

#include "removalsim/analysis/exact_chain.h"
#include "removalsim/analysis/run_output.h"

#include <utility>

namespace removalsim::studies {

namespace {

using CaseField = double analysis::CaseSolution::*;
using RatioField = double analysis::LongRunRatios::*;

constexpr std::pair<const char *, CaseField> kCaseQuantities[] = {
    {"removed", &analysis::CaseSolution::removed},
    {"voluntary_departure", &analysis::CaseSolution::voluntary_departure},
    {"annulled", &analysis::CaseSolution::annulled},
    {"expired", &analysis::CaseSolution::expired},
    {"never_absorbed", &analysis::CaseSolution::never_absorbed},
    {"removed_from_detention", &analysis::CaseSolution::removed_from_detention},
    {"removed_from_house_arrest", &analysis::CaseSolution::removed_from_house_arrest},
    {"removed_at_prison_release", &analysis::CaseSolution::removed_at_prison_release},
    {"mean_days_to_removed", &analysis::CaseSolution::mean_days_to_removed},
    {"mean_days_to_voluntary_departure", &analysis::CaseSolution::mean_days_to_voluntary_departure},
    {"mean_days_to_annulled", &analysis::CaseSolution::mean_days_to_annulled},
    {"mean_days_to_absorption", &analysis::CaseSolution::mean_days_to_absorption},
    {"expected_spells", &analysis::CaseSolution::expected_spells},
    {"expected_detention_days", &analysis::CaseSolution::expected_detention_days},
    {"expected_lpc_requests", &analysis::CaseSolution::expected_lpc_requests},
    {"expected_lpc_issued_in_time", &analysis::CaseSolution::expected_lpc_issued_in_time},
    {"expected_lpc_issued", &analysis::CaseSolution::expected_lpc_issued},
    {"expected_prison_releases", &analysis::CaseSolution::expected_prison_releases},
    {"expected_house_arrest_entries", &analysis::CaseSolution::expected_house_arrest_entries},
    {"expected_released_by_prefecture", &analysis::CaseSolution::expected_released_by_prefecture},
};

constexpr std::pair<const char *, RatioField> kLongRunQuantities[] = {
    {"long_run.detention_removal_rate", &analysis::LongRunRatios::detention_removal_rate},
    {"long_run.detention_mean_days", &analysis::LongRunRatios::detention_mean_days},
    {"long_run.released_by_judge_share", &analysis::LongRunRatios::released_by_judge_share},
    {"long_run.released_by_judge_share_of_unremoved",
     &analysis::LongRunRatios::released_by_judge_share_of_unremoved},
    {"long_run.lpc_issue_rate", &analysis::LongRunRatios::lpc_issue_rate},
    {"long_run.lpc_in_time_rate", &analysis::LongRunRatios::lpc_in_time_rate},
    {"long_run.house_arrest_removal_rate", &analysis::LongRunRatios::house_arrest_removal_rate},
    {"long_run.prison_release_removal_rate", &analysis::LongRunRatios::prison_release_removal_rate},
};

} // namespace

std::vector<analysis::ExactSolution> exact_solutions(const model::Scenario &scenario) {
  const auto violations = analysis::markovian_violations(scenario);
  if (!violations.empty()) {
    throw analysis::NotMarkovianError(violations);
  }
  std::vector<analysis::ExactSolution> solutions;
  for (std::size_t c = 0; c < scenario.countries.size(); ++c) {
    for (std::size_t p = 0; p < scenario.countries[c].profiles.size(); ++p) {
      solutions.push_back(analysis::solve_exact(scenario, c, p));
    }
  }
  return solutions;
}

void write_exact_csv(std::ostream &out, const std::vector<analysis::ExactSolution> &solutions) {
  out << "country,profile,quantity,value\n";
  for (const auto &solution : solutions) {
    const auto row = [&](const char *quantity, double value) {
      out << analysis::csv_field(solution.country) << ',' << analysis::csv_field(solution.profile)
          << ',' << quantity << ',' << analysis::format_number(value) << '\n';
    };
    for (const auto &[quantity, field] : kCaseQuantities) {
      row(quantity, solution.from_issuance.*field);
    }
    for (const auto &[quantity, field] : kLongRunQuantities) {
      row(quantity, solution.long_run.*field);
    }
  }
}

} // namespace removalsim::studies
