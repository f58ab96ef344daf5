#pragma once
// What the exact absorbing-chain solution returns (`solve_exact` in exact_chain.h): one spell
// (detention or house arrest), the outer chain of one document type, a case from issuance and the
// long-run ratios of the counters.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace removalsim::analysis {

/// Phases of a case inside one detention or house-arrest spell (see `solve_exact`).
enum class SpellPhase : std::uint8_t {
  document_check, ///< holder: own passport/ID not yet usable
  lpc_request,    ///< non-holder: LPC not yet requested
  lpc_wait,       ///< non-holder: LPC requested, the consulate will issue it
  booking,        ///< document in hand: waiting for the flight (rebooked after a failed boarding)
  no_document,    ///< non-holder: the consulate will never issue; waits for the release
  count
};

inline constexpr std::size_t kSpellPhaseCount = static_cast<std::size_t>(SpellPhase::count);

/// One detention or house-arrest spell, from entry. Probabilities sum to 1. Conditional means are
/// NaN when the outcome has probability 0. For a house arrest `released_by_judge` and
/// `released_by_prefecture` are 0 (no reviews, no such release) and `released_end_of_term` is the
/// end of the term (`house_arrest_ended`).
struct SpellSolution {
  double removed = 0.0;           ///< P(removed during the spell)
  double released_by_judge = 0.0; ///< P(released at a review)
  /// P(released by the prefecture: `detention.release_rate_per_month`, from every phase)
  double released_by_prefecture = 0.0;
  double released_end_of_term = 0.0; ///< P(released at `detention.max_days` / the end of term)
  /// P(absconded from house arrest) (`house_arrest_absconded`; 0 in detention).
  double absconded = 0.0;
  /// P(the spell never ends): only with an unlimited term when the case can stall (no LPC, or
  /// boarding_success 0) and neither absconds nor is released by the prefecture.
  double never_ends = 0.0;
  /// Mean length (days) of the spells that end (= E[length] when every spell ends).
  double mean_days = 0.0;
  double mean_days_removed = 0.0;                ///< E[length | removed]
  double mean_days_released_by_judge = 0.0;      ///< E[length | released by judge]
  double mean_days_released_by_prefecture = 0.0; ///< E[length | released by the prefecture]
  double mean_days_released_end_of_term = 0.0;   ///< E[length | released at the end of term]
  double mean_days_absconded = 0.0;              ///< E[length | absconded]
  /// Expected days spent in each phase during the spell (+inf for a stalled phase when the spell
  /// may never end).
  std::array<double, kSpellPhaseCount> phase_days{};
  /// Expected LPC requests made during the spell (0 or 1: LPCs never lapse here; 0 for holders,
  /// and for a spell that starts with the request of the prison pending).
  double lpc_requests = 0.0;
  /// P(an LPC is issued while the spell lasts) (`lpc_issued_in_time`; 0 for holders), including
  /// one requested in prison.
  double lpc_issued_in_time = 0.0;
  /// Expected LPCs the spell's own request eventually yields, in time or not (`lpc_issued`).
  double lpc_issued = 0.0;
  /// Expected failed boardings (`boarding_failures`; each is rebooked); NaN with a
  /// boarding_success of 0 when the case can reach booking.
  double boarding_failures = 0.0;
};

/// The outer chain of one document type as an absorbing discrete-time chain on its jumps.
/// Transient states: 0 = at large (enforceable), 1 = detention spell (from admission until the
/// end of the redetention gap after a release), 2 = house-arrest spell (likewise; an abscond
/// returns to at large at once). Absorbing states: 0 = removed, 1 = at large forever
/// (apprehension rate 0), 2 = held forever (a spell that never ends). An apprehension goes to
/// house arrest with `house_arrest.share`, else to detention (a place is always free). The spells
/// that start at a prison release are entries into this chain (see `DocumentSolution`).
struct OuterChain {
  static constexpr std::size_t kTransient = 3;
  static constexpr std::size_t kAbsorbing = 3;
  /// Q: transient → transient jump probabilities.
  std::array<std::array<double, kTransient>, kTransient> transitions{};
  /// R: transient → absorbing jump probabilities.
  std::array<std::array<double, kAbsorbing>, kTransient> absorptions{};
  /// False when removal is impossible and released cases are always apprehended again: the case
  /// cycles forever, I − Q is singular; `fundamental` is then +inf towards the states of the
  /// cycle and `absorption_probabilities` zero.
  bool absorbing = true;
  /// N = (I − Q)^-1: expected visits to each transient state (column) from each (row).
  std::array<std::array<double, kTransient>, kTransient> fundamental{};
  /// B = N R: absorption probabilities; 1 − row sum is the cycling-forever mass.
  std::array<std::array<double, kAbsorbing>, kTransient> absorption_probabilities{};
  /// Mean holding time (days) of each transient state: 1/α at large (+inf when α = 0); mean spell
  /// length plus the gap after a release in detention or an end of term in house arrest (+inf
  /// when a spell may never end).
  std::array<double, kTransient> mean_holding_days{};
  /// Expected days to absorption from each transient state (+inf unless absorption is certain).
  std::array<double, kTransient> mean_days_to_absorption{};
};

