// The removal routes of DESIGN.md §3b, one mechanism at a time, each with an expectation computed
// by hand from the scenario.
#include "model_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace removalsim::model;
using namespace removalsim::model::testing;

namespace {

CaseParameters &parameters_of(Scenario &scenario) {
  return scenario.countries[0].profiles[0].parameters;
}

/// Every order goes to prison for `remaining` days; holders; nobody is found at large.
Scenario prison_scenario(double remaining) {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.prison_share = 1.0;
  p.prison_remaining_days = Distribution::fixed(remaining);
  p.prison_lpc_lead_days = 0.0;
  p.prison_removal_success = 1.0;
  p.document_share = 1.0;
  p.apprehension_rate_per_year = 0.0;
  return scenario;
}

/// Every apprehension is a house arrest; no detention place exists.
Scenario house_arrest_scenario() {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.house_arrest_share = 1.0;
  p.house_arrest_max_days = 45.0;
  p.house_arrest_boarding_success = 1.0;
  p.booking_delay = Distribution::fixed(0.0);
  p.no_delay_share = 1.0;
  scenario.detention_capacity = 0.0;
  return scenario;
}

} // namespace

TEST_CASE("prison: a holder is removed at release, and a prisoner is never a voluntary case",
          "[model][routes][prison]") {
  Scenario scenario = prison_scenario(10.0);
  parameters_of(scenario).voluntary_share = 1.0; // prisoners skip the voluntary draw
  const RunResult result = simulate(scenario, 1, 0);
  const double issued = total(result, Metric::oqtf_issued);
  REQUIRE(issued > 1500);
  REQUIRE(total(result, Metric::voluntary_departures) == 0);
  REQUIRE(total(result, Metric::prison_releases) == total(result, Metric::removals));
  REQUIRE(total(result, Metric::removals_at_prison_release) == total(result, Metric::removals));
  REQUIRE(total(result, Metric::apprehensions) == 0);
  // Only the orders of the last 10 days are still in prison at the horizon.
  REQUIRE(cohort_total(result, Outcome::in_prison) == issued - total(result, Metric::removals));
  REQUIRE(cohort_total(result, Outcome::in_prison) < issued * 15.0 / 730.0);
  REQUIRE(cohort_total(result, Outcome::in_prison) > 0);
  // Released in the month after issuance at the latest (10 days): January has releases.
  REQUIRE(in_month(result, Metric::prison_releases, 0) > 0);
}

TEST_CASE("prison: a failed escorted removal leads to the apprehension order at release",
          "[model][routes][prison]") {
  Scenario scenario = prison_scenario(10.0);
  parameters_of(scenario).prison_removal_success = 0.0;
  scenario.detention_capacity = 0.0;
  const RunResult result = simulate(scenario, 2, 0);
  const double releases = total(result, Metric::prison_releases);
  REQUIRE(releases > 1500);
  REQUIRE(total(result, Metric::removals) == 0);
  REQUIRE(total(result, Metric::boarding_failures) == releases);
  // No place and no house arrest: every release is an apprehension that finds no place.
  REQUIRE(total(result, Metric::apprehensions) == releases);
  REQUIRE(total(result, Metric::apprehended_no_place) == releases);
  REQUIRE(cohort_total(result, Outcome::at_large) == releases);
}

TEST_CASE("prison: a release that finds a place counts a detention entry from prison, and the "
          "holder's passport is used at once",
          "[model][routes][prison]") {
  Scenario scenario = prison_scenario(10.0);
  CaseParameters &p = parameters_of(scenario);
  p.prison_removal_success = 0.0; // the escort fails; the detention's flight succeeds
  p.document_check_days = Distribution::fixed(50.0); // not waited for: papers carried over
  p.booking_delay = Distribution::fixed(3.0);
  p.detention_reviews = ReviewSchedule{};
  const RunResult result = simulate(scenario, 3, 0);
  const double entries = total(result, Metric::detention_entries);
  REQUIRE(entries > 1500);
  REQUIRE(total(result, Metric::detention_entries_from_prison) == entries);
  REQUIRE(total(result, Metric::prison_releases) == entries);
  // Every spell is 3 days: booked at entry, boarded 3 days later.
  REQUIRE(total(result, Metric::removals_from_detention) == total(result, Metric::detention_exits));
  REQUIRE(total(result, Metric::detention_days) ==
          Approx(3.0 * total(result, Metric::detention_exits)));
}

