// The exact chain with the removal routes of DESIGN.md §3b (prison release, house arrest) against
// hand-computed closed forms, and the conditions it states for them.
#include "exact_test_support.h"

#include "removalsim/analysis/exact_chain.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace {

using removalsim::analysis::markovian_violations;
using removalsim::analysis::NotMarkovianError;
using removalsim::analysis::solve_exact;
using removalsim::analysis::SpellPhase;
using removalsim::analysis::SpellSolution;
using removalsim::engine::Distribution;
using removalsim::exact_test::mentions;
using removalsim::exact_test::phase;
using removalsim::exact_test::scenario_with;
using removalsim::model::CaseParameters;
using removalsim::model::DetentionCentre;
using removalsim::model::kDaysPerYear;
using removalsim::model::kMonthsPerYear;
using removalsim::model::ReviewSchedule;
using removalsim::model::Scenario;
using removalsim::model::Timeline;

Approx near(double value) { return Approx(value).epsilon(1e-10).margin(1e-12); }

/// ∫_a^b f by composite Simpson with n (even) intervals.
double simpson(const std::function<double(double)> &f, double a, double b, int n) {
  const double h = (b - a) / n;
  double sum = f(a) + f(b);
  for (int i = 1; i < n; ++i) {
    sum += (i % 2 == 1 ? 4.0 : 2.0) * f(a + i * h);
  }
  return sum * h / 3.0;
}

/// Every case a prisoner holding a document, released after Exp(100) days; never apprehended at
/// large. Detention: booking Exp(5), 30 days at most; the document check is very slow (1000
/// days), so only a spell that starts with the document in hand removes quickly.
CaseParameters prisoner_holders(double removal_success) {
  CaseParameters p;
  p.document_share = 1.0;
  p.prison_share = 1.0;
  p.prison_remaining_days = Distribution::exponential(100.0);
  p.prison_lpc_lead_days = 0.0;
  p.prison_removal_success = removal_success;
  p.apprehension_rate_per_year = 0.0;
  p.document_check_days = Distribution::exponential(1000.0);
  p.booking_delay = Distribution::exponential(5.0);
  p.detention_max_days = 30.0;
  return p;
}

} // namespace

TEST_CASE("prisoners holding a document: escorted with removal_success, then detention with the "
          "document in hand",
          "[analysis][exact][routes]") {
  const double success = 0.7;
  const auto exact = solve_exact(scenario_with(prisoner_holders(success)), 0, 0);
  const auto &c = exact.from_issuance;
  const double tail = std::exp(-30.0 / 5.0);
  REQUIRE(c.prisoners == 1.0);
  REQUIRE(c.removed_at_prison_release == near(success));
  REQUIRE(c.removed_from_detention == near((1.0 - success) * (1.0 - tail)));
  REQUIRE(c.removed_from_house_arrest == 0.0);
  REQUIRE(c.removed == near(success + (1.0 - success) * (1.0 - tail)));
  // Released at the end of term into at large, never apprehended again.
  REQUIRE(c.never_absorbed == near((1.0 - success) * tail));
  REQUIRE_FALSE(c.absorption_certain);
  REQUIRE(c.expected_prison_releases == near(1.0));
  REQUIRE(c.expected_detention_entries_from_prison == near(1.0 - success));
  REQUIRE(c.expected_spells == near(1.0 - success));
  REQUIRE(c.expected_apprehensions == near(1.0 - success));
  REQUIRE(c.expected_house_arrest_entries == 0.0);
  // The spell from prison skips the document check: straight to booking.
  const auto &spell = exact.holders.detention_from_prison;
  REQUIRE(spell.removed == near(1.0 - tail));
  REQUIRE(spell.phase_days[phase(SpellPhase::document_check)] == 0.0);
  REQUIRE(spell.mean_days == near(5.0 * (1.0 - tail)));
  // Escorted at R (mean 100); removed in detention at R + booking.
  const double booking_removed = 5.0 * (1.0 - tail * (1.0 + 30.0 / 5.0)); // E[X; X <= 30]
  REQUIRE(c.mean_days_to_removed ==
          near((success * 100.0 + (1.0 - success) * ((1.0 - tail) * 100.0 + booking_removed)) /
               c.removed));
  REQUIRE(exact.long_run.prison_release_removal_rate == near(success));
  REQUIRE(exact.long_run.detention_entries_from_prison_share == near(1.0));
  REQUIRE(exact.long_run.detention_removal_rate == near(1.0 - tail));
}

