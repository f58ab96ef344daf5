#include "exact_test_support.h"

#include "removalsim/analysis/exact_chain.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace {

using removalsim::analysis::markovian_violations;
using removalsim::analysis::NotMarkovianError;
using removalsim::analysis::solve_exact;
using removalsim::analysis::SpellPhase;
using removalsim::engine::Distribution;
using removalsim::exact_test::mentions;
using removalsim::exact_test::phase;
using removalsim::exact_test::scenario_with;
using removalsim::model::CaseParameters;
using removalsim::model::Country;
using removalsim::model::kDaysPerYear;
using removalsim::model::kUnlimited;
using removalsim::model::Profile;
using removalsim::model::ReviewSchedule;
using removalsim::model::Scenario;
using removalsim::model::Timeline;

constexpr double kTight = 1e-10;

Approx near(double value) { return Approx(value).epsilon(kTight).margin(1e-12); }

/// Holders only, detained at issuance, never apprehended again: the first spell is the whole
/// story. Booking exponential with mean `booking_mean`, everything else instant, no reviews.
CaseParameters holder_spell(double booking_mean, double max_days) {
  CaseParameters p;
  p.document_share = 1.0;
  p.detained_at_issuance_share = 1.0;
  p.apprehension_rate_per_year = 0.0;
  p.booking_delay = Distribution::exponential(booking_mean);
  p.detention_max_days = max_days;
  p.detention_reviews = ReviewSchedule{};
  return p;
}

} // namespace

TEST_CASE("no detention: voluntary, annulled and never-absorbed shares in closed form",
          "[analysis][exact]") {
  CaseParameters p;
  p.voluntary_share = 0.2;
  p.no_delay_share = 0.3;
  p.departure_period_days = 30.0;
  p.appeal_share = 0.4;
  p.appeal_annulment_share = 0.25;
  p.appeal_duration = Distribution::exponential(60.0);
  p.apprehension_rate_per_year = 0.0;
  p.document_share = 0.5;
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &c = exact.from_issuance;
  REQUIRE(c.voluntary_departure == near(0.2));
  REQUIRE(c.annulled == near(0.8 * 0.4 * 0.25));
  REQUIRE(c.removed == 0.0);
  REQUIRE(c.expired == 0.0);
  REQUIRE(c.never_absorbed == near(0.8 * (1.0 - 0.4 * 0.25)));
  REQUIRE(c.voluntary_departure + c.annulled + c.never_absorbed == near(1.0));
  REQUIRE_FALSE(c.absorption_certain);
  REQUIRE(std::isinf(c.mean_days_to_absorption));
  REQUIRE(c.mean_days_to_voluntary_departure == near(15.0));
  REQUIRE(c.mean_days_to_annulled == near(60.0));
  REQUIRE(std::isnan(c.mean_days_to_removed));
  REQUIRE(c.expected_spells == 0.0);
  REQUIRE(c.enters_at_large == near(0.72));
  // The outer chain sends "at large" to "at large forever".
  REQUIRE(exact.holders.chain.absorption_probabilities[0][1] == 1.0);
  REQUIRE(std::isinf(exact.holders.chain.mean_holding_days[0]));
}

TEST_CASE("holder spell with exponential booking and no review: 1 - exp(-lambda M)",
          "[analysis][exact]") {
  const double mean = 5.0;
  const double max_days = 30.0;
  const double lambda = 1.0 / mean;
  const double tail = std::exp(-lambda * max_days);
  const auto exact = solve_exact(scenario_with(holder_spell(mean, max_days)), 0, 0);
  const auto &s = exact.holders.spell;
  REQUIRE(s.removed == near(1.0 - tail));
  REQUIRE(s.released_end_of_term == near(tail));
  REQUIRE(s.released_by_judge == 0.0);
  REQUIRE(s.never_ends == 0.0);
  REQUIRE(s.mean_days == near((1.0 - tail) / lambda));
  REQUIRE(s.mean_days_removed ==
          near((1.0 - tail * (1.0 + lambda * max_days)) / lambda / (1.0 - tail)));
  REQUIRE(s.mean_days_released_end_of_term == near(max_days));
  REQUIRE(s.phase_days[phase(SpellPhase::booking)] == near((1.0 - tail) / lambda));
  REQUIRE(s.lpc_requests == 0.0);
  // document_share = 1: the mixture is the holders' spell.
  REQUIRE(exact.first_spell.removed == near(1.0 - tail));
  const auto &c = exact.from_issuance;
  REQUIRE(c.removed == near(1.0 - tail));
  REQUIRE(c.never_absorbed == near(tail));
  REQUIRE(c.expected_spells == near(1.0));
  REQUIRE(c.expected_detention_days == near((1.0 - tail) / lambda));
  REQUIRE(exact.long_run.removal_share_document_holders == near(1.0 - tail));
  REQUIRE(exact.long_run.detention_mean_days == near((1.0 - tail) / lambda));
}

