// Holders and non-holders mixed by `document_share`: the first spells, the case from issuance and
// the long-run ratios; and `solve_exact`, which puts the pieces together.
#include "exact_internal.h"

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace removalsim::analysis {

namespace exact {

namespace {

double mix(double wa, double a, double wb, double b) { return times(wa, a) + times(wb, b); }

} // namespace

SpellSolution mix_spells(double wa, const SpellSolution &a, double wb, const SpellSolution &b) {
  using S = SpellSolution;
  SpellSolution m;
  for (double S::*field :
       {&S::removed, &S::released_by_judge, &S::released_by_prefecture, &S::released_end_of_term,
        &S::absconded, &S::never_ends, &S::lpc_requests, &S::lpc_issued_in_time, &S::lpc_issued,
        &S::boarding_failures}) {
    m.*field = mix(wa, a.*field, wb, b.*field);
  }
  const auto mix_mean = [&](double pa, double ma, double pb, double mb, double p) {
    return conditional(mix(wa, partial(pa, ma), wb, partial(pb, mb)), p);
  };
  m.mean_days = mix_mean(1.0 - a.never_ends, a.mean_days, 1.0 - b.never_ends, b.mean_days,
                         1.0 - m.never_ends);
  // E[length | outcome], each outcome with its probability.
  for (const auto &[probability, mean] :
       {std::pair{&S::removed, &S::mean_days_removed},
        std::pair{&S::released_by_judge, &S::mean_days_released_by_judge},
        std::pair{&S::released_by_prefecture, &S::mean_days_released_by_prefecture},
        std::pair{&S::released_end_of_term, &S::mean_days_released_end_of_term},
        std::pair{&S::absconded, &S::mean_days_absconded}}) {
    m.*mean = mix_mean(a.*probability, a.*mean, b.*probability, b.*mean, m.*probability);
  }
  for (std::size_t s = 0; s < kSpellPhaseCount; ++s) {
    m.phase_days[s] = mix(wa, a.phase_days[s], wb, b.phase_days[s]);
  }
  return m;
}

CaseSolution mix_cases(double wa, const CaseSolution &a, double wb, const CaseSolution &b) {
  using C = CaseSolution;
  CaseSolution m;
  for (double C::*field : {&C::removed,
                           &C::voluntary_departure,
                           &C::annulled,
                           &C::never_absorbed,
                           &C::removed_from_detention,
                           &C::removed_from_house_arrest,
                           &C::removed_at_prison_release,
                           &C::detained_at_issuance,
                           &C::enters_at_large,
                           &C::prisoners,
                           &C::expected_spells,
                           &C::expected_detention_exits,
                           &C::expected_detention_days,
                           &C::expected_released_by_judge,
                           &C::expected_released_end_of_term,
                           &C::expected_released_by_prefecture,
                           &C::expected_lpc_requests,
                           &C::expected_lpc_issued_in_time,
                           &C::expected_lpc_issued,
                           &C::expected_boarding_failures,
                           &C::expected_apprehensions,
                           &C::expected_prison_releases,
                           &C::expected_detention_entries_from_prison,
                           &C::expected_house_arrest_entries,
                           &C::expected_house_arrest_exits,
                           &C::expected_house_arrest_days,
                           &C::expected_house_arrest_absconded,
                           &C::expected_house_arrest_ended}) {
    m.*field = mix(wa, a.*field, wb, b.*field);
  }
  m.expired = 0.0;
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
  return m;
}

namespace {

// Flows a type contributes to the aggregate counters: per case, or per day for a cycling type.
struct Flows {
  double exits = 0.0;
  double removals = 0.0; // from detention
  double days = 0.0;
  double judge = 0.0;
  double prefecture = 0.0;
  double requests = 0.0;
  double in_time = 0.0;
  double issued = 0.0;
  double entries = 0.0;
  double entries_from_prison = 0.0;
  double house_arrest_exits = 0.0;
  double house_arrest_removals = 0.0;
  double house_arrest_days = 0.0;
  double house_arrest_absconded = 0.0;
  double prison_releases = 0.0;
  double prison_removals = 0.0;
};

Flows &operator+=(Flows &total, const Flows &f) {
  for (double Flows::*field :
       {&Flows::exits, &Flows::removals, &Flows::days, &Flows::judge, &Flows::prefecture,
        &Flows::requests, &Flows::in_time, &Flows::issued, &Flows::entries,
        &Flows::entries_from_prison, &Flows::house_arrest_exits, &Flows::house_arrest_removals,
        &Flows::house_arrest_days, &Flows::house_arrest_absconded, &Flows::prison_releases,
        &Flows::prison_removals}) {
    total.*field += f.*field;
  }
  return total;
}

Flows flows_of(const TypeSolution &type, double weight) {
  Flows f;
  if (weight == 0.0) {
    return f;
  }
  if (type.cycles) {
    // Per day: one apprehension per cycle, to detention or house arrest; every spell ends and
    // none removes (the prison's few spells per case are negligible).
    const SpellSolution &d = type.solution.spell;
    const SpellSolution &a = type.solution.house_arrest;
    const double h = type.house_arrest_share;
    const double spells = weight * (1.0 - h) / type.cycle_days;
    const double arrests = weight * h / type.cycle_days;
    f.exits = spells;
    f.entries = spells;
    f.days = times(spells, d.mean_days);
    f.judge = times(spells, d.released_by_judge);
    f.prefecture = times(spells, d.released_by_prefecture);
    f.requests = times(spells, d.lpc_requests) + times(arrests, a.lpc_requests);
    f.in_time = times(spells, d.lpc_issued_in_time) + times(arrests, a.lpc_issued_in_time);
    f.issued = times(spells, d.lpc_issued) + times(arrests, a.lpc_issued);
    f.house_arrest_exits = arrests;
    f.house_arrest_days = times(arrests, a.mean_days);
    f.house_arrest_absconded = times(arrests, a.absconded);
    return f;
  }
  const CaseSolution &c = type.solution.from_issuance;
  f.exits = weight * c.expected_detention_exits;
  f.removals = weight * c.removed_from_detention;
  f.days = weight * c.expected_detention_days;
  f.judge = weight * c.expected_released_by_judge;
  f.prefecture = weight * c.expected_released_by_prefecture;
  f.requests = weight * c.expected_lpc_requests;
  f.in_time = weight * c.expected_lpc_issued_in_time;
  f.issued = weight * c.expected_lpc_issued;
  f.entries = weight * c.expected_spells;
  f.entries_from_prison = weight * c.expected_detention_entries_from_prison;
  f.house_arrest_exits = weight * c.expected_house_arrest_exits;
  f.house_arrest_removals = weight * c.removed_from_house_arrest;
  f.house_arrest_days = weight * c.expected_house_arrest_days;
  f.house_arrest_absconded = weight * c.expected_house_arrest_absconded;
  f.prison_releases = weight * c.expected_prison_releases;
  f.prison_removals = weight * c.removed_at_prison_release;
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
    total += flows_of(*type, weight);
  }
  LongRunRatios out;
  out.detention_removal_rate = ratio(total.removals, total.exits);
  out.detention_mean_days = ratio(total.days, total.exits);
  out.released_by_judge_share = ratio(total.judge, total.exits);
  out.released_by_prefecture_share = ratio(total.prefecture, total.exits);
  out.released_by_judge_share_of_unremoved = ratio(total.judge, total.exits - total.removals);
  const Flows h = flows_of(holders, wh);
  out.removal_share_document_holders = ratio(h.removals, h.exits);
  out.lpc_issue_rate = ratio(total.issued, total.requests);
  out.lpc_in_time_rate = ratio(total.in_time, total.requests);
  out.house_arrest_removal_rate = ratio(total.house_arrest_removals, total.house_arrest_exits);
  out.house_arrest_mean_days = ratio(total.house_arrest_days, total.house_arrest_exits);
  out.house_arrest_absconded_share = ratio(total.house_arrest_absconded, total.house_arrest_exits);
  out.prison_release_removal_rate = ratio(total.prison_removals, total.prison_releases);
  out.detention_entries_from_prison_share = ratio(total.entries_from_prison, total.entries);
  return out;
}

/// How far from 1 the outcome probabilities may sum: rounding in a well-conditioned chain stays
/// below 1e-12; a stiff one (rates 10^20 times apart) loses whole outcomes.
constexpr double kProbabilityTolerance = 1e-6;

/// Refuses a solution whose outcome probabilities do not sum to 1: the matrices were too
/// ill-conditioned for double precision, and its numbers would be wrong without a sign.
void check_conditioning(const ExactSolution &solution) {
  const CaseSolution &c = solution.from_issuance;
  const SpellSolution &s = solution.first_spell;
  const double outcomes[] = {c.removed + c.voluntary_departure + c.annulled + c.expired +
                                 c.never_absorbed,
                             s.removed + s.released_by_judge + s.released_by_prefecture +
                                 s.released_end_of_term + s.absconded + s.never_ends};
  for (const double total : outcomes) {
    if (!(std::abs(total - 1.0) <= kProbabilityTolerance)) {
      char text[320];
      std::snprintf(text, sizeof text,
                    "the exact chain of %s/%s cannot be solved accurately: its outcome "
                    "probabilities sum to %.6g instead of 1 (delays or rates many orders of "
                    "magnitude apart, such as an exponential mean of 1e-20 days, make it too "
                    "stiff for double precision); use the simulator",
                    solution.country.c_str(), solution.profile.c_str(), total);
      throw Error(ErrorCategory::model, text);
    }
  }
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
  out.prison_share = p.prison_share.at(0.0);
  out.house_arrest_share = p.house_arrest_share.at(0.0);
  out.detention_release_rate_per_month = p.detention_release_rate_per_month.at(0.0);
  out.holders = holders.solution;
  out.non_holders = others.solution;
  out.first_spell = mix_spells(wh, holders.solution.spell, wo, others.solution.spell);
  out.first_house_arrest =
      mix_spells(wh, holders.solution.house_arrest, wo, others.solution.house_arrest);
  out.from_issuance =
      mix_cases(wh, holders.solution.from_issuance, wo, others.solution.from_issuance);
  out.long_run = long_run_of(holders, wh, others, wo);
  check_conditioning(out);
  return out;
}

} // namespace removalsim::analysis
