// The outer chain of one document type: at large <-> detention or house-arrest spell, absorbing
// in "removed", solved with its fundamental matrix.
#include "exact_internal.h"

#include <Eigen/Dense>

#include <array>
#include <cmath>
#include <cstddef>

namespace removalsim::analysis::exact {

SpellExits exits_of(const SpellSolution &s, double gap) {
  SpellExits e;
  e.removed = s.removed;
  e.never = s.never_ends;
  // A release (by the judge or the prefecture) or an end of term is followed by the gap; an
  // abscond is not.
  const double after_gap = s.released_by_judge + s.released_by_prefecture + s.released_end_of_term;
  e.to_large = after_gap + s.absconded;
  e.removed_time = partial(s.removed, s.mean_days_removed);
  const double released_time =
      partial(s.released_by_judge, s.mean_days_released_by_judge) +
      partial(s.released_by_prefecture, s.mean_days_released_by_prefecture) +
      partial(s.released_end_of_term, s.mean_days_released_end_of_term) +
      partial(s.absconded, s.mean_days_absconded);
  e.to_large_time = released_time + after_gap * gap;
  e.days = e.removed_time + released_time;
  e.cycle_days = s.mean_days + after_gap * gap;
  return e;
}

namespace {

constexpr int kTransient = static_cast<int>(OuterChain::kTransient);
constexpr int kAbsorbing = static_cast<int>(OuterChain::kAbsorbing);
using Square = Eigen::Matrix<double, kTransient, kTransient>;
using Absorbing = Eigen::Matrix<double, kTransient, kAbsorbing>;

constexpr std::size_t at(int i) { return static_cast<std::size_t>(i); }

} // namespace

Outer solve_outer(double alpha, double house_arrest_share, const SpellSolution &detention,
                  const SpellSolution &house_arrest, double gap) {
  constexpr int large = 0;
  constexpr int detained = 1;
  constexpr int arrested = 2;
  const double h = house_arrest_share;
  const SpellExits d = exits_of(detention, gap);
  const SpellExits a = exits_of(house_arrest, gap);

  // Transient 0 = at large, 1 = detention, 2 = house arrest; absorbing 0 = removed, 1 = at large
  // forever, 2 = held forever.
  Outer out;
  OuterChain &chain = out.chain;
  Square q = Square::Zero();
  Absorbing r = Absorbing::Zero();
  // E[holding time; next state] for each jump.
  Square hold_transient = Square::Zero();
  Absorbing hold_absorbing = Absorbing::Zero();
  if (alpha > 0.0) {
    q(large, detained) = 1.0 - h;
    q(large, arrested) = h;
    hold_transient(large, detained) = (1.0 - h) / alpha;
    hold_transient(large, arrested) = h / alpha;
  } else {
    r(large, 1) = 1.0;
  }
  q(detained, large) = d.to_large;
  r(detained, 0) = d.removed;
  r(detained, 2) = d.never;
  hold_transient(detained, large) = d.to_large_time;
  hold_absorbing(detained, 0) = d.removed_time;
  q(arrested, large) = a.to_large;
  r(arrested, 0) = a.removed;
  r(arrested, 2) = a.never;
  hold_transient(arrested, large) = a.to_large_time;
  hold_absorbing(arrested, 0) = a.removed_time;

  // Cycling forever: apprehended again and again, and no spell it may enter can absorb.
  const bool detention_absorbs = h < 1.0 && (d.removed > 0.0 || d.never > 0.0);
  const bool house_arrest_absorbs = h > 0.0 && (a.removed > 0.0 || a.never > 0.0);
  out.cycles = alpha > 0.0 && !detention_absorbs && !house_arrest_absorbs;
  chain.absorbing = !out.cycles;
  Square n = Square::Zero();
  Absorbing b = Absorbing::Zero();
  Absorbing t = Absorbing::Zero(); // E[T; absorbed in k]
  if (chain.absorbing) {
    n = (Square::Identity() - q).inverse();
    b = n * r;
    t = n * (hold_transient * b + hold_absorbing);
  } else {
    // Every state leads back to at large: the states of the cycle are visited infinitely often.
    for (int i = 0; i < kTransient; ++i) {
      for (int j = 0; j < kTransient; ++j) {
        const bool in_cycle = j == large || q(large, j) > 0.0;
        n(i, j) = in_cycle ? kInfinity : (i == j ? 1.0 : 0.0);
      }
    }
  }
  for (int i = 0; i < kTransient; ++i) {
    for (int j = 0; j < kTransient; ++j) {
      chain.transitions[at(i)][at(j)] = q(i, j);
      chain.fundamental[at(i)][at(j)] = n(i, j);
    }
    for (int j = 0; j < kAbsorbing; ++j) {
      chain.absorptions[at(i)][at(j)] = r(i, j);
      chain.absorption_probabilities[at(i)][at(j)] = b(i, j);
    }
    // B's entries for "forever" are exact zeros when impossible (products with exact zeros).
    out.certain[at(i)] = chain.absorbing && b(i, 1) == 0.0 && b(i, 2) == 0.0;
    out.removed_time[at(i)] = t(i, 0);
    chain.mean_days_to_absorption[at(i)] = out.certain[at(i)] ? t(i, 0) : kInfinity;
  }
  chain.mean_holding_days[at(large)] = alpha > 0.0 ? 1.0 / alpha : kInfinity;
  chain.mean_holding_days[at(detained)] = d.never > 0.0 ? kInfinity : d.cycle_days;
  chain.mean_holding_days[at(arrested)] = a.never > 0.0 ? kInfinity : a.cycle_days;
  if (out.cycles) {
    out.cycle_days = 1.0 / alpha + times(1.0 - h, d.cycle_days) + times(h, a.cycle_days);
  }
  return out;
}

} // namespace removalsim::analysis::exact