TEST_CASE("repeated spells: geometric number of spells, fundamental matrix and mean times",
          "[analysis][exact]") {
  // Boarding succeeds half the time: removal rate lambda * 0.5.
  CaseParameters p = holder_spell(4.0, 20.0);
  p.boarding_success = 0.5;
  p.apprehension_rate_per_year = kDaysPerYear / 50.0; // 50 days at large on average
  p.redetention_gap_days = 7.0;
  const double rate = 0.5 / 4.0;
  const double rho = 1.0 - std::exp(-rate * 20.0);
  const double spell_days = rho / rate;
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &chain = exact.holders.chain;
  REQUIRE(chain.absorbing);
  REQUIRE(chain.transitions[0][1] == 1.0);
  REQUIRE(chain.transitions[1][0] == near(1.0 - rho));
  REQUIRE(chain.fundamental[0][0] == near(1.0 / rho));
  REQUIRE(chain.fundamental[0][1] == near(1.0 / rho));
  REQUIRE(chain.fundamental[1][0] == near((1.0 - rho) / rho));
  REQUIRE(chain.fundamental[1][1] == near(1.0 / rho));
  REQUIRE(chain.absorption_probabilities[1][0] == near(1.0));
  REQUIRE(chain.mean_holding_days[0] == near(50.0));
  REQUIRE(chain.mean_holding_days[1] == near(spell_days + (1.0 - rho) * 7.0));
  const auto &c = exact.from_issuance;
  REQUIRE(c.removed == near(1.0));
  REQUIRE(c.absorption_certain);
  REQUIRE(c.never_absorbed == 0.0);
  REQUIRE(c.expected_spells == near(1.0 / rho));
  REQUIRE(c.expected_released_end_of_term == near((1.0 - rho) / rho));
  const double expected_time = spell_days / rho + (1.0 / rho - 1.0) * (7.0 + 50.0);
  REQUIRE(c.mean_days_to_removed == near(expected_time));
  REQUIRE(c.mean_days_to_absorption == near(expected_time));
  REQUIRE(chain.mean_days_to_absorption[1] == near(expected_time));
  REQUIRE(chain.mean_days_to_absorption[0] == near(expected_time + 50.0));
}

TEST_CASE("one review at day d with probability p, instant document", "[analysis][exact]") {
  const double lambda = 1.0 / 8.0;
  const double d = 10.0;
  const double pr = 0.3;
  const double max_days = 30.0;
  CaseParameters p = holder_spell(8.0, max_days);
  // The reviews on or after max_days are ignored.
  p.detention_reviews = ReviewSchedule{{d, pr}, {max_days, 0.9}, {45.0, 1.0}};
  const auto s = solve_exact(scenario_with(p), 0, 0).holders.spell;
  const double before = std::exp(-lambda * d);
  const double after = std::exp(-lambda * (max_days - d));
  REQUIRE(s.removed == near((1.0 - before) + before * (1.0 - pr) * (1.0 - after)));
  REQUIRE(s.released_by_judge == near(before * pr));
  REQUIRE(s.released_end_of_term == near(before * (1.0 - pr) * after));
  REQUIRE(s.removed + s.released_by_judge + s.released_end_of_term == near(1.0));
  REQUIRE(s.mean_days ==
          near((1.0 - before) / lambda + before * (1.0 - pr) * (1.0 - after) / lambda));
  REQUIRE(s.mean_days_released_by_judge == near(d));
  REQUIRE(s.mean_days_released_end_of_term == near(max_days));
}

TEST_CASE("a review at day 0 comes after the instantaneous steps of admission",
          "[analysis][exact]") {
  CaseParameters p = holder_spell(8.0, 30.0);
  p.booking_delay = Distribution::fixed(0.0);
  p.detention_reviews = ReviewSchedule{{0.0, 1.0}};
  const auto s = solve_exact(scenario_with(p), 0, 0).holders.spell;
  REQUIRE(s.removed == near(1.0));
  REQUIRE(s.released_by_judge == 0.0);
  REQUIRE(s.mean_days == near(0.0));
}

