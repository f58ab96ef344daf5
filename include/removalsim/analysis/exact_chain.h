#pragma once

#include "removalsim/analysis/exact_solution.h"
#include "removalsim/engine/error.h"
#include "removalsim/model/parameters.h"

#include <cstddef>
#include <string>
#include <vector>

namespace removalsim::analysis {

/// The simulator's days and months per year (model/parameters.h), so that both give the same
/// times: `apprehension.rate_per_year` is a daily hazard of rate / kDaysPerYear;
/// `house_arrest.abscond_rate_per_month` and `detention.release_rate_per_month` are daily hazards
/// of rate × kMonthsPerYear / kDaysPerYear (DESIGN.md §3b).
using model::kDaysPerYear;
using model::kMonthsPerYear;

/// `solve_exact` was asked for a scenario the exact chain does not represent; `violations()` says
/// why, one reason per parameter (as `markovian_violations` lists them), and `what()` lists them
/// one per line. A user error: the scenario is valid and can be simulated; asking the exact chain
/// for it is the mistake.
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
/// unlimited; the delays inside detention and house arrest (`document_check_days`,
/// `lpc.request_delay`, `lpc.delay`, `flights.booking_delay`) exponential or fixed at 0;
/// `validity_days` and `lpc.validity_days` unlimited. With `prison.share` positive:
/// `prison.remaining_days` exponential and `prison.lpc_lead_days` 0 (the LPC is requested at the
/// release), and, when `appeal.share` is positive too, an `appeal.duration` whose E[exp(−D/m)] has
/// a closed form (any law but a lognormal with sd > 0: the judgment competes with the release).
/// With `house_arrest.share` positive: `house_arrest.max_days` (any value: a deterministic
/// checkpoint), `house_arrest.boarding_success` and `house_arrest.abscond_rate_per_month`
/// constant. `detention.release_rate_per_month` constant (a hazard in every detention spell, fresh
/// or from prison). Allowed: any law for `appeal.duration` without prisoners (no competing risk:
/// only E[duration] and E[max(period, duration)] matter), any `departure_period_days` and
/// `redetention_gap_days`, any review schedule and `detention.max_days` (deterministic checkpoints
/// handled exactly). Arrivals (`oqtf_per_year`, monthly factors), the priority reserve,
/// `house_arrest.share_when_no_place` and `detention.centres` (moot when capacity is unlimited:
/// a place is always free) do not enter the per-case law and are not checked.
std::vector<std::string> markovian_violations(const model::Scenario &scenario);

/// The violations that matter for one (country, profile): the shared caps, the country's caps and
/// the profile's per-case parameters. Throws std::out_of_range for a bad index.
std::vector<std::string> markovian_violations(const model::Scenario &scenario, std::size_t country,
                                              std::size_t profile);

/// The exact (analytic) law of the life cycle of one (country, profile) of a Markovian scenario
/// (`markovian_violations(scenario, country, profile)` empty; throws NotMarkovianError otherwise,
/// std::out_of_range for a bad index). Parameters are the constant values of the profile's
/// timelines.
///
/// State machine of a case (DESIGN.md §3 and §3b with unlimited capacities and validity):
///
///   issued ─π─> in prison (release at R ~ Exp, appeal drawn; see below)
///   issued ─(1−π)·v─> departure ─U(0, period)─> voluntary_departure
///   issued ─(1−π)(1−v)·di─> apprehension order (at once)
///   issued ─(1−π)(1−v)(1−di)·a·an─> in appeal ─duration─> annulled
///   issued ─otherwise─> period (0 with no_delay_share) and/or appeal ─max(period, judgment)─>
///       at large
///   at large ─rate α = apprehension.rate_per_year / kDaysPerYear─> apprehension order
///   apprehension order ─h─> house arrest;  ─(1 − h)─> detention (a place is always free)
///   spell ─removed─> removed;
///   detention ─review release | prefecture release | max_days─> gap ─> at large
///   house arrest ─end of term─> gap ─> at large;  house arrest ─abscond─> at large (no gap)
///
/// (π prison.share, v voluntary_share, di detained_at_issuance_share, a appeal.share,
/// an appeal.annulment_share, h house_arrest.share, gap redetention_gap_days.)
/// A prisoner's appeal is judged at D: annulled (an) → `annulled` at D wherever the case is;
/// else if D <= R nothing changes, and if D > R the case is released into the appeal and is at
/// large from D. The other prisoners reach the release at R: a holder is escorted with
/// `prison.removal_success` (→ removed); otherwise the apprehension order at R, into a spell
/// whose papers pass on from prison (holder: document in hand, straight to booking; non-holder:
/// the LPC requested at the release is pending). P(D <= R) = E[exp(−D/m)] and E[R; D <= R] =
/// E[(D + m) exp(−D/m)] for R of mean m, in closed form for every law but the lognormal.
/// Holding times before "at large" are deterministic or of any law but face no competing risk,
/// so only their means matter; the outer chain (at large ↔ detention ↔ house arrest, absorbing in
/// removed) is solved with its fundamental matrix N = (I − Q)^-1, mean times as
/// Σ_j N_ij Σ_l E[hold_j; next = l]·B_lk; the spells from prison are entries into it.
///
/// A spell is a continuous-time chain on `SpellPhase` plus `removed` (and `absconded` in house
/// arrest, at rate abscond_rate_per_month × 12 / kDaysPerYear from every phase; `released by the
/// prefecture` in detention, at rate release_rate_per_month × 12 / kDaysPerYear from every
/// phase):
///
///   holder:      document_check ─rate 1/document_check_days─> booking
///   non-holder:  lpc_request ─rate 1/lpc.request_delay─> lpc_wait (prob. q) | no_document (1 − q)
///                lpc_wait ─rate 1/lpc.delay─> booking
///   booking ─rate boarding_success / booking_delay─> removed (a failed boarding rebooks)
///
/// where a delay fixed at 0 makes its phase instantaneous (q = lpc.issue_probability;
/// boarding_success is house_arrest.boarding_success in house arrest).
/// Deterministic checkpoints interrupt it: at each review day d < max_days the remaining mass is
/// released with the review's probability, and at max_days (house_arrest.max_days; no reviews)
/// all of it. The phase distribution is
/// propagated between checkpoints with exp(QΔ) and occupation times integrated with the top-right
/// block of exp([[Q, I], [0, 0]]Δ) = ∫_0^Δ exp(Qs) ds; an unlimited max_days is closed with (−Q)^-1
/// on the phases that can move. Instantaneous transitions at admission happen before a review at
/// day 0.
ExactSolution solve_exact(const model::Scenario &scenario, std::size_t country,
                          std::size_t profile);

} // namespace removalsim::analysis
