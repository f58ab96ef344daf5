#include "removalsim/queueing/queue_system.h"

#include "removalsim/engine/distribution.h"
#include "removalsim/engine/random_stream.h"
#include "removalsim/engine/simulation.h"
#include "removalsim/engine/tally.h"
#include "removalsim/engine/time_weighted.h"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace removalsim::queueing {

namespace {

using engine::Event;
using engine::Time;

enum EventPhase : engine::Phase { kDeparturePhase = 0, kArrivalPhase = 1 };
enum EventKind : std::uint32_t { kArrive = 0, kDepart = 1 };
enum StreamPurpose : std::uint64_t { kArrivalStream = 0, kServiceStream = 1 };

/// Arrival times of customers in the system, in recycled slots addressed by token.
class CustomerPool {
public:
  std::uint32_t admit(Time arrival) {
    if (free_.empty()) {
      arrival_.push_back(arrival);
      return static_cast<std::uint32_t>(arrival_.size() - 1);
    }
    const std::uint32_t token = free_.back();
    free_.pop_back();
    arrival_[token] = arrival;
    return token;
  }
  Time arrival(std::uint32_t token) const { return arrival_[token]; }
  void leave(std::uint32_t token) { free_.push_back(token); }

private:
  std::vector<Time> arrival_;
  std::vector<std::uint32_t> free_;
};

} // namespace

QueueResult simulate_queue(const QueueConfig &config, std::uint64_t seed,
                           std::uint64_t replication) {
  if (!(config.arrival_rate > 0.0) || !std::isfinite(config.arrival_rate) || config.servers < 1 ||
      config.warmup < 0.0 || !(config.horizon > config.warmup) || !std::isfinite(config.horizon)) {
    throw std::invalid_argument(
        "simulate_queue: need rate > 0, servers >= 1, 0 <= warmup < horizon");
  }
  engine::Simulation simulation;
  engine::RandomStream arrival_stream(seed, replication, kArrivalStream);
  engine::RandomStream service_stream(seed, replication, kServiceStream);
  engine::Resource servers(config.servers, config.when_full);
  CustomerPool customers;
  engine::TimeWeighted in_system;
  engine::Tally waits;
  engine::Tally sojourns;
  std::uint64_t number_in_system = 0;
  std::uint64_t arrivals = 0;
  std::uint64_t waited = 0;
  std::uint64_t lost = 0;
  std::uint64_t departures = 0;
  const Time warmup = config.warmup;

  // Exponential service (the common case) is drawn directly, as Distribution::sample would draw
  // it (rate 1 / mean), without the call and the switch on the law's kind.
  const bool exponential_service = config.service.kind() == engine::Distribution::Kind::exponential;
  const double service_rate = exponential_service ? 1.0 / config.service.mean() : 0.0;
  auto start_service = [&](std::uint32_t token) {
    const Time arrived = customers.arrival(token);
    if (arrived >= warmup) {
      waits.add(simulation.now() - arrived);
    }
    const double service = exponential_service
                               ? engine::exponential_variate(service_stream, service_rate)
                               : config.service.sample(service_stream);
    simulation.schedule_in(service, kDeparturePhase, kDepart, token);
  };

  auto handle = [&](const Event &event) {
    const Time now = simulation.now();
    if (event.kind == kArrive) {
      simulation.schedule_in(engine::exponential_variate(arrival_stream, config.arrival_rate),
                             kArrivalPhase, kArrive, 0);
      const bool counted = now >= warmup;
      arrivals += counted ? 1 : 0;
      const std::uint32_t token = customers.admit(now);
      if (servers.request(token, now)) {
        start_service(token);
      } else if (config.when_full == engine::Resource::WhenFull::reject) {
        lost += counted ? 1 : 0;
        customers.leave(token);
        return;
      } else {
        waited += counted ? 1 : 0;
      }
      in_system.update(now, static_cast<double>(++number_in_system));
      return;
    }
    const Time arrived = customers.arrival(event.target);
    if (arrived >= warmup) {
      sojourns.add(now - arrived);
    }
    departures += now >= warmup ? 1 : 0;
    customers.leave(event.target);
    in_system.update(now, static_cast<double>(--number_in_system));
    if (const auto next = servers.release(now)) {
      start_service(*next);
    }
  };

  simulation.schedule_at(engine::exponential_variate(arrival_stream, config.arrival_rate),
                         kArrivalPhase, kArrive, 0);
  simulation.run_until(warmup, handle);
  in_system.restart(warmup);
  simulation.run_until(config.horizon, handle);

  QueueResult result;
  const double counted_arrivals = static_cast<double>(arrivals);
  result.arrivals = arrivals;
  result.mean_wait = waits.mean();
  result.probability_wait = arrivals > 0 ? static_cast<double>(waited) / counted_arrivals : 0.0;
  result.blocking = arrivals > 0 ? static_cast<double>(lost) / counted_arrivals : 0.0;
  result.mean_in_system = in_system.mean(config.horizon);
  result.mean_sojourn = sojourns.mean();
  result.throughput = static_cast<double>(departures) / (config.horizon - warmup);
  result.events = simulation.events_processed();
  return result;
}

} // namespace removalsim::queueing
