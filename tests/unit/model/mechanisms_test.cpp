#include "model_fixtures.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace removalsim::model;
using namespace removalsim::model::testing;
using removalsim::engine::Date;

namespace {

CaseParameters &parameters_of(Scenario &scenario, std::size_t profile = 0) {
  return scenario.countries[0].profiles[profile].parameters;
}

/// Cases that are never removed and leave detention only through a judge's release.
Scenario judge_only_scenario() {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.document_share = 0.0;
  p.lpc_issue_probability = 0.0;
  p.apprehension_rate_per_year = 50.0;
  return scenario;
}

} // namespace

TEST_CASE("a timeline switches on its date", "[model][timeline]") {
  Scenario scenario = small_scenario();
  parameters_of(scenario).voluntary_share =
      Timeline<double>({{0.0, 1.0}, {day(scenario, {2020, 7, 1}), 0.0}});
  const RunResult result = simulate(scenario, 1, 0);
  const auto voluntary = index_of(Outcome::voluntary_departure);
  for (int month = 0; month < result.months; ++month) {
    const double issued = in_month(result, Metric::oqtf_issued, month);
    REQUIRE(issued > 0);
    const double left = result.cohorts.at(static_cast<std::size_t>(month), voluntary);
    REQUIRE(left == (month < 6 ? issued : 0.0));
  }
}

TEST_CASE("the 2024 validity rule also extends orders issued before it", "[model][validity]") {
  Scenario scenario = small_scenario();
  scenario.start = {2023, 1, 1};
  scenario.end = {2026, 12, 31};
  scenario.warmup_until = scenario.start;
  CaseParameters &p = parameters_of(scenario);
  p.apprehension_rate_per_year = 0.0;
  p.no_delay_share = 1.0;
  p.validity_days = Timeline<double>({{0.0, 365.0}, {day(scenario, {2024, 1, 28}), 1095.0}});
  const RunResult result = simulate(scenario, 2, 0);
  // Orders of 1-27 January 2023 lapse in January 2024 under the old rule...
  REQUIRE(in_month(result, Metric::expiries, 12) > 0);
  // ...orders issued later are caught by the new rule and last three years.
  for (int month = 13; month < 36; ++month) {
    REQUIRE(in_month(result, Metric::expiries, month) == 0);
  }
  REQUIRE(in_month(result, Metric::expiries, 36) > 0);
  // Every 2023 order lapses by the end of 2026 (nobody is ever apprehended).
  const double issued_2023 = result.counters.sum(index_of(Metric::oqtf_issued), 0, 12);
  REQUIRE(result.cohorts.sum(index_of(Outcome::expired), 0, 12) == issued_2023);
}

TEST_CASE("reviews follow the schedule in force at admission", "[model][reviews]") {
  Scenario scenario = judge_only_scenario();
  parameters_of(scenario).detention_reviews =
      Timeline<ReviewSchedule>({{0.0, ReviewSchedule{{5.0, 1.0}}},
                                {day(scenario, {2020, 7, 1}), ReviewSchedule{{20.0, 1.0}}}});
  const RunResult result = simulate(scenario, 5, 0);
  // January has no exit: the first orders are enforceable after their 30-day period.
  for (int month = 1; month < result.months; ++month) {
    const double exits = in_month(result, Metric::detention_exits, month);
    const double days = in_month(result, Metric::detention_days, month);
    REQUIRE(exits > 0);
    REQUIRE(in_month(result, Metric::released_by_judge, month) == exits);
    if (month < 6) {
      REQUIRE(days == Approx(5.0 * exits));
    } else if (month > 6) {
      REQUIRE(days == Approx(20.0 * exits));
    }
  }
}

