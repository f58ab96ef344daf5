#include "synthetic_model.h"

#include "removalsim/analysis/calibration/smm.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using namespace removalsim;
using namespace removalsim::calibration_test;

namespace {

/// The recovery check of the tests: finite, informative standard errors and the estimate within
/// `k` of them of the truth.
bool recovered(const SmmResult &result, std::size_t j, double k = 3.0) {
  return result.errors && result.errors->identified[j] &&
         std::abs(result.estimate[j] - kTruth[j]) < k * result.errors->standard_errors[j];
}

SmmOptions fast_options() {
  SmmOptions options;
  options.starts = 2;
  options.replications = 20;
  return options;
}

} // namespace

TEST_CASE("SMM recovers the parameters of a synthetic stochastic model", "[calibration][smm]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  const auto result = calibrate_smm(synthetic_space(), targets, model, fast_options());
  INFO("a = " << result.estimate[0] << " ± " << result.errors->standard_errors[0]
              << ", b = " << result.estimate[1] << " ± " << result.errors->standard_errors[1]);
  REQUIRE_FALSE(result.interrupted);
  REQUIRE(result.errors);
  CHECK(recovered(result, 0));
  CHECK(recovered(result, 1));
  // Informative: the bounds are 3.5 and 1.8 wide.
  CHECK(result.errors->standard_errors[0] < 0.2);
  CHECK(result.errors->standard_errors[1] < 0.2);
  // The global design (8 points per parameter, at least 16) ran in one batch; the local runs
  // started from its two best points; the polish from the best local point, on twice the
  // replications, which the estimate, the standard errors and the fresh fit use.
  REQUIRE(result.design.size() == 16);
  REQUIRE(result.design_objectives.size() == 16);
  REQUIRE(result.starts.size() == 2);
  const double best_design =
      *std::min_element(result.design_objectives.begin(), result.design_objectives.end());
  for (const auto &start : result.starts) {
    CHECK(start.evaluations > 0);
    CHECK(start.replications == 20);
  }
  CHECK(
      result.starts[0].start ==
      result.design[static_cast<std::size_t>(
          std::find(result.design_objectives.begin(), result.design_objectives.end(), best_design) -
          result.design_objectives.begin())]);
  REQUIRE(result.polish);
  CHECK(result.polish->replications == 40);
  CHECK(result.polish->objective == result.objective);
  CHECK(result.replications == 40);
  CHECK((result.stop_reason == "converged" || result.stop_reason == "budget"));
  CHECK(result.stop_reason == (result.polish->converged ? "converged" : "budget"));
  // Both parameters are seen by the targets: two non-zero singular values, none weak.
  REQUIRE(result.identifiability);
  REQUIRE(result.identifiability->singular_values.size() == 2);
  CHECK(result.identifiability->singular_values[1] > 0.0);
  CHECK(result.identifiability->weak_parameters.empty());
  // The fresh-seed fit covers every target, and is about as good as on the tuned replications.
  REQUIRE(result.fit.size() == 3);
  for (const auto &fit : result.fit) {
    CHECK(std::abs(fit.relative_error) < 0.25);
    CHECK(fit.simulated.n == 40);
  }
  CHECK(result.fresh_objective < 0.1);
}

TEST_CASE("SMM standard errors match the sampling spread of the estimates",
          "[calibration][smm][se]") {
  // Monte Carlo over datasets: each dataset is a fresh realisation of the model at the truth, and
  // each calibration uses its own replication seed, so the spread of the estimates includes both
  // sources of noise the sandwich accounts for.
  const SyntheticModel model;
  const int datasets = 100;
  double sum[2] = {0, 0}, sum2[2] = {0, 0}, se_sum[2] = {0, 0};
  int covered[2] = {0, 0};
  for (int d = 0; d < datasets; ++d) {
    auto options = fast_options();
    options.seed = 10 + static_cast<std::uint64_t>(d);
    options.fresh_replications = 2;
    const auto result =
        calibrate_smm(synthetic_space(), model.observed(kTruth, 5000 + d), model, options);
    REQUIRE(result.errors);
    for (int j = 0; j < 2; ++j) {
      sum[j] += result.estimate[j];
      sum2[j] += result.estimate[j] * result.estimate[j];
      se_sum[j] += result.errors->standard_errors[j];
      covered[j] += recovered(result, j, 2.0) ? 1 : 0;
    }
  }
  for (int j = 0; j < 2; ++j) {
    const double mean = sum[j] / datasets;
    const double sd = std::sqrt((sum2[j] - datasets * mean * mean) / (datasets - 1));
    const double se = se_sum[j] / datasets;
    INFO("parameter " << j << ": mean estimate " << mean << ", sampling sd " << sd << ", mean SE "
                      << se << ", within 2 SE: " << covered[j]);
    // The sd of 100 estimates is itself uncertain by about 7 %.
    CHECK(se / sd == Approx(1.0).margin(0.2));
    CHECK(std::abs(mean - kTruth[j]) < 3.0 * sd / std::sqrt(datasets) + 0.02);
    CHECK(covered[j] >= 88);
  }
}

