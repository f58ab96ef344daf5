#include "france_variants.h"

#include "removalsim/engine/replications.h"
#include "removalsim/model/removal_model.h"

#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

using removalsim::model::RunResult;
using removalsim::model::Scenario;

const Scenario &france() {
  static const Scenario scenario =
      removalsim::bench::load_france(REMOVALSIM_SCENARIO_DIR "/france.yaml");
  return scenario;
}

/// Runs `scenario` once per iteration (a new replication each time) and reports events/s and
/// cases/s per CPU second, and the largest number of cases alive at once.
void run_single_replications(benchmark::State &state, const Scenario &scenario) {
  std::uint64_t events = 0;
  std::uint64_t cases = 0;
  std::uint64_t peak_alive = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const RunResult result = removalsim::model::simulate(scenario, 1, replication++);
    events += result.events;
    cases += result.cases_created;
    peak_alive = std::max(peak_alive, result.peak_cases_alive);
    benchmark::DoNotOptimize(result.fingerprint);
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["cases/s"] =
      benchmark::Counter(static_cast<double>(cases), benchmark::Counter::kIsRate);
  state.counters["peak_cases_alive"] = static_cast<double>(peak_alive);
}

// The reference scenario (4 countries, 2019-2025), one replication.
void BM_France(benchmark::State &state) { run_single_replications(state, france()); }
BENCHMARK(BM_France)->Unit(benchmark::kMillisecond);

// 100 replications on `threads` threads, as `removalsim run -r 100` does; wall time.
void BM_France100Replications(benchmark::State &state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  std::uint64_t events = 0;
  for (auto _ : state) {
    const auto results = removalsim::engine::run_replications(
        100, threads, [](std::size_t r) { return removalsim::model::simulate(france(), 1, r); });
    for (const auto &result : results) {
      events += result.events;
    }
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["replications/s"] = benchmark::Counter(
      100.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_France100Replications)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

// Scaling with volume: the argument multiplies orders and shared capacities (see
// france_variants.h).
void BM_FranceVolume(benchmark::State &state) {
  const Scenario scenario =
      removalsim::bench::scale_volume(france(), static_cast<double>(state.range(0)));
  run_single_replications(state, scenario);
}
BENCHMARK(BM_FranceVolume)->Arg(1)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond);

// Scaling with the horizon: the argument is the number of simulated years from 2019.
void BM_FranceHorizon(benchmark::State &state) {
  const Scenario scenario =
      removalsim::bench::with_horizon(france(), static_cast<int>(state.range(0)));
  run_single_replications(state, scenario);
}
BENCHMARK(BM_FranceHorizon)->Arg(1)->Arg(7)->Arg(30)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
