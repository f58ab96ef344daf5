#include "removalsim/engine/distribution.h"
#include "removalsim/engine/random_stream.h"
#include "removalsim/engine/simulation.h"
#include "removalsim/queueing/queue_system.h"

#include <benchmark/benchmark.h>
#include <boost/random/exponential_distribution.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <queue>
#include <random>
#include <string>
#include <vector>

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

// ---- Naive references ------------------------------------------------------------------------
// What the same workloads cost written the obvious way: a std::priority_queue of events ordered
// by (time, sequence), std::mt19937_64 and Boost's exponential distribution. Measured in the same
// binary, so that the engine's figures read as a ratio whatever the machine and its load.

struct NaiveEvent {
  double time;
  std::uint64_t sequence;
  std::uint32_t kind;
  std::uint32_t target;
};
struct NaiveLater {
  bool operator()(const NaiveEvent &a, const NaiveEvent &b) const {
    return a.time > b.time || (a.time == b.time && a.sequence > b.sequence);
  }
};
using NaiveCalendar = std::priority_queue<NaiveEvent, std::vector<NaiveEvent>, NaiveLater>;

// M/M/1 at utilisation 0.9, FIFO, with the same statistics as BM_MM1 (mean wait, time-average
// number in system).
void BM_NaiveMM1(benchmark::State &state) {
  const auto horizon = static_cast<double>(state.range(0));
  std::uint64_t events = 0;
  std::uint64_t seed = 0;
  for (auto _ : state) {
    std::mt19937_64 rng(seed++);
    boost::random::exponential_distribution<double> interarrival(0.9);
    boost::random::exponential_distribution<double> service(1.0);
    NaiveCalendar calendar;
    std::uint64_t sequence = 0;
    std::deque<double> line; // arrival times of the customers in the system, FIFO
    double area = 0.0;
    double last = 0.0;
    double total_wait = 0.0;
    std::uint64_t served = 0;
    calendar.push({interarrival(rng), sequence++, 0, 0});
    while (!calendar.empty() && calendar.top().time <= horizon) {
      const NaiveEvent event = calendar.top();
      calendar.pop();
      ++events;
      area += static_cast<double>(line.size()) * (event.time - last);
      last = event.time;
      if (event.kind == 0) {
        calendar.push({event.time + interarrival(rng), sequence++, 0, 0});
        line.push_back(event.time);
        if (line.size() == 1) {
          calendar.push({event.time + service(rng), sequence++, 1, 0});
        }
      } else {
        line.pop_front();
        if (!line.empty()) {
          total_wait += event.time - line.front();
          ++served;
          calendar.push({event.time + service(rng), sequence++, 1, 0});
        }
      }
    }
    benchmark::DoNotOptimize(area / horizon);
    benchmark::DoNotOptimize(total_wait / static_cast<double>(served));
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NaiveMM1)->Arg(100'000)->Unit(benchmark::kMillisecond);

// The hold model on the same naive stack.
void BM_NaiveHold(benchmark::State &state) {
  const auto pending = static_cast<std::uint32_t>(state.range(0));
  std::mt19937_64 rng(1);
  boost::random::exponential_distribution<double> increment(1.0);
  std::vector<NaiveEvent> storage;
  storage.reserve(pending);
  NaiveCalendar calendar(NaiveLater{}, std::move(storage));
  std::uint64_t sequence = 0;
  for (std::uint32_t i = 0; i < pending; ++i) {
    calendar.push({increment(rng), sequence++, 0, i});
  }
  std::uint64_t events = 0;
  for (auto _ : state) {
    for (int i = 0; i < 1'000'000; ++i) {
      const NaiveEvent event = calendar.top();
      calendar.pop();
      calendar.push({event.time + increment(rng), sequence++, 0, event.target});
    }
    events += 1'000'000;
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NaiveHold)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

/// The console table, then the engine's rate as a multiple of its naive reference's, from the
/// events/s counters of the same run (BM_X/n against BM_NaiveX/n).
class RatioReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run> &runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run &run : runs) {
      const auto counter = run.counters.find("events/s");
      const bool plain = run.run_type == Run::RT_Iteration || run.aggregate_name == "median";
      if (counter != run.counters.end() && plain && run.error_occurred == false) {
        rates_[run.run_name.str()] = counter->second.value;
      }
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    bool header = false;
    for (const auto &[name, rate] : rates_) {
      if (name.rfind("BM_Naive", 0) == 0) {
        continue;
      }
      const auto naive = rates_.find("BM_Naive" + name.substr(3));
      if (naive == rates_.end() || !(naive->second > 0.0)) {
        continue;
      }
      if (!header) {
        GetOutputStream() << "\nengine / naive reference (events/s, same binary, same run):\n";
        header = true;
      }
      GetOutputStream() << "  " << name << ": " << rate / 1e6 << " M / " << naive->second / 1e6
                        << " M = " << rate / naive->second << "x\n";
    }
  }

private:
  std::map<std::string, double> rates_;
};

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
    return 1;
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
