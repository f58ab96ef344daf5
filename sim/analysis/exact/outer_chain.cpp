// One document type: the outer chain at large <-> detention spell, absorbing in "removed", solved
// with its fundamental matrix, and the case from issuance.
#include "exact_internal.h"

#include <Eigen/Dense>

#include <array>
#include <cmath>

namespace removalsim::analysis::exact {

TypeSolution solve_type(const CaseParameters &p, bool holder) {
  SpellInputs in;
  in.holder = holder;
  in.check = delay_of(p.document_check_days.at(0.0));
  in.request = delay_of(p.lpc_request_delay.at(0.0));
  in.lpc = delay_of(p.lpc_delay.at(0.0));
  in.booking = delay_of(p.booking_delay.at(0.0));
  in.issue_probability = p.lpc_issue_probability.at(0.0);
  in.boarding_success = p.boarding_success.at(0.0);
  in.max_days = p.detention_max_days.at(0.0);
  in.reviews = p.detention_reviews.at(0.0);
  const double alpha = p.apprehension_rate_per_year.at(0.0) / kDaysPerYear;
  const double gap = p.redetention_gap_days.at(0.0);

  TypeSolution type;
  SpellSolution &spell = type.solution.spell;
  spell = solve_spell(in);
  const double released = spell.released_by_judge + spell.released_end_of_term;
  const double removed_time = partial(spell.removed, spell.mean_days_removed);
  const double released_time =
      partial(spell.released_by_judge, spell.mean_days_released_by_judge) +
      partial(spell.released_end_of_term, spell.mean_days_released_end_of_term);

  // Outer chain: 0 = at large, 1 = spell; absorbing 0 = removed, 1 = at large forever,
  // 2 = detained forever.
  OuterChain &chain = type.solution.chain;
  Eigen::Matrix2d q = Eigen::Matrix2d::Zero();
  Eigen::Matrix<double, 2, 3> r = Eigen::Matrix<double, 2, 3>::Zero();
  q(0, 1) = alpha > 0.0 ? 1.0 : 0.0;
  r(0, 1) = alpha > 0.0 ? 0.0 : 1.0;
  q(1, 0) = released;
  r(1, 0) = spell.removed;
  r(1, 2) = spell.never_ends;
  type.cycles = alpha > 0.0 && spell.removed == 0.0 && spell.never_ends == 0.0;
  chain.absorbing = !type.cycles;
  Eigen::Matrix2d n = Eigen::Matrix2d::Constant(kInfinity);
  Eigen::Matrix<double, 2, 3> b = Eigen::Matrix<double, 2, 3>::Zero();
  Eigen::Matrix<double, 2, 3> h = Eigen::Matrix<double, 2, 3>::Zero(); // E[T; absorbed in k]
  if (chain.absorbing) {
    n = (Eigen::Matrix2d::Identity() - q).inverse();
    b = n * r;
    // E[holding time; next state] for each jump.
    Eigen::Matrix2d hold_transient = Eigen::Matrix2d::Zero();
    Eigen::Matrix<double, 2, 3> hold_absorbing = Eigen::Matrix<double, 2, 3>::Zero();
    hold_transient(0, 1) = alpha > 0.0 ? 1.0 / alpha : 0.0;
    hold_transient(1, 0) = released_time + released * gap;
    hold_absorbing(1, 0) = removed_time;
    h = n * (hold_transient * b + hold_absorbing);
  }
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      chain.transitions[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = q(i, j);
      chain.fundamental[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = n(i, j);
    }
    for (int j = 0; j < 3; ++j) {
      chain.absorptions[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = r(i, j);
      chain.absorption_probabilities[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] =
          b(i, j);
    }
  }
  chain.mean_holding_days[0] = alpha > 0.0 ? 1.0 / alpha : kInfinity;
  chain.mean_holding_days[1] =
      spell.never_ends > 0.0 ? kInfinity : spell.mean_days + released * gap;
  // B's entries for "forever" are exact zeros when impossible (products with exact zeros).
  const std::array<bool, 2> certain = {chain.absorbing && b(0, 1) == 0.0 && b(0, 2) == 0.0,
                                       chain.absorbing && b(1, 1) == 0.0 && b(1, 2) == 0.0};
  for (int i = 0; i < 2; ++i) {
    chain.mean_days_to_absorption[static_cast<std::size_t>(i)] =
        certain[static_cast<std::size_t>(i)] ? h(i, 0) : kInfinity;
  }
  if (type.cycles) {
    type.cycle_days = 1.0 / alpha + spell.mean_days + gap;
  }

  const Entry e = entry_of(p);
  CaseSolution &c = type.solution.from_issuance;
  c.detained_at_issuance = e.detained;
  c.enters_at_large = e.at_large;
  c.voluntary_departure = e.voluntary;
  c.annulled = e.annulled;
  c.removed = e.at_large * b(0, 0) + e.detained * b(1, 0);
  c.never_absorbed = (certain[0] ? 0.0 : e.at_large * (1.0 - b(0, 0))) +
                     (certain[1] ? 0.0 : e.detained * (1.0 - b(1, 0)));
  c.absorption_certain = (e.at_large == 0.0 || certain[0]) && (e.detained == 0.0 || certain[1]);
  const double removed_case_time =
      e.at_large_time * b(0, 0) + times(e.at_large, h(0, 0)) + times(e.detained, h(1, 0));
  c.mean_days_to_removed = conditional(removed_case_time, c.removed);
  c.mean_days_to_voluntary_departure = conditional(e.voluntary_time, e.voluntary);
  c.mean_days_to_annulled = conditional(e.annulled_time, e.annulled);
  c.mean_days_to_expired = kNaN;
  c.mean_days_to_absorption =
      c.absorption_certain ? removed_case_time + e.voluntary_time + e.annulled_time : kInfinity;
  c.expected_spells = times(e.at_large, n(0, 1)) + times(e.detained, n(1, 1));
  c.expected_detention_exits = times(c.expected_spells, 1.0 - spell.never_ends);
  c.expected_detention_days = times(c.expected_spells, removed_time + released_time);
  c.expected_released_by_judge = times(c.expected_spells, spell.released_by_judge);
  c.expected_released_end_of_term = times(c.expected_spells, spell.released_end_of_term);
  c.expected_lpc_requests = times(c.expected_spells, spell.lpc_requests);
  c.expected_lpc_issued_in_time = times(c.expected_spells, spell.lpc_issued_in_time);
  c.expected_lpc_issued = times(c.expected_spells, spell.lpc_issued);
  return type;
}

} // namespace removalsim::analysis::exact
