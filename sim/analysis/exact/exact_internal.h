#pragma once
// Internals of the exact absorbing-chain solution (include/removalsim/analysis/exact_chain.h),
// shared by the files of sim/analysis/exact/: the violations, one detention spell, the entry into
// "at large", the outer chain of one document type, and the mixture of the two types.

#include "removalsim/analysis/exact_chain.h"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace removalsim::analysis::exact {

using engine::Distribution;
using model::CaseParameters;
using model::Review;
using model::ReviewSchedule;
using model::Timeline;

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string join(const std::vector<std::string> &items, const char *separator);

/// partial / probability, NaN when the probability is 0.
inline double conditional(double partial, double probability) {
  return probability > 0.0 ? partial / probability : kNaN;
}

/// probability · conditional mean, 0 when the probability is 0.
inline double partial(double probability, double conditional_mean) {
  return probability > 0.0 ? probability * conditional_mean : 0.0;
}

/// a · b with 0 · ∞ = 0 (an impossible event contributes nothing).
inline double times(double a, double b) { return a == 0.0 || b == 0.0 ? 0.0 : a * b; }

// ---- violations (violations.cpp) ---------------------------------------------------------------

void shared_violations(const model::Scenario &scenario, std::vector<std::string> &out);
void country_violations(const model::Country &country, std::vector<std::string> &out);
void profile_violations(const model::Country &country, std::size_t profile,
                        std::vector<std::string> &out);

// ---- one spell (spell.cpp) ---------------------------------------------------------------------

/// A delay inside a spell: instantaneous (fixed at 0) or exponential with `rate`.
struct Delay {
  bool instant = true;
  double rate = 0.0;
};

Delay delay_of(const Distribution &law);

/// How a spell starts: `fresh` from an apprehension (holders check their document, non-holders
/// request an LPC after `lpc.request_delay`); at a prison release the papers pass on: a document
/// in hand (the holder's own, or an LPC issued in prison) is used at once, a pending LPC request
/// (made at the release) is awaited, and one the consulate never answered leaves no document.
enum class SpellStart : std::uint8_t { fresh, document_in_hand, lpc_requested, no_document };

struct SpellInputs {
  bool holder = true;
  SpellStart start = SpellStart::fresh;
  Delay check;
  Delay request;
  Delay lpc;
  Delay booking;
  double issue_probability = 1.0;
  double boarding_success = 1.0;
  double max_days = 90.0;
  ReviewSchedule reviews;
  /// Daily hazard of absconding (house arrest), competing with every phase.
  double abscond_rate = 0.0;
  /// Daily hazard of a release by the prefecture (detention), competing with every phase.
  double prefecture_release_rate = 0.0;
};

SpellSolution solve_spell(const SpellInputs &in);

// ---- before "at large": period, appeal (entry.cpp) ---------------------------------------------

/// E[max(c, D)] for a law D that cannot be negative when it is continuous.
double mean_max(double c, const Distribution &law);

/// E[exp(−sD)] and E[D exp(−sD)] of a law D, s > 0. With an exponential release time R of mean
/// 1/s independent of D: P(D <= R) = value, E[R; D <= R] = weighted + value / s and
/// E[D; D > R] = E[D] − weighted.
struct Transform {
  double value = 1.0;
  double weighted = 0.0;
};

/// Whether `transform` has a closed form for `law` (every law but a lognormal with sd > 0).
bool has_transform(const Distribution &law);
Transform transform(const Distribution &law, double s);

/// How a case enters the life cycle, up to the first apprehension, at large or release.
struct Entry {
  double voluntary = 0.0;
  double voluntary_time = 0.0; // E[T; voluntary]
  double annulled = 0.0;       // in appeal, also in prison
  double annulled_time = 0.0;
  double at_large = 0.0;      // after the period and/or appeal; a prisoner after a pending appeal
  double at_large_time = 0.0; // E[time of becoming enforceable; enters at large]
  double detained = 0.0;      // apprehended at issuance, at time 0
  double prisoners = 0.0;     // prison.share
  /// Prisoners whose release goes through the removal procedure (no appeal pending, not
  /// annulled in prison), and E[release time; that].
  double prison_release = 0.0;
  double prison_release_time = 0.0;
  /// Prisoners released at all (`prison_releases`): all but those annulled in prison.
  double prison_releases = 0.0;
};

Entry entry_of(const CaseParameters &p);

// ---- the outer chain (outer_chain.cpp) ---------------------------------------------------------

/// What a spell sends back to the outer chain.
struct SpellExits {
  double removed = 0.0;
  /// Back at large: after a release (the judge's or the prefecture's) or an end of term (then the
  /// redetention gap), or an abscond.
  double to_large = 0.0;
  double never = 0.0;
  double removed_time = 0.0;  // E[length; removed]
  double to_large_time = 0.0; // E[length + the gap if any; back at large]
  double days = 0.0;          // E[length; the spell ends] (what the days counters add up)
  double cycle_days = 0.0;    // E[length] + E[gap] when every spell ends
};

SpellExits exits_of(const SpellSolution &s, double gap);

struct Outer {
  OuterChain chain;
  /// E[T; removed] from each transient state (0 when the type cycles).
  std::array<double, OuterChain::kTransient> removed_time{};
  /// Absorption certain from each transient state.
  std::array<bool, OuterChain::kTransient> certain{};
  bool cycles = false;
  double cycle_days = 0.0; // at large + spell + gap, for a type that cycles forever
};

/// α the daily apprehension hazard; an apprehension goes to house arrest with
/// `house_arrest_share`, else to detention.
Outer solve_outer(double alpha, double house_arrest_share, const SpellSolution &detention,
                  const SpellSolution &house_arrest, double gap);

// ---- one document type: its spells, outer chain and the case from issuance (case.cpp) ----------

struct TypeSolution {
  DocumentSolution solution;
  double house_arrest_share = 0.0;
  bool cycles = false;
  double cycle_days = 0.0; // at large + spell + gap, for a type that cycles forever
};

TypeSolution solve_type(const CaseParameters &p, bool holder);

// ---- mixing holders and non-holders (mixing.cpp) -----------------------------------------------

SpellSolution mix_spells(double wa, const SpellSolution &a, double wb, const SpellSolution &b);
CaseSolution mix_cases(double wa, const CaseSolution &a, double wb, const CaseSolution &b);
LongRunRatios long_run_of(const TypeSolution &holders, double wh, const TypeSolution &others,
                          double wo);

} // namespace removalsim::analysis::exact
