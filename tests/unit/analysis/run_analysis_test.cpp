#include "removalsim/analysis/batch.h"
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/analysis/summary.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

using namespace removalsim;
using namespace removalsim::analysis;

namespace {

/// Two countries, one year; the second has two profiles.
model::Scenario two_countries() {
  model::Scenario scenario;
  scenario.start = {2023, 1, 1};
  scenario.end = {2023, 12, 31};
  scenario.warmup_until = scenario.start;
  for (const char *code : {"AA", "BB"}) {
    model::Country country;
    country.code = code;
    country.oqtf_per_year = 3000.0;
    auto &p = country.profiles.front().parameters;
    p.no_delay_share = 1.0;
    p.apprehension_rate_per_year = 3.0;
    p.document_share = 0.5;
    p.lpc_issue_probability = 0.5;
    p.lpc_delay = model::Distribution::exponential(10.0);
    p.detention_reviews = model::ReviewSchedule{{30.0, 0.5}};
    scenario.countries.push_back(country);
  }
  model::Profile second = scenario.countries[1].profiles[0];
  second.name = "second";
  second.share = 0.5;
  scenario.countries[1].profiles[0].share = 0.5;
  scenario.countries[1].profiles.push_back(second);
  return scenario;
}

} // namespace

TEST_CASE("metrics sum counters over the selection and divide the sums", "[analysis][metrics]") {
  const auto scenario = two_countries();
  const auto result = model::simulate(scenario, 1, 0);
  const Selection aa{{0u}, 0, 12};
  const Selection bb{{1u}, 0, 12};
  const Selection all{{}, 0, 12};
  const double removals = evaluate_metric(result, "removals", all);
  REQUIRE(removals ==
          evaluate_metric(result, "removals", aa) + evaluate_metric(result, "removals", bb));
  REQUIRE(
      evaluate_metric(result, "execution_ratio", aa) ==
      Approx(evaluate_metric(result, "removals", aa) / evaluate_metric(result, "oqtf_issued", aa)));
  REQUIRE(evaluate_metric(result, "detention_share_of_detainees", aa) +
              evaluate_metric(result, "detention_share_of_detainees", bb) ==
          Approx(1.0));
  REQUIRE(evaluate_metric(result, "removals_all_types", all) ==
          removals + evaluate_metric(result, "voluntary_departures", all));
  double shares = 0.0;
  for (const auto outcome : model::kOutcomeNames) {
    shares += evaluate_metric(result, "cohort_" + std::string(outcome) + "_share", all);
  }
  REQUIRE(shares == Approx(1.0));
  // An empty selection has no denominator.
  REQUIRE(std::isnan(evaluate_metric(result, "execution_ratio", Selection{{0u}, 3, 3})));
  const auto several = evaluate_metrics(result, {"removals", "execution_ratio"}, aa);
  REQUIRE(several[0] == evaluate_metric(result, "removals", aa));
  REQUIRE(several[1] == evaluate_metric(result, "execution_ratio", aa));
}

TEST_CASE("the metric catalogue knows its names and refuses others", "[analysis][metrics]") {
  REQUIRE(is_metric("lpc_in_time_rate"));
  REQUIRE(is_metric("cohort_removal_rate"));
  REQUIRE_FALSE(is_metric("removal"));
  REQUIRE(metric_names().size() > model::kMetricCount + model::kOutcomeCount);
  REQUIRE(metric_definition("lpc_issue_rate") == "lpc_issued / lpc_requested");
  const auto result = model::simulate(two_countries(), 1, 0);
  REQUIRE_THROWS_AS(evaluate_metric(result, "removal", Selection{}), std::invalid_argument);
}

TEST_CASE("summaries give one row per year, country and metric", "[analysis][summary]") {
  const auto scenario = two_countries();
  std::vector<model::RunResult> results;
  for (std::size_t r = 0; r < 3; ++r) {
    results.push_back(model::simulate(scenario, 1, r));
  }
  REQUIRE(reported_years(scenario) == std::vector<int>{2023});
  REQUIRE(year_months(scenario, 2023) == std::pair{0, 12});
  const auto rows = summarise(scenario, results, {"removals", "execution_ratio"});
  REQUIRE(rows.size() == 3 * 2); // AA, BB, ALL × 2 metrics
  REQUIRE(rows[0].country == "AA");
  REQUIRE(rows[4].country == "ALL");
  REQUIRE(rows[4].metric == "removals");
  std::vector<double> samples;
  for (const auto &result : results) {
    samples.push_back(evaluate_metric(result, "removals", Selection{{}, 0, 12}));
  }
  REQUIRE(rows[4].interval.mean == engine::student_t_interval(samples).mean);
  REQUIRE(rows[4].interval.low < rows[4].interval.mean);
}