/// A case from issuance. Outcome probabilities sum to 1. Conditional means are NaN when the
/// outcome has probability 0; `mean_days_to_absorption` is +inf unless `absorption_certain`.
/// Per-case expectations count what the simulator's counters would count over the case's life.
struct CaseSolution {
  double removed = 0.0;
  double voluntary_departure = 0.0;
  double annulled = 0.0;
  double expired = 0.0; ///< always 0: validity is unlimited in the exact chain
  /// Never absorbed: never apprehended (rate 0), held forever, or cycling forever because
  /// removal is impossible.
  double never_absorbed = 0.0;
  /// True when `never_absorbed` is 0 (structurally, not up to rounding).
  bool absorption_certain = true;
  /// `removed` by route (they sum to it): from detention, from house arrest, escorted at the
  /// prison release.
  double removed_from_detention = 0.0;
  double removed_from_house_arrest = 0.0;
  double removed_at_prison_release = 0.0;
  double mean_days_to_removed = 0.0;
  double mean_days_to_voluntary_departure = 0.0;
  double mean_days_to_annulled = 0.0;
  double mean_days_to_expired = 0.0; ///< NaN (never expires)
  double mean_days_to_absorption = 0.0;
  /// Share of cases apprehended at issuance (`detained_at_issuance_share`; their first detention
  /// or house arrest starts at 0).
  double detained_at_issuance = 0.0;
  /// Share of cases that become enforceable at large after the period and/or the appeal (for a
  /// prisoner: after an appeal still pending at release).
  double enters_at_large = 0.0;
  /// Share of orders issued to people serving a sentence (`prison.share`).
  double prisoners = 0.0;
  /// Expected detention spells (entries, those from prison included); +inf when the case may
  /// cycle forever.
  double expected_spells = 0.0;
  double expected_detention_exits = 0.0;
  /// Expected days in the spells that end (what `detention_days` adds up).
  double expected_detention_days = 0.0;
  double expected_released_by_judge = 0.0;
  double expected_released_end_of_term = 0.0;
  double expected_released_by_prefecture = 0.0;
  double expected_lpc_requests = 0.0;
  double expected_lpc_issued_in_time = 0.0;
  double expected_lpc_issued = 0.0;
  /// Failed boardings (`boarding_failures`): in detention and house arrest, and failed escorted
  /// removals at the prison release. NaN when a spell's boarding_success is 0 (the simulator then
  /// tries once and waits for the release, which the chain does not count).
  double expected_boarding_failures = 0.0;
  /// `apprehensions` = detention entries + house-arrest entries (no place is ever refused).
  double expected_apprehensions = 0.0;
  double expected_prison_releases = 0.0;
  double expected_detention_entries_from_prison = 0.0;
  double expected_house_arrest_entries = 0.0;
  double expected_house_arrest_exits = 0.0;
  /// Expected days in the house arrests that end (`house_arrest_days`).
  double expected_house_arrest_days = 0.0;
  double expected_house_arrest_absconded = 0.0;
  double expected_house_arrest_ended = 0.0;
};

/// Everything for one document type (holders or non-holders).
struct DocumentSolution {
  /// A detention spell from an apprehension (or at issuance).
  SpellSolution spell;
  /// A house arrest from an apprehension (or at issuance).
  SpellSolution house_arrest;
  /// The spells that start at a prison release: the holder's own document is in hand at once (it
  /// goes to booking); a non-holder's LPC request, made at the release, is pending (with
  /// lpc.delay fixed at 0 it was answered at once: in hand, or never). Mixed over those starts.
  SpellSolution detention_from_prison;
  SpellSolution house_arrest_from_prison;
  OuterChain chain;
  CaseSolution from_issuance;
};

/// What the simulator's aggregate ratios converge to under stationary arrivals (long horizon,
/// long warm-up): ratios of per-case expectations, holders and non-holders weighted by
/// `document_share`. If some cases cycle forever their spells dominate, and the ratios are those
/// of the cycling types weighted by spells per day. NaN when the denominator is 0.
struct LongRunRatios {
  double detention_removal_rate = 0.0;  ///< removals_from_detention / detention_exits
  double detention_mean_days = 0.0;     ///< detention_days / detention_exits
  double released_by_judge_share = 0.0; ///< released_by_judge / detention_exits
  /// released_by_prefecture / detention_exits
  double released_by_prefecture_share = 0.0;
  /// released_by_judge / (detention_exits − removals_from_detention)
  double released_by_judge_share_of_unremoved = 0.0;
  /// removals_holders / detention_exits_holders (detention only)
  double removal_share_document_holders = 0.0;
  double lpc_issue_rate = 0.0;   ///< lpc_issued / lpc_requested
  double lpc_in_time_rate = 0.0; ///< lpc_issued_in_time / lpc_requested
  /// removals_from_house_arrest / house_arrest_exits
  double house_arrest_removal_rate = 0.0;
  double house_arrest_mean_days = 0.0;       ///< house_arrest_days / house_arrest_exits
  double house_arrest_absconded_share = 0.0; ///< house_arrest_absconded / house_arrest_exits
  /// removals_at_prison_release / prison_releases
  double prison_release_removal_rate = 0.0;
  /// detention_entries_from_prison / detention_entries
  double detention_entries_from_prison_share = 0.0;
};

/// The exact solution of one (country, profile).
struct ExactSolution {
  std::string country;
  std::string profile;
  double document_share = 0.0;
  /// The switches of the profile's optional mechanisms (each off at 0): `prison.share`,
  /// `house_arrest.share` and `detention.release_rate_per_month`.
  double prison_share = 0.0;
  double house_arrest_share = 0.0;
  double detention_release_rate_per_month = 0.0;
  DocumentSolution holders;
  DocumentSolution non_holders;
  /// A first detention spell (from an apprehension), holders and non-holders mixed by
  /// `document_share` (later spells are weighted differently: see `long_run`).
  SpellSolution first_spell;
  /// A first house arrest (from an apprehension), mixed likewise.
  SpellSolution first_house_arrest;
  /// A case from issuance, both types mixed by `document_share`.
  CaseSolution from_issuance;
  LongRunRatios long_run;
};

} // namespace removalsim::analysis