TEST_CASE("non-holders: removal scales with the issue probability", "[analysis][exact]") {
  const double lambda = 1.0 / 6.0;
  const double max_days = 45.0;
  CaseParameters p = holder_spell(6.0, max_days);
  p.document_share = 0.0;
  p.lpc_issue_probability = 1.0;
  const auto all = solve_exact(scenario_with(p), 0, 0).non_holders.spell;
  p.lpc_issue_probability = 0.5;
  const auto half = solve_exact(scenario_with(p), 0, 0).non_holders.spell;
  const double tail = std::exp(-lambda * max_days);
  REQUIRE(all.removed == near(1.0 - tail));
  REQUIRE(half.removed == near(0.5 * (1.0 - tail)));
  REQUIRE(half.removed == near(0.5 * all.removed));
  REQUIRE(half.released_end_of_term == near(0.5 * tail + 0.5));
  REQUIRE(half.mean_days == near(0.5 * (1.0 - tail) / lambda + 0.5 * max_days));
  REQUIRE(half.lpc_requests == near(1.0));
  REQUIRE(half.lpc_issued_in_time == near(0.5));
  REQUIRE(half.lpc_issued == near(0.5));
  REQUIRE(half.phase_days[phase(SpellPhase::no_document)] == near(0.5 * max_days));
}

TEST_CASE("non-holders with an exponential LPC delay: hypoexponential closed form",
          "[analysis][exact]") {
  const double lambda = 1.0 / 6.0; // booking
  const double mu = 1.0 / 20.0;    // LPC delay
  const double q = 0.4;
  const double max_days = 60.0;
  CaseParameters p = holder_spell(6.0, max_days);
  p.document_share = 0.3;
  p.lpc_issue_probability = q;
  p.lpc_delay = Distribution::exponential(20.0);
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &s = exact.non_holders.spell;
  // P(X + Y <= M) and E[min(M, X + Y)] for X ~ Exp(mu), Y ~ Exp(lambda).
  const double cdf =
      1.0 - (mu * std::exp(-lambda * max_days) - lambda * std::exp(-mu * max_days)) / (mu - lambda);
  const double truncated_mean = (mu * (1.0 - std::exp(-lambda * max_days)) / lambda -
                                 lambda * (1.0 - std::exp(-mu * max_days)) / mu) /
                                (mu - lambda);
  REQUIRE(s.removed == near(q * cdf));
  REQUIRE(s.mean_days == near(q * truncated_mean + (1.0 - q) * max_days));
  REQUIRE(s.lpc_issued_in_time == near(q * (1.0 - std::exp(-mu * max_days))));
  REQUIRE(s.phase_days[phase(SpellPhase::lpc_wait)] ==
          near(q * (1.0 - std::exp(-mu * max_days)) / mu));
  // The first spell mixes both types with document_share.
  const double holder_removed = 1.0 - std::exp(-lambda * max_days);
  REQUIRE(exact.first_spell.removed == near(0.3 * holder_removed + 0.7 * q * cdf));
  REQUIRE(exact.first_spell.lpc_requests == near(0.7));
}

