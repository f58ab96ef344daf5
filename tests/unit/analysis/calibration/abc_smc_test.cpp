#include "synthetic_model.h"

#include "removalsim/analysis/calibration/abc_smc.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace removalsim;
using namespace removalsim::calibration_test;

namespace {

AbcOptions fast_options() {
  AbcOptions options;
  options.population_size = 200;
  options.max_generations = 6;
  return options;
}

} // namespace

TEST_CASE("The weighted quantile interpolates as pyABC's", "[calibration][abc]") {
  const std::vector<double> values{4.0, 1.0, 3.0, 2.0};
  const std::vector<double> equal{1.0, 1.0, 1.0, 1.0};
  // Midpoints of the cumulative weights: 1/8, 3/8, 5/8, 7/8 for the sorted values 1..4.
  CHECK(weighted_quantile(values, equal, 0.5) == Approx(2.5));
  CHECK(weighted_quantile(values, equal, 0.25) == Approx(1.5));
  CHECK(weighted_quantile(values, equal, 0.05) == 1.0);
  CHECK(weighted_quantile(values, equal, 0.95) == 4.0);
  const std::vector<double> three{1.0, 2.0, 3.0};
  const std::vector<double> weights{0.2, 0.3, 0.5};
  // Midpoints 0.1, 0.35, 0.75: the median lies 0.15 / 0.4 of the way from 2 to 3.
  CHECK(weighted_quantile(three, weights, 0.5) == Approx(2.375));
}

TEST_CASE("ABC-SMC: the 90 % interval holds the truth and shrinks with generations",
          "[calibration][abc]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  const auto result = calibrate_abc_smc(synthetic_space(), targets, model, fast_options());
  REQUIRE_FALSE(result.interrupted);
  CHECK(result.stop_reason == "max generations");
  REQUIRE(result.generations.size() == 6);
  REQUIRE(result.particles.size() == 200);
  double total = 0.0;
  for (const auto &p : result.particles) {
    CHECK(synthetic_space().contains(p.theta));
    CHECK(p.distance <= result.generations.back().epsilon);
    total += p.weight;
  }
  CHECK(total == Approx(1.0));
  for (std::size_t j = 0; j < 2; ++j) {
    const auto &s = result.summary[j];
    INFO("parameter " << j << ": mean " << s.mean << ", 90 % [" << s.low << ", " << s.high << "]");
    CHECK(s.low <= kTruth[j]);
    CHECK(kTruth[j] <= s.high);
    const auto &first = result.generations.front().summary[j];
    const auto &last = result.generations.back().summary[j];
    CHECK(last.high - last.low < 0.5 * (first.high - first.low));
  }
  for (std::size_t t = 1; t < result.generations.size(); ++t) {
    CHECK(result.generations[t].epsilon > 0.0);
    CHECK(result.generations[t].acceptance_rate <= 1.0);
    CHECK(result.generations[t].effective_sample_size > 20.0);
  }
  CHECK(result.simulations == *model.simulations);
  // The posterior predictive of each target is centred near its reported value.
  const auto predictive = summarise_predictive(result.particles, targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    CHECK(predictive[i].low <= targets[i].reported);
    CHECK(targets[i].reported <= predictive[i].high);
  }
}

TEST_CASE("ABC-SMC does not depend on the batch size", "[calibration][abc]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  auto options = fast_options();
  options.max_generations = 3;
  options.population_size = 100;
  const auto whole = calibrate_abc_smc(synthetic_space(), targets, model, options);
  options.batch_size = 7;
  const auto small = calibrate_abc_smc(synthetic_space(), targets, model, options);
  REQUIRE(whole.particles.size() == small.particles.size());
  for (std::size_t i = 0; i < whole.particles.size(); ++i) {
    CHECK(whole.particles[i].theta == small.particles[i].theta);
    CHECK(whole.particles[i].weight == small.particles[i].weight);
  }
  CHECK(whole.generations.back().epsilon == small.generations.back().epsilon);
}

TEST_CASE("Without the moments that see b, its posterior stays as wide as its prior",
          "[calibration][abc]") {
  SyntheticModel model;
  model.moments = {0};
  const auto result =
      calibrate_abc_smc(synthetic_space(), model.observed(kTruth, 1000), model, fast_options());
  const auto &b = result.summary[1];
  // Uniform on [0.2, 2]: the 90 % interval is [0.29, 1.91].
  CHECK(b.high - b.low > 0.75 * 0.9 * 1.8);
  const auto &a = result.summary[0];
  CHECK(a.high - a.low < 0.5);
}

TEST_CASE("A stop request keeps the last complete generation", "[calibration][abc]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  StopFlag stop{false};
  auto options = fast_options();
  options.stop = &stop;
  options.progress = [&](const AbcProgress &progress) {
    if (progress.generation == 2 && !progress.calibration_sample) {
      stop = true; // during generation 2: generations 0 and 1 are complete
    }
  };
  const auto result = calibrate_abc_smc(synthetic_space(), targets, model, options);
  CHECK(result.interrupted);
  CHECK(result.stop_reason == "interrupted");
  CHECK(result.generations.size() == 2);
  CHECK(result.particles.size() == 200);
}

TEST_CASE("ABC-SMC stops at the minimum epsilon or acceptance rate", "[calibration][abc]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  auto options = fast_options();
  options.max_generations = 20;
  options.min_epsilon = 1.0;
  const auto by_epsilon = calibrate_abc_smc(synthetic_space(), targets, model, options);
  CHECK(by_epsilon.stop_reason == "min epsilon");
  CHECK(by_epsilon.generations.back().epsilon <= 1.0);
  options.min_epsilon = 0.0;
  options.min_acceptance_rate = 0.2;
  const auto by_rate = calibrate_abc_smc(synthetic_space(), targets, model, options);
  CHECK(by_rate.stop_reason == "min acceptance rate");
  CHECK(by_rate.generations.size() < 20);
  CHECK(by_rate.particles.size() == 200);
}
