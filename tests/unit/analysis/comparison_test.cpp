#include "removalsim/analysis/comparison.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/engine/interval.h"
#include "removalsim/model/metrics.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace removalsim;
using namespace removalsim::analysis;
using engine::Date;
using engine::Period;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Two countries (AA, BB), 2023-01-01 to 2024-12-31, reporting from 2023-07-01.
model::Scenario calendar_scenario() {
  model::Scenario scenario;
  scenario.start = {2023, 1, 1};
  scenario.end = {2024, 12, 31};
  scenario.warmup_until = {2023, 7, 1};
  for (const char *code : {"AA", "BB"}) {
    model::Country country;
    country.code = code;
    scenario.countries.push_back(country);
  }
  return scenario;
}

/// A hand-built result of calendar_scenario(): country c removes (c + 1) × (month + 1) cases in
/// month `month` (0 = January 2023), and issues 100 orders every month.
model::RunResult hand_built_result(double scale = 1.0) {
  model::RunResult result;
  result.months = 24;
  result.first_reported_month = 6;
  result.start = {2023, 1, 1};
  result.month_days.assign(24, 30.0);
  result.groups = {{0, 0}, {1, 0}};
  result.counters = engine::CounterTable(24, 2 * model::kMetricCount);
  result.cohorts = engine::CounterTable(24, 2 * model::kOutcomeCount);
  result.national = engine::CounterTable(24, model::kNationalMetricCount);
  for (std::size_t g = 0; g < 2; ++g) {
    for (std::size_t month = 0; month < 24; ++month) {
      const std::size_t base = g * model::kMetricCount;
      result.counters.add(month, base + model::index_of(model::Metric::removals),
                          scale * static_cast<double>((g + 1) * (month + 1)));
      result.counters.add(month, base + model::index_of(model::Metric::oqtf_issued), 100.0);
    }
  }
  return result;
}

Observable removals(const char *country, Period period, std::optional<Period> base = std::nullopt) {
  return Observable{"removals", {country}, period, base};
}

} // namespace

TEST_CASE("observe reads a metric over a country or the nation and a period",
          "[analysis][comparison]") {
  const auto scenario = calendar_scenario();
  const auto result = hand_built_result();
  // 2024 is months 12..23: AA removes 13 + ... + 24 = 222, BB twice that.
  const Period year{Date{2024, 1, 1}, Date{2024, 12, 1}};
  REQUIRE(observe(result, bind(removals("AA", year), scenario)) == 222.0);
  REQUIRE(observe(result, bind(removals("BB", year), scenario)) == 444.0);
  REQUIRE(observe(result, bind(removals("ALL", year), scenario)) == 666.0);
  REQUIRE(observe(result, bind(removals("FR", year), scenario)) == 666.0);
  // 2024-Q4: months 21..23 → 22 + 23 + 24 = 69 for AA.
  REQUIRE(observe(result, bind(removals("AA", {Date{2024, 10, 1}, Date{2024, 12, 1}}), scenario)) ==
          69.0);
  // A derived metric: AA's execution ratio in 2024 = 222 / 1200.
  REQUIRE(observe(result, bind(Observable{"execution_ratio", {"AA"}, year, std::nullopt},
                               scenario)) == Approx(222.0 / 1200.0));
}

TEST_CASE("observe divides a ratio target's two periods", "[analysis][comparison]") {
  const auto scenario = calendar_scenario();
  const auto result = hand_built_result();
  // January-February 2024 (months 12, 13: 13 + 14 = 27) over January-February 2023 is outside
  // the reported months; over July-August 2023 (months 6, 7: 7 + 8 = 15) it is 27 / 15.
  const Period janfeb2024{Date{2024, 1, 1}, Date{2024, 2, 1}};
  const auto bound =
      bind(removals("AA", janfeb2024, Period{Date{2023, 7, 1}, Date{2023, 8, 1}}), scenario);
  REQUIRE(bound.in_reported_months);
  REQUIRE(observe(result, bound) == Approx(27.0 / 15.0));
  // National: the sums are divided, not the countries' ratios averaged (same here: BB = 2 × AA).
  REQUIRE(
      observe(result, bind(removals("ALL", janfeb2024, Period{Date{2023, 7, 1}, Date{2023, 8, 1}}),
                           scenario)) == Approx(81.0 / 45.0));
}