TEST_CASE("prisoners: a failed escorted removal goes to the apprehension order",
          "[analysis][exact][routes]") {
  CaseParameters p = prisoner_holders(0.0);
  p.house_arrest_share = 0.25;
  p.house_arrest_max_days = 30.0;
  p.house_arrest_boarding_success = 1.0;
  p.house_arrest_abscond_rate_per_month = 0.0;
  const auto c = solve_exact(scenario_with(p), 0, 0).from_issuance;
  const double removed = 1.0 - std::exp(-30.0 / 5.0);
  REQUIRE(c.removed_at_prison_release == 0.0);
  REQUIRE(c.removed_from_detention == near(0.75 * removed));
  REQUIRE(c.removed_from_house_arrest == near(0.25 * removed));
  REQUIRE(c.expected_detention_entries_from_prison == near(0.75));
  REQUIRE(c.expected_house_arrest_entries == near(0.25));
  REQUIRE(c.expected_apprehensions == near(1.0));
}

TEST_CASE("house arrest: document check and booking against the abscond hazard and the term",
          "[analysis][exact][routes]") {
  // Holders placed under house arrest at issuance, never apprehended again.
  const double c_rate = 1.0 / 2.0; // document check
  const double lambda = 1.0 / 4.0; // booking
  const double success = 0.6;      // house_arrest.boarding_success
  const double beta = lambda * success;
  const double kappa = 0.5 * kMonthsPerYear / kDaysPerYear;
  const double term = 45.0;
  CaseParameters p;
  p.document_share = 1.0;
  p.detained_at_issuance_share = 1.0;
  p.apprehension_rate_per_year = 0.0;
  p.document_check_days = Distribution::exponential(2.0);
  p.booking_delay = Distribution::exponential(4.0);
  p.boarding_success = 0.9; // detention's: not used
  p.house_arrest_share = 1.0;
  p.house_arrest_max_days = term;
  p.house_arrest_boarding_success = success;
  p.house_arrest_abscond_rate_per_month = 0.5;
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  // X ~ Exp(c) then Y ~ Exp(β), killed at rate κ and at the term.
  const double e_b = std::exp(-(beta + kappa) * term);
  const double e_c = std::exp(-(c_rate + kappa) * term);
  const double removed = c_rate * beta / (c_rate - beta) *
                         ((1.0 - e_b) / (beta + kappa) - (1.0 - e_c) / (c_rate + kappa));
  const double survives_term = std::exp(-kappa * term) *
                               (c_rate * std::exp(-beta * term) - beta * std::exp(-c_rate * term)) /
                               (c_rate - beta);
  const double mean_days =
      (c_rate * (1.0 - e_b) / (beta + kappa) - beta * (1.0 - e_c) / (c_rate + kappa)) /
      (c_rate - beta);
  const double in_check = (1.0 - e_c) / (c_rate + kappa);
  const auto &s = exact.holders.house_arrest;
  REQUIRE(s.removed == near(removed));
  REQUIRE(s.released_end_of_term == near(survives_term));
  REQUIRE(s.absconded == near(1.0 - removed - survives_term));
  REQUIRE(s.released_by_judge == 0.0);
  REQUIRE(s.never_ends == 0.0);
  REQUIRE(s.mean_days == near(mean_days));
  REQUIRE(s.mean_days_released_end_of_term == near(term));
  REQUIRE(s.phase_days[phase(SpellPhase::document_check)] == near(in_check));
  REQUIRE(s.boarding_failures == near(lambda * (1.0 - success) * (mean_days - in_check)));
  const auto &c = exact.from_issuance;
  REQUIRE(c.removed == near(removed));
  REQUIRE(c.removed_from_house_arrest == near(removed));
  REQUIRE(c.removed_from_detention == 0.0);
  REQUIRE(c.expected_spells == 0.0);
  REQUIRE(c.expected_house_arrest_entries == near(1.0));
  REQUIRE(c.expected_house_arrest_exits == near(1.0));
  REQUIRE(c.expected_house_arrest_days == near(mean_days));
  REQUIRE(c.expected_house_arrest_absconded == near(1.0 - removed - survives_term));
  REQUIRE(c.expected_house_arrest_ended == near(survives_term));
  REQUIRE(c.expected_apprehensions == near(1.0));
  REQUIRE(c.never_absorbed == near(1.0 - removed));
  REQUIRE(exact.long_run.house_arrest_removal_rate == near(removed));
  REQUIRE(exact.long_run.house_arrest_mean_days == near(mean_days));
  REQUIRE(exact.long_run.house_arrest_absconded_share == near(1.0 - removed - survives_term));
  REQUIRE(std::isnan(exact.long_run.detention_removal_rate));
  REQUIRE(exact.first_house_arrest.removed == near(removed));
}

