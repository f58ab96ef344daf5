// Calibration of the real simulator: outputs of one replication at known parameter values are the
// targets, and SMM started elsewhere in the bounds must find the values back within their
// standard errors. The glue (overrides → scenario → observables, one work unit per replication)
// mirrors `removalsim calibrate`'s.

#include "removalsim/analysis/calibration/smm.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/engine/period.h"
#include "removalsim/engine/replications.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>

using namespace removalsim;
using namespace removalsim::analysis::calibration;

namespace {

const std::string kSmall = REMOVALSIM_CALIBRATION_TEST_DATA_DIR "/small.yaml";

const std::vector<std::string> kKeys{"national.lpc.issue_probability[1].value",
                                     "national.apprehension.rate_per_year",
                                     "national.detention.reviews[0].release_probability"};
// The values small.yaml has.
const std::vector<double> kTruth{0.7, 1.5, 0.2};

analysis::Observable observable(const char *metric, const char *period) {
  return {metric, {"AA"}, *engine::parse_period(period), std::nullopt};
}

const std::vector<analysis::Observable> kObservables{
    observable("lpc_issue_rate", "2024"),
    observable("removals", "2023"),
    observable("removals", "2024"),
    observable("detention_entries", "2024"),
    observable("released_by_judge_share_of_unremoved", "2023-01..2024-12"),
    observable("detention_removal_rate", "2024")};

std::vector<ReplicationMoments> simulate(const std::vector<SimulationRequest> &requests) {
  std::vector<model::Scenario> scenarios;
  std::vector<std::vector<analysis::BoundObservable>> bound;
  for (const auto &request : requests) {
    std::vector<scenario::Override> overrides;
    for (std::size_t j = 0; j < kKeys.size(); ++j) {
      char text[32];
      std::snprintf(text, sizeof text, "%.10g", request.theta[j]);
      overrides.push_back({kKeys[j], text});
    }
    scenarios.push_back(scenario::load_scenario(kSmall, overrides).scenario);
    std::vector<analysis::BoundObservable> b;
    for (const auto &o : kObservables) {
      b.push_back(analysis::bind(o, scenarios.back()));
    }
    bound.push_back(std::move(b));
  }
  const std::size_t r = requests.front().replications;
  const auto flat = engine::run_replications(requests.size() * r, 0, [&](std::size_t unit) {
    const auto &request = requests[unit / r];
    return analysis::observe_all(
        model::simulate(scenarios[unit / r], request.seed, request.first_replication + unit % r),
        bound[unit / r]);
  });
  std::vector<ReplicationMoments> out(requests.size());
  for (std::size_t q = 0; q < requests.size(); ++q) {
    out[q].assign(flat.begin() + static_cast<std::ptrdiff_t>(q * r),
                  flat.begin() + static_cast<std::ptrdiff_t>((q + 1) * r));
  }
  return out;
}

} // namespace

TEST_CASE("SMM recovers known parameters of the simulator", "[calibration][smm][simulator]") {
  const auto observed = simulate({SimulationRequest{kTruth, 99, 0, 1}}).front().front();
  std::vector<Target> targets;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    REQUIRE(std::isfinite(observed[i]));
    targets.push_back(
        Target{kObservables[i].metric + '_' + std::to_string(i), observed[i], {}, 1.0, false});
  }
  const ParameterSpace space(
      {{kKeys[0], 0.2, 0.95, {}}, {kKeys[1], 0.5, 4.0, {}}, {kKeys[2], 0.02, 0.6, {}}});
  SmmOptions options;
  options.starts = 1;
  options.replications = 12;
  options.fresh_replications = 4;
  const auto result = calibrate_smm(space, targets, simulate, options);
  REQUIRE(result.errors);
  // The start, the centre of the box, is away from the truth on every axis.
  REQUIRE(result.starts.front().start == std::vector<double>{0.575, 2.25, 0.31});
  for (std::size_t j = 0; j < 3; ++j) {
    const double se = result.errors->standard_errors[j];
    INFO(kKeys[j] << ": truth " << kTruth[j] << ", estimate " << result.estimate[j] << " ± " << se);
    CHECK(result.errors->identified[j]);
    CHECK(std::abs(result.estimate[j] - kTruth[j]) < 3.0 * se);
  }
}
