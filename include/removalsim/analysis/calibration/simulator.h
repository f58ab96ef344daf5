#pragma once

#include "removalsim/engine/stop_flag.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace removalsim::analysis::calibration {

/// One simulation to run: the parameters (natural units, in the order of the ParameterSpace) and
/// the random streams to use, replications [first_replication, first_replication + replications)
/// of `seed`. Two requests naming the same replications of the same seed share their random
/// numbers (common random numbers).
struct SimulationRequest {
  std::vector<double> theta;
  std::uint64_t seed = 1;
  std::uint64_t first_replication = 0;
  std::size_t replications = 1;
};

/// The moments of one request: `[replication][moment]`, one row per replication, moment i being
/// the simulated value of target i (fitted and held-out targets alike); NaN when undefined in that
/// replication (e.g. a ratio whose denominator is 0).
using ReplicationMoments = std::vector<std::vector<double>>;

/// The model seen by calibration, a black box: runs a batch of requests (possibly in parallel)
/// and returns their moments in request order. The result must depend on the requests only (not
/// on the batch's composition or the thread count). May throw; calibration lets the error through.
using Simulator =
    std::function<std::vector<ReplicationMoments>(const std::vector<SimulationRequest> &)>;

/// A flag another thread (a SIGINT handler) sets to ask a calibration to stop. Calibrations check
/// it between evaluations of the simulator; a simulator may also watch it and throw
/// engine::Stopped to end an evaluation early, which the calibration then abandons.
using StopFlag = engine::StopFlag;

/// The mean of each moment over the replications, ignoring NaN values; NaN for a moment that is
/// NaN in every replication. Empty input gives an empty result.
std::vector<double> mean_moments(const ReplicationMoments &moments);

} // namespace removalsim::analysis::calibration
