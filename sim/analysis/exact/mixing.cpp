// Holders and non-holders mixed by `document_share`: the first spell, the case from issuance and
// the long-run ratios; and `solve_exact`, which puts the pieces together.
#include "exact_internal.h"

#include <cstddef>
#include <utility>
#include <vector>

namespace removalsim::analysis {

namespace exact {

namespace {

double mix(double wa, double a, double wb, double b) { return times(wa, a) + times(wb, b); }

} // namespace

SpellSolution mix_spells(double wa, const SpellSolution &a, double wb, const SpellSolution &b) {
  SpellSolution m;
  m.removed = mix(wa, a.removed, wb, b.removed);
  m.released_by_judge = mix(wa, a.released_by_judge, wb, b.released_by_judge);
  m.released_end_of_term = mix(wa, a.released_end_of_term, wb, b.released_end_of_term);
  m.never_ends = mix(wa, a.never_ends, wb, b.never_ends);
  const auto mix_mean = [&](double pa, double ma, double pb, double mb, double p) {
    return conditional(mix(wa, partial(pa, ma), wb, partial(pb, mb)), p);
  };
  m.mean_days = mix_mean(1.0 - a.never_ends, a.mean_days, 1.0 - b.never_ends, b.mean_days,
                         1.0 - m.never_ends);
  m.mean_days_removed =
      mix_mean(a.removed, a.mean_days_removed, b.removed, b.mean_days_removed, m.removed);
  m.mean_days_released_by_judge =
      mix_mean(a.released_by_judge, a.mean_days_released_by_judge, b.released_by_judge,
               b.mean_days_released_by_judge, m.released_by_judge);
  m.mean_days_released_end_of_term =
      mix_mean(a.released_end_of_term, a.mean_days_released_end_of_term, b.released_end_of_term,
               b.mean_days_released_end_of_term, m.released_end_of_term);
  for (std::size_t s = 0; s < kSpellPhaseCount; ++s) {
    m.phase_days[s] = mix(wa, a.phase_days[s], wb, b.phase_days[s]);
  }
  m.lpc_requests = mix(wa, a.lpc_requests, wb, b.lpc_requests);
  m.lpc_issued_in_time = mix(wa, a.lpc_issued_in_time, wb, b.lpc_issued_in_time);
  m.lpc_issued = mix(wa, a.lpc_issued, wb, b.lpc_issued);
  return m;
}

CaseSolution mix_cases(double wa, const CaseSolution &a, double wb, const CaseSolution &b) {
  CaseSolution m;
  m.removed = mix(wa, a.removed, wb, b.removed);
  m.voluntary_departure = mix(wa, a.voluntary_departure, wb, b.voluntary_departure);
  m.annulled = mix(wa, a.annulled, wb, b.annulled);
  m.expired = 0.0;
  m.never_absorbed = mix(wa, a.never_absorbed, wb, b.never_absorbed);
  m.absorption_certain = (wa == 0.0 || a.absorption_certain) && (wb == 0.0 || b.absorption_certain);
  const auto mix_mean = [&](double pa, double ma, double pb, double mb, double p) {
    return conditional(mix(wa, partial(pa, ma), wb, partial(pb, mb)), p);
  };
  m.mean_days_to_removed =
      mix_mean(a.removed, a.mean_days_to_removed, b.removed, b.mean_days_to_removed, m.removed);
  m.mean_days_to_voluntary_departure =
      mix_mean(a.voluntary_departure, a.mean_days_to_voluntary_departure, b.voluntary_departure,
               b.mean_days_to_voluntary_departure, m.voluntary_departure);
  m.mean_days_to_annulled = mix_mean(a.annulled, a.mean_days_to_annulled, b.annulled,
                                     b.mean_days_to_annulled, m.annulled);
  m.mean_days_to_expired = kNaN;
  m.mean_days_to_absorption =
      m.absorption_certain
          ? partial(m.removed, m.mean_days_to_removed) +
                partial(m.voluntary_departure, m.mean_days_to_voluntary_departure) +
                partial(m.annulled, m.mean_days_to_annulled)
          : kInfinity;
  m.detained_at_issuance = mix(wa, a.detained_at_issuance, wb, b.detained_at_issuance);
  m.enters_at_large = mix(wa, a.enters_at_large, wb, b.enters_at_large);
  m.expected_spells = mix(wa, a.expected_spells, wb, b.expected_spells);
  m.expected_detention_exits = mix(wa, a.expected_detention_exits, wb, b.expected_detention_exits);
  m.expected_detention_days = mix(wa, a.expected_detention_days, wb, b.expected_detention_days);
  m.expected_released_by_judge =
      mix(wa, a.expected_released_by_judge, wb, b.expected_released_by_judge);
  m.expected_released_end_of_term =
      mix(wa, a.expected_released_end_of_term, wb, b.expected_released_end_of_term);
  m.expected_lpc_requests = mix(wa, a.expected_lpc_requests, wb, b.expected_lpc_requests);
  m.expected_lpc_issued_in_time =
      mix(wa, a.expected_lpc_issued_in_time, wb, b.expected_lpc_issued_in_time);
  m.expected_lpc_issued = mix(wa, a.expected_lpc_issued, wb, b.expected_lpc_issued);
  return m;
}

namespace {

// Flows a type contributes to the aggregate counters: per case, or per day for a cycling type.
struct Flows {
  double exits = 0.0;
  double removals = 0.0;
  double days = 0.0;
  double judge = 0.0;
  double requests = 0.0;
  double in_time = 0.0;
  double issued = 0.0;
};

Flows flows_of(const TypeSolution &type, double weight) {
  Flows f;
  if (weight == 0.0) {
    return f;
  }
  if (type.cycles) {
    const SpellSolution &s = type.solution.spell;
    const double spells = weight / type.cycle_days;
    f.exits = spells;
    f.days = spells * s.mean_days;
    f.judge = spells * s.released_by_judge;
    f.requests = spells * s.lpc_requests;
    f.in_time = spells * s.lpc_issued_in_time;
    f.issued = spells * s.lpc_issued;
    return f;
  }
  const CaseSolution &c = type.solution.from_issuance;
  f.exits = weight * c.expected_detention_exits;
  f.removals = weight * c.removed;
  f.days = weight * c.expected_detention_days;
  f.judge = weight * c.expected_released_by_judge;
  f.requests = weight * c.expected_lpc_requests;
  f.in_time = weight * c.expected_lpc_issued_in_time;
  f.issued = weight * c.expected_lpc_issued;
  return f;
}

double ratio(double num, double den) { return den > 0.0 ? num / den : kNaN; }
} // namespace

LongRunRatios long_run_of(const TypeSolution &holders, double wh, const TypeSolution &others,
                          double wo) {
  const bool any_cycles = (wh > 0.0 && holders.cycles) || (wo > 0.0 && others.cycles);
  Flows total;
  for (const auto &[type, weight] : {std::pair{&holders, wh}, std::pair{&others, wo}}) {
    if (any_cycles && !type->cycles) {
      continue; // finitely many spells per case: negligible against cases that cycle forever
    }
    const Flows f = flows_of(*type, weight);
    total.exits += f.exits;
    total.removals += f.removals;
    total.days += f.days;
    total.judge += f.judge;
    total.requests += f.requests;
    total.in_time += f.in_time;
    total.issued += f.issued;
  }
  LongRunRatios out;
  out.detention_removal_rate = ratio(total.removals, total.exits);
  out.detention_mean_days = ratio(total.days, total.exits);
  out.released_by_judge_share = ratio(total.judge, total.exits);
  out.released_by_judge_share_of_unremoved = ratio(total.judge, total.exits - total.removals);
  const Flows h = flows_of(holders, wh);
  out.removal_share_document_holders = ratio(h.removals, h.exits);
  out.lpc_issue_rate = ratio(total.issued, total.requests);
  out.lpc_in_time_rate = ratio(total.in_time, total.requests);
  return out;
}

} // namespace exact

ExactSolution solve_exact(const model::Scenario &scenario, std::size_t country,
                          std::size_t profile) {
  using namespace exact;
  auto violations = markovian_violations(scenario, country, profile);
  if (!violations.empty()) {
    throw NotMarkovianError(std::move(violations));
  }
  const model::Country &chosen = scenario.countries[country];
  const model::Profile &group = chosen.profiles[profile];
  const CaseParameters &p = group.parameters;
  const double wh = p.document_share.at(0.0);
  const double wo = 1.0 - wh;
  const TypeSolution holders = solve_type(p, true);
  const TypeSolution others = solve_type(p, false);

  ExactSolution out;
  out.country = chosen.code;
  out.profile = group.name;
  out.document_share = wh;
  out.holders = holders.solution;
  out.non_holders = others.solution;
  out.first_spell = mix_spells(wh, holders.solution.spell, wo, others.solution.spell);
  out.from_issuance =
      mix_cases(wh, holders.solution.from_issuance, wo, others.solution.from_issuance);
  out.long_run = long_run_of(holders, wh, others, wo);
  return out;
}

} // namespace removalsim::analysis