TEST_CASE("detention and house arrest mixed over repeated apprehensions: Wald's identity",
          "[analysis][exact][routes]") {
  const double h = 0.4;
  const double alpha_days = 50.0;
  const double gap = 7.0;
  CaseParameters p;
  p.document_share = 1.0;
  p.no_delay_share = 1.0;
  p.apprehension_rate_per_year = kDaysPerYear / alpha_days;
  p.redetention_gap_days = gap;
  p.booking_delay = Distribution::exponential(4.0);
  p.boarding_success = 0.5;
  p.detention_max_days = 20.0;
  p.house_arrest_share = h;
  p.house_arrest_max_days = 30.0;
  p.house_arrest_boarding_success = 0.3;
  p.house_arrest_abscond_rate_per_month = 1.0;
  const double rate_d = 0.5 / 4.0;
  const double rho_d = 1.0 - std::exp(-rate_d * 20.0);
  const double mean_d = rho_d / rate_d;
  const double beta = 0.3 / 4.0;
  const double kappa = kMonthsPerYear / kDaysPerYear;
  const double r = beta + kappa;
  const double gone = 1.0 - std::exp(-r * 30.0);
  const double rho_h = beta / r * gone;
  const double absconded_h = kappa / r * gone;
  const double ended_h = 1.0 - gone;
  const double mean_h = gone / r;
  const double rho = (1.0 - h) * rho_d + h * rho_h;
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &chain = exact.holders.chain;
  REQUIRE(chain.absorbing);
  REQUIRE(chain.transitions[0][1] == near(1.0 - h));
  REQUIRE(chain.transitions[0][2] == near(h));
  REQUIRE(chain.transitions[2][0] == near(1.0 - rho_h));
  REQUIRE(chain.absorptions[2][0] == near(rho_h));
  REQUIRE(chain.mean_holding_days[2] == near(mean_h + ended_h * gap));
  REQUIRE(chain.fundamental[0][0] == near(1.0 / rho));
  REQUIRE(chain.fundamental[0][2] == near(h / rho));
  const auto &c = exact.from_issuance;
  REQUIRE(c.removed == near(1.0));
  REQUIRE(c.absorption_certain);
  REQUIRE(c.removed_from_detention == near((1.0 - h) * rho_d / rho));
  REQUIRE(c.removed_from_house_arrest == near(h * rho_h / rho));
  REQUIRE(c.expected_spells == near((1.0 - h) / rho));
  REQUIRE(c.expected_house_arrest_entries == near(h / rho));
  REQUIRE(c.expected_house_arrest_absconded == near(h * absconded_h / rho));
  REQUIRE(c.expected_house_arrest_ended == near(h * ended_h / rho));
  REQUIRE(c.expected_house_arrest_days == near(h * mean_h / rho));
  REQUIRE(c.expected_apprehensions == near(1.0 / rho));
  REQUIRE(c.expected_boarding_failures ==
          near(((1.0 - h) * 0.25 * 0.5 * mean_d + h * 0.25 * 0.7 * mean_h) / rho));
  // T = Σ over apprehensions of (at large + spell + gap unless removed or absconded).
  const double per_cycle = alpha_days + (1.0 - h) * mean_d + h * mean_h +
                           gap * ((1.0 - h) * (1.0 - rho_d) + h * ended_h);
  REQUIRE(c.mean_days_to_removed == near(per_cycle / rho));
  REQUIRE(c.mean_days_to_absorption == near(per_cycle / rho));
  REQUIRE(exact.long_run.detention_removal_rate == near(rho_d));
  REQUIRE(exact.long_run.house_arrest_removal_rate == near(rho_h));
  REQUIRE(exact.long_run.house_arrest_mean_days == near(mean_h));
  REQUIRE(std::isnan(exact.long_run.prison_release_removal_rate));
}