TEST_CASE("a full spell agrees with a Runge-Kutta integration of the Kolmogorov equations",
          "[analysis][exact]") {
  // Non-holder: request Exp(r), issued with q after Exp(l), booking Exp(b), boarding s; reviews.
  const double r = 1.0 / 3.0;
  const double l = 1.0 / 15.0;
  const double b = 1.0 / 4.0;
  const double s = 0.8;
  const double q = 0.6;
  const double max_days = 90.0;
  const ReviewSchedule reviews{{2.0, 0.1}, {30.0, 0.2}, {60.0, 0.25}};
  CaseParameters p;
  p.document_share = 0.0;
  p.lpc_request_delay = Distribution::exponential(1.0 / r);
  p.lpc_delay = Distribution::exponential(1.0 / l);
  p.booking_delay = Distribution::exponential(1.0 / b);
  p.boarding_success = s;
  p.lpc_issue_probability = q;
  p.detention_max_days = max_days;
  p.detention_reviews = reviews;
  const auto spell = solve_exact(scenario_with(p), 0, 0).non_holders.spell;

  // State: request wait, LPC wait, no document, booking, removed, occupation, requests, issued.
  using State = std::array<double, 8>;
  const auto derivative = [&](const State &x) {
    return State{-r * x[0],
                 q * r * x[0] - l * x[1],
                 (1.0 - q) * r * x[0],
                 l * x[1] - b * s * x[3],
                 b * s * x[3],
                 x[0] + x[1] + x[2] + x[3],
                 r * x[0],
                 l * x[1]};
  };
  const auto axpy = [](const State &x, double h, const State &k) {
    State y{};
    for (std::size_t i = 0; i < y.size(); ++i) {
      y[i] = x[i] + h * k[i];
    }
    return y;
  };
  State x{1.0, 0, 0, 0, 0, 0, 0, 0};
  const int steps_per_day = 200;
  const double h = 1.0 / steps_per_day;
  double judge = 0.0;
  std::size_t next_review = 0;
  for (int i = 0; i < static_cast<int>(max_days) * steps_per_day; ++i) {
    const State k1 = derivative(x);
    const State k2 = derivative(axpy(x, h / 2, k1));
    const State k3 = derivative(axpy(x, h / 2, k2));
    const State k4 = derivative(axpy(x, h, k3));
    for (std::size_t j = 0; j < x.size(); ++j) {
      x[j] += h / 6.0 * (k1[j] + 2.0 * k2[j] + 2.0 * k3[j] + k4[j]);
    }
    const double t = (i + 1) * h;
    if (next_review < reviews.size() && std::abs(t - reviews[next_review].day) < h / 2) {
      const double keep = 1.0 - reviews[next_review].release_probability;
      judge += (x[0] + x[1] + x[2] + x[3]) * (1.0 - keep);
      for (std::size_t j = 0; j < 4; ++j) {
        x[j] *= keep;
      }
      ++next_review;
    }
  }
  REQUIRE(spell.removed == Approx(x[4]).epsilon(1e-8));
  REQUIRE(spell.released_by_judge == Approx(judge).epsilon(1e-8));
  REQUIRE(spell.released_end_of_term == Approx(x[0] + x[1] + x[2] + x[3]).epsilon(1e-8));
  REQUIRE(spell.mean_days == Approx(x[5]).epsilon(1e-8));
  REQUIRE(spell.lpc_requests == Approx(x[6]).epsilon(1e-8));
  REQUIRE(spell.lpc_issued_in_time == Approx(x[7]).epsilon(1e-8));
}

TEST_CASE("appeals: enforceable from max(period end, judgment)", "[analysis][exact]") {
  // Holders removed at once on admission; at large for 10 days on average.
  CaseParameters p;
  p.document_share = 1.0;
  p.apprehension_rate_per_year = kDaysPerYear / 10.0;
  p.departure_period_days = 30.0;
  p.appeal_share = 1.0;
  p.appeal_annulment_share = 0.0;
  SECTION("exponential duration") {
    p.appeal_duration = Distribution::exponential(20.0);
    const auto c = solve_exact(scenario_with(p), 0, 0).from_issuance;
    REQUIRE(c.removed == near(1.0));
    REQUIRE(c.mean_days_to_removed == near(30.0 + 20.0 * std::exp(-30.0 / 20.0) + 10.0));
  }
  SECTION("uniform duration") {
    p.appeal_duration = Distribution::uniform(10.0, 50.0);
    const auto c = solve_exact(scenario_with(p), 0, 0).from_issuance;
    REQUIRE(c.mean_days_to_removed == near(35.0 + 10.0));
  }
  SECTION("no departure period: the judgment alone") {
    p.no_delay_share = 1.0;
    p.appeal_duration = Distribution::lognormal(40.0, 25.0);
    const auto c = solve_exact(scenario_with(p), 0, 0).from_issuance;
    REQUIRE(c.mean_days_to_removed == near(40.0 + 10.0));
  }
  SECTION("lognormal and gamma agree with a fixed law when their sd is 0") {
    p.appeal_duration = Distribution::lognormal(40.0, 0.0);
    REQUIRE(solve_exact(scenario_with(p), 0, 0).from_issuance.mean_days_to_removed == near(50.0));
    p.appeal_duration = Distribution::gamma(20.0, 0.0);
    REQUIRE(solve_exact(scenario_with(p), 0, 0).from_issuance.mean_days_to_removed == near(40.0));
  }
  SECTION("annulment and the overall mean") {
    p.appeal_annulment_share = 0.25;
    p.appeal_duration = Distribution::fixed(45.0);
    const auto c = solve_exact(scenario_with(p), 0, 0).from_issuance;
    REQUIRE(c.annulled == near(0.25));
    REQUIRE(c.removed == near(0.75));
    REQUIRE(c.mean_days_to_annulled == near(45.0));
    REQUIRE(c.mean_days_to_removed == near(55.0));
    REQUIRE(c.mean_days_to_absorption == near(0.25 * 45.0 + 0.75 * 55.0));
  }
}

