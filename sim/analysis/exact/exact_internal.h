#pragma once
// Internals of the exact absorbing-chain solution (include/removalsim/analysis/exact_chain.h),
// shared by the files of sim/analysis/exact/: the violations, one detention spell, the entry into
// "at large", the outer chain of one document type, and the mixture of the two types.

#include "removalsim/analysis/exact_chain.h"

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

struct SpellInputs {
  bool holder = true;
  Delay check;
  Delay request;
  Delay lpc;
  Delay booking;
  double issue_probability = 1.0;
  double boarding_success = 1.0;
  double max_days = 90.0;
  ReviewSchedule reviews;
};

SpellSolution solve_spell(const SpellInputs &in);

// ---- before "at large": period, appeal (entry.cpp) ---------------------------------------------

/// E[max(c, D)] for a law D that cannot be negative when it is continuous.
double mean_max(double c, const Distribution &law);

struct Entry {
  double voluntary = 0.0;
  double voluntary_time = 0.0; // E[T; voluntary]
  double annulled = 0.0;
  double annulled_time = 0.0;
  double at_large = 0.0;
  double at_large_time = 0.0; // E[time of becoming enforceable; enters at large]
  double detained = 0.0;      // detained at issuance, at time 0
};

Entry entry_of(const CaseParameters &p);

// ---- one document type (outer_chain.cpp) -------------------------------------------------------

struct TypeSolution {
  DocumentSolution solution;
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