TEST_CASE("a prisoner's appeal: the judgment competes with the release",
          "[analysis][exact][routes]") {
  // Holders, escorted for sure; an appeal still pending at the release sends the case at large
  // from the judgment, then apprehended after 10 days on average and removed at once.
  const double m = 100.0;
  const double an = 0.5;
  CaseParameters p;
  p.document_share = 1.0;
  p.prison_share = 1.0;
  p.prison_remaining_days = Distribution::exponential(m);
  p.prison_removal_success = 1.0;
  p.appeal_share = 1.0;
  p.appeal_annulment_share = an;
  p.apprehension_rate_per_year = kDaysPerYear / 10.0;
  // E[exp(−D/m)], E[D exp(−D/m)] and E[D], integrated numerically from the law's density.
  double phi = 0.0;
  double psi = 0.0;
  double mean = 0.0;
  const auto moments = [&](const std::function<double(double)> &density, double low, double high) {
    phi = simpson([&](double x) { return density(x) * std::exp(-x / m); }, low, high, 20000);
    psi = simpson([&](double x) { return x * density(x) * std::exp(-x / m); }, low, high, 20000);
    mean = simpson([&](double x) { return x * density(x); }, low, high, 20000);
  };
  SECTION("fixed") {
    p.appeal_duration = Distribution::fixed(60.0);
    phi = std::exp(-0.6);
    psi = 60.0 * phi;
    mean = 60.0;
  }
  SECTION("lognormal with sd 0 is fixed") {
    p.appeal_duration = Distribution::lognormal(60.0, 0.0);
    phi = std::exp(-0.6);
    psi = 60.0 * phi;
    mean = 60.0;
  }
  SECTION("exponential") {
    p.appeal_duration = Distribution::exponential(60.0);
    moments([](double x) { return std::exp(-x / 60.0) / 60.0; }, 0.0, 3000.0);
  }
  SECTION("uniform") {
    p.appeal_duration = Distribution::uniform(20.0, 100.0);
    moments([](double) { return 1.0 / 80.0; }, 20.0, 100.0);
  }
  SECTION("gamma") {
    p.appeal_duration = Distribution::gamma(60.0, 30.0); // shape 4, scale 15
    moments(
        [](double x) {
          return std::pow(x, 3.0) * std::exp(-x / 15.0) / (6.0 * std::pow(15.0, 4.0));
        },
        0.0, 3000.0);
  }
  SECTION("empirical") {
    p.appeal_duration = Distribution::empirical({30.0, 90.0}, {1.0, 3.0});
    phi = 0.25 * std::exp(-0.3) + 0.75 * std::exp(-0.9);
    psi = 0.25 * 30.0 * std::exp(-0.3) + 0.75 * 90.0 * std::exp(-0.9);
    mean = 75.0;
  }
  const Scenario scenario = scenario_with(p);
  REQUIRE(markovian_violations(scenario).empty());
  const auto c = solve_exact(scenario, 0, 0).from_issuance;
  REQUIRE(c.annulled == near(an));
  REQUIRE(c.mean_days_to_annulled == Approx(mean).epsilon(1e-8));
  REQUIRE(c.removed_at_prison_release == Approx((1.0 - an) * phi).epsilon(1e-8));
  REQUIRE(c.removed_from_detention == Approx((1.0 - an) * (1.0 - phi)).epsilon(1e-8));
  REQUIRE(c.enters_at_large == Approx((1.0 - an) * (1.0 - phi)).epsilon(1e-8));
  // Annulled in prison: never released.
  REQUIRE(c.expected_prison_releases == Approx(1.0 - an * phi).epsilon(1e-8));
  REQUIRE(c.removed + c.annulled == near(1.0));
  // Escorted at R given R >= D: E[R; D <= R] = E[(D + m) exp(−D/m)]; else removed at D + 10.
  const double removed_time =
      (1.0 - an) * (psi + m * phi) + (1.0 - an) * (mean - psi + (1.0 - phi) * 10.0);
  REQUIRE(c.mean_days_to_removed == Approx(removed_time / (1.0 - an)).epsilon(1e-8));
}

TEST_CASE("non-holders from prison: the LPC requested at the release is pending in the spell",
          "[analysis][exact][routes]") {
  const double mu = 1.0 / 20.0;    // LPC delay
  const double lambda = 1.0 / 5.0; // booking
  const double q = 0.6;
  const double max_days = 60.0;
  CaseParameters p;
  p.document_share = 0.0;
  p.prison_share = 1.0;
  p.prison_remaining_days = Distribution::exponential(50.0);
  p.apprehension_rate_per_year = 0.0;
  p.lpc_request_delay = Distribution::exponential(1000.0); // a fresh request would be very late
  p.lpc_issue_probability = q;
  p.lpc_delay = Distribution::exponential(20.0);
  p.booking_delay = Distribution::exponential(5.0);
  p.detention_max_days = max_days;
  p.house_arrest_max_days = max_days;
  p.house_arrest_boarding_success = 1.0;
  // P(X + Y <= M) for X ~ Exp(mu), Y ~ Exp(lambda).
  const double cdf =
      1.0 - (mu * std::exp(-lambda * max_days) - lambda * std::exp(-mu * max_days)) / (mu - lambda);
  const double in_time = q * (1.0 - std::exp(-mu * max_days));
  SECTION("into detention") {
    const auto exact = solve_exact(scenario_with(p), 0, 0);
    const auto &spell = exact.non_holders.detention_from_prison;
    REQUIRE(spell.removed == near(q * cdf));
    REQUIRE(spell.lpc_requests == 0.0);
    REQUIRE(spell.lpc_issued_in_time == near(in_time));
    REQUIRE(spell.phase_days[phase(SpellPhase::lpc_request)] == 0.0);
    REQUIRE(spell.phase_days[phase(SpellPhase::no_document)] == near((1.0 - q) * max_days));
    const auto &c = exact.from_issuance;
    REQUIRE(c.removed_from_detention == near(q * cdf));
    REQUIRE(c.expected_detention_entries_from_prison == near(1.0));
    REQUIRE(c.expected_lpc_requests == near(1.0));
    REQUIRE(c.expected_lpc_issued == near(q));
    REQUIRE(c.expected_lpc_issued_in_time == near(in_time));
    REQUIRE(exact.long_run.lpc_in_time_rate == near(in_time));
    REQUIRE(exact.long_run.prison_release_removal_rate == 0.0);
  }
  SECTION("into house arrest, nobody absconds") {
    p.house_arrest_share = 1.0;
    const auto exact = solve_exact(scenario_with(p), 0, 0);
    const auto &c = exact.from_issuance;
    REQUIRE(c.removed_from_house_arrest == near(q * cdf));
    REQUIRE(c.expected_house_arrest_ended == near(1.0 - q * cdf));
    REQUIRE(c.expected_spells == 0.0);
    REQUIRE(c.expected_lpc_issued_in_time == near(in_time));
  }
}

