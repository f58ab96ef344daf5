#include "model_fixtures.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace removalsim::model;
using namespace removalsim::model::testing;

namespace {

Scenario busy_scenario() {
  Scenario scenario = small_scenario();
  CaseParameters &p = scenario.countries[0].profiles[0].parameters;
  p.voluntary_share = 0.1;
  p.no_delay_share = 0.3;
  p.detained_at_issuance_share = 0.1;
  p.appeal_share = 0.4;
  p.appeal_duration = Distribution::gamma(60.0, 30.0);
  p.appeal_annulment_share = 0.2;
  p.validity_days = 365.0;
  p.redetention_gap_days = 10.0;
  p.boarding_success = 0.8;
  p.lpc_validity_days = 15.0;
  scenario.detention_capacity = 40.0;
  return scenario;
}

} // namespace

TEST_CASE("every issued order is in exactly one state at the horizon, month by month",
          "[model][conservation]") {
  const Scenario scenario = busy_scenario();
  const RunResult result = simulate(scenario, 7, 0);
  REQUIRE(total(result, Metric::oqtf_issued) > 1500);
  for (int month = 0; month < result.months; ++month) {
    double cohort = 0.0;
    for (std::size_t o = 0; o < kOutcomeCount; ++o) {
      cohort += result.cohorts.at(static_cast<std::size_t>(month), o);
    }
    REQUIRE(cohort == in_month(result, Metric::oqtf_issued, month));
  }
}

TEST_CASE("counters balance: terminal flows match cohort outcomes, detentions balance",
          "[model][conservation]") {
  const Scenario scenario = busy_scenario();
  const RunResult result = simulate(scenario, 11, 3);
  REQUIRE(total(result, Metric::removals) == cohort_total(result, Outcome::removed));
  REQUIRE(total(result, Metric::voluntary_departures) ==
          cohort_total(result, Outcome::voluntary_departure));
  REQUIRE(total(result, Metric::annulments) == cohort_total(result, Outcome::annulled));
  REQUIRE(total(result, Metric::expiries) == cohort_total(result, Outcome::expired));
  REQUIRE(total(result, Metric::detention_entries) - total(result, Metric::detention_exits) ==
          cohort_total(result, Outcome::detained));
  REQUIRE(total(result, Metric::detention_exits) ==
          total(result, Metric::removals_from_detention) +
              total(result, Metric::released_by_judge) +
              total(result, Metric::released_end_of_term) +
              total(result, Metric::released_by_prefecture));
  REQUIRE(total(result, Metric::removals_from_detention) == total(result, Metric::removals));
  REQUIRE(total(result, Metric::apprehensions) ==
          total(result, Metric::detention_entries) + total(result, Metric::apprehended_no_place));
  REQUIRE(total(result, Metric::lpc_issued_in_time) <= total(result, Metric::lpc_issued));
  REQUIRE(total(result, Metric::removals_holders) <= total(result, Metric::removals));
  REQUIRE(total(result, Metric::apprehended_no_place) > 0);
  REQUIRE(total(result, Metric::lpc_lapsed) > 0);
  REQUIRE(total(result, Metric::boarding_failures) > 0);
}

TEST_CASE("occupancy never exceeds capacity, also after a capacity cut", "[model][conservation]") {
  Scenario scenario = busy_scenario();
  scenario.detention_capacity =
      Timeline<double>({{0.0, 60.0}, {day(scenario, {2021, 1, 1}), 20.0}});
  const RunResult result = simulate(scenario, 3, 0);
  const auto peak = index_of(NationalMetric::detention_peak);
  const int cut_month = 12;
  double previous_peak = 0.0;
  for (int month = 0; month < result.months; ++month) {
    const double month_peak = result.national.at(static_cast<std::size_t>(month), peak);
    const double capacity = month < cut_month ? 60.0 : 20.0;
    if (month < cut_month) {
      REQUIRE(month_peak <= capacity);
    } else {
      // Nobody is evicted: the peak may carry over the cut, but admissions never push it up.
      REQUIRE(month_peak <= std::max(capacity, previous_peak));
    }
    previous_peak = month_peak;
  }
  REQUIRE(result.national.at(11, peak) == 60.0);
  REQUIRE(result.national.at(static_cast<std::size_t>(result.months - 1), peak) <= 20.0);
}