TEST_CASE("reviews on or after the maximum are ignored; the term ends the spell",
          "[model][reviews]") {
  Scenario scenario = judge_only_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.detention_max_days = 45.0;
  p.detention_reviews = ReviewSchedule{{45.0, 1.0}, {60.0, 1.0}};
  const RunResult result = simulate(scenario, 5, 1);
  REQUIRE(total(result, Metric::released_by_judge) == 0);
  REQUIRE(total(result, Metric::released_end_of_term) > 0);
  REQUIRE(total(result, Metric::detention_days) ==
          Approx(45.0 * total(result, Metric::detention_exits)));
}

TEST_CASE("the LPC monthly cap holds and binds", "[model][caps]") {
  Scenario scenario = small_scenario();
  parameters_of(scenario).lpc_issue_probability = 1.0;
  scenario.countries[0].lpc_monthly_capacity = 5.0;
  const RunResult result = simulate(scenario, 9, 0);
  bool binding = false;
  for (int month = 0; month < result.months; ++month) {
    const double issued = in_month(result, Metric::lpc_issued, month);
    REQUIRE(issued <= 5.0);
    binding = binding || issued == 5.0;
  }
  REQUIRE(binding);
}

TEST_CASE("weekly seats cap boardings", "[model][caps]") {
  Scenario scenario = small_scenario();
  scenario.countries[0].seats_per_week = 0.0;
  REQUIRE(total(simulate(scenario, 4, 0), Metric::removals) == 0);
  scenario.countries[0].seats_per_week = 1.0;
  const RunResult capped = simulate(scenario, 4, 0);
  for (int month = 0; month < capped.months; ++month) {
    // At most five 7-day blocks touch a month.
    REQUIRE(in_month(capped, Metric::removals, month) +
                in_month(capped, Metric::boarding_failures, month) <=
            5.0);
  }
  REQUIRE(total(capped, Metric::removals) > 0);
}

TEST_CASE("the priority reserve keeps places for priority profiles", "[model][reserve]") {
  Scenario scenario = small_scenario();
  Profile priority = scenario.countries[0].profiles[0];
  priority.name = "public_order";
  priority.priority = true;
  priority.share = 0.5;
  scenario.countries[0].profiles[0].share = 0.5;
  scenario.countries[0].profiles.push_back(priority);
  scenario.detention_capacity = 10.0;
  scenario.detention_priority_reserve = 10.0;
  const RunResult result = simulate(scenario, 6, 0);
  const auto entries = index_of(Metric::detention_entries);
  const auto months = static_cast<std::size_t>(result.months);
  REQUIRE(result.counters.sum(0 * kMetricCount + entries, 0, months) == 0);
  REQUIRE(result.counters.sum(1 * kMetricCount + entries, 0, months) > 0);
  REQUIRE(result.counters.sum(0 * kMetricCount + index_of(Metric::apprehended_no_place), 0,
                              months) > 0);
}

TEST_CASE("the redetention gap separates spells", "[model][gap]") {
  Scenario scenario = judge_only_scenario();
  scenario.end = {2020, 4, 9}; // 100 days
  scenario.countries[0].oqtf_per_year = 0.0;
  scenario.countries[0].initial_at_large = 1;
  CaseParameters &p = parameters_of(scenario);
  p.apprehension_rate_per_year = 1e7; // found at once when detainable
  p.detention_reviews = ReviewSchedule{{1.0, 1.0}};
  p.redetention_gap_days = 9.0;
  const RunResult result = simulate(scenario, 8, 0);
  // Spells start at about 0, 10, 20, ..., 90.
  REQUIRE(total(result, Metric::detention_entries) == 10);
  REQUIRE(total(result, Metric::oqtf_issued) == 0);
  p.redetention_gap_days = 0.0;
  REQUIRE(total(simulate(scenario, 8, 0), Metric::detention_entries) == 100);
}

