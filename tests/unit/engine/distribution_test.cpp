#include "removalsim/engine/distribution.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using removalsim::engine::Distribution;
using removalsim::engine::RandomStream;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Sample mean and unbiased sample variance of `count` draws.
struct Moments {
  double mean = 0.0;
  double variance = 0.0;
  double min = kInf;
  double max = -kInf;
};

Moments sample_moments(const Distribution &law, std::size_t count, std::uint64_t purpose) {
  RandomStream stream(2024, 0, purpose);
  std::vector<double> draws(count);
  Moments m;
  double sum = 0.0;
  for (auto &x : draws) {
    x = law.sample(stream);
    sum += x;
    m.min = std::min(m.min, x);
    m.max = std::max(m.max, x);
  }
  m.mean = sum / static_cast<double>(count);
  double squares = 0.0;
  for (const double x : draws) {
    squares += (x - m.mean) * (x - m.mean);
  }
  m.variance = squares / static_cast<double>(count - 1);
  return m;
}

/// Checks the sample mean and variance of `count` draws against the law's own mean() and sd(),
/// each within five standard errors: sd/sqrt(n) for the mean and sd^2 sqrt((kurtosis - 1)/n)
/// for the variance, where `kurtosis` = E[(X - mean)^4] / sd^4 is the law's (non-excess) kurtosis.
void check_moments(const Distribution &law, double kurtosis, std::uint64_t purpose) {
  constexpr std::size_t kDraws = 200'000;
  const double n = static_cast<double>(kDraws);
  const Moments m = sample_moments(law, kDraws, purpose);
  const double variance = law.sd() * law.sd();
  CAPTURE(law.mean(), law.sd(), m.mean, m.variance);
  REQUIRE(m.mean == Approx(law.mean()).margin(5.0 * law.sd() / std::sqrt(n)));
  REQUIRE(m.variance == Approx(variance).margin(5.0 * variance * std::sqrt((kurtosis - 1.0) / n)));
}

/// Kurtosis of a log-normal law whose log has variance `sigma2`.
double lognormal_kurtosis(double sigma2) {
  return std::exp(4 * sigma2) + 2 * std::exp(3 * sigma2) + 3 * std::exp(2 * sigma2) - 3;
}

/// True when the next number of `stream` is the `index`-th (0-based) number of stream (1, 0, 0).
bool positioned_at(RandomStream stream, std::size_t index) {
  RandomStream reference(1, 0, 0);
  for (std::size_t i = 0; i < index; ++i) {
    reference();
  }
  return stream() == reference();
}

} // namespace