TEST_CASE("Without the moments that see b, b is not identified and recovery fails",
          "[calibration][smm][se]") {
  // Only m0 = mean(a + z/2) is fitted: it does not depend on b at all.
  SyntheticModel model;
  model.moments = {0};
  const auto result =
      calibrate_smm(synthetic_space(), model.observed(kTruth, 1000), model, fast_options());
  REQUIRE(result.errors);
  CHECK(recovered(result, 0));
  CHECK(std::isinf(result.errors->standard_errors[1]));
  CHECK_FALSE(result.errors->identified[1]);
  CHECK_FALSE(recovered(result, 1));

  // Held out, the moments that see b are reported but do not help either.
  SyntheticModel all;
  auto targets = all.observed(kTruth, 1000);
  targets[1].held_out = true;
  targets[2].held_out = true;
  const auto held = calibrate_smm(synthetic_space(), targets, all, fast_options());
  REQUIRE(held.errors);
  CHECK_FALSE(held.errors->identified[1]);
  REQUIRE(held.fit.size() == 3);
  CHECK(held.fit[1].held_out);
}

TEST_CASE("SMM with BOBYQA and with Sbplx also recovers the parameters (a smooth objective)",
          "[calibration][smm]") {
  const SyntheticModel model;
  auto options = fast_options();
  options.optimiser = GENERATE(LocalOptimiser::bobyqa, LocalOptimiser::sbplx);
  options.starts = 1;
  options.max_evaluations = 400;
  const auto result =
      calibrate_smm(synthetic_space(), model.observed(kTruth, 1000), model, options);
  CHECK(recovered(result, 0));
  CHECK(recovered(result, 1));
}

TEST_CASE("SMM with Levenberg-Marquardt (the default) recovers the parameters, Jacobians in one "
          "batch",
          "[calibration][smm]") {
  const SyntheticModel model;
  std::size_t largest_batch = 0;
  const Simulator counting = [&](const std::vector<SimulationRequest> &requests) {
    largest_batch = std::max(largest_batch, requests.size());
    return model(requests);
  };
  auto options = fast_options();
  options.optimiser = LocalOptimiser::levenberg_marquardt;
  options.design_points = 4;
  const auto result =
      calibrate_smm(synthetic_space(), model.observed(kTruth, 1000), counting, options);
  CHECK(recovered(result, 0));
  CHECK(recovered(result, 1));
  // d + 1 = 3 points per Jacobian; the design's 4 points; the standard errors' 2d + 1 = 5.
  CHECK(largest_batch == 5);
  for (const auto &start : result.starts) {
    CHECK(start.evaluations > 3);
  }
  CHECK(result.polish);
}

TEST_CASE("SMM takes the moments' covariance from more replications than parameters",
          "[calibration][smm][se]") {
  // Ω from n replications has rank n − 1: the standard errors' batch simulates the estimate on
  // 2 (d + 1) replications (d = 2 here) when the fit uses fewer, or on as many as asked.
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  auto options = fast_options();
  options.starts = 1;
  options.replications = 2;
  options.polish_replications = 2; // no polish: the fit's replications are the local runs' 2
  std::vector<std::size_t> estimate_replications;
  const Simulator recording = [&](const std::vector<SimulationRequest> &requests) {
    if (requests.size() == 2 * 2 + 1) { // the standard errors' batch: estimate, then ± per axis
      estimate_replications.push_back(requests.front().replications);
      CHECK(requests[1].replications == 2);
    }
    return model(requests);
  };
  calibrate_smm(synthetic_space(), targets, recording, options);
  options.covariance_replications = 11;
  calibrate_smm(synthetic_space(), targets, recording, options);
  CHECK(estimate_replications == std::vector<std::size_t>{6, 11});
}