TEST_CASE("an LPC issued after the release is counted but wasted", "[model][lpc]") {
  Scenario scenario = judge_only_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.lpc_issue_probability = 1.0;
  p.lpc_delay = Distribution::fixed(50.0);
  p.detention_reviews = ReviewSchedule{{10.0, 1.0}};
  const RunResult result = simulate(scenario, 3, 0);
  REQUIRE(total(result, Metric::lpc_issued) > 0);
  REQUIRE(total(result, Metric::lpc_issued_in_time) == 0);
  REQUIRE(total(result, Metric::removals) == 0);
  REQUIRE(total(result, Metric::lpc_delay_days) ==
          Approx(50.0 * total(result, Metric::lpc_issued)));
}

TEST_CASE("an LPC that lapses before the flight is requested again", "[model][lpc]") {
  Scenario scenario = judge_only_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.lpc_issue_probability = 1.0;
  p.lpc_delay = Distribution::fixed(3.0);
  p.lpc_validity_days = 1.0;
  p.booking_delay = Distribution::fixed(5.0);
  p.detention_reviews = ReviewSchedule{{30.0, 1.0}};
  const RunResult result = simulate(scenario, 3, 0);
  REQUIRE(total(result, Metric::removals) == 0);
  REQUIRE(total(result, Metric::lpc_lapsed) > 0);
  // Each spell of 30 days: a request at 0, issued at 3, lapses at 4, requested again...
  REQUIRE(total(result, Metric::lpc_requested) > 5 * total(result, Metric::detention_entries));
}

TEST_CASE("arrivals follow the yearly rate and the monthly factors", "[model][arrivals]") {
  Scenario scenario = small_scenario();
  scenario.countries[0].oqtf_per_year = 20000.0;
  const RunResult flat = simulate(scenario, 1, 0);
  const double issued = total(flat, Metric::oqtf_issued);
  // Poisson count with mean 40,000: five standard deviations.
  REQUIRE(std::abs(issued - 40000.0) < 5.0 * std::sqrt(40000.0));
  scenario.countries[0].monthly_factors = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const RunResult march = simulate(scenario, 1, 0);
  for (int month = 0; month < march.months; ++month) {
    const bool is_march = month % 12 == 2;
    REQUIRE((in_month(march, Metric::oqtf_issued, month) > 0) == is_march);
  }
}

TEST_CASE("results before the warm-up are discarded", "[model][warmup]") {
  Scenario scenario = small_scenario();
  scenario.warmup_until = {2021, 1, 1};
  const RunResult result = simulate(scenario, 1, 0);
  REQUIRE(result.first_reported_month == 12);
  for (int month = 0; month < 12; ++month) {
    REQUIRE(in_month(result, Metric::oqtf_issued, month) == 0);
    REQUIRE(result.national.at(static_cast<std::size_t>(month), 0) == 0);
  }
  REQUIRE(in_month(result, Metric::oqtf_issued, 12) > 0);
}

TEST_CASE("orders detained at issuance skip the departure period and the appeal",
          "[model][issuance]") {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.detained_at_issuance_share = 1.0;
  p.appeal_share = 1.0;
  p.appeal_annulment_share = 1.0;
  p.apprehension_rate_per_year = 0.0; // one spell per case
  const RunResult result = simulate(scenario, 1, 0);
  REQUIRE(total(result, Metric::annulments) == 0);
  REQUIRE(in_month(result, Metric::detention_entries, 0) ==
          in_month(result, Metric::oqtf_issued, 0));
}

TEST_CASE("with no chance of boarding, a failed boarding is not rebooked", "[model][flights]") {
  Scenario scenario = small_scenario();
  CaseParameters &p = parameters_of(scenario);
  p.booking_delay = Distribution::fixed(0.0);
  p.boarding_success = 0.0;
  p.document_share = 1.0;
  const RunResult result = simulate(scenario, 2, 0); // must terminate
  REQUIRE(total(result, Metric::removals) == 0);
  // One failed boarding per spell that reached its flight, never more.
  REQUIRE(total(result, Metric::boarding_failures) > 0);
  REQUIRE(total(result, Metric::boarding_failures) <= total(result, Metric::detention_entries));
}