TEST_CASE("factories reject invalid parameters with std::invalid_argument",
          "[engine][distribution]") {
  CHECK_THROWS_AS(Distribution::fixed(kNaN), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::fixed(kInf), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::exponential(0.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::exponential(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::exponential(kNaN), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::exponential(kInf), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::uniform(2.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(kNaN, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(0.0, kNaN), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(0.0, kInf), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(-kInf, 0.0), std::invalid_argument);

  for (const auto factory : {&Distribution::lognormal, &Distribution::gamma}) {
    CHECK_THROWS_AS(factory(0.0, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(factory(-1.0, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(factory(kNaN, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(factory(kInf, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(factory(1.0, -0.5), std::invalid_argument);
    CHECK_THROWS_AS(factory(1.0, kNaN), std::invalid_argument);
    CHECK_THROWS_AS(factory(1.0, kInf), std::invalid_argument);
  }

  using Values = std::vector<double>;
  CHECK_THROWS_AS(Distribution::empirical(Values{}, Values{}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{1.0}, Values{1.0, 2.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{1.0, 2.0}, Values{1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{1.0, 2.0}, Values{0.0, 0.0}),
                  std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{1.0, 2.0}, Values{2.0, -1.0}),
                  std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{kNaN}, Values{1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{kInf}, Values{1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{1.0}, Values{kNaN}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical(Values{1.0}, Values{kInf}), std::invalid_argument);
}

TEST_CASE("boundary parameters are accepted", "[engine][distribution]") {
  CHECK_NOTHROW(Distribution::fixed(-2.0));
  CHECK_NOTHROW(Distribution::fixed(0.0));
  CHECK_NOTHROW(Distribution::uniform(3.0, 3.0));
  CHECK_NOTHROW(Distribution::uniform(-5.0, -4.0));
  CHECK_NOTHROW(Distribution::lognormal(1.0, 0.0));
  CHECK_NOTHROW(Distribution::gamma(1.0, 0.0));
  CHECK_NOTHROW(Distribution::empirical({5.0, 6.0}, {0.0, 0.1}));
}

TEST_CASE("parameters are kept as given, with exact mean and sd", "[engine][distribution]") {
  SECTION("default: fixed at 0") {
    const Distribution d;
    CHECK(d.kind() == Distribution::Kind::fixed);
    CHECK(d.mean() == 0.0);
    CHECK(d.sd() == 0.0);
    CHECK(d.is_degenerate());
  }
  SECTION("fixed") {
    const auto d = Distribution::fixed(2.5);
    CHECK(d.kind() == Distribution::Kind::fixed);
    CHECK(d.first() == 2.5);
    CHECK(d.second() == 0.0);
    CHECK(d.mean() == 2.5);
    CHECK(d.sd() == 0.0);
    CHECK(d.is_degenerate());
    CHECK(d.values().empty());
    CHECK(d.weights().empty());
  }
  SECTION("exponential") {
    const auto d = Distribution::exponential(4.0);
    CHECK(d.kind() == Distribution::Kind::exponential);
    CHECK(d.first() == 4.0);
    CHECK(d.second() == 0.0);
    CHECK(d.mean() == 4.0);
    CHECK(d.sd() == 4.0);
    CHECK_FALSE(d.is_degenerate());
  }
  SECTION("uniform") {
    const auto d = Distribution::uniform(2.0, 6.0);
    CHECK(d.kind() == Distribution::Kind::uniform);
    CHECK(d.first() == 2.0);
    CHECK(d.second() == 6.0);
    CHECK(d.mean() == 4.0);
    // (6 - 2) / sqrt(12) = 2 / sqrt(3).
    CHECK(d.sd() == Approx(1.1547005383792515).epsilon(1e-15));
    CHECK_FALSE(d.is_degenerate());
  }
  SECTION("lognormal") {
    const auto d = Distribution::lognormal(1.0, 2.0);
    CHECK(d.kind() == Distribution::Kind::lognormal);
    CHECK(d.first() == 1.0);
    CHECK(d.second() == 2.0);
    CHECK(d.mean() == 1.0);
    CHECK(d.sd() == 2.0);
    CHECK_FALSE(d.is_degenerate());
  }
  SECTION("gamma") {
    const auto d = Distribution::gamma(3.0, 1.5);
    CHECK(d.kind() == Distribution::Kind::gamma);
    CHECK(d.first() == 3.0);
    CHECK(d.second() == 1.5);
    CHECK(d.mean() == 3.0);
    CHECK(d.sd() == 1.5);
    CHECK_FALSE(d.is_degenerate());
  }
  SECTION("empirical") {
    const auto d = Distribution::empirical({1.0, 2.0, 4.0}, {1.0, 1.0, 2.0});
    CHECK(d.kind() == Distribution::Kind::empirical);
    CHECK(d.first() == 0.0);
    CHECK(d.second() == 0.0);
    CHECK(d.values() == std::vector<double>{1.0, 2.0, 4.0});
    CHECK(d.weights() == std::vector<double>{1.0, 1.0, 2.0});
    // Mean (1 + 2 + 2*4) / 4 = 11/4; variance (1.75^2 + 0.75^2 + 2*1.25^2) / 4 = 27/16.
    CHECK(d.mean() == 2.75);
    CHECK(d.sd() == Approx(std::sqrt(27.0) / 4.0).epsilon(1e-15));
    CHECK_FALSE(d.is_degenerate());
  }
}

TEST_CASE("degenerate laws return their mean and draw no number", "[engine][distribution]") {
  const auto single = Distribution::empirical({7.0}, {3.0});
  const auto zero_weight_elsewhere = Distribution::empirical({1.0, 9.0}, {2.0, 0.0});
  for (const auto &[law, value] :
       std::vector<std::pair<Distribution, double>>{{Distribution::fixed(2.5), 2.5},
                                                    {Distribution::uniform(3.0, 3.0), 3.0},
                                                    {Distribution::lognormal(2.0, 0.0), 2.0},
                                                    {Distribution::gamma(5.0, 0.0), 5.0},
                                                    {single, 7.0},
                                                    {zero_weight_elsewhere, 1.0}}) {
    CAPTURE(value);
    REQUIRE(law.is_degenerate());
    REQUIRE(law.mean() == value);
    REQUIRE(law.sd() == 0.0);
    RandomStream stream(1, 0, 0);
    for (int i = 0; i < 100; ++i) {
      REQUIRE(law.sample(stream) == value);
    }
    if (law.kind() != Distribution::Kind::empirical) {
      REQUIRE(positioned_at(stream, 0));
    }
  }
}

TEST_CASE("sample moments agree with the law within five standard errors",
          "[engine][distribution]") {
  SECTION("exponential") { check_moments(Distribution::exponential(2.0), 9.0, 1); }
  SECTION("uniform") {
    const auto law = Distribution::uniform(-1.0, 3.0);
    check_moments(law, 9.0 / 5.0, 2);
    const Moments m = sample_moments(law, 10'000, 2);
    REQUIRE(m.min >= -1.0);
    REQUIRE(m.max < 3.0);
  }
  SECTION("lognormal, small spread") {
    check_moments(Distribution::lognormal(2.0, 0.5), lognormal_kurtosis(std::log1p(1.0 / 16.0)), 3);
  }
  SECTION("lognormal, mean 1 and sd 2: mean only (the variance estimate is too heavy-tailed)") {
    constexpr std::size_t kDraws = 200'000;
    const Moments m = sample_moments(Distribution::lognormal(1.0, 2.0), kDraws, 4);
    REQUIRE(m.mean == Approx(1.0).margin(5.0 * 2.0 / std::sqrt(double{kDraws})));
    REQUIRE(m.min > 0.0);
  }
  SECTION("gamma, shape 4") {
    // Shape k = (mean/sd)^2 = 4; kurtosis 3 + 6/k.
    check_moments(Distribution::gamma(3.0, 1.5), 3.0 + 6.0 / 4.0, 5);
  }
  SECTION("gamma, shape 1/4 (below 1: another algorithm in Boost)") {
    check_moments(Distribution::gamma(1.0, 2.0), 3.0 + 6.0 / 0.25, 6);
    REQUIRE(sample_moments(Distribution::gamma(1.0, 2.0), 10'000, 6).min >= 0.0);
  }
  SECTION("empirical") {
    const auto law = Distribution::empirical({1.0, 2.0, 4.0}, {1.0, 1.0, 2.0});
    // Fourth central moment (1.75^4 + 0.75^4 + 2*1.25^4) / 4.
    const double m4 = (std::pow(1.75, 4) + std::pow(0.75, 4) + 2 * std::pow(1.25, 4)) / 4.0;
    check_moments(law, m4 / std::pow(27.0 / 16.0, 2), 7);
  }
}

TEST_CASE("empirical draws hit each value with its weight's share", "[engine][distribution]") {
  const auto law = Distribution::empirical({10.0, 20.0, 30.0, 40.0}, {1.0, 0.0, 3.0, 4.0});
  const std::vector<double> share{1.0 / 8.0, 0.0, 3.0 / 8.0, 4.0 / 8.0};
  constexpr int kDraws = 80'000;
  std::vector<int> counts(4, 0);
  RandomStream stream(5, 0, 0);
  for (int i = 0; i < kDraws; ++i) {
    const double x = law.sample(stream);
    const auto index = static_cast<std::size_t>(x / 10.0) - 1;
    REQUIRE(x == 10.0 * static_cast<double>(index + 1));
    ++counts[index];
  }
  REQUIRE(counts[1] == 0);
  for (std::size_t i = 0; i < 4; ++i) {
    const double p = share[i];
    REQUIRE(counts[i] / double{kDraws} == Approx(p).margin(5.0 * std::sqrt(p * (1 - p) / kDraws)));
  }
}

TEST_CASE("the same stream position gives the same draw", "[engine][distribution]") {
  const auto law = Distribution::gamma(2.0, 3.0);
  RandomStream a(11, 2, 1);
  RandomStream b(11, 2, 1);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(law.sample(a) == law.sample(b));
  }
  // Uniform draws follow Boost's mapping u = x / 2^64 of the stream's first number.
  RandomStream golden(1, 0, 0);
  REQUIRE(Distribution::uniform(2.0, 6.0).sample(golden) ==
          Approx(2.0 + 4.0 * (0xb7bafd01de7d2200 / 0x1.0p64)).epsilon(1e-15));
}

TEST_CASE("operator== compares kind and given parameters", "[engine][distribution]") {
  CHECK(Distribution() == Distribution::fixed(0.0));
  CHECK(Distribution::fixed(1.0) == Distribution::fixed(1.0));
  CHECK(Distribution::fixed(1.0) != Distribution::fixed(2.0));
  CHECK(Distribution::exponential(1.0) != Distribution::fixed(1.0));
  CHECK(Distribution::exponential(2.0) == Distribution::exponential(2.0));
  CHECK(Distribution::uniform(1.0, 2.0) != Distribution::uniform(1.0, 3.0));
  CHECK(Distribution::uniform(1.0, 2.0) != Distribution::uniform(0.0, 2.0));
  CHECK(Distribution::lognormal(1.0, 2.0) == Distribution::lognormal(1.0, 2.0));
  CHECK(Distribution::lognormal(1.0, 2.0) != Distribution::gamma(1.0, 2.0));
  CHECK(Distribution::lognormal(1.0, 2.0) != Distribution::lognormal(1.0, 2.5));
  const auto empirical = Distribution::empirical({1.0, 2.0}, {1.0, 3.0});
  CHECK(empirical == Distribution::empirical({1.0, 2.0}, {1.0, 3.0}));
  CHECK(empirical != Distribution::empirical({1.0, 2.0}, {1.0, 2.0}));
  CHECK(empirical != Distribution::empirical({1.0, 5.0}, {1.0, 3.0}));
  const Distribution copy = empirical;
  CHECK(copy == empirical);
}

TEST_CASE("bernoulli consumes exactly one number whatever p", "[engine][distribution]") {
  for (const double p : {0.0, 0.3, 1.0, -1.0, 2.0}) {
    CAPTURE(p);
    RandomStream stream(1, 0, 0);
    (void)removalsim::engine::bernoulli(stream, p);
    REQUIRE(positioned_at(stream, 1));
  }
}

TEST_CASE("bernoulli compares the stream's uniform01 with p", "[engine][distribution]") {
  // The first uniform01 of stream (1, 0, 0) is 0x1.6f75fa03bcfa4p-1 (0.717696965175936).
  const auto first_draw = [](double p) {
    RandomStream stream(1, 0, 0);
    return removalsim::engine::bernoulli(stream, p);
  };
  CHECK_FALSE(first_draw(0.0));
  CHECK_FALSE(first_draw(-1.0));
  CHECK_FALSE(first_draw(0.3));
  CHECK_FALSE(first_draw(0x1.6f75fa03bcfa4p-1));
  CHECK(first_draw(0x1.6f75fa03bcfa5p-1));
  CHECK(first_draw(0.8));
  CHECK(first_draw(1.0));
  CHECK(first_draw(2.0));

  constexpr int kDraws = 100'000;
  RandomStream stream(3, 0, 0);
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) {
    hits += removalsim::engine::bernoulli(stream, 0.3) ? 1 : 0;
  }
  REQUIRE(hits / double{kDraws} == Approx(0.3).margin(5.0 * std::sqrt(0.3 * 0.7 / kDraws)));
}

TEST_CASE("bernoulli with p = 0 and p = 1 never and always succeeds", "[engine][distribution]") {
  RandomStream stream(4, 0, 0);
  for (int i = 0; i < 10'000; ++i) {
    REQUIRE_FALSE(removalsim::engine::bernoulli(stream, 0.0));
    REQUIRE(removalsim::engine::bernoulli(stream, 1.0));
  }
}

TEST_CASE("exponential_variate takes a rate", "[engine][distribution]") {
  // Same stream position: a rate of 1/2 draws what an exponential law of mean 2 draws.
  RandomStream a(6, 0, 0);
  RandomStream b(6, 0, 0);
  const auto law = Distribution::exponential(2.0);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(removalsim::engine::exponential_variate(a, 0.5) == law.sample(b));
  }
  constexpr int kDraws = 200'000;
  RandomStream stream(7, 0, 0);
  double sum = 0.0;
  double min = kInf;
  for (int i = 0; i < kDraws; ++i) {
    const double x = removalsim::engine::exponential_variate(stream, 4.0);
    sum += x;
    min = std::min(min, x);
  }
  REQUIRE(min >= 0.0);
  // Mean and sd 1/4.
  REQUIRE(sum / kDraws == Approx(0.25).margin(5.0 * 0.25 / std::sqrt(double{kDraws})));
}
