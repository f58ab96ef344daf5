#pragma once

#include "removalsim/engine/error.h"
#include "removalsim/model/parameters.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace removalsim::analysis {

/// Days per year used to turn `apprehension.rate_per_year` into a daily hazard (the simulator's
/// convention, so that both give the same times).
inline constexpr double kDaysPerYear = 365.25;

/// `solve_exact` was asked for a scenario the exact chain does not represent; `violations()` says
/// why, one reason per parameter (as `markovian_violations` lists them).
class NotMarkovianError : public Error {
public:
  explicit NotMarkovianError(std::vector<std::string> violations);
  /// The reasons, each naming a YAML key path.
  const std::vector<std::string> &violations() const noexcept { return violations_; }

private:
  std::vector<std::string> violations_;
};

/// Why the exact chain does not represent `scenario` exactly: empty when it does (for every
/// (country, profile)); otherwise one human-readable reason per violation, each naming the
/// parameter by its YAML key path (`national.detention.capacity`, `countries.MA.lpc.delay`, or
/// `countries.MA.profiles.NAME.lpc.delay` when the country has several profiles; per-case values
/// are the resolved ones, whatever level set them).
///
/// Conditions: every per-case timeline and every shared cap is constant (one segment, or all
/// segments equal); detention capacity, `lpc.monthly_capacity` and `flights.seats_per_week`
/// unlimited; the delays inside detention (`document_check_days`, `lpc.request_delay`,
/// `lpc.delay`, `flights.booking_delay`) exponential or fixed at 0; `validity_days` and
/// `lpc.validity_days` unlimited. Allowed: any law for `appeal.duration` (no competing risk: only
/// E[duration] and E[max(period, duration)] matter), any `departure_period_days` and
/// `redetention_gap_days`, any review schedule and `detention.max_days` (deterministic checkpoints
/// handled exactly). Arrivals (`oqtf_per_year`, monthly factors) and the priority reserve (moot
/// when capacity is unlimited) do not enter the per-case law and are not checked.
std::vector<std::string> markovian_violations(const model::Scenario &scenario);

/// The violations that matter for one (country, profile): the shared caps, the country's caps and
/// the profile's per-case parameters. Throws std::out_of_range for a bad index.
std::vector<std::string> markovian_violations(const model::Scenario &scenario, std::size_t country,
                                              std::size_t profile);

/// Phases of a case inside one detention spell (see `solve_exact`).
enum class SpellPhase : std::uint8_t {
  document_check, ///< holder: own passport/ID not yet usable
  lpc_request,    ///< non-holder: LPC not yet requested
  lpc_wait,       ///< non-holder: LPC requested, the consulate will issue it
  booking,        ///< document in hand: waiting for the flight (rebooked after a failed boarding)
  no_document,    ///< non-holder: the consulate will never issue; waits for the release
  count
};

inline constexpr std::size_t kSpellPhaseCount = static_cast<std::size_t>(SpellPhase::count);

/// One detention spell, from admission. Probabilities sum to 1. Conditional means are NaN when the
/// outcome has probability 0.
struct SpellSolution {
  double removed = 0.0;              ///< P(removed during the spell)
  double released_by_judge = 0.0;    ///< P(released at a review)
  double released_end_of_term = 0.0; ///< P(released at `detention.max_days`)
  /// P(the spell never ends): only with unlimited `max_days` when the case can stall (no LPC, or
  /// boarding_success 0).
  double never_ends = 0.0;
  /// Mean length (days) of the spells that end (= E[length] when every spell ends).
  double mean_days = 0.0;
  double mean_days_removed = 0.0;              ///< E[length | removed]
  double mean_days_released_by_judge = 0.0;    ///< E[length | released by judge]
  double mean_days_released_end_of_term = 0.0; ///< E[length | released at the end of term]
  /// Expected days spent in each phase during the spell (+inf for a stalled phase when the spell
  /// may never end).
  std::array<double, kSpellPhaseCount> phase_days{};
  /// Expected LPC requests (0 or 1 per spell: LPCs never lapse here; 0 for holders).
  double lpc_requests = 0.0;
  /// P(an LPC is issued while the spell lasts) (`lpc_issued_in_time`; 0 for holders).
  double lpc_issued_in_time = 0.0;
  /// Expected LPCs the spell's request eventually yields, in time or not (`lpc_issued`).
  double lpc_issued = 0.0;
};