TEST_CASE("prison: an LPC requested before release is in hand at release; one requested at "
          "release is awaited in detention without a new request",
          "[model][routes][prison][lpc]") {
  Scenario scenario = prison_scenario(60.0);
  CaseParameters &p = parameters_of(scenario);
  p.document_share = 0.0;
  p.lpc_issue_probability = 1.0;
  p.lpc_delay = Distribution::fixed(10.0);
  p.lpc_request_delay = Distribution::fixed(5.0);
  p.detention_reviews = ReviewSchedule{};
  p.booking_delay = Distribution::fixed(0.0);

  SECTION("requested 30 days before release: issued in prison, removed at release") {
    p.prison_lpc_lead_days = 30.0;
    const RunResult result = simulate(scenario, 4, 0);
    const double removed = total(result, Metric::removals_at_prison_release);
    REQUIRE(removed > 1500);
    REQUIRE(removed == total(result, Metric::prison_releases));
    REQUIRE(total(result, Metric::lpc_issued_in_time) == total(result, Metric::lpc_issued));
    REQUIRE(total(result, Metric::detention_entries) == 0);
  }
  SECTION("requested at release: awaited in detention for its 10 days, one request each") {
    p.prison_lpc_lead_days = 0.0;
    const RunResult result = simulate(scenario, 4, 0);
    const double exits = total(result, Metric::detention_exits);
    REQUIRE(exits > 1500);
    REQUIRE(total(result, Metric::removals_at_prison_release) == 0);
    REQUIRE(total(result, Metric::removals_from_detention) == exits);
    REQUIRE(total(result, Metric::detention_days) == Approx(10.0 * exits));
    REQUIRE(total(result, Metric::lpc_requested) == total(result, Metric::prison_releases));
  }
}

TEST_CASE("prison: an appeal judged in prison ends the case there; one pending at release is a v1 "
          "appeal",
          "[model][routes][prison][appeal]") {
  Scenario scenario = prison_scenario(10.0);
  CaseParameters &p = parameters_of(scenario);
  p.appeal_share = 1.0;

  SECTION("annulled 5 days after issuance: never released") {
    p.appeal_duration = Distribution::fixed(5.0);
    p.appeal_annulment_share = 1.0;
    const RunResult result = simulate(scenario, 5, 0);
    REQUIRE(total(result, Metric::annulments) > 1500);
    REQUIRE(total(result, Metric::prison_releases) == 0);
    REQUIRE(total(result, Metric::removals) == 0);
  }
  SECTION("judged after the release: released to the appeal, then at large, papers dropped") {
    p.appeal_duration = Distribution::fixed(100.0);
    const RunResult result = simulate(scenario, 5, 0);
    const double releases = total(result, Metric::prison_releases);
    REQUIRE(releases > 1500);
    REQUIRE(total(result, Metric::removals) == 0);
    REQUIRE(total(result, Metric::apprehensions) == 0);
    REQUIRE(cohort_total(result, Outcome::at_large) + cohort_total(result, Outcome::in_appeal) ==
            releases);
    REQUIRE(cohort_total(result, Outcome::in_appeal) > 0);
  }
}

TEST_CASE("house arrest: a holder is removed at once; the routes and identities add up",
          "[model][routes][house_arrest]") {
  Scenario scenario = house_arrest_scenario();
  parameters_of(scenario).document_share = 1.0;
  const RunResult result = simulate(scenario, 6, 0);
  const double entries = total(result, Metric::house_arrest_entries);
  REQUIRE(entries > 1500);
  REQUIRE(total(result, Metric::apprehensions) == entries);
  REQUIRE(total(result, Metric::detention_entries) == 0);
  REQUIRE(total(result, Metric::removals_from_house_arrest) == entries);
  REQUIRE(total(result, Metric::removals) == entries);
  REQUIRE(total(result, Metric::house_arrest_exits) == entries);
  REQUIRE(total(result, Metric::house_arrest_days) == 0);
}

TEST_CASE("house arrest: without a document it lasts its term, then the redetention gap applies",
          "[model][routes][house_arrest]") {
  Scenario scenario = house_arrest_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.document_share = 0.0;
  p.lpc_issue_probability = 0.0;
  p.apprehension_rate_per_year = 1000.0;
  p.redetention_gap_days = 2000.0; // longer than the run: one house arrest per order
  const RunResult result = simulate(scenario, 7, 0);
  const double exits = total(result, Metric::house_arrest_exits);
  REQUIRE(exits > 1500);
  REQUIRE(total(result, Metric::house_arrest_ended) == exits);
  REQUIRE(total(result, Metric::house_arrest_days) == Approx(45.0 * exits));
  REQUIRE(total(result, Metric::house_arrest_entries) <= total(result, Metric::oqtf_issued));
}

