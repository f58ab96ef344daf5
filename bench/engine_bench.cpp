#include "removalsim/engine/distribution.h"
#include "removalsim/engine/random_stream.h"
#include "removalsim/engine/simulation.h"
#include "removalsim/queueing/queue_system.h"

#include <benchmark/benchmark.h>

namespace {

using removalsim::engine::Event;

// M/M/1 at utilisation 0.9: two events per customer (arrival, departure).
void BM_MM1(benchmark::State &state) {
  removalsim::queueing::QueueConfig config;
  config.arrival_rate = 0.9;
  config.service = removalsim::engine::Distribution::exponential(1.0);
  config.horizon = static_cast<double>(state.range(0));
  std::uint64_t events = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const auto result = removalsim::queueing::simulate_queue(config, 1, replication++);
    events += result.events;
    benchmark::DoNotOptimize(result.mean_wait);
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MM1)->Arg(100'000)->Unit(benchmark::kMillisecond);

// A capacity-limited resource under load: M/M/c with c = 50 servers at utilisation 0.95
// (lambda = 47.5, mu = 1), as a FIFO queue (argument 0) or a loss system (argument 1, Erlang B
// blocking 7.8 %). Every arrival requests a unit of the engine's Resource, every departure
// releases one; with a queue about 63 % of releases hand the unit to a waiting token (Erlang C).
void BM_ResourceUnderLoad(benchmark::State &state) {
  removalsim::queueing::QueueConfig config;
  config.arrival_rate = 47.5;
  config.service = removalsim::engine::Distribution::exponential(1.0);
  config.servers = 50;
  config.when_full = state.range(0) == 0 ? removalsim::engine::Resource::WhenFull::queue
                                         : removalsim::engine::Resource::WhenFull::reject;
  config.horizon = 2'000.0;
  std::uint64_t events = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const auto result = removalsim::queueing::simulate_queue(config, 1, replication++);
    events += result.events;
    benchmark::DoNotOptimize(result.mean_wait);
  }
  state.SetLabel(state.range(0) == 0 ? "M/M/50 queue" : "M/M/50/50 loss");
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ResourceUnderLoad)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The classic hold model: n pending events; each step pops the next one and schedules a
// replacement an exponential time later, so the calendar size stays n.
void BM_Hold(benchmark::State &state) {
  const auto pending = static_cast<std::uint32_t>(state.range(0));
  removalsim::engine::Simulation simulation;
  removalsim::engine::RandomStream stream(1, 0, 0);
  simulation.reserve(pending);
  for (std::uint32_t i = 0; i < pending; ++i) {
    simulation.schedule_at(removalsim::engine::exponential_variate(stream, 1.0), 0, 0, i);
  }
  const auto hold = [&](const Event &event) {
    simulation.schedule_in(removalsim::engine::exponential_variate(stream, 1.0), 0, 0,
                           event.target);
  };
  std::uint64_t events = 0;
  for (auto _ : state) {
    for (int i = 0; i < 1'000'000; ++i) {
      simulation.step(hold);
    }
    events += 1'000'000;
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Hold)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