TEST_CASE("numbers are written in shortest round-trip form, NA for NaN", "[analysis][output]") {
  REQUIRE(format_number(12.0) == "12");
  REQUIRE(format_number(0.1) == "0.1");
  REQUIRE(format_number(std::numeric_limits<double>::quiet_NaN()) == "NA");
  REQUIRE(format_number(std::numeric_limits<double>::infinity()) == "Inf");
  REQUIRE(format_number(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("monthly.csv is tidy and quotes awkward names", "[analysis][output]") {
  auto scenario = two_countries();
  scenario.countries[1].profiles[1].name = "a, \"quoted\" name";
  const std::vector<model::RunResult> results{model::simulate(scenario, 1, 0)};
  std::ostringstream monthly;
  write_monthly_csv(monthly, scenario, results);
  const std::string text = monthly.str();
  REQUIRE(text.rfind("replication,month,country,profile,metric,value\n", 0) == 0);
  REQUIRE(text.find("0,2023-01,AA,ALL,oqtf_issued,") != std::string::npos);
  REQUIRE(text.find(",BB,\"a, \"\"quoted\"\" name\",oqtf_issued,") != std::string::npos);
  REQUIRE(text.find("0,2023-12,ALL,ALL,detention_occupancy,") != std::string::npos);
  // Zeros are written: every replication x month x (country, profile) x counter has its row.
  const auto rows = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) - 1;
  const std::size_t groups = 3; // AA's one profile, BB's two
  REQUIRE(rows ==
          results.size() * 12 * (groups * model::kMetricCount + model::kNationalMetricCount));
  REQUIRE(text.find(",0\n") != std::string::npos);
  std::ostringstream sparse;
  write_monthly_csv(sparse, scenario, results, true);
  REQUIRE(sparse.str().find(",0\n") == std::string::npos); // --sparse leaves zero counters out
  REQUIRE(sparse.str().size() < text.size());
  std::ostringstream summary;
  write_summary_csv(summary, summarise(scenario, results, {"execution_ratio"}));
  REQUIRE(
      summary.str() ==
      "period,country,metric,mean,ci_low,ci_high,n,unit\n2023,AA,execution_ratio," +
          format_number(evaluate_metric(results[0], "execution_ratio", Selection{{0u}, 0, 12})) +
          ",NA,NA,1,share\n2023,BB,execution_ratio," +
          format_number(evaluate_metric(results[0], "execution_ratio", Selection{{1u}, 0, 12})) +
          ",NA,NA,1,share\n2023,ALL,execution_ratio," +
          format_number(evaluate_metric(results[0], "execution_ratio", Selection{{}, 0, 12})) +
          ",NA,NA,1,share\n");
  // National quantities once, under ALL.
  const auto national = summarise(scenario, results, {"detention_occupancy", "removals"});
  REQUIRE(national.size() == 4);
  CHECK(national[0].metric == "removals");
  CHECK(national[1].metric == "removals");
  CHECK(national[2].country == "ALL");
  CHECK(national[2].metric == "detention_occupancy");
}

TEST_CASE("monthly.csv reports each detention centre beside the national quantities",
          "[analysis][output]") {
  auto scenario = two_countries();
  scenario.detention_capacity = 30.0;
  scenario.detention_centres = {{"north", 0.6, 0.5}, {"south, old", 0.4, 0.5}};
  const std::vector<model::RunResult> results{model::simulate(scenario, 2, 0)};
  std::ostringstream monthly;
  write_monthly_csv(monthly, scenario, results);
  const std::string text = monthly.str();
  REQUIRE(text.find("0,2023-06,ALL,ALL,detention_capacity,30\n") != std::string::npos);
  REQUIRE(text.find("0,2023-06,ALL,north,centre_capacity,18\n") != std::string::npos);
  REQUIRE(text.find("0,2023-06,ALL,\"south, old\",centre_capacity,12\n") != std::string::npos);
  REQUIRE(text.find("0,2023-06,ALL,north,centre_occupancy,") != std::string::npos);
  REQUIRE(text.find("0,2023-06,ALL,north,centre_peak,") != std::string::npos);
  // Without centres, no centre rows.
  scenario.detention_centres.clear();
  std::ostringstream pooled;
  write_monthly_csv(pooled, scenario, {model::simulate(scenario, 2, 0)});
  REQUIRE(pooled.str().find("centre_") == std::string::npos);
}

TEST_CASE("batches share random numbers across points and ignore the thread count",
          "[analysis][batch]") {
  const auto base = two_countries();
  const ScenarioFactory factory = [&](std::size_t point) {
    auto scenario = base;
    scenario.countries[0].profiles[0].parameters.lpc_issue_probability = 0.2 + 0.3 * point;
    return scenario;
  };
  const Measure measure = [](const model::RunResult &result) {
    return std::vector<double>{evaluate_metric(result, "removals", Selection{{0u}, 0, 12}),
                               evaluate_metric(result, "oqtf_issued", Selection{{0u}, 0, 12})};
  };
  ThreadExecutor one_thread(1);
  ThreadExecutor two_threads(2);
  const auto one = evaluate_batch(2, factory, 3, 5, one_thread, measure);
  const auto two = evaluate_batch(2, factory, 3, 5, two_threads, measure);
  REQUIRE(one == two);
  REQUIRE(one.size() == 2);
  REQUIRE(one[0].size() == 3);
  // Same streams at both points: the orders issued (drawn before any LPC) are identical.
  for (std::size_t r = 0; r < 3; ++r) {
    REQUIRE(one[0][r][1] == one[1][r][1]);
  }
  REQUIRE(one[1][0][0] > one[0][0][0]); // more LPCs, more removals
}