TEST_CASE("house arrest: absconding ends it at the hazard's rate, with no redetention gap",
          "[model][routes][house_arrest]") {
  Scenario scenario = house_arrest_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.document_share = 0.0;
  p.lpc_issue_probability = 0.0;
  p.house_arrest_max_days = 100000.0;
  p.house_arrest_abscond_rate_per_month = 10.0;
  p.apprehension_rate_per_year = 50.0;
  p.redetention_gap_days = 2000.0; // would bar any second house arrest if an abscond had a gap
  const RunResult result = simulate(scenario, 8, 0);
  const double exits = total(result, Metric::house_arrest_exits);
  REQUIRE(total(result, Metric::house_arrest_absconded) == exits);
  // Absconders are found again: several house arrests per order.
  REQUIRE(total(result, Metric::house_arrest_entries) > 3.0 * total(result, Metric::oqtf_issued));
  // Exponential stays of mean 365.25 / 120 days. Stays still running at the horizon are not
  // counted, which shortens the mean by about mean / run length (0.4 %), within the 1 % margin;
  // plus four standard errors of a mean of `exits` exponential draws.
  const double mean = 365.25 / 120.0;
  REQUIRE(exits > 5000);
  REQUIRE(total(result, Metric::house_arrest_days) / exits ==
          Approx(mean).margin(4.0 * mean / std::sqrt(exits) + 0.01 * mean));
}

TEST_CASE("house arrest when no place: taken only when the detention estate is full",
          "[model][routes][house_arrest]") {
  Scenario scenario = house_arrest_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.house_arrest_share = 0.0;
  p.house_arrest_share_when_no_place = 1.0;
  p.document_share = 1.0;

  SECTION("no place at all: every apprehension is a house arrest") {
    const RunResult result = simulate(scenario, 9, 0);
    REQUIRE(total(result, Metric::house_arrest_entries) == total(result, Metric::apprehensions));
    REQUIRE(total(result, Metric::apprehended_no_place) == 0);
  }
  SECTION("unlimited places: none is") {
    scenario.detention_capacity = kUnlimited;
    const RunResult result = simulate(scenario, 9, 0);
    REQUIRE(total(result, Metric::house_arrest_entries) == 0);
    REQUIRE(total(result, Metric::detention_entries) == total(result, Metric::apprehensions));
  }
}

TEST_CASE("centres: a full centre refuses while another has free places",
          "[model][routes][centres]") {
  Scenario scenario = small_scenario();
  scenario.detention_capacity = 20.0;
  // Every apprehension goes to `a`, which has half the places; `b` stays empty.
  scenario.detention_centres = {{"a", 0.5, 1.0}, {"b", 0.5, 0.0}};
  const RunResult result = simulate(scenario, 10, 0);
  REQUIRE(total(result, Metric::apprehended_no_place) > 0);
  double b_occupancy = 0.0;
  for (int month = 0; month < result.months; ++month) {
    const auto m = static_cast<std::size_t>(month);
    REQUIRE(result.centre_quantities.at(m, index_of(NationalMetric::detention_peak)) <= 10);
    b_occupancy += result.centre_quantities.at(
        m, kNationalMetricCount + index_of(NationalMetric::detention_occupancy));
    REQUIRE(result.national.at(m, index_of(NationalMetric::detention_peak)) <= 10);
  }
  REQUIRE(b_occupancy == 0);
  // The same estate as one pool refuses fewer: places in `b` would have been used.
  scenario.detention_centres.clear();
  const RunResult pooled = simulate(scenario, 10, 0);
  REQUIRE(total(pooled, Metric::apprehended_no_place) <
          total(result, Metric::apprehended_no_place));
}