/// The outer chain of one document type as an absorbing discrete-time chain on its jumps.
/// Transient states: 0 = at large (enforceable), 1 = detention spell (from admission until the
/// end of the redetention gap after a release). Absorbing states: 0 = removed, 1 = at large
/// forever (apprehension rate 0), 2 = detained forever (a spell that never ends).
struct OuterChain {
  /// Q: transient → transient jump probabilities.
  std::array<std::array<double, 2>, 2> transitions{};
  /// R: transient → absorbing jump probabilities.
  std::array<std::array<double, 3>, 2> absorptions{};
  /// False when removal is impossible and released cases are always apprehended again: the case
  /// cycles forever, I − Q is singular; `fundamental` is then +inf and `absorption_probabilities`
  /// zero.
  bool absorbing = true;
  /// N = (I − Q)^-1: expected visits to each transient state (column) from each (row).
  std::array<std::array<double, 2>, 2> fundamental{};
  /// B = N R: absorption probabilities; 1 − row sum is the cycling-forever mass.
  std::array<std::array<double, 3>, 2> absorption_probabilities{};
  /// Mean holding time (days) of each transient state: 1/α at large (+inf when α = 0); mean spell
  /// length plus the gap after a release in detention (+inf when a spell may never end).
  std::array<double, 2> mean_holding_days{};
  /// Expected days to absorption from each transient state (+inf unless absorption is certain).
  std::array<double, 2> mean_days_to_absorption{};
};

/// A case from issuance. Outcome probabilities sum to 1. Conditional means are NaN when the
/// outcome has probability 0; `mean_days_to_absorption` is +inf unless `absorption_certain`.
/// Per-case expectations count what the simulator's counters would count over the case's life.
struct CaseSolution {
  double removed = 0.0;
  double voluntary_departure = 0.0;
  double annulled = 0.0;
  double expired = 0.0; ///< always 0: validity is unlimited in the exact chain
  /// Never absorbed: never apprehended (rate 0), detained forever, or cycling forever because
  /// removal is impossible.
  double never_absorbed = 0.0;
  /// True when `never_absorbed` is 0 (structurally, not up to rounding).
  bool absorption_certain = true;
  double mean_days_to_removed = 0.0;
  double mean_days_to_voluntary_departure = 0.0;
  double mean_days_to_annulled = 0.0;
  double mean_days_to_expired = 0.0; ///< NaN (never expires)
  double mean_days_to_absorption = 0.0;
  /// Share of cases detained at issuance (their first spell starts at 0).
  double detained_at_issuance = 0.0;
  /// Share of cases that become enforceable at large after the period and/or the appeal.
  double enters_at_large = 0.0;
  /// Expected detention spells (entries); +inf when the case may cycle forever.
  double expected_spells = 0.0;
  double expected_detention_exits = 0.0;
  /// Expected days in the spells that end (what `detention_days` adds up).
  double expected_detention_days = 0.0;
  double expected_released_by_judge = 0.0;
  double expected_released_end_of_term = 0.0;
  double expected_lpc_requests = 0.0;
  double expected_lpc_issued_in_time = 0.0;
  double expected_lpc_issued = 0.0;
};

/// Everything for one document type (holders or non-holders).
struct DocumentSolution {
  SpellSolution spell;
  OuterChain chain;
  CaseSolution from_issuance;
};

