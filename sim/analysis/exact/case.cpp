// One document type from issuance: its four spells (detention and house arrest, from an
// apprehension or from a prison release), the outer chain, and the case's outcomes, mean times and
// expected counters.
#include "exact_internal.h"

#include <array>
#include <cstddef>

namespace removalsim::analysis::exact {

namespace {

SpellInputs detention_inputs(const CaseParameters &p, bool holder, SpellStart start) {
  SpellInputs in;
  in.holder = holder;
  in.start = start;
  in.check = delay_of(p.document_check_days.at(0.0));
  in.request = delay_of(p.lpc_request_delay.at(0.0));
  in.lpc = delay_of(p.lpc_delay.at(0.0));
  in.booking = delay_of(p.booking_delay.at(0.0));
  in.issue_probability = p.lpc_issue_probability.at(0.0);
  in.boarding_success = p.boarding_success.at(0.0);
  in.max_days = p.detention_max_days.at(0.0);
  in.reviews = p.detention_reviews.at(0.0);
  in.prefecture_release_rate =
      p.detention_release_rate_per_month.at(0.0) * kMonthsPerYear / kDaysPerYear;
  return in;
}

// The document path of detention; the term, the boarding and the abscond hazard of house arrest;
// neither reviews nor a release by the prefecture.
SpellInputs house_arrest_inputs(const CaseParameters &p, bool holder, SpellStart start) {
  SpellInputs in = detention_inputs(p, holder, start);
  in.boarding_success = p.house_arrest_boarding_success.at(0.0);
  in.max_days = p.house_arrest_max_days.at(0.0);
  in.reviews.clear();
  in.prefecture_release_rate = 0.0;
  in.abscond_rate = p.house_arrest_abscond_rate_per_month.at(0.0) * kMonthsPerYear / kDaysPerYear;
  return in;
}

/// Mass entering a spell (or the chain) and E[entry time; entering].
struct Flow {
  double mass = 0.0;
  double time = 0.0;
};

Flow scaled(const Flow &f, double share) { return {f.mass * share, f.time * share}; }

} // namespace

TypeSolution solve_type(const CaseParameters &p, bool holder) {
  const double alpha = p.apprehension_rate_per_year.at(0.0) / kDaysPerYear;
  const double gap = p.redetention_gap_days.at(0.0);
  const double h = p.house_arrest_share.at(0.0);
  const double q = p.lpc_issue_probability.at(0.0);
  const bool lpc_instant = delay_of(p.lpc_delay.at(0.0)).instant;

  TypeSolution type;
  type.house_arrest_share = h;
  DocumentSolution &doc = type.solution;
  doc.spell = solve_spell(detention_inputs(p, holder, SpellStart::fresh));
  doc.house_arrest = solve_spell(house_arrest_inputs(p, holder, SpellStart::fresh));
  const Outer outer = solve_outer(alpha, h, doc.spell, doc.house_arrest, gap);
  doc.chain = outer.chain;
  type.cycles = outer.cycles;
  type.cycle_days = outer.cycle_days;
  const auto &n = outer.chain.fundamental;
  const auto &b = outer.chain.absorption_probabilities;

  // Entries: at large, apprehended at issuance, and the prison release. At the release a
  // document in hand is the holder's own, or a non-holder's LPC requested at the release instant
  // and issued at once (lpc.delay fixed at 0: documents come before the release in the
  // simulator's tie rule); it is escorted with `removal_success`. A failure, or no document, goes
  // to the apprehension order with the papers of the prison stay; the spells that start there
  // lead back to at large, or absorb directly.
  const Entry e = entry_of(p);
  const double in_hand = holder ? 1.0 : (lpc_instant ? q : 0.0);
  const double success = p.prison_removal_success.at(0.0);
  const Flow release{e.prison_release, e.prison_release_time};
  const Flow escorted = scaled(release, in_hand * success);
  const double with_document = in_hand * (1.0 - success);
  const double without_document = 1.0 - in_hand;
  const Flow apprehended = scaled(release, with_document + without_document);
  const Flow into_detention = scaled(apprehended, 1.0 - h);
  const Flow into_house_arrest = scaled(apprehended, h);
  // The spells from prison, mixed over the papers they start with (a pending request, or one the
  // consulate never answered when it would have answered at once).
  const SpellStart without = lpc_instant ? SpellStart::no_document : SpellStart::lpc_requested;
  const double papers_total = with_document + without_document;
  const double w_with = papers_total > 0.0 ? with_document / papers_total : in_hand;
  const double w_without = papers_total > 0.0 ? without_document / papers_total : 1.0 - in_hand;
  const auto from_prison = [&](const auto &inputs) {
    return mix_spells(w_with, solve_spell(inputs(p, holder, SpellStart::document_in_hand)),
                      w_without, solve_spell(inputs(p, holder, without)));
  };
  doc.detention_from_prison = from_prison(detention_inputs);
  doc.house_arrest_from_prison = from_prison(house_arrest_inputs);
  const SpellExits dp = exits_of(doc.detention_from_prison, gap);
  const SpellExits hp = exits_of(doc.house_arrest_from_prison, gap);
  const auto back_at_large = [](const Flow &in, const SpellExits &x) {
    return Flow{in.mass * x.to_large, in.time * x.to_large + times(in.mass, x.to_large_time)};
  };
  const Flow large_from_detention = back_at_large(into_detention, dp);
  const Flow large_from_house_arrest = back_at_large(into_house_arrest, hp);
  // Into the outer chain's transient states: at large, detention, house arrest.
  const std::array<Flow, 3> enter = {
      Flow{e.at_large + large_from_detention.mass + large_from_house_arrest.mass,
           e.at_large_time + large_from_detention.time + large_from_house_arrest.time},
      Flow{e.detained * (1.0 - h), 0.0}, Flow{e.detained * h, 0.0}};

  CaseSolution &c = doc.from_issuance;
  c.detained_at_issuance = e.detained;
  c.enters_at_large = e.at_large;
  c.prisoners = e.prisoners;
  c.voluntary_departure = e.voluntary;
  c.annulled = e.annulled;
  std::array<double, 3> visits{};
  double removed_in_chain = 0.0;
  double removed_chain_time = 0.0;
  double never_in_chain = 0.0;
  bool chain_certain = true;
  for (std::size_t i = 0; i < enter.size(); ++i) {
    const Flow &in = enter[i];
    for (std::size_t j = 0; j < visits.size(); ++j) {
      visits[j] += times(in.mass, n[i][j]);
    }
    removed_in_chain += in.mass * b[i][0];
    removed_chain_time += in.time * b[i][0] + times(in.mass, outer.removed_time[i]);
    if (!outer.certain[i]) {
      never_in_chain += in.mass * (1.0 - b[i][0]);
      chain_certain = chain_certain && in.mass == 0.0;
    }
  }
  const auto removed_in_spell = [](const Flow &in, const SpellExits &x) {
    return Flow{in.mass * x.removed, in.time * x.removed + times(in.mass, x.removed_time)};
  };
  const Flow removed_detention_from_prison = removed_in_spell(into_detention, dp);
  const Flow removed_house_arrest_from_prison = removed_in_spell(into_house_arrest, hp);
  const SpellSolution &d = doc.spell;
  const SpellSolution &a = doc.house_arrest;
  const SpellSolution &sd = doc.detention_from_prison;
  const SpellSolution &sa = doc.house_arrest_from_prison;
  c.removed_at_prison_release = escorted.mass;
  c.removed_from_detention = removed_detention_from_prison.mass + times(visits[1], d.removed);
  c.removed_from_house_arrest = removed_house_arrest_from_prison.mass + times(visits[2], a.removed);
  c.removed = escorted.mass + removed_detention_from_prison.mass +
              removed_house_arrest_from_prison.mass + removed_in_chain;
  const double held_from_prison =
      into_detention.mass * sd.never_ends + into_house_arrest.mass * sa.never_ends;
  c.never_absorbed = held_from_prison + never_in_chain;
  c.absorption_certain = chain_certain && held_from_prison == 0.0;
  const double removed_case_time = escorted.time + removed_detention_from_prison.time +
                                   removed_house_arrest_from_prison.time + removed_chain_time;
  c.mean_days_to_removed = conditional(removed_case_time, c.removed);
  c.mean_days_to_voluntary_departure = conditional(e.voluntary_time, e.voluntary);
  c.mean_days_to_annulled = conditional(e.annulled_time, e.annulled);
  c.mean_days_to_expired = kNaN;
  c.mean_days_to_absorption =
      c.absorption_certain ? removed_case_time + e.voluntary_time + e.annulled_time : kInfinity;

  // Counters: the chain's spells (visits) plus the spells from prison (entered once).
  const double from_prison_d = into_detention.mass;
  const double from_prison_a = into_house_arrest.mass;
  const auto count = [&](double SpellSolution::*field) {
    return times(visits[1], d.*field) + times(from_prison_d, sd.*field) +
           times(visits[2], a.*field) + times(from_prison_a, sa.*field);
  };
  const auto count_detention = [&](double SpellSolution::*field) {
    return times(visits[1], d.*field) + times(from_prison_d, sd.*field);
  };
  const auto count_house_arrest = [&](double SpellSolution::*field) {
    return times(visits[2], a.*field) + times(from_prison_a, sa.*field);
  };
  const auto ends = [](const SpellSolution &s) { return 1.0 - s.never_ends; };
  const auto days = [gap](const SpellSolution &s) { return exits_of(s, gap).days; };
  c.expected_spells = visits[1] + from_prison_d;
  c.expected_detention_exits = times(visits[1], ends(d)) + times(from_prison_d, ends(sd));
  c.expected_detention_days = times(visits[1], days(d)) + times(from_prison_d, days(sd));
  c.expected_released_by_judge = count_detention(&SpellSolution::released_by_judge);
  c.expected_released_end_of_term = count_detention(&SpellSolution::released_end_of_term);
  c.expected_released_by_prefecture = count_detention(&SpellSolution::released_by_prefecture);
  // A non-holder's LPC is requested at the release (lead 0), whatever happens next; issued at
  // once, it is issued in prison (in time).
  const double prison_requests = holder ? 0.0 : e.prison_releases;
  c.expected_lpc_requests = count(&SpellSolution::lpc_requests) + prison_requests;
  c.expected_lpc_issued_in_time =
      count(&SpellSolution::lpc_issued_in_time) + (lpc_instant ? prison_requests * q : 0.0);
  c.expected_lpc_issued = count(&SpellSolution::lpc_issued) + prison_requests * q;
  // A failed escorted removal counts as a failed boarding.
  c.expected_boarding_failures =
      count(&SpellSolution::boarding_failures) + release.mass * with_document;
  c.expected_prison_releases = e.prison_releases;
  c.expected_detention_entries_from_prison = from_prison_d;
  c.expected_house_arrest_entries = visits[2] + from_prison_a;
  c.expected_house_arrest_exits = times(visits[2], ends(a)) + times(from_prison_a, ends(sa));
  c.expected_house_arrest_days = times(visits[2], days(a)) + times(from_prison_a, days(sa));
  c.expected_house_arrest_absconded = count_house_arrest(&SpellSolution::absconded);
  c.expected_house_arrest_ended = count_house_arrest(&SpellSolution::released_end_of_term);
  c.expected_apprehensions = c.expected_spells + c.expected_house_arrest_entries;
  return type;
}

} // namespace removalsim::analysis::exact