TEST_CASE("unlimited max_days: spells that never end", "[analysis][exact]") {
  CaseParameters p = holder_spell(5.0, kUnlimited);
  p.document_share = 0.5;
  p.lpc_issue_probability = 0.6;
  p.detention_reviews = ReviewSchedule{{10.0, 0.5}};
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &h = exact.holders.spell;
  const double early = 1.0 - std::exp(-10.0 / 5.0);
  REQUIRE(h.removed == near(early + (1.0 - early) * 0.5));
  REQUIRE(h.released_by_judge == near((1.0 - early) * 0.5));
  REQUIRE(h.never_ends == 0.0);
  // E[min(X, 10)] + P(X > 10)·0.5·E[X − 10 | X > 10] for X ~ Exp(1/5).
  REQUIRE(h.mean_days == near(5.0 * early + (1.0 - early) * 0.5 * 5.0));
  const auto &n = exact.non_holders.spell;
  REQUIRE(n.never_ends == near(0.4 * 0.5));
  REQUIRE(std::isinf(n.phase_days[phase(SpellPhase::no_document)]));
  REQUIRE(n.removed + n.released_by_judge + n.never_ends == near(1.0));
  const auto &c = exact.non_holders.from_issuance;
  REQUIRE_FALSE(c.absorption_certain);
  // Never apprehended again (rate 0): the released are at large forever, the others detained.
  REQUIRE(c.never_absorbed == near(0.4 * 0.5 + n.released_by_judge));
  REQUIRE(n.released_by_judge == near(0.4 * 0.5 + 0.6 * (1.0 - early) * 0.5));
  REQUIRE(exact.non_holders.chain.absorption_probabilities[1][2] == near(0.4 * 0.5));
}

TEST_CASE("removal impossible and apprehension positive: the case cycles forever",
          "[analysis][exact]") {
  CaseParameters p = holder_spell(5.0, 30.0);
  p.document_share = 0.5;
  p.lpc_issue_probability = 0.0;
  p.apprehension_rate_per_year = kDaysPerYear / 20.0;
  p.redetention_gap_days = 10.0;
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &n = exact.non_holders;
  REQUIRE(n.spell.removed == 0.0);
  REQUIRE_FALSE(n.chain.absorbing);
  REQUIRE(std::isinf(n.chain.fundamental[0][1]));
  REQUIRE(n.from_issuance.never_absorbed == 1.0);
  REQUIRE(std::isinf(n.from_issuance.expected_spells));
  REQUIRE(exact.from_issuance.never_absorbed == near(0.5));
  REQUIRE(std::isinf(exact.from_issuance.mean_days_to_absorption));
  // Long run: the cycling non-holders' spells dominate the counters.
  REQUIRE(exact.long_run.detention_removal_rate == 0.0);
  REQUIRE(exact.long_run.detention_mean_days == near(30.0));
  REQUIRE(exact.long_run.removal_share_document_holders == near(1.0 - std::exp(-30.0 / 5.0)));
}

TEST_CASE("long-run ratios weight each type by its spells per case", "[analysis][exact]") {
  CaseParameters p = holder_spell(5.0, 30.0);
  p.document_share = 0.5;
  p.lpc_issue_probability = 0.5;
  p.apprehension_rate_per_year = 4.0;
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const double tail = std::exp(-30.0 / 5.0);
  const double rho_h = 1.0 - tail;
  const double rho_n = 0.5 * (1.0 - tail);
  const double days_h = 5.0 * (1.0 - tail);
  const double days_n = 0.5 * days_h + 0.5 * 30.0;
  const double exits = 0.5 / rho_h + 0.5 / rho_n;
  REQUIRE(exact.long_run.detention_removal_rate == near(1.0 / exits));
  REQUIRE(exact.long_run.detention_mean_days ==
          near((0.5 * days_h / rho_h + 0.5 * days_n / rho_n) / exits));
  REQUIRE(exact.long_run.released_by_judge_share == 0.0);
  REQUIRE(exact.long_run.lpc_issue_rate == near(0.5));
  REQUIRE(exact.long_run.lpc_in_time_rate == near(0.5));
  REQUIRE(exact.from_issuance.expected_spells == near(exits));
}