TEST_CASE("centres: places are rounded per centre, floor(x * share + 0.5)",
          "[model][routes][centres]") {
  Scenario scenario = small_scenario();
  parameters_of(scenario).apprehension_rate_per_year = 50.0;
  scenario.detention_capacity = 3.0;
  scenario.detention_centres = {{"a", 0.5, 0.5}, {"b", 0.5, 0.5}};
  const RunResult result = simulate(scenario, 11, 0);
  double peak = 0.0;
  for (int month = 0; month < result.months; ++month) {
    const auto m = static_cast<std::size_t>(month);
    // 1.5 rounds to 2 places in each centre: 4 in all, one more than the national figure.
    REQUIRE(result.centre_quantities.at(m, index_of(NationalMetric::detention_capacity)) == 2.0);
    peak = std::max(peak, result.national.at(m, index_of(NationalMetric::detention_peak)));
  }
  REQUIRE(peak == 4.0);
}

TEST_CASE("release by the prefecture: off at 0, the paths are those without the parameter",
          "[model][routes][prefecture]") {
  const Scenario without = small_scenario();
  const RunResult reference = simulate(without, 12, 0);
  Scenario zero = without;
  SECTION("0") { parameters_of(zero).detention_release_rate_per_month = 0.0; }
  SECTION("0 in every segment of a timeline") {
    parameters_of(zero).detention_release_rate_per_month =
        Timeline<double>({{0.0, 0.0}, {365.0, 0.0}});
  }
  const RunResult result = simulate(zero, 12, 0);
  REQUIRE(result.fingerprint == reference.fingerprint);
  REQUIRE(result.events == reference.events);
  REQUIRE(total(result, Metric::released_by_prefecture) == 0);
  REQUIRE(total(result, Metric::released_by_judge) == total(reference, Metric::released_by_judge));
}

TEST_CASE("release by the prefecture: it competes with the judge, the term and the boarding, and "
          "the detention exits balance",
          "[model][routes][prefecture]") {
  Scenario scenario = small_scenario();
  parameters_of(scenario).detention_release_rate_per_month = 1.0;
  const RunResult result = simulate(scenario, 13, 0);
  const RunResult off = simulate(small_scenario(), 13, 0);
  const double released = total(result, Metric::released_by_prefecture);
  REQUIRE(released > 100);
  REQUIRE(total(result, Metric::released_by_prefecture_holders) > 0);
  REQUIRE(total(result, Metric::released_by_prefecture_holders) < released);
  REQUIRE(result.fingerprint != off.fingerprint);
  // Fewer spells reach a review or the term, and spells are shorter.
  REQUIRE(total(result, Metric::released_end_of_term) < total(off, Metric::released_end_of_term));
  REQUIRE(total(result, Metric::detention_days) / total(result, Metric::detention_exits) <
          total(off, Metric::detention_days) / total(off, Metric::detention_exits));
  const double exits = total(result, Metric::detention_exits);
  REQUIRE(total(result, Metric::detention_entries) ==
          exits + cohort_total(result, Outcome::detained));
  REQUIRE(exits == total(result, Metric::removals_from_detention) +
                       total(result, Metric::released_by_judge) +
                       total(result, Metric::released_end_of_term) + released);
  REQUIRE(total(result, Metric::detention_exits_holders) ==
          total(result, Metric::removals_holders) +
              total(result, Metric::released_by_judge_holders) +
              total(result, Metric::released_end_of_term_holders) +
              total(result, Metric::released_by_prefecture_holders));
}

TEST_CASE("release by the prefecture: spells end at the hazard's rate, then the redetention gap "
          "applies",
          "[model][routes][prefecture]") {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.document_share = 0.0;
  p.lpc_issue_probability = 0.0; // never removed
  p.detention_reviews = ReviewSchedule{};
  p.detention_max_days = 100000.0;
  p.detention_release_rate_per_month = 10.0;
  p.apprehension_rate_per_year = 50.0;
  p.no_delay_share = 1.0;
  p.redetention_gap_days = 2000.0; // longer than the run: one spell per order
  const RunResult result = simulate(scenario, 14, 0);
  const double exits = total(result, Metric::detention_exits);
  REQUIRE(exits > 1500);
  REQUIRE(total(result, Metric::released_by_prefecture) == exits);
  REQUIRE(total(result, Metric::detention_entries) <= total(result, Metric::oqtf_issued));
  // Exponential stays of mean 365.25 / 120 days; stays running at the horizon are not counted
  // (about mean / run length shorter, within the 1 % margin), plus four standard errors.
  const double mean = 365.25 / 120.0;
  REQUIRE(total(result, Metric::detention_days) / exits ==
          Approx(mean).margin(4.0 * mean / std::sqrt(exits) + 0.01 * mean));
}
