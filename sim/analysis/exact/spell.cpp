// One detention or house-arrest spell: a small continuous-time chain on the spell's phases (plus
// the competing hazards: absconding from a house arrest, a release by the prefecture from
// detention), interrupted by the judge's reviews and the end of term (deterministic checkpoints
// handled with matrix exponentials).
#include "exact_internal.h"

#include <Eigen/Dense>
#include <unsupported/Eigen/MatrixFunctions>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace removalsim::analysis::exact {

namespace {

constexpr int kTransient = static_cast<int>(kSpellPhaseCount);
constexpr int kRemoved = kTransient;
constexpr int kAbsconded = kTransient + 1;
constexpr int kReleasedByPrefecture = kTransient + 2;
constexpr int kStates = kTransient + 3;
/// The exits a constant hazard leads to, competing with every phase.
constexpr std::array kHazardExits{kAbsconded, kReleasedByPrefecture};
using Generator = Eigen::Matrix<double, kStates, kStates>;
using StateRow = Eigen::Matrix<double, 1, kStates>;

constexpr int index(SpellPhase phase) { return static_cast<int>(phase); }

constexpr std::size_t at(std::ptrdiff_t i) { return static_cast<std::size_t>(i); }

StateRow unit(int state) {
  StateRow row = StateRow::Zero();
  row(state) = 1.0;
  return row;
}

} // namespace

Delay delay_of(const Distribution &law) {
  if (law.kind() == Distribution::Kind::exponential) {
    return {false, 1.0 / law.mean()};
  }
  return {};
}

namespace {

struct SpellChain {
  Generator generator = Generator::Zero();
  StateRow initial = StateRow::Zero();
  // States the case can ever occupy: mass elsewhere is rounding noise and is dropped.
  std::array<bool, kStates> reachable{};
};

SpellChain build_chain(const SpellInputs &in) {
  SpellChain chain;
  const int booking = index(SpellPhase::booking);
  // Where a case stands the instant it has a document: an instantaneous booking boards at once
  // (and retries at once until it succeeds).
  const StateRow in_hand =
      in.booking.instant && in.boarding_success > 0.0 ? unit(kRemoved) : unit(booking);
  const StateRow issued = in.lpc.instant ? in_hand : unit(index(SpellPhase::lpc_wait));
  const StateRow requested = in.issue_probability * issued +
                             (1.0 - in.issue_probability) * unit(index(SpellPhase::no_document));
  Generator &q = chain.generator;
  if (!in.check.instant) {
    const int from = index(SpellPhase::document_check);
    q.row(from) = in.check.rate * (in_hand - unit(from));
  }
  if (!in.request.instant) {
    const int from = index(SpellPhase::lpc_request);
    q.row(from) = in.request.rate * (requested - unit(from));
  }
  if (!in.lpc.instant) {
    const int from = index(SpellPhase::lpc_wait);
    q.row(from) = in.lpc.rate * (in_hand - unit(from));
  }
  if (!in.booking.instant) {
    const double rate = in.booking.rate * in.boarding_success;
    q(booking, booking) = -rate;
    q(booking, kRemoved) = rate;
  }
  // The hazards compete with every phase (a phase that is instantaneous is never occupied).
  for (const auto &[exit, rate] : {std::pair{kAbsconded, in.abscond_rate},
                                   std::pair{kReleasedByPrefecture, in.prefecture_release_rate}}) {
    if (rate > 0.0) {
      for (int from = 0; from < kTransient; ++from) {
        q(from, from) -= rate;
        q(from, exit) += rate;
      }
    }
  }
  switch (in.start) {
  case SpellStart::fresh:
    if (in.holder) {
      chain.initial = in.check.instant ? in_hand : unit(index(SpellPhase::document_check));
    } else {
      chain.initial = in.request.instant ? requested : unit(index(SpellPhase::lpc_request));
    }
    break;
  case SpellStart::document_in_hand:
    chain.initial = in_hand;
    break;
  case SpellStart::lpc_requested:
    chain.initial = requested;
    break;
  case SpellStart::no_document:
    chain.initial = unit(index(SpellPhase::no_document));
    break;
  }
  std::vector<int> stack;
  for (int s = 0; s < kStates; ++s) {
    if (chain.initial(s) > 0.0) {
      chain.reachable[static_cast<std::size_t>(s)] = true;
      stack.push_back(s);
    }
  }
  while (!stack.empty()) {
    const int from = stack.back();
    stack.pop_back();
    for (int to = 0; to < kStates; ++to) {
      if (to != from && q(from, to) > 0.0 && !chain.reachable[static_cast<std::size_t>(to)]) {
        chain.reachable[static_cast<std::size_t>(to)] = true;
        stack.push_back(to);
      }
    }
  }
  return chain;
}

struct Step {
  Generator transition;
  Generator occupation; // ∫_0^Δ exp(Qs) ds
};

Step step(const Generator &generator, double dt) {
  using Augmented = Eigen::Matrix<double, 2 * kStates, 2 * kStates>;
  Augmented augmented = Augmented::Zero();
  augmented.topLeftCorner<kStates, kStates>() = generator * dt;
  augmented.topRightCorner<kStates, kStates>() = Generator::Identity() * dt;
  const Augmented exponential = augmented.exp();
  return {exponential.topLeftCorner<kStates, kStates>(),
          exponential.topRightCorner<kStates, kStates>()};
}

} // namespace