namespace {

/// busy_scenario with every route on: prisoners, house arrest (by share and when no place) and
/// two detention centres that split the places unevenly.
Scenario routes_scenario() {
  Scenario scenario = busy_scenario();
  CaseParameters &p = scenario.countries[0].profiles[0].parameters;
  p.prison_share = 0.25;
  p.prison_remaining_days = Distribution::exponential(60.0);
  p.prison_lpc_lead_days = 20.0;
  p.prison_removal_success = 0.7;
  p.house_arrest_share = 0.15;
  p.house_arrest_share_when_no_place = 0.5;
  p.house_arrest_max_days = 45.0;
  p.house_arrest_boarding_success = 0.5;
  p.house_arrest_abscond_rate_per_month = 0.3;
  scenario.countries[0].seats_per_week = 6.0;
  scenario.detention_centres = {{"a", 0.7, 0.5}, {"b", 0.3, 0.5}};
  return scenario;
}

} // namespace

TEST_CASE("with every route on, each order is in one state and the routes add up",
          "[model][conservation][routes]") {
  const Scenario scenario = routes_scenario();
  const RunResult result = simulate(scenario, 13, 2);
  for (int month = 0; month < result.months; ++month) {
    double cohort = 0.0;
    for (std::size_t o = 0; o < kOutcomeCount; ++o) {
      cohort += result.cohorts.at(static_cast<std::size_t>(month), o);
    }
    REQUIRE(cohort == in_month(result, Metric::oqtf_issued, month));
    REQUIRE(in_month(result, Metric::removals, month) ==
            in_month(result, Metric::removals_from_detention, month) +
                in_month(result, Metric::removals_from_house_arrest, month) +
                in_month(result, Metric::removals_at_prison_release, month));
    REQUIRE(in_month(result, Metric::apprehensions, month) ==
            in_month(result, Metric::detention_entries, month) +
                in_month(result, Metric::house_arrest_entries, month) +
                in_month(result, Metric::apprehended_no_place, month));
    REQUIRE(in_month(result, Metric::house_arrest_exits, month) ==
            in_month(result, Metric::removals_from_house_arrest, month) +
                in_month(result, Metric::house_arrest_absconded, month) +
                in_month(result, Metric::house_arrest_ended, month));
    REQUIRE(in_month(result, Metric::detention_exits, month) ==
            in_month(result, Metric::removals_from_detention, month) +
                in_month(result, Metric::released_by_judge, month) +
                in_month(result, Metric::released_end_of_term, month) +
                in_month(result, Metric::released_by_prefecture, month));
  }
  // Every route is taken, and the stocks at the horizon are what flowed in and did not leave.
  for (const Metric route : {Metric::removals_from_detention, Metric::removals_from_house_arrest,
                             Metric::removals_at_prison_release, Metric::house_arrest_absconded,
                             Metric::house_arrest_ended, Metric::detention_entries_from_prison,
                             Metric::apprehended_no_place}) {
    CAPTURE(kMetricNames[index_of(route)]);
    REQUIRE(total(result, route) > 0);
  }
  REQUIRE(total(result, Metric::removals) == cohort_total(result, Outcome::removed));
  REQUIRE(total(result, Metric::house_arrest_entries) - total(result, Metric::house_arrest_exits) ==
          cohort_total(result, Outcome::house_arrest));
  REQUIRE(total(result, Metric::detention_entries) - total(result, Metric::detention_exits) ==
          cohort_total(result, Outcome::detained));
  const double prisoners =
      total(result, Metric::prison_releases) + cohort_total(result, Outcome::in_prison);
  REQUIRE(prisoners > 0.2 * total(result, Metric::oqtf_issued));
  REQUIRE(total(result, Metric::detention_entries_from_prison) <=
          total(result, Metric::prison_releases));
}

TEST_CASE("with centres, occupancy stays within each centre's places and sums to the national",
          "[model][conservation][routes]") {
  const Scenario scenario = routes_scenario();
  const RunResult result = simulate(scenario, 17, 0);
  REQUIRE(result.centres == std::vector<std::string>{"a", "b"});
  const auto quantity = [&](std::size_t centre, NationalMetric metric, int month) {
    return result.centre_quantities.at(static_cast<std::size_t>(month),
                                       centre * kNationalMetricCount + index_of(metric));
  };
  for (int month = 0; month < result.months; ++month) {
    const auto m = static_cast<std::size_t>(month);
    // 40 places: 28 in a, 12 in b.
    REQUIRE(quantity(0, NationalMetric::detention_peak, month) <= 28);
    REQUIRE(quantity(1, NationalMetric::detention_peak, month) <= 12);
    REQUIRE(quantity(0, NationalMetric::detention_capacity, month) == Approx(28.0));
    REQUIRE(quantity(1, NationalMetric::detention_capacity, month) == Approx(12.0));
    REQUIRE(quantity(0, NationalMetric::detention_occupancy, month) +
                quantity(1, NationalMetric::detention_occupancy, month) ==
            Approx(result.national.at(m, index_of(NationalMetric::detention_occupancy))));
    REQUIRE(result.national.at(m, index_of(NationalMetric::detention_capacity)) == Approx(40.0));
  }
}