/// What the simulator's aggregate ratios converge to under stationary arrivals (long horizon,
/// long warm-up): ratios of per-case expectations, holders and non-holders weighted by
/// `document_share`. If some cases cycle forever their spells dominate, and the ratios are those
/// of the cycling types weighted by spells per day. NaN when the denominator is 0.
struct LongRunRatios {
  double detention_removal_rate = 0.0;  ///< removals / detention_exits
  double detention_mean_days = 0.0;     ///< detention_days / detention_exits
  double released_by_judge_share = 0.0; ///< released_by_judge / detention_exits
  /// released_by_judge / (detention_exits − removals)
  double released_by_judge_share_of_unremoved = 0.0;
  double removal_share_document_holders = 0.0; ///< removals_holders / detention_exits_holders
  double lpc_issue_rate = 0.0;                 ///< lpc_issued / lpc_requested
  double lpc_in_time_rate = 0.0;               ///< lpc_issued_in_time / lpc_requested
};

/// The exact solution of one (country, profile).
struct ExactSolution {
  std::string country;
  std::string profile;
  double document_share = 0.0;
  DocumentSolution holders;
  DocumentSolution non_holders;
  /// A first spell, holders and non-holders mixed by `document_share` (later spells are
  /// weighted differently: see `long_run`).
  SpellSolution first_spell;
  /// A case from issuance, both types mixed by `document_share`.
  CaseSolution from_issuance;
  LongRunRatios long_run;
};

/// The exact (analytic) law of the life cycle of one (country, profile) of a Markovian scenario
/// (`markovian_violations(scenario, country, profile)` empty; throws NotMarkovianError otherwise,
/// std::out_of_range for a bad index). Parameters are the constant values of the profile's
/// timelines.
///
/// State machine of a case (DESIGN.md §3 with unlimited capacities and validity):
///
///   issued ─v─> departure ─U(0, period)─> voluntary_departure
///   issued ─(1−v)·di─> detention spell (at once, admitted)
///   issued ─(1−v)(1−di)·a·an─> in appeal ─duration─> annulled
///   issued ─otherwise─> period (0 with no_delay_share) and/or appeal ─max(period, judgment)─>
///       at large
///   at large ─rate α = apprehension.rate_per_year / kDaysPerYear─> detention spell
///   spell ─removed─> removed;  spell ─review release | max_days─> gap ─redetention_gap_days─>
///       at large
///
/// (v voluntary_share, di detained_at_issuance_share, a appeal.share, an appeal.annulment_share.)
/// Holding times before "at large" are deterministic or of any law but face no competing risk,
/// so only their means matter; the outer chain (at large ↔ spell, absorbing in removed) is solved
/// with its fundamental matrix N = (I − Q)^-1, mean times as Σ_j N_ij Σ_l E[hold_j; next = l]·B_lk.
///
/// A spell is a continuous-time chain on `SpellPhase` plus `removed`:
///
///   holder:      document_check ─rate 1/document_check_days─> booking
///   non-holder:  lpc_request ─rate 1/lpc.request_delay─> lpc_wait (prob. q) | no_document (1 − q)
///                lpc_wait ─rate 1/lpc.delay─> booking
///   booking ─rate boarding_success / booking_delay─> removed (a failed boarding rebooks)
///
/// where a delay fixed at 0 makes its phase instantaneous (q = lpc.issue_probability).
/// Deterministic checkpoints interrupt it: at each review day d < max_days the remaining mass is
/// released with the review's probability, and at max_days all of it. The phase distribution is
/// propagated between checkpoints with exp(QΔ) and occupation times integrated with the top-right
/// block of exp([[Q, I], [0, 0]]Δ) = ∫_0^Δ exp(Qs) ds; an unlimited max_days is closed with (−Q)^-1
/// on the phases that can move. Instantaneous transitions at admission happen before a review at
/// day 0.
ExactSolution solve_exact(const model::Scenario &scenario, std::size_t country,
                          std::size_t profile);

} // namespace removalsim::analysis