SpellSolution solve_spell(const SpellInputs &in) {
  const SpellChain chain = build_chain(in);
  const auto clean = [&](StateRow &row) {
    for (int s = 0; s < kStates; ++s) {
      if (!chain.reachable[static_cast<std::size_t>(s)]) {
        row(s) = 0.0;
      }
    }
  };
  std::vector<Review> reviews;
  for (const Review &review : in.reviews) {
    if (review.day < in.max_days) {
      reviews.push_back({std::max(review.day, 0.0), review.release_probability});
    }
  }
  std::stable_sort(reviews.begin(), reviews.end(),
                   [](const Review &a, const Review &b) { return a.day < b.day; });

  StateRow p = chain.initial;
  StateRow occupation = StateRow::Zero();
  double now = 0.0;
  const auto advance = [&](double to) {
    if (to > now) {
      const Step s = step(chain.generator, to - now);
      occupation += p * s.occupation;
      p = p * s.transition;
      clean(occupation);
      clean(p);
      now = to;
    }
  };
  double judge = 0.0;
  double judge_time = 0.0;
  for (const Review &review : reviews) {
    advance(review.day);
    const double released = p.head<kTransient>().sum() * review.release_probability;
    judge += released;
    judge_time += review.day * released;
    p.head<kTransient>() *= 1.0 - review.release_probability;
  }

  SpellSolution out;
  double end = 0.0;
  double never = 0.0;
  double removed = 0.0;
  double removed_time = 0.0;
  // Mass absorbed by each hazard exit, and E[τ; that exit] (indexed by state).
  std::array<double, kStates> exited{};
  std::array<double, kStates> exited_time{};
  // E[τ; absorbed in `exit` by `now`] = now·A(now) − ∫_0^now A(s) ds for its mass A.
  const auto exited_time_so_far = [&](int exit) { return now * p(exit) - occupation(exit); };
  double hazard_time_so_far = 0.0;
  std::array<double, kSpellPhaseCount> phase_days{};
  if (std::isfinite(in.max_days)) {
    advance(in.max_days);
    end = p.head<kTransient>().sum();
    removed = p(kRemoved);
    for (const int exit : kHazardExits) {
      exited[at(exit)] = p(exit);
      exited_time[at(exit)] = exited_time_so_far(exit);
      hazard_time_so_far += exited_time[at(exit)];
    }
    // E[L; L <= t] = ∫_0^t P(L > s) ds − t·P(L > t), split into its removal, release and hazard
    // parts.
    removed_time =
        occupation.head<kTransient>().sum() - judge_time - in.max_days * end - hazard_time_so_far;
    for (int s = 0; s < kTransient; ++s) {
      phase_days[static_cast<std::size_t>(s)] = occupation(s);
    }
  } else {
    // After the last review: absorption by (−Q)^-1 on the phases that can move; the others
    // (no document, or boarding that never succeeds, when no hazard ends the spell) hold their
    // mass forever.
    std::vector<int> moving;
    std::vector<int> stalled;
    for (int s = 0; s < kTransient; ++s) {
      (chain.generator(s, s) < 0.0 ? moving : stalled).push_back(s);
    }
    const auto k = static_cast<Eigen::Index>(moving.size());
    Eigen::MatrixXd generator_moving(k, k);
    Eigen::RowVectorXd p_moving(k);
    Eigen::VectorXd to_removed(k);
    const auto hazards = static_cast<Eigen::Index>(kHazardExits.size());
    Eigen::MatrixXd to_hazard(k, hazards);
    Eigen::MatrixXd to_stalled(k, static_cast<Eigen::Index>(stalled.size()));
    for (Eigen::Index a = 0; a < k; ++a) {
      const int from = moving[static_cast<std::size_t>(a)];
      p_moving(a) = p(from);
      to_removed(a) = chain.generator(from, kRemoved);
      for (Eigen::Index h = 0; h < hazards; ++h) {
        to_hazard(a, h) = chain.generator(from, kHazardExits[at(h)]);
      }
      for (Eigen::Index b = 0; b < k; ++b) {
        generator_moving(a, b) = chain.generator(from, moving[static_cast<std::size_t>(b)]);
      }
      for (std::size_t b = 0; b < stalled.size(); ++b) {
        to_stalled(a, static_cast<Eigen::Index>(b)) = chain.generator(from, stalled[b]);
      }
    }
    Eigen::RowVectorXd occupation_moving = Eigen::RowVectorXd::Zero(k);
    double removed_tail = 0.0;
    double removed_tail_time = 0.0;
    Eigen::RowVectorXd hazard_tail = Eigen::RowVectorXd::Zero(hazards);
    Eigen::RowVectorXd hazard_tail_time = Eigen::RowVectorXd::Zero(hazards);
    Eigen::RowVectorXd into_stalled =
        Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(stalled.size()));
    if (k > 0) {
      const Eigen::MatrixXd fundamental = (-generator_moving).partialPivLu().inverse();
      occupation_moving = p_moving * fundamental;
      removed_tail = occupation_moving.dot(to_removed);
      hazard_tail = occupation_moving * to_hazard;
      // E[τ; removed] = p U U r for the absorption time τ of the tail.
      const Eigen::RowVectorXd second_moment = occupation_moving * fundamental;
      removed_tail_time = second_moment.dot(to_removed);
      hazard_tail_time = second_moment * to_hazard;
      into_stalled = occupation_moving * to_stalled;
    }
    const double transient_mass = p.head<kTransient>().sum();
    removed = p(kRemoved) + removed_tail;
    for (Eigen::Index h = 0; h < hazards; ++h) {
      const int exit = kHazardExits[at(h)];
      const double before = exited_time_so_far(exit);
      hazard_time_so_far += before;
      exited[at(exit)] = p(exit) + hazard_tail(h);
      exited_time[at(exit)] = before + now * hazard_tail(h) + hazard_tail_time(h);
    }
    removed_time = occupation.head<kTransient>().sum() - judge_time - now * transient_mass -
                   hazard_time_so_far + now * removed_tail + removed_tail_time;
    for (int s = 0; s < kTransient; ++s) {
      phase_days[static_cast<std::size_t>(s)] = occupation(s);
    }
    for (Eigen::Index a = 0; a < k; ++a) {
      phase_days[static_cast<std::size_t>(moving[static_cast<std::size_t>(a)])] +=
          occupation_moving(a);
    }
    for (std::size_t b = 0; b < stalled.size(); ++b) {
      const double mass = p(stalled[b]) + into_stalled(static_cast<Eigen::Index>(b));
      if (mass > 0.0) {
        never += mass;
        phase_days[static_cast<std::size_t>(stalled[b])] = kInfinity;
      }
    }
  }
  if (!chain.reachable[static_cast<std::size_t>(kRemoved)]) {
    removed = 0.0;
    removed_time = 0.0;
  }
  removed = std::max(removed, 0.0);
  removed_time = std::max(removed_time, 0.0);
  double hazard_ends = 0.0;
  double hazard_time = 0.0;
  for (const int exit : kHazardExits) {
    if (!chain.reachable[at(exit)]) {
      exited[at(exit)] = 0.0;
      exited_time[at(exit)] = 0.0;
    }
    exited[at(exit)] = std::max(exited[at(exit)], 0.0);
    exited_time[at(exit)] = std::max(exited_time[at(exit)], 0.0);
    hazard_ends += exited[at(exit)];
    hazard_time += exited_time[at(exit)];
  }

  out.removed = removed;
  out.released_by_judge = judge;
  out.released_end_of_term = end;
  out.absconded = exited[at(kAbsconded)];
  out.released_by_prefecture = exited[at(kReleasedByPrefecture)];
  out.never_ends = never;
  const double end_time = std::isfinite(in.max_days) ? in.max_days * end : 0.0;
  const double ends = removed + judge + end + hazard_ends;
  out.mean_days = conditional(removed_time + judge_time + end_time + hazard_time, ends);
  out.mean_days_removed = conditional(removed_time, removed);
  out.mean_days_released_by_judge = conditional(judge_time, judge);
  out.mean_days_released_end_of_term = conditional(end_time, end);
  out.mean_days_absconded = conditional(exited_time[at(kAbsconded)], out.absconded);
  out.mean_days_released_by_prefecture =
      conditional(exited_time[at(kReleasedByPrefecture)], out.released_by_prefecture);
  out.phase_days = phase_days;
  const auto days_in = [&](SpellPhase phase) {
    return phase_days[static_cast<std::size_t>(phase)];
  };
  if (!in.holder) {
    // Requests made during the spell; one made in prison may be pending at the start.
    if (in.start == SpellStart::fresh) {
      out.lpc_requests =
          in.request.instant ? 1.0 : in.request.rate * days_in(SpellPhase::lpc_request);
    }
    const double pending = in.start == SpellStart::lpc_requested ? 1.0 : 0.0;
    out.lpc_issued_in_time = in.lpc.instant ? in.issue_probability * (out.lpc_requests + pending)
                                            : in.lpc.rate * days_in(SpellPhase::lpc_wait);
    out.lpc_issued = in.issue_probability * out.lpc_requests;
  }
  // Failed boardings: at rate booking × (1 − success) while booking; an instantaneous booking
  // retries at once, (1 − s)/s failures per removal on average. With no chance of success the
  // simulator tries once and waits for the release: not represented (NaN).
  const double failure = 1.0 - in.boarding_success;
  if (in.boarding_success == 0.0) {
    out.boarding_failures =
        chain.reachable[static_cast<std::size_t>(index(SpellPhase::booking))] ? kNaN : 0.0;
  } else if (!in.booking.instant) {
    out.boarding_failures = in.booking.rate * failure * days_in(SpellPhase::booking);
  } else {
    out.boarding_failures = removed * failure / in.boarding_success;
  }
  return out;
}

} // namespace removalsim::analysis::exact
