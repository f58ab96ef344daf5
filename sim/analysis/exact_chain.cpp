#include "removalsim/analysis/exact_chain.h"

#include <Eigen/Dense>
#include <unsupported/Eigen/MatrixFunctions>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace removalsim::analysis {

namespace {

using engine::Distribution;
using model::CaseParameters;
using model::Review;
using model::ReviewSchedule;
using model::Timeline;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string join(const std::vector<std::string> &items, const char *separator) {
  std::string out;
  for (const auto &item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

// ---- violations --------------------------------------------------------------------------------

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string describe(const Distribution &law) {
  switch (law.kind()) {
  case Distribution::Kind::fixed:
    return "fixed at " + number(law.first()) + " days";
  case Distribution::Kind::exponential:
    return "exponential";
  case Distribution::Kind::uniform:
    return "uniform";
  case Distribution::Kind::lognormal:
    return "lognormal";
  case Distribution::Kind::gamma:
    return "gamma";
  case Distribution::Kind::empirical:
    return "empirical";
  }
  return "of an unknown law";
}

bool instant(const Distribution &law) { return law.is_degenerate() && law.mean() == 0.0; }

class Checker {
public:
  explicit Checker(std::vector<std::string> &out) : out_(out) {}

  template <class T> void constant(const Timeline<T> &timeline, const std::string &key) {
    if (!timeline.is_constant()) {
      out_.push_back(key + " changes over time (" + std::to_string(timeline.segments().size()) +
                     " segments); the exact chain needs constant parameters");
    }
  }

  // An unlimited value is the same in every segment, so a finite one also covers "not constant".
  void unlimited(const Timeline<double> &timeline, const std::string &key, const char *unit,
                 const char *why) {
    for (const auto &segment : timeline.segments()) {
      if (std::isfinite(segment.value)) {
        out_.push_back(key + " is finite (" + number(segment.value) + " " + unit +
                       "); the exact chain needs it unlimited" + why);
        return;
      }
    }
  }

  void delay_in_detention(const Timeline<Distribution> &timeline, const std::string &key) {
    constant(timeline, key);
    for (const auto &segment : timeline.segments()) {
      if (segment.value.kind() != Distribution::Kind::exponential && !instant(segment.value)) {
        out_.push_back(key + " is " + describe(segment.value) +
                       "; the exact chain needs exponential delays (or fixed at 0) inside "
                       "detention");
        return;
      }
    }
  }

private:
  std::vector<std::string> &out_;
};

void case_violations(const CaseParameters &p, const std::string &prefix,
                     std::vector<std::string> &out) {
  Checker check(out);
  check.constant(p.voluntary_share, prefix + "voluntary_share");
  check.constant(p.no_delay_share, prefix + "no_delay_share");
  check.constant(p.detained_at_issuance_share, prefix + "detained_at_issuance_share");
  check.constant(p.departure_period_days, prefix + "departure_period_days");
  check.constant(p.appeal_share, prefix + "appeal.share");
  check.constant(p.appeal_duration, prefix + "appeal.duration");
  check.constant(p.appeal_annulment_share, prefix + "appeal.annulment_share");
  check.unlimited(p.validity_days, prefix + "validity_days", "days",
                  " (a deadline measured from issuance is not Markovian)");
  check.constant(p.apprehension_rate_per_year, prefix + "apprehension.rate_per_year");
  check.constant(p.detention_max_days, prefix + "detention.max_days");
  check.constant(p.detention_reviews, prefix + "detention.reviews");
  check.delay_in_detention(p.document_check_days, prefix + "document_check_days");
  check.delay_in_detention(p.lpc_request_delay, prefix + "lpc.request_delay");
  check.delay_in_detention(p.booking_delay, prefix + "flights.booking_delay");
  check.constant(p.boarding_success, prefix + "flights.boarding_success");
  check.constant(p.redetention_gap_days, prefix + "redetention_gap_days");
  check.constant(p.document_share, prefix + "document_share");
  check.constant(p.lpc_issue_probability, prefix + "lpc.issue_probability");
  check.delay_in_detention(p.lpc_delay, prefix + "lpc.delay");
  check.unlimited(p.lpc_validity_days, prefix + "lpc.validity_days", "days",
                  " (a deadline measured from issuance is not Markovian)");
}

void shared_violations(const model::Scenario &scenario, std::vector<std::string> &out) {
  Checker(out).unlimited(scenario.detention_capacity, "national.detention.capacity", "places",
                         " (admissions would depend on the other cases)");
}

void country_violations(const model::Country &country, std::vector<std::string> &out) {
  Checker check(out);
  const std::string prefix = "countries." + country.code + ".";
  check.unlimited(country.lpc_monthly_capacity, prefix + "lpc.monthly_capacity", "LPCs a month",
                  " (issuance would depend on the other cases)");
  check.unlimited(country.seats_per_week, prefix + "flights.seats_per_week", "seats a week",
                  " (boarding would depend on the other cases)");
}

void profile_violations(const model::Country &country, std::size_t profile,
                        std::vector<std::string> &out) {
  const auto &chosen = country.profiles.at(profile);
  const std::string prefix = country.profiles.size() > 1
                                 ? "countries." + country.code + ".profiles." + chosen.name + "."
                                 : "countries." + country.code + ".";
  case_violations(chosen.parameters, prefix, out);
}

// ---- one spell: a small CTMC with deterministic checkpoints ----------------------------------

constexpr int kTransient = static_cast<int>(kSpellPhaseCount);
constexpr int kRemoved = kTransient;
constexpr int kStates = kTransient + 1;
using Generator = Eigen::Matrix<double, kStates, kStates>;
using StateRow = Eigen::Matrix<double, 1, kStates>;

constexpr int index(SpellPhase phase) { return static_cast<int>(phase); }

StateRow unit(int state) {
  StateRow row = StateRow::Zero();
  row(state) = 1.0;
  return row;
}

struct Delay {
  bool instant = true;
  double rate = 0.0;
};

Delay delay_of(const Distribution &law) {
  if (law.kind() == Distribution::Kind::exponential) {
    return {false, 1.0 / law.mean()};
  }
  return {};
}

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
  if (in.holder) {
    chain.initial = in.check.instant ? in_hand : unit(index(SpellPhase::document_check));
  } else {
    chain.initial = in.request.instant ? requested : unit(index(SpellPhase::lpc_request));
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

double conditional(double partial, double probability) {
  return probability > 0.0 ? partial / probability : kNaN;
}

double partial(double probability, double conditional_mean) {
  return probability > 0.0 ? probability * conditional_mean : 0.0;
}

// a · b with 0 · ∞ = 0 (an impossible event contributes nothing).
double times(double a, double b) { return a == 0.0 || b == 0.0 ? 0.0 : a * b; }

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
  std::array<double, kSpellPhaseCount> phase_days{};
  if (std::isfinite(in.max_days)) {
    advance(in.max_days);
    end = p.head<kTransient>().sum();
    removed = p(kRemoved);
    // E[L; L <= t] = ∫_0^t P(L > s) ds − t·P(L > t), split into its removal and release parts.
    removed_time = occupation.head<kTransient>().sum() - judge_time - in.max_days * end;
    for (int s = 0; s < kTransient; ++s) {
      phase_days[static_cast<std::size_t>(s)] = occupation(s);
    }
  } else {
    // After the last review: absorption by (−Q)^-1 on the phases that can move; the others
    // (no document, or boarding that never succeeds) hold their mass forever.
    std::vector<int> moving;
    std::vector<int> stalled;
    for (int s = 0; s < kTransient; ++s) {
      (chain.generator(s, s) < 0.0 ? moving : stalled).push_back(s);
    }
    const auto k = static_cast<Eigen::Index>(moving.size());
    Eigen::MatrixXd generator_moving(k, k);
    Eigen::RowVectorXd p_moving(k);
    Eigen::VectorXd to_removed(k);
    Eigen::MatrixXd to_stalled(k, static_cast<Eigen::Index>(stalled.size()));
    for (Eigen::Index a = 0; a < k; ++a) {
      const int from = moving[static_cast<std::size_t>(a)];
      p_moving(a) = p(from);
      to_removed(a) = chain.generator(from, kRemoved);
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
    Eigen::RowVectorXd into_stalled =
        Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(stalled.size()));
    if (k > 0) {
      const Eigen::MatrixXd fundamental = (-generator_moving).partialPivLu().inverse();
      occupation_moving = p_moving * fundamental;
      removed_tail = occupation_moving.dot(to_removed);
      // E[τ; removed] = p U U r for the absorption time τ of the tail.
      removed_tail_time = (occupation_moving * fundamental).dot(to_removed);
      into_stalled = occupation_moving * to_stalled;
    }
    const double transient_mass = p.head<kTransient>().sum();
    removed = p(kRemoved) + removed_tail;
    removed_time = occupation.head<kTransient>().sum() - judge_time - now * transient_mass +
                   now * removed_tail + removed_tail_time;
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

  out.removed = removed;
  out.released_by_judge = judge;
  out.released_end_of_term = end;
  out.never_ends = never;
  const double end_time = std::isfinite(in.max_days) ? in.max_days * end : 0.0;
  const double ends = removed + judge + end;
  out.mean_days = conditional(removed_time + judge_time + end_time, ends);
  out.mean_days_removed = conditional(removed_time, removed);
  out.mean_days_released_by_judge = conditional(judge_time, judge);
  out.mean_days_released_end_of_term = conditional(end_time, end);
  out.phase_days = phase_days;
  if (!in.holder) {
    out.lpc_requests =
        in.request.instant
            ? 1.0
            : in.request.rate * phase_days[static_cast<std::size_t>(SpellPhase::lpc_request)];
    out.lpc_issued_in_time =
        in.lpc.instant ? in.issue_probability * out.lpc_requests
                       : in.lpc.rate * phase_days[static_cast<std::size_t>(SpellPhase::lpc_wait)];
    out.lpc_issued = in.issue_probability * out.lpc_requests;
  }
  return out;
}

// ---- before "at large": period, appeal ---------------------------------------------------------

// E[max(c, D)] for a law D that cannot be negative when it is continuous.
double mean_max(double c, const Distribution &law) {
  const double m = law.mean();
  switch (law.kind()) {
  case Distribution::Kind::fixed:
    return std::max(c, law.first());
  case Distribution::Kind::exponential:
    return c <= 0.0 ? m : c + m * std::exp(-c / m);
  case Distribution::Kind::uniform: {
    const double low = law.first();
    const double high = law.second();
    if (c <= low) {
      return m;
    }
    if (c >= high) {
      return c;
    }
    return c + (high - c) * (high - c) / (2.0 * (high - low));
  }
  case Distribution::Kind::lognormal: {
    const double sd = law.second();
    if (sd == 0.0) {
      return std::max(c, m);
    }
    if (c <= 0.0) {
      return m;
    }
    const double sigma2 = std::log1p((sd * sd) / (m * m));
    const double sigma = std::sqrt(sigma2);
    const double mu = std::log(m) - sigma2 / 2.0;
    const double d1 = (mu + sigma2 - std::log(c)) / sigma;
    const boost::math::normal_distribution<double> normal;
    return c + m * boost::math::cdf(normal, d1) - c * boost::math::cdf(normal, d1 - sigma);
  }
  case Distribution::Kind::gamma: {
    const double sd = law.second();
    if (sd == 0.0) {
      return std::max(c, m);
    }
    if (c <= 0.0) {
      return m;
    }
    const double shape = (m * m) / (sd * sd);
    const double scale = (sd * sd) / m;
    const double x = c / scale;
    return c + m * boost::math::gamma_q(shape + 1.0, x) - c * boost::math::gamma_q(shape, x);
  }
  case Distribution::Kind::empirical: {
    const auto &values = law.values();
    const auto &weights = law.weights();
    double sum = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      sum += weights[i] * std::max(c, values[i]);
    }
    return sum / std::accumulate(weights.begin(), weights.end(), 0.0);
  }
  }
  return kNaN;
}

struct Entry {
  double voluntary = 0.0;
  double voluntary_time = 0.0; // E[T; voluntary]
  double annulled = 0.0;
  double annulled_time = 0.0;
  double at_large = 0.0;
  double at_large_time = 0.0; // E[time of becoming enforceable; enters at large]
  double detained = 0.0;      // detained at issuance, at time 0
};

Entry entry_of(const CaseParameters &p) {
  const double v = p.voluntary_share.at(0.0);
  const double di = p.detained_at_issuance_share.at(0.0);
  const double nd = p.no_delay_share.at(0.0);
  const double a = p.appeal_share.at(0.0);
  const double an = p.appeal_annulment_share.at(0.0);
  const double period = p.departure_period_days.at(0.0);
  const Distribution &duration = p.appeal_duration.at(0.0);
  Entry e;
  e.voluntary = v;
  e.voluntary_time = v * period / 2.0;
  e.detained = (1.0 - v) * di;
  const double free = (1.0 - v) * (1.0 - di);
  e.annulled = free * a * an;
  e.annulled_time = e.annulled * duration.mean();
  e.at_large = free * (1.0 - a * an);
  e.at_large_time =
      free *
      (a * (1.0 - an) * (nd * mean_max(0.0, duration) + (1.0 - nd) * mean_max(period, duration)) +
       (1.0 - a) * (1.0 - nd) * period);
  return e;
}

// ---- one document type: outer chain and the case from issuance ---------------------------------

struct TypeSolution {
  DocumentSolution solution;
  bool cycles = false;
  double cycle_days = 0.0; // at large + spell + gap, for a type that cycles forever
};

TypeSolution solve_type(const CaseParameters &p, bool holder) {
  SpellInputs in;
  in.holder = holder;
  in.check = delay_of(p.document_check_days.at(0.0));
  in.request = delay_of(p.lpc_request_delay.at(0.0));
  in.lpc = delay_of(p.lpc_delay.at(0.0));
  in.booking = delay_of(p.booking_delay.at(0.0));
  in.issue_probability = p.lpc_issue_probability.at(0.0);
  in.boarding_success = p.boarding_success.at(0.0);
  in.max_days = p.detention_max_days.at(0.0);
  in.reviews = p.detention_reviews.at(0.0);
  const double alpha = p.apprehension_rate_per_year.at(0.0) / kDaysPerYear;
  const double gap = p.redetention_gap_days.at(0.0);

  TypeSolution type;
  SpellSolution &spell = type.solution.spell;
  spell = solve_spell(in);
  const double released = spell.released_by_judge + spell.released_end_of_term;
  const double removed_time = partial(spell.removed, spell.mean_days_removed);
  const double released_time =
      partial(spell.released_by_judge, spell.mean_days_released_by_judge) +
      partial(spell.released_end_of_term, spell.mean_days_released_end_of_term);

  // Outer chain: 0 = at large, 1 = spell; absorbing 0 = removed, 1 = at large forever,
  // 2 = detained forever.
  OuterChain &chain = type.solution.chain;
  Eigen::Matrix2d q = Eigen::Matrix2d::Zero();
  Eigen::Matrix<double, 2, 3> r = Eigen::Matrix<double, 2, 3>::Zero();
  q(0, 1) = alpha > 0.0 ? 1.0 : 0.0;
  r(0, 1) = alpha > 0.0 ? 0.0 : 1.0;
  q(1, 0) = released;
  r(1, 0) = spell.removed;
  r(1, 2) = spell.never_ends;
  type.cycles = alpha > 0.0 && spell.removed == 0.0 && spell.never_ends == 0.0;
  chain.absorbing = !type.cycles;
  Eigen::Matrix2d n = Eigen::Matrix2d::Constant(kInfinity);
  Eigen::Matrix<double, 2, 3> b = Eigen::Matrix<double, 2, 3>::Zero();
  Eigen::Matrix<double, 2, 3> h = Eigen::Matrix<double, 2, 3>::Zero(); // E[T; absorbed in k]
  if (chain.absorbing) {
    n = (Eigen::Matrix2d::Identity() - q).inverse();
    b = n * r;
    // E[holding time; next state] for each jump.
    Eigen::Matrix2d hold_transient = Eigen::Matrix2d::Zero();
    Eigen::Matrix<double, 2, 3> hold_absorbing = Eigen::Matrix<double, 2, 3>::Zero();
    hold_transient(0, 1) = alpha > 0.0 ? 1.0 / alpha : 0.0;
    hold_transient(1, 0) = released_time + released * gap;
    hold_absorbing(1, 0) = removed_time;
    h = n * (hold_transient * b + hold_absorbing);
  }
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      chain.transitions[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = q(i, j);
      chain.fundamental[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = n(i, j);
    }
    for (int j = 0; j < 3; ++j) {
      chain.absorptions[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = r(i, j);
      chain.absorption_probabilities[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] =
          b(i, j);
    }
  }
  chain.mean_holding_days[0] = alpha > 0.0 ? 1.0 / alpha : kInfinity;
  chain.mean_holding_days[1] =
      spell.never_ends > 0.0 ? kInfinity : spell.mean_days + released * gap;
  // B's entries for "forever" are exact zeros when impossible (products with exact zeros).
  const std::array<bool, 2> certain = {chain.absorbing && b(0, 1) == 0.0 && b(0, 2) == 0.0,
                                       chain.absorbing && b(1, 1) == 0.0 && b(1, 2) == 0.0};
  for (int i = 0; i < 2; ++i) {
    chain.mean_days_to_absorption[static_cast<std::size_t>(i)] =
        certain[static_cast<std::size_t>(i)] ? h(i, 0) : kInfinity;
  }
  if (type.cycles) {
    type.cycle_days = 1.0 / alpha + spell.mean_days + gap;
  }

  const Entry e = entry_of(p);
  CaseSolution &c = type.solution.from_issuance;
  c.detained_at_issuance = e.detained;
  c.enters_at_large = e.at_large;
  c.voluntary_departure = e.voluntary;
  c.annulled = e.annulled;
  c.removed = e.at_large * b(0, 0) + e.detained * b(1, 0);
  c.never_absorbed = (certain[0] ? 0.0 : e.at_large * (1.0 - b(0, 0))) +
                     (certain[1] ? 0.0 : e.detained * (1.0 - b(1, 0)));
  c.absorption_certain = (e.at_large == 0.0 || certain[0]) && (e.detained == 0.0 || certain[1]);
  const double removed_case_time =
      e.at_large_time * b(0, 0) + times(e.at_large, h(0, 0)) + times(e.detained, h(1, 0));
  c.mean_days_to_removed = conditional(removed_case_time, c.removed);
  c.mean_days_to_voluntary_departure = conditional(e.voluntary_time, e.voluntary);
  c.mean_days_to_annulled = conditional(e.annulled_time, e.annulled);
  c.mean_days_to_expired = kNaN;
  c.mean_days_to_absorption =
      c.absorption_certain ? removed_case_time + e.voluntary_time + e.annulled_time : kInfinity;
  c.expected_spells = times(e.at_large, n(0, 1)) + times(e.detained, n(1, 1));
  c.expected_detention_exits = times(c.expected_spells, 1.0 - spell.never_ends);
  c.expected_detention_days = times(c.expected_spells, removed_time + released_time);
  c.expected_released_by_judge = times(c.expected_spells, spell.released_by_judge);
  c.expected_released_end_of_term = times(c.expected_spells, spell.released_end_of_term);
  c.expected_lpc_requests = times(c.expected_spells, spell.lpc_requests);
  c.expected_lpc_issued_in_time = times(c.expected_spells, spell.lpc_issued_in_time);
  c.expected_lpc_issued = times(c.expected_spells, spell.lpc_issued);
  return type;
}

// ---- mixing holders and non-holders -----------------------------------------------------------

double mix(double wa, double a, double wb, double b) { return times(wa, a) + times(wb, b); }

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

} // namespace

NotMarkovianError::NotMarkovianError(std::vector<std::string> violations)
    : Error("the exact chain does not represent this scenario: " + join(violations, "; ")),
      violations_(std::move(violations)) {}

std::vector<std::string> markovian_violations(const model::Scenario &scenario) {
  std::vector<std::string> out;
  shared_violations(scenario, out);
  for (const auto &country : scenario.countries) {
    country_violations(country, out);
    for (std::size_t p = 0; p < country.profiles.size(); ++p) {
      profile_violations(country, p, out);
    }
  }
  return out;
}

std::vector<std::string> markovian_violations(const model::Scenario &scenario, std::size_t country,
                                              std::size_t profile) {
  const model::Country &chosen = scenario.countries.at(country);
  if (profile >= chosen.profiles.size()) {
    throw std::out_of_range("markovian_violations: no profile " + std::to_string(profile) +
                            " in country " + chosen.code);
  }
  std::vector<std::string> out;
  shared_violations(scenario, out);
  country_violations(chosen, out);
  profile_violations(chosen, profile, out);
  return out;
}

ExactSolution solve_exact(const model::Scenario &scenario, std::size_t country,
                          std::size_t profile) {
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