TEST_CASE("An initial guess is simulated with the design and starts the local run when best",
          "[calibration][smm]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  auto options = fast_options();
  options.starts = 1;
  options.design_points = 1; // the centre of the box
  options.initial_guess = {kTruth[0] + 0.05, kTruth[1] - 0.05};
  const auto result = calibrate_smm(synthetic_space(), targets, model, options);
  REQUIRE(result.design.size() == 2);
  CHECK(result.design.back() == options.initial_guess);
  REQUIRE(result.initial_guess_objective);
  CHECK(*result.initial_guess_objective < result.design_objectives.front());
  REQUIRE(result.starts.size() == 1);
  CHECK(result.starts.front().start == options.initial_guess);

  options.initial_guess = {1.0};
  CHECK_THROWS_WITH(calibrate_smm(synthetic_space(), targets, model, options),
                    "SMM: an initial guess needs one value per parameter (2), not 1");
}

TEST_CASE("SMM results do not depend on anything but the seeds", "[calibration][smm]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  const auto first = calibrate_smm(synthetic_space(), targets, model, fast_options());
  const auto second = calibrate_smm(synthetic_space(), targets, model, fast_options());
  CHECK(first.estimate == second.estimate);
  CHECK(first.objective == second.objective);
}

TEST_CASE("A stop request ends SMM with the best point so far", "[calibration][smm]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  StopFlag stop{false};
  auto options = fast_options();
  options.stop = &stop;
  double best = INFINITY;
  std::size_t seen = 0;
  std::size_t design = 0;
  options.progress = [&](const SmmProgress &progress) {
    if (progress.phase == SmmPhase::design) {
      design = progress.total_evaluations; // the whole design, reported once
      return;
    }
    CHECK(progress.phase == SmmPhase::local);
    best = std::min(best, progress.objective);
    seen = progress.evaluations;
    CHECK(progress.best_objective == best);
    CHECK(progress.simulations <= progress.simulation_budget);
    // Levenberg-Marquardt reports once per batch (a Jacobian is d + 1 = 3 points).
    if (progress.evaluations >= 15) {
      stop = true;
    }
  };
  const auto result = calibrate_smm(synthetic_space(), targets, model, options);
  CHECK(design == 16);
  CHECK(result.interrupted);
  CHECK(result.stop_reason == "interrupted");
  CHECK(seen >= 15);
  CHECK(seen < 15 + 3);
  CHECK(result.evaluations == design + seen);
  CHECK(result.objective == best);
  CHECK_FALSE(result.errors);
  CHECK(result.fit.empty());
  REQUIRE(result.starts.size() == 1);
  CHECK(result.starts[0].status == "interrupted");
  CHECK_FALSE(result.polish);
}

TEST_CASE("Simulator errors come through SMM unchanged", "[calibration][smm]") {
  const SyntheticModel model;
  const auto targets = model.observed(kTruth, 1000);
  int calls = 0;
  const Simulator failing = [&](const std::vector<SimulationRequest> &requests) {
    if (++calls == 5) {
      throw std::domain_error("model refused the parameters");
    }
    return model(requests);
  };
  CHECK_THROWS_AS(calibrate_smm(synthetic_space(), targets, failing, fast_options()),
                  std::domain_error);
  CHECK(calls == 5);
  // Shape mismatches are the caller's bug, reported as such.
  const Simulator short_rows = [&](const std::vector<SimulationRequest> &requests) {
    SyntheticModel two;
    two.moments = {0, 1};
    return two(requests);
  };
  CHECK_THROWS_AS(calibrate_smm(synthetic_space(), targets, short_rows, fast_options()),
                  std::invalid_argument);
  auto held = targets;
  for (auto &t : held) {
    t.held_out = true;
  }
  CHECK_THROWS_AS(calibrate_smm(synthetic_space(), held, model, fast_options()),
                  std::invalid_argument);
}
