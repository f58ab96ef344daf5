#include "removalsim/analysis/paired_difference.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

using namespace removalsim;
using namespace removalsim::analysis;

namespace {

/// One country, one year, a detention estate that fills up: removals depend on every random
/// stream (arrivals, apprehensions, LPCs, judges).
model::Scenario small_scenario(double issue_probability) {
  model::Scenario scenario;
  scenario.start = {2023, 1, 1};
  scenario.end = {2023, 12, 31};
  scenario.warmup_until = scenario.start;
  scenario.detention_capacity = 40.0;
  for (const char *code : {"AA", "BB"}) {
    model::Country country;
    country.code = code;
    country.oqtf_per_year = 1500.0;
    auto &p = country.profiles.front().parameters;
    p.no_delay_share = 0.5;
    p.apprehension_rate_per_year = 2.0;
    p.document_share = 0.3;
    p.lpc_issue_probability = issue_probability;
    p.lpc_delay = model::Distribution::exponential(15.0);
    p.booking_delay = model::Distribution::exponential(4.0);
    p.detention_reviews = model::ReviewSchedule{{2.0, 0.2}, {30.0, 0.3}};
    scenario.countries.push_back(country);
  }
  return scenario;
}

std::vector<model::RunResult> run(const model::Scenario &scenario, std::uint64_t seed,
                                  std::size_t replications) {
  std::vector<model::RunResult> results;
  for (std::size_t r = 0; r < replications; ++r) {
    results.push_back(model::simulate(scenario, seed, r));
  }
  return results;
}

const PairedDifferenceRow &row(const std::vector<PairedDifferenceRow> &rows,
                               const std::string &country, const std::string &metric) {
  for (const auto &candidate : rows) {
    if (candidate.country == country && candidate.metric == metric) {
      return candidate;
    }
  }
  throw std::logic_error("no row " + country + " " + metric);
}

} // namespace

TEST_CASE("paired_difference: mean and interval of whatif - base, replication by replication",
          "[analysis][diff]") {
  const std::vector<double> base{10.0, 20.0, 30.0, 40.0};
  const std::vector<double> whatif{12.0, 21.0, 33.0, 42.0}; // differences 2, 1, 3, 2
  const auto difference = paired_difference(base, whatif);
  const auto expected = engine::student_t_interval(std::vector<double>{2.0, 1.0, 3.0, 2.0});
  REQUIRE(difference.mean == 2.0);
  REQUIRE(difference.low == expected.low);
  REQUIRE(difference.high == expected.high);
  // Replications where either value is undefined are left out.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  REQUIRE(
      paired_difference(std::vector<double>{1.0, nan, 3.0}, std::vector<double>{2.0, 5.0, nan}).n ==
      1);
  REQUIRE_THROWS_AS(paired_difference(base, std::vector<double>{1.0}), std::invalid_argument);
}

TEST_CASE("paired_differences of a scenario with itself are exactly 0", "[analysis][diff]") {
  const auto scenario = small_scenario(0.5);
  const auto results = run(scenario, 3, 5);
  const auto rows = paired_differences(scenario, results, scenario, run(scenario, 3, 5),
                                       {"removals", "execution_ratio", "detention_entries"});
  REQUIRE(rows.size() == 3 * 3); // one year × (AA, BB, ALL) × 3 metrics
  for (const auto &r : rows) {
    INFO(r.country << ' ' << r.metric);
    REQUIRE(r.difference.mean == 0.0);
    REQUIRE(r.difference.low == 0.0);
    REQUIRE(r.difference.high == 0.0);
    REQUIRE(r.base.mean == r.whatif.mean);
  }
  std::ostringstream csv;
  write_paired_differences_csv(csv, rows);
  REQUIRE(csv.str().rfind("period,country,metric,base_mean,whatif_mean,diff_mean,ci_low,ci_high\n"
                          "2023,AA,removals,",
                          0) == 0);
  REQUIRE(csv.str().find(",0,0,0\n") != std::string::npos);
}

TEST_CASE("common random numbers narrow the interval of a difference", "[analysis][diff]") {
  // The what-if raises the LPC issue probability from 0.5 to 0.6. With common random numbers
  // replication r of both scenarios uses the streams of (seed, r); the independent version runs
  // the what-if with another seed. Both estimate the same effect; the paired one far more
  // precisely, because the noise the two runs share cancels in each difference.
  constexpr std::size_t kReplications = 20;
  const auto base = small_scenario(0.5);
  const auto whatif = small_scenario(0.6);
  const auto base_results = run(base, 7, kReplications);
  const std::vector<std::string> metrics{"removals"};
  const auto common =
      paired_differences(base, base_results, whatif, run(whatif, 7, kReplications), metrics);
  const auto independent =
      paired_differences(base, base_results, whatif, run(whatif, 1007, kReplications), metrics);
  for (const char *country : {"AA", "BB", "ALL"}) {
    INFO(country);
    const auto &crn = row(common, country, "removals").difference;
    const auto &apart = row(independent, country, "removals").difference;
    CAPTURE(crn.mean, crn.half_width(), apart.mean, apart.half_width());
    REQUIRE(crn.mean > 0.0); // more LPCs, more removals
    REQUIRE(crn.half_width() < apart.half_width());
  }
}

TEST_CASE("paired_differences refuses scenarios that cannot be paired", "[analysis][diff]") {
  const auto scenario = small_scenario(0.5);
  const auto results = run(scenario, 1, 2);
  auto later = scenario;
  later.end = {2024, 12, 31};
  REQUIRE_THROWS_AS(paired_differences(scenario, results, later, results, {"removals"}),
                    std::invalid_argument);
  auto renamed = scenario;
  renamed.countries[1].code = "CC";
  REQUIRE_THROWS_AS(paired_differences(scenario, results, renamed, results, {"removals"}),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(
      paired_differences(scenario, results, scenario, run(scenario, 1, 3), {"removals"}),
      std::invalid_argument);
}