TEST_CASE("observe is NaN outside the reported months", "[analysis][comparison]") {
  const auto scenario = calendar_scenario();
  const auto result = hand_built_result();
  const auto warmup = bind(removals("AA", Period{Date{2023, 6, 1}, Date{2023, 7, 1}}), scenario);
  REQUIRE_FALSE(warmup.in_reported_months);
  REQUIRE(std::isnan(observe(result, warmup)));
  const auto after = bind(removals("AA", Period{Date{2025, 1, 1}, Date{2025, 1, 1}}), scenario);
  REQUIRE_FALSE(after.in_reported_months);
  const auto base_in_warmup = bind(removals("AA", Period{Date{2024, 1, 1}, Date{2024, 2, 1}},
                                            Period{Date{2023, 1, 1}, Date{2023, 2, 1}}),
                                   scenario);
  REQUIRE_FALSE(base_in_warmup.in_reported_months);
  REQUIRE(bind(removals("AA", Period{Date{2023, 7, 1}, Date{2024, 12, 1}}), scenario)
              .in_reported_months);
}

TEST_CASE("bind refuses unknown metrics and countries", "[analysis][comparison]") {
  const auto scenario = calendar_scenario();
  const Period year{Date{2024, 1, 1}, Date{2024, 12, 1}};
  REQUIRE_THROWS_AS(bind(Observable{"removal", {"AA"}, year, std::nullopt}, scenario),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(bind(removals("MA", year), scenario), std::invalid_argument);
}

TEST_CASE("compare_target: mean, Student-t interval, relative error, inside",
          "[analysis][comparison]") {
  const std::vector<double> values{10.0, 12.0, 14.0, 16.0};
  const auto expected = engine::student_t_interval(values);
  const auto inside = compare_target(values, 12.0);
  REQUIRE(inside.interval.mean == 13.0);
  REQUIRE(inside.interval.low == expected.low);
  REQUIRE(inside.interval.high == expected.high);
  REQUIRE(inside.relative_error == Approx(1.0 / 12.0));
  REQUIRE(inside.inside);
  REQUIRE(inside.values == values);
  const auto outside = compare_target(values, 20.0);
  REQUIRE_FALSE(outside.inside);
  REQUIRE(outside.relative_error == Approx(-0.35));
  // Undefined replications are left out of the interval, not counted as zeros.
  const auto partial = compare_target(std::vector<double>{10.0, kNaN, 14.0}, 12.0);
  REQUIRE(partial.interval.n == 2);
  REQUIRE(partial.interval.mean == 12.0);
  // A reported 0 has no relative error; an unsimulated target has no interval.
  REQUIRE(std::isnan(compare_target(values, 0.0).relative_error));
  const auto unsimulated = compare_target(std::vector<double>{kNaN, kNaN}, 5.0, false);
  REQUIRE_FALSE(unsimulated.simulated);
  REQUIRE_FALSE(unsimulated.inside);
  REQUIRE(std::isnan(unsimulated.interval.mean));
}

TEST_CASE("compare_targets reads every replication, ratios replication by replication",
          "[analysis][comparison]") {
  const auto scenario = calendar_scenario();
  // Replication r scales AA's and BB's removals by (r + 1): the ratio of two periods is the same
  // in every replication, the counts are not.
  const std::vector<model::RunResult> results{hand_built_result(1.0), hand_built_result(2.0),
                                              hand_built_result(3.0)};
  const Period year{Date{2024, 1, 1}, Date{2024, 12, 1}};
  const Period h2_2023{Date{2023, 7, 1}, Date{2023, 12, 1}}; // AA: 7 + ... + 12 = 57
  const auto comparisons =
      compare_targets(scenario, results, {removals("AA", year), removals("AA", year, h2_2023)},
                      {444.0, 222.0 / 57.0});
  REQUIRE(comparisons.size() == 2);
  REQUIRE(comparisons[0].values == std::vector<double>{222.0, 444.0, 666.0});
  REQUIRE(comparisons[0].interval.mean == 444.0);
  REQUIRE(comparisons[0].inside);
  REQUIRE(comparisons[0].relative_error == 0.0);
  for (const double ratio : comparisons[1].values) {
    REQUIRE(ratio == Approx(222.0 / 57.0));
  }
  REQUIRE(comparisons[1].interval.half_width() == Approx(0.0).margin(1e-12));
  REQUIRE_THROWS_AS(compare_targets(scenario, results, {removals("AA", year)}, {}),
                    std::invalid_argument);
}

TEST_CASE("compare_targets on simulated replications", "[analysis][comparison]") {
  model::Scenario scenario;
  scenario.start = {2023, 1, 1};
  scenario.end = {2023, 12, 31};
  scenario.warmup_until = scenario.start;
  model::Country country;
  country.code = "AA";
  country.oqtf_per_year = 2000.0;
  auto &p = country.profiles.front().parameters;
  p.no_delay_share = 1.0;
  p.apprehension_rate_per_year = 3.0;
  p.lpc_issue_probability = 0.5;
  p.lpc_delay = model::Distribution::exponential(10.0);
  scenario.countries.push_back(country);
  std::vector<model::RunResult> results;
  for (std::uint64_t r = 0; r < 8; ++r) {
    results.push_back(model::simulate(scenario, 5, r));
  }
  const Period year{Date{2023, 1, 1}, Date{2023, 12, 1}};
  const Observable orders{"oqtf_issued", {"AA"}, year, std::nullopt};
  const Observable rate{"lpc_issue_rate", {"ALL"}, year, std::nullopt};
  const auto comparisons = compare_targets(scenario, results, {orders, rate}, {2000.0, 0.5});
  for (std::size_t r = 0; r < results.size(); ++r) {
    REQUIRE(comparisons[0].values[r] ==
            evaluate_metric(results[r], "oqtf_issued", Selection{{0u}, 0, 12}));
  }
  // Poisson arrivals with mean 2000: inside the interval (seed fixed, so deterministic). The LPC
  // rate of the year is a little below 0.5 (requests of late December are issued next year).
  REQUIRE(comparisons[0].inside);
  REQUIRE(std::abs(comparisons[0].relative_error) < 0.05);
  REQUIRE(comparisons[1].interval.mean < 0.5);
  REQUIRE(comparisons[1].relative_error > -0.1);
}

namespace {

/// Three countries (AA, BB, CC) over 2024, every month reported.
model::Scenario three_countries() {
  model::Scenario scenario;
  scenario.start = {2024, 1, 1};
  scenario.end = {2024, 12, 31};
  scenario.warmup_until = scenario.start;
  for (const char *code : {"AA", "BB", "CC"}) {
    model::Country country;
    country.code = code;
    scenario.countries.push_back(country);
  }
  return scenario;
}

/// A result of three_countries() where, in January 2024, AA removes 10 of 100 orders (0.1), BB
/// 30 of 50 (0.6) and CC 1000 of 1000 (1.0); nothing happens in the other months.
model::RunResult three_country_result() {
  model::RunResult result;
  result.months = 12;
  result.first_reported_month = 0;
  result.start = {2024, 1, 1};
  result.month_days.assign(12, 30.0);
  result.groups = {{0, 0}, {1, 0}, {2, 0}};
  result.counters = engine::CounterTable(12, 3 * model::kMetricCount);
  result.cohorts = engine::CounterTable(12, 3 * model::kOutcomeCount);
  result.national = engine::CounterTable(12, model::kNationalMetricCount);
  const double removed[] = {10.0, 30.0, 1000.0};
  const double issued[] = {100.0, 50.0, 1000.0};
  for (std::size_t g = 0; g < 3; ++g) {
    const std::size_t base = g * model::kMetricCount;
    result.counters.add(0, base + model::index_of(model::Metric::removals), removed[g]);
    result.counters.add(0, base + model::index_of(model::Metric::oqtf_issued), issued[g]);
  }
  return result;
}

} // namespace

TEST_CASE("a set of countries sums its counters before a derived metric is computed",
          "[analysis][comparison]") {
  const auto scenario = three_countries();
  const auto result = three_country_result();
  const Period january{Date{2024, 1, 1}, Date{2024, 1, 1}};
  const auto ratio_of = [&](std::vector<std::string> countries) {
    return observe(
        result,
        bind(Observable{"execution_ratio", std::move(countries), january, std::nullopt}, scenario));
  };
  // (10 + 30) / (100 + 50): not the mean of the ratios (0.35), nor their sum (0.7).
  CHECK(ratio_of({"AA", "BB"}) == 40.0 / 150.0);
  CHECK(ratio_of({"BB", "AA"}) == 40.0 / 150.0); // order does not matter
  CHECK(ratio_of({"AA", "BB", "CC"}) == 1040.0 / 1150.0);
  CHECK(ratio_of({"AA", "BB", "CC"}) == ratio_of({"ALL"}));
  CHECK(ratio_of({"AA", "CC"}) == 1010.0 / 1100.0);
  CHECK(observe(result, bind(Observable{"removals", {"CC", "AA"}, january, std::nullopt},
                             scenario)) == 1010.0);
  // The same through a Selection of indices.
  CHECK(evaluate_metric(result, "execution_ratio", Selection{{0u, 1u}, 0, 1}) == 40.0 / 150.0);
  CHECK(evaluate_metric(result, "execution_ratio", Selection{{1u}, 0, 1}) == 0.6);
  // The bound selection holds the sorted indices.
  const auto bound = bind(Observable{"removals", {"CC", "AA"}, january, std::nullopt}, scenario);
  CHECK(bound.selection.countries == std::vector<std::uint32_t>{0u, 2u});
}

TEST_CASE("bind refuses an empty set, a repeated country and the nation inside a set",
          "[analysis][comparison]") {
  const auto scenario = three_countries();
  const Period year{Date{2024, 1, 1}, Date{2024, 12, 1}};
  REQUIRE_THROWS_AS(bind(Observable{"removals", {}, year, std::nullopt}, scenario),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(bind(Observable{"removals", {"AA", "AA"}, year, std::nullopt}, scenario),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(bind(Observable{"removals", {"AA", "ALL"}, year, std::nullopt}, scenario),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(bind(Observable{"removals", {"AA", "MA"}, year, std::nullopt}, scenario),
                    std::invalid_argument);
}

TEST_CASE("compare_target: within tolerance is |mean - reported| <= tolerance x reported",
          "[analysis][comparison]") {
  const std::vector<double> values{10.0, 14.0}; // mean 12
  // Reported 8, tolerance 0.5: |12 - 8| = 4 = 0.5 x 8, the bound itself is within.
  const auto at_bound = compare_target(values, 8.0, true, 0.5);
  CHECK(at_bound.tolerance == 0.5);
  CHECK(at_bound.within_tolerance);
  CHECK_FALSE(compare_target(values, 8.0, true, 0.25).within_tolerance); // 4 > 2
  // Within tolerance does not need the reported value inside the interval, nor the reverse.
  const auto near = compare_target(std::vector<double>{12.0, 12.0}, 12.5, true, 0.05);
  CHECK(near.within_tolerance);
  CHECK_FALSE(near.inside);
  const auto wide = compare_target(std::vector<double>{0.0, 30.0}, 10.0, true, 0.10);
  CHECK(wide.inside);
  CHECK_FALSE(wide.within_tolerance);
  // No tolerance, an undefined mean or an unsimulated target: never within.
  CHECK(std::isnan(compare_target(values, 12.0).tolerance));
  CHECK_FALSE(compare_target(values, 12.0).within_tolerance);
  CHECK_FALSE(compare_target(std::vector<double>{kNaN, kNaN}, 5.0, true, 1.0).within_tolerance);
  CHECK_FALSE(compare_target(std::vector<double>{5.0, 5.0}, 5.0, false, 1.0).within_tolerance);
}

TEST_CASE("compare_targets passes each target's tolerance", "[analysis][comparison]") {
  const auto scenario = calendar_scenario();
  const std::vector<model::RunResult> results{hand_built_result(1.0), hand_built_result(1.0)};
  const Period year{Date{2024, 1, 1}, Date{2024, 12, 1}};
  // AA removes 222 in 2024: within 10 % of 210 (12 <= 21), not within 5 % (12 > 10.5).
  const auto comparisons =
      compare_targets(scenario, results, {removals("AA", year), removals("AA", year)},
                      {210.0, 210.0}, {0.10, 0.05});
  CHECK(comparisons[0].within_tolerance);
  CHECK(comparisons[0].tolerance == 0.10);
  CHECK_FALSE(comparisons[1].within_tolerance);
  REQUIRE_THROWS_AS(compare_targets(scenario, results, {removals("AA", year)}, {210.0}, {0.1, 0.2}),
                    std::invalid_argument);
}
