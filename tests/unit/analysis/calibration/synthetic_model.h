#pragma once
// A cheap stochastic model with known parameters, to test calibration without the simulator.
//
// θ = (a, b). Replication r of seed s draws n standard normals z and n unit exponentials e from
// engine::RandomStream(s, r, 1) and reports the moments
//   m0 = mean(a + z / 2)       ≈ a
//   m1 = mean(a · b · e)       ≈ a · b
//   m2 = mean((b · e)²) / 2    ≈ b²
// (any subset, in the order asked). The draws do not depend on θ, so with common random numbers
// the mean moments are smooth in θ; m1 and m2 are the only ones that see b.

#include "removalsim/analysis/calibration/parameter_space.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/targets.h"
#include "removalsim/engine/random_stream.h"

#include <boost/random/normal_distribution.hpp>

#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace removalsim::calibration_test {

using namespace removalsim::analysis::calibration;

inline constexpr int kDraws = 40;

struct SyntheticModel {
  std::vector<int> moments{0, 1, 2};
  /// Number of requests simulated so far (all batches).
  std::shared_ptr<std::atomic<std::size_t>> simulations =
      std::make_shared<std::atomic<std::size_t>>(0);

  std::vector<double> replication(const std::vector<double> &theta, std::uint64_t seed,
                                  std::uint64_t r) const {
    engine::RandomStream stream(seed, r, 1);
    boost::random::normal_distribution<double> normal;
    double s0 = 0.0, s1 = 0.0, s2 = 0.0;
    const double a = theta[0];
    const double b = theta[1];
    for (int j = 0; j < kDraws; ++j) {
      const double z = normal(stream);
      const double e = -std::log1p(-stream.uniform01());
      s0 += a + 0.5 * z;
      s1 += a * b * e;
      s2 += 0.5 * (b * e) * (b * e);
    }
    const double all[3] = {s0 / kDraws, s1 / kDraws, s2 / kDraws};
    std::vector<double> out;
    for (const int m : moments) {
      out.push_back(all[m]);
    }
    return out;
  }

  std::vector<ReplicationMoments> operator()(const std::vector<SimulationRequest> &requests) const {
    std::vector<ReplicationMoments> out;
    for (const auto &request : requests) {
      ReplicationMoments rows;
      for (std::size_t r = 0; r < request.replications; ++r) {
        rows.push_back(replication(request.theta, request.seed, request.first_replication + r));
      }
      out.push_back(std::move(rows));
    }
    *simulations += requests.size();
    return out;
  }

  /// Targets: the moments of one replication at `truth` (data the model could have produced).
  std::vector<Target> observed(const std::vector<double> &truth, std::uint64_t seed) const {
    const auto values = replication(truth, seed, 0);
    std::vector<Target> targets;
    for (std::size_t i = 0; i < values.size(); ++i) {
      // Appended rather than `"m" + std::to_string(...)`: GCC 12 warns (-Wrestrict, a false
      // positive) on the latter at -O3.
      std::string id = "m";
      id += std::to_string(moments[i]);
      targets.push_back(Target{id, values[i], {}, 1.0, false});
    }
    return targets;
  }
};

inline ParameterSpace synthetic_space() {
  return ParameterSpace({{"a", 0.5, 4.0, {}}, {"b", 0.2, 2.0, {}}});
}

inline const std::vector<double> kTruth{2.0, 0.7};

} // namespace removalsim::calibration_test