TEST_CASE("non-holders from prison with an LPC issued at once: in hand at the release",
          "[analysis][exact][routes]") {
  // The request at the release instant is answered at once (the simulator handles documents
  // before the release at equal times): escorted with probability q · removal_success.
  const double q = 0.6;
  const double success = 0.5;
  CaseParameters p;
  p.document_share = 0.0;
  p.prison_share = 1.0;
  p.prison_remaining_days = Distribution::exponential(50.0);
  p.prison_removal_success = success;
  p.apprehension_rate_per_year = 0.0;
  p.lpc_issue_probability = q;
  p.booking_delay = Distribution::exponential(5.0);
  p.detention_max_days = 30.0;
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &c = exact.from_issuance;
  const double tail = std::exp(-30.0 / 5.0);
  REQUIRE(c.removed_at_prison_release == near(q * success));
  REQUIRE(c.expected_detention_entries_from_prison == near(1.0 - q * success));
  // The failed escorts keep their LPC; the others never get one.
  REQUIRE(c.removed_from_detention == near(q * (1.0 - success) * (1.0 - tail)));
  REQUIRE(c.never_absorbed == near(q * (1.0 - success) * tail + (1.0 - q)));
  REQUIRE(c.expected_lpc_requests == near(1.0));
  REQUIRE(c.expected_lpc_issued == near(q));
  REQUIRE(c.expected_lpc_issued_in_time == near(q));
  REQUIRE(c.expected_boarding_failures == near(q * (1.0 - success)));
  const auto &spell = exact.non_holders.detention_from_prison;
  const double with_document = q * (1.0 - success) / (1.0 - q * success);
  REQUIRE(spell.removed == near(with_document * (1.0 - tail)));
  REQUIRE(spell.phase_days[phase(SpellPhase::no_document)] == near((1.0 - with_document) * 30.0));
}

TEST_CASE("routes off: the route quantities vanish and v1's are the whole story",
          "[analysis][exact][routes]") {
  CaseParameters p;
  p.document_share = 0.4;
  p.voluntary_share = 0.1;
  p.detained_at_issuance_share = 0.2;
  p.appeal_share = 0.3;
  p.appeal_duration = Distribution::lognormal(60.0, 40.0);
  p.appeal_annulment_share = 0.2;
  p.apprehension_rate_per_year = 4.0;
  p.lpc_issue_probability = 0.6;
  p.lpc_delay = Distribution::exponential(18.0);
  p.booking_delay = Distribution::exponential(4.0);
  // Keys of the blocks set while the blocks are off: not read, not checked.
  p.prison_remaining_days = Distribution::fixed(120.0);
  p.prison_lpc_lead_days = 30.0;
  p.house_arrest_max_days = Timeline<double>({{0.0, 90.0}, {1000.0, 135.0}});
  Scenario scenario = scenario_with(p);
  scenario.detention_centres = {DetentionCentre{"north", 0.6, 0.5},
                                DetentionCentre{"south", 0.4, 0.5}};
  REQUIRE(markovian_violations(scenario).empty());
  const auto exact = solve_exact(scenario, 0, 0);
  const auto &c = exact.from_issuance;
  REQUIRE(c.removed_from_detention == near(c.removed));
  REQUIRE(c.removed_from_house_arrest == 0.0);
  REQUIRE(c.removed_at_prison_release == 0.0);
  REQUIRE(c.prisoners == 0.0);
  REQUIRE(c.expected_prison_releases == 0.0);
  REQUIRE(c.expected_house_arrest_entries == 0.0);
  REQUIRE(c.expected_house_arrest_days == 0.0);
  REQUIRE(c.expected_apprehensions == near(c.expected_spells));
  REQUIRE(exact.prison_share == 0.0);
  REQUIRE(exact.house_arrest_share == 0.0);
  REQUIRE(std::isnan(exact.long_run.house_arrest_removal_rate));
  REQUIRE(std::isnan(exact.long_run.prison_release_removal_rate));
}