TEST_CASE("markovian_violations names each violation and nothing else", "[analysis][exact]") {
  CaseParameters p;
  p.document_share = 0.5;
  p.apprehension_rate_per_year = 2.0;
  p.lpc_delay = Distribution::exponential(18.0);
  p.booking_delay = Distribution::exponential(5.0);
  p.appeal_duration = Distribution::lognormal(60.0, 30.0); // allowed: no competing risk
  p.detention_reviews = ReviewSchedule{{2.0, 0.1}, {30.0, 0.2}};
  Scenario markovian = scenario_with(p);
  markovian.countries.front().code = "MA";
  REQUIRE(markovian_violations(markovian).empty());
  REQUIRE(markovian_violations(markovian, 0, 0).empty());
  REQUIRE_NOTHROW(solve_exact(markovian, 0, 0));

  SECTION("each violation is listed with its key path") {
    Scenario bad = markovian;
    CaseParameters &q = bad.countries.front().profiles.front().parameters;
    q.lpc_delay = Distribution::lognormal(18.0, 10.0);
    q.validity_days = 1095.0;
    bad.detention_capacity = 1000.0;
    q.apprehension_rate_per_year = Timeline<double>({{0.0, 2.0}, {365.0, 3.0}});
    bad.countries.front().seats_per_week = Timeline<double>({{0.0, kUnlimited}, {100.0, 40.0}});
    const auto violations = markovian_violations(bad);
    REQUIRE(violations.size() == 5);
    REQUIRE(mentions(violations, "countries.MA.lpc.delay is lognormal"));
    REQUIRE(mentions(violations, "countries.MA.validity_days is finite (1095 days)"));
    REQUIRE(mentions(violations, "national.detention.capacity is finite (1000 places)"));
    REQUIRE(mentions(violations, "countries.MA.apprehension.rate_per_year changes over time"));
    REQUIRE(mentions(violations, "countries.MA.flights.seats_per_week is finite (40"));
    REQUIRE_THROWS_AS(solve_exact(bad, 0, 0), NotMarkovianError);
    try {
      solve_exact(bad, 0, 0);
    } catch (const NotMarkovianError &error) {
      REQUIRE(error.violations() == violations);
      REQUIRE(error.category() == removalsim::ErrorCategory::user);
    }
  }
  SECTION("the other delays, caps and validities") {
    Scenario bad = markovian;
    CaseParameters &q = bad.countries.front().profiles.front().parameters;
    q.document_check_days = Distribution::fixed(2.0);
    q.lpc_request_delay = Distribution::gamma(3.0, 1.0);
    q.booking_delay = Distribution::uniform(1.0, 9.0);
    q.lpc_validity_days = 30.0;
    bad.countries.front().lpc_monthly_capacity = 200.0;
    const auto violations = markovian_violations(bad);
    REQUIRE(violations.size() == 5);
    REQUIRE(mentions(violations, "countries.MA.document_check_days is fixed at 2 days"));
    REQUIRE(mentions(violations, "countries.MA.lpc.request_delay is gamma"));
    REQUIRE(mentions(violations, "countries.MA.flights.booking_delay is uniform"));
    REQUIRE(mentions(violations, "countries.MA.lpc.validity_days is finite"));
    REQUIRE(mentions(violations, "countries.MA.lpc.monthly_capacity is finite"));
  }
  SECTION("profiles get their own key path; a group sees only its own violations") {
    Scenario two = markovian;
    Country &country = two.countries.front();
    country.profiles.front().name = "administrative";
    country.profiles.front().share = 0.7;
    Profile public_order = country.profiles.front();
    public_order.name = "public_order";
    public_order.share = 0.3;
    public_order.parameters.detention_max_days = Timeline<double>({{0.0, 45.0}, {400.0, 90.0}});
    country.profiles.push_back(public_order);
    const auto violations = markovian_violations(two);
    REQUIRE(violations.size() == 1);
    REQUIRE(mentions(violations, "countries.MA.profiles.public_order.detention.max_days"));
    REQUIRE(markovian_violations(two, 0, 0).empty());
    REQUIRE(markovian_violations(two, 0, 1).size() == 1);
    REQUIRE(solve_exact(two, 0, 0).profile == "administrative");
    REQUIRE_THROWS_AS(solve_exact(two, 0, 1), NotMarkovianError);
    REQUIRE_THROWS_AS(solve_exact(two, 0, 2), std::out_of_range);
    REQUIRE_THROWS_AS(solve_exact(two, 1, 0), std::out_of_range);
  }
}
