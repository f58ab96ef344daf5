#include "removalsim/analysis/sensitivity/bootstrap.h"
#include "removalsim/analysis/sensitivity/index_table.h"
#include "removalsim/analysis/sensitivity/replication_noise.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

using namespace removalsim::analysis::sensitivity;

TEST_CASE("quantiles interpolate linearly as numpy's default does", "[sensitivity][bootstrap]") {
  const std::vector<double> values{4.0, 1.0, 3.0, 2.0};
  REQUIRE(quantile(values, 0.0) == 1.0);
  REQUIRE(quantile(values, 1.0) == 4.0);
  REQUIRE(quantile(values, 0.5) == 2.5);
  REQUIRE(quantile(values, 0.25) == Approx(1.75));
  REQUIRE(quantile({std::nan(""), 2.0}, 0.5) == 2.0);
  REQUIRE(std::isnan(quantile({}, 0.5)));
}

TEST_CASE("bootstrap intervals of a mean: fixed by the seed, about the normal width",
          "[sensitivity][bootstrap]") {
  std::vector<double> data;
  for (int i = 0; i < 400; ++i) {
    data.push_back(static_cast<double>(i % 20));
  }
  auto mean = [&](std::span<const std::size_t> rows) {
    double sum = 0.0;
    for (const auto r : rows) {
      sum += data[r];
    }
    return std::vector<double>{sum / static_cast<double>(rows.size())};
  };
  const auto first = bootstrap(data.size(), mean, {2000, 0.95, 1})[0];
  const auto again = bootstrap(data.size(), mean, {2000, 0.95, 1})[0];
  const auto other = bootstrap(data.size(), mean, {2000, 0.95, 2})[0];
  REQUIRE(first.value == 9.5);
  REQUIRE(first.ci_low == again.ci_low);
  REQUIRE(first.ci_high == again.ci_high);
  REQUIRE(first.ci_low != other.ci_low);
  // sd of the data sqrt(399/12 * ...) = 5.77; the standard error 5.77/20 = 0.289; 95 %: ±0.566.
  REQUIRE(first.ci_high - first.ci_low == Approx(2 * 1.96 * 5.766 / 20.0).epsilon(0.1));
  REQUIRE(first.ci_low < 9.5);
  REQUIRE(first.ci_high > 9.5);
  const auto none = bootstrap(data.size(), mean, {0, 0.95, 1})[0];
  REQUIRE(none.value == 9.5);
  REQUIRE(std::isnan(none.ci_low));
  REQUIRE_THROWS_AS(bootstrap(0, mean, {}), std::invalid_argument);
  REQUIRE_THROWS_AS(bootstrap(3, mean, {10, 1.0, 1}), std::invalid_argument);
}

TEST_CASE("replication noise: point means, within-point variance over R, share",
          "[sensitivity][noise]") {
  // Two points of R = 2: means 1 and 5 (variance 8); within variances 2 and 2, so s^2/R = 1.
  const auto noise = replication_noise({{0.0, 2.0}, {4.0, 6.0}});
  REQUIRE(noise.point_means == std::vector<double>{1.0, 5.0});
  REQUIRE(noise.between_variance == 8.0);
  REQUIRE(noise.noise_variance == 1.0);
  REQUIRE(noise.noise_share == 0.125);
  REQUIRE(noise.non_finite == 0);
  const auto single = replication_noise({{1.0}, {2.0}});
  REQUIRE(std::isnan(single.noise_share));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto holes = replication_noise({{nan, 2.0, 4.0}, {4.0, 6.0, nan}});
  REQUIRE(holes.point_means == std::vector<double>{3.0, 5.0});
  REQUIRE(holes.non_finite == 2);
}

TEST_CASE("sensitivity.csv lists each factor's indices", "[sensitivity][output]") {
  const std::vector<Factor> factors{{"lpc, MA", 0.0, 1.0}, {"seats", 0.0, 1.0}};
  SobolIndices indices;
  indices.first_order = {{0.5, 0.4, 0.6}, {0.25, 0.2, 0.3}};
  indices.total = {{0.75, 0.7, 0.8}, {0.5, 0.4, 0.6}};
  indices.second_order = {{{}, {0.125, 0.0, 0.25}}, {{}, {}}};
  std::ostringstream csv;
  write_sensitivity_csv(csv, index_rows(factors, indices));
  REQUIRE(csv.str() == "parameter,index,value,ci_low,ci_high\n"
                       "\"lpc, MA\",S1,0.5,0.4,0.6\n"
                       "\"lpc, MA\",ST,0.75,0.7,0.8\n"
                       "\"lpc, MA\",S2:seats,0.125,0,0.25\n"
                       "seats,S1,0.25,0.2,0.3\n"
                       "seats,ST,0.5,0.4,0.6\n"
                       "seats,\"S2:lpc, MA\",0.125,0,0.25\n");
  const auto order = rank_by(factors, index_rows(factors, indices), "ST");
  REQUIRE(order == std::vector<std::size_t>{0, 1});

  std::vector<MorrisFactor> measures(2);
  measures[0].mu = -1.5;
  measures[0].mu_star = {2.0, 1.0, 3.0};
  measures[0].sigma = 0.5;
  measures[1].mu_star = {4.0, 3.0, 5.0};
  std::ostringstream morris;
  const auto rows = index_rows(factors, measures);
  write_sensitivity_csv(morris, rows);
  REQUIRE(morris.str() == "parameter,index,value,ci_low,ci_high\n"
                          "\"lpc, MA\",mu,-1.5,NA,NA\n"
                          "\"lpc, MA\",mu_star,2,1,3\n"
                          "\"lpc, MA\",sigma,0.5,NA,NA\n"
                          "seats,mu,0,NA,NA\n"
                          "seats,mu_star,4,3,5\n"
                          "seats,sigma,0,NA,NA\n");
  REQUIRE(rank_by(factors, rows, "mu_star") == std::vector<std::size_t>{1, 0});
}