TEST_CASE("cycling forever through detention and house arrest", "[analysis][exact][routes]") {
  // Non-holders whose LPC is never issued: never removed, apprehended again and again.
  CaseParameters p;
  p.document_share = 0.0;
  p.no_delay_share = 1.0;
  p.lpc_issue_probability = 0.0;
  p.apprehension_rate_per_year = kDaysPerYear / 20.0;
  p.redetention_gap_days = 10.0;
  p.detention_max_days = 30.0;
  p.house_arrest_max_days = 45.0;
  p.house_arrest_abscond_rate_per_month = 1.0;
  SECTION("half of the apprehensions to house arrest") {
    p.house_arrest_share = 0.5;
    const auto exact = solve_exact(scenario_with(p), 0, 0);
    const auto &c = exact.from_issuance;
    REQUIRE(c.never_absorbed == 1.0);
    REQUIRE(std::isinf(c.expected_spells));
    REQUIRE(std::isinf(c.expected_house_arrest_entries));
    const double kappa = kMonthsPerYear / kDaysPerYear;
    const double mean_h = (1.0 - std::exp(-kappa * 45.0)) / kappa;
    REQUIRE(exact.long_run.house_arrest_mean_days == near(mean_h));
    REQUIRE(exact.long_run.house_arrest_absconded_share == near(1.0 - std::exp(-kappa * 45.0)));
    REQUIRE(exact.long_run.house_arrest_removal_rate == 0.0);
    REQUIRE(exact.long_run.detention_mean_days == near(30.0));
  }
  SECTION("no house arrest: its counters stay 0, not infinite") {
    const auto c = solve_exact(scenario_with(p), 0, 0).from_issuance;
    REQUIRE(std::isinf(c.expected_spells));
    REQUIRE(c.expected_house_arrest_entries == 0.0);
    REQUIRE(c.expected_house_arrest_days == 0.0);
  }
}

TEST_CASE("markovian_violations states the conditions of the routes, naming every key involved",
          "[analysis][exact][routes]") {
  CaseParameters p;
  p.document_share = 0.5;
  p.apprehension_rate_per_year = 2.0;
  p.lpc_delay = Distribution::exponential(18.0);
  p.appeal_share = 0.2;
  p.appeal_duration = Distribution::gamma(60.0, 30.0);
  p.prison_share = 0.2;
  p.prison_remaining_days = Distribution::exponential(120.0);
  p.prison_removal_success = 0.9;
  p.house_arrest_share = 0.1;
  p.house_arrest_share_when_no_place = 0.5; // moot: a place is always free
  p.house_arrest_max_days = 90.0;
  p.house_arrest_boarding_success = 0.6;
  p.house_arrest_abscond_rate_per_month = 0.2;
  Scenario markovian = scenario_with(p);
  markovian.countries.front().code = "MA";
  REQUIRE(markovian_violations(markovian).empty());
  REQUIRE_NOTHROW(solve_exact(markovian, 0, 0));
  Scenario bad = markovian;
  CaseParameters &q = bad.countries.front().profiles.front().parameters;

  SECTION("prison: an exponential remaining sentence and an LPC requested at the release") {
    q.prison_remaining_days = Distribution::fixed(120.0);
    q.prison_lpc_lead_days = 30.0;
    const auto violations = markovian_violations(bad);
    REQUIRE(violations.size() == 2);
    REQUIRE(mentions(violations, "countries.MA.prison.remaining_days is fixed at 120 days; with "
                                 "countries.MA.prison.share positive the exact chain needs an "
                                 "exponential remaining sentence"));
    REQUIRE(mentions(violations, "countries.MA.prison.lpc_lead_days is 30 days; with "
                                 "countries.MA.prison.share positive the exact chain needs it 0"));
    REQUIRE_THROWS_AS(solve_exact(bad, 0, 0), NotMarkovianError);
  }
  SECTION("prison: the judgment against the release needs a known transform") {
    q.appeal_duration = Distribution::lognormal(60.0, 30.0);
    const auto violations = markovian_violations(bad);
    REQUIRE(violations.size() == 1);
    REQUIRE(mentions(violations, "countries.MA.appeal.duration is lognormal; with "
                                 "countries.MA.prison.share and countries.MA.appeal.share "
                                 "positive"));
    q.appeal_share = 0.0; // no appeal: nothing competes with the release
    REQUIRE(markovian_violations(bad).empty());
    q.appeal_share = 0.2;
    q.prison_share = 0.0; // no prisoner: v1's appeal, any law
    REQUIRE(markovian_violations(bad).empty());
  }
  SECTION("prison: timelines") {
    q.prison_share = Timeline<double>({{0.0, 0.2}, {365.0, 0.3}});
    q.prison_removal_success = Timeline<double>({{0.0, 0.9}, {365.0, 0.8}});
    const auto violations = markovian_violations(bad);
    REQUIRE(violations.size() == 2);
    REQUIRE(mentions(violations, "countries.MA.prison.share changes over time"));
    REQUIRE(mentions(violations, "countries.MA.prison.removal_success changes over time"));
  }
  SECTION("house arrest: constant term, boarding and abscond hazard") {
    q.house_arrest_max_days = Timeline<double>({{0.0, 90.0}, {1000.0, 135.0}});
    q.house_arrest_boarding_success = Timeline<double>({{0.0, 0.6}, {1000.0, 0.5}});
    q.house_arrest_abscond_rate_per_month = Timeline<double>({{0.0, 0.2}, {1000.0, 0.3}});
    q.house_arrest_share = Timeline<double>({{0.0, 0.1}, {1000.0, 0.2}});
    const auto violations = markovian_violations(bad);
    REQUIRE(violations.size() == 4);
    REQUIRE(mentions(violations, "countries.MA.house_arrest.max_days changes over time"));
    REQUIRE(mentions(violations, "countries.MA.house_arrest.boarding_success changes over time"));
    REQUIRE(
        mentions(violations, "countries.MA.house_arrest.abscond_rate_per_month changes over time"));
    REQUIRE(mentions(violations, "countries.MA.house_arrest.share changes over time"));
  }
}

