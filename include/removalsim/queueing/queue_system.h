#pragma once

#include "removalsim/engine/distribution.h"
#include "removalsim/engine/event.h"
#include "removalsim/engine/resource.h"

#include <cstdint>

namespace removalsim::queueing {

/// A G/G/c queue (FIFO waiting line) or G/G/c/c loss system with Poisson arrivals, built on the
/// engine: the reference model for validating the engine against queueing theory.
///
/// State machine per customer: arrives → (server free: in service | all busy: waits in FIFO line,
/// or is lost in a loss system) → departs after its service time. At equal times, departures are
/// handled before arrivals (the freed server is seen by the arrival).
struct QueueConfig {
  double arrival_rate = 1.0;    ///< Poisson arrival rate (per time unit), > 0
  engine::Distribution service; ///< service-time law
  int servers = 1;              ///< >= 1
  engine::Resource::WhenFull when_full = engine::Resource::WhenFull::queue;
  engine::Time warmup = 0.0;     ///< statistics ignore what happens before this time
  engine::Time horizon = 1000.0; ///< end of the run, > warmup
};

/// Statistics of one run, measured over [warmup, horizon].
struct QueueResult {
  double mean_wait = 0.0;        ///< mean time in line of customers who started service
  double probability_wait = 0.0; ///< share of arrivals that could not start service at once
  double blocking = 0.0;         ///< share of arrivals lost (loss systems)
  double mean_in_system = 0.0;   ///< time-average number in line + in service
  double mean_sojourn = 0.0;     ///< mean time in system of customers who departed
  double throughput = 0.0;       ///< departures per time unit
  std::uint64_t arrivals = 0;    ///< arrivals after the warm-up
  std::uint64_t events = 0;      ///< events processed over the whole run
};

/// Simulates one replication; streams depend only on (seed, replication).
QueueResult simulate_queue(const QueueConfig &config, std::uint64_t seed,
                           std::uint64_t replication);

} // namespace removalsim::queueing