TEST_CASE("release by the prefecture: a spell that can only end by it or at the term",
          "[analysis][exact][routes][prefecture]") {
  // Non-holders whose LPC is never issued, no reviews: the spell lasts min(Exp(λ), M).
  const double rate_per_month = 0.5;
  const double lambda = rate_per_month * kMonthsPerYear / kDaysPerYear;
  const double max_days = 60.0;
  const double released = 1.0 - std::exp(-lambda * max_days);
  const double mean_days = released / lambda;
  // E[X; X <= M] for X ~ Exp(λ).
  const double released_time =
      (1.0 - std::exp(-lambda * max_days) * (1.0 + lambda * max_days)) / lambda;
  const auto exact_to = [](double value) { return Approx(value).epsilon(0.0).margin(1e-9); };
  CaseParameters p;
  p.document_share = 0.0;
  p.lpc_issue_probability = 0.0;
  p.apprehension_rate_per_year = 0.0;
  p.detention_max_days = max_days;
  p.detention_release_rate_per_month = rate_per_month;
  const auto require_spell = [&](const SpellSolution &s) {
    REQUIRE(s.removed == 0.0);
    REQUIRE(s.released_by_judge == 0.0);
    REQUIRE(s.released_by_prefecture == exact_to(released));
    REQUIRE(s.released_end_of_term == exact_to(1.0 - released));
    REQUIRE(s.never_ends == 0.0);
    REQUIRE(s.mean_days == exact_to(mean_days));
    REQUIRE(s.mean_days_released_by_prefecture == exact_to(released_time / released));
    REQUIRE(s.mean_days_released_end_of_term == exact_to(max_days));
  };

  SECTION("detained at issuance") {
    p.detained_at_issuance_share = 1.0;
    const Scenario scenario = scenario_with(p);
    REQUIRE(markovian_violations(scenario).empty());
    const auto exact = solve_exact(scenario, 0, 0);
    require_spell(exact.first_spell);
    require_spell(exact.non_holders.spell);
    const auto &c = exact.from_issuance;
    REQUIRE(c.expected_spells == exact_to(1.0));
    REQUIRE(c.expected_detention_exits == exact_to(1.0));
    REQUIRE(c.expected_released_by_prefecture == exact_to(released));
    REQUIRE(c.expected_released_end_of_term == exact_to(1.0 - released));
    REQUIRE(c.expected_released_by_judge == 0.0);
    REQUIRE(c.expected_detention_days == exact_to(mean_days));
    REQUIRE(c.never_absorbed == exact_to(1.0)); // released, then never apprehended
    REQUIRE(exact.long_run.released_by_prefecture_share == exact_to(released));
    REQUIRE(exact.long_run.detention_mean_days == exact_to(mean_days));
    REQUIRE(exact.detention_release_rate_per_month == rate_per_month);
  }
  SECTION("from prison: the spell that starts at the release has the hazard too") {
    p.prison_share = 1.0;
    p.prison_remaining_days = Distribution::exponential(50.0);
    const auto exact = solve_exact(scenario_with(p), 0, 0);
    require_spell(exact.non_holders.detention_from_prison);
    const auto &c = exact.from_issuance;
    REQUIRE(c.expected_detention_entries_from_prison == exact_to(1.0));
    REQUIRE(c.expected_released_by_prefecture == exact_to(released));
    REQUIRE(c.expected_detention_days == exact_to(mean_days));
  }
  SECTION("not in house arrest") {
    p.detained_at_issuance_share = 1.0;
    p.house_arrest_share = 1.0;
    p.house_arrest_max_days = 45.0;
    p.house_arrest_boarding_success = 1.0;
    const auto exact = solve_exact(scenario_with(p), 0, 0);
    const auto &s = exact.first_house_arrest;
    REQUIRE(s.released_by_prefecture == 0.0);
    REQUIRE(s.released_end_of_term == exact_to(1.0));
    REQUIRE(s.mean_days == exact_to(45.0));
    REQUIRE(exact.from_issuance.expected_released_by_prefecture == 0.0);
    REQUIRE(exact.from_issuance.expected_house_arrest_ended == exact_to(1.0));
  }
}

TEST_CASE("release by the prefecture: it competes with the boarding and the reviews, and the "
          "redetention gap follows it (Wald's identity)",
          "[analysis][exact][routes][prefecture]") {
  // Holders booked at once, boarding after Exp(β) days; a review on day 10 releases with
  // probability r; the prefecture's hazard λ; term M. Apprehended again after 1/α days and the gap.
  const double beta = 1.0 / 8.0;
  const double lambda = 0.6 * kMonthsPerYear / kDaysPerYear;
  const double review_day = 10.0;
  const double review_release = 0.3;
  const double max_days = 40.0;
  const double alpha_days = 50.0;
  const double gap = 7.0;
  CaseParameters p;
  p.document_share = 1.0;
  p.no_delay_share = 1.0;
  p.apprehension_rate_per_year = kDaysPerYear / alpha_days;
  p.redetention_gap_days = gap;
  p.booking_delay = Distribution::exponential(1.0 / beta);
  p.detention_max_days = max_days;
  p.detention_reviews = ReviewSchedule{{review_day, review_release}};
  p.detention_release_rate_per_month = 0.6;
  // Before and after the review the spell ends at rate r = β + λ, each exit in proportion.
  const double r = beta + lambda;
  const double before = 1.0 - std::exp(-r * review_day);       // ended by day 10
  const double kept = (1.0 - before) * (1.0 - review_release); // still detained after day 10
  const double after = 1.0 - std::exp(-r * (max_days - review_day));
  const double ended = before + kept * after; // by the boarding or the hazard
  const double removed = beta / r * ended;
  const double prefecture = lambda / r * ended;
  const double judge = (1.0 - before) * review_release;
  const double term = kept * (1.0 - after);
  // E[length] = ∫_0^M P(L > s) ds.
  const double mean_days = before / r + kept * after / r;
  const double per_cycle = alpha_days + mean_days + gap * (1.0 - removed);
  const auto exact = solve_exact(scenario_with(p), 0, 0);
  const auto &s = exact.holders.spell;
  REQUIRE(s.removed == near(removed));
  REQUIRE(s.released_by_prefecture == near(prefecture));
  REQUIRE(s.released_by_judge == near(judge));
  REQUIRE(s.released_end_of_term == near(term));
  REQUIRE(s.mean_days == near(mean_days));
  const auto &c = exact.from_issuance;
  REQUIRE(c.removed == near(1.0));
  REQUIRE(c.expected_spells == near(1.0 / removed));
  REQUIRE(c.expected_released_by_prefecture == near(prefecture / removed));
  REQUIRE(c.expected_released_by_judge == near(judge / removed));
  REQUIRE(c.expected_released_end_of_term == near(term / removed));
  REQUIRE(c.mean_days_to_removed == near(per_cycle / removed));
  REQUIRE(exact.long_run.released_by_prefecture_share == near(prefecture));
  REQUIRE(exact.long_run.released_by_judge_share == near(judge));
  REQUIRE(exact.long_run.detention_removal_rate == near(removed));
}

TEST_CASE("markovian_violations: the prefecture's release rate must be constant",
          "[analysis][exact][routes][prefecture]") {
  CaseParameters p;
  p.apprehension_rate_per_year = 2.0;
  p.detention_release_rate_per_month = 0.3;
  Scenario scenario = scenario_with(p);
  scenario.countries.front().code = "MA";
  REQUIRE(markovian_violations(scenario).empty());
  scenario.countries.front().profiles.front().parameters.detention_release_rate_per_month =
      Timeline<double>({{0.0, 0.0}, {1000.0, 0.3}});
  const auto violations = markovian_violations(scenario);
  REQUIRE(violations.size() == 1);
  REQUIRE(mentions(violations, "countries.MA.detention.release_rate_per_month changes over time"));
  REQUIRE_THROWS_AS(solve_exact(scenario, 0, 0), NotMarkovianError);
}
