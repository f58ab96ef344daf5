#include "france_variants.h"

#include "removalsim/engine/replications.h"
#include "removalsim/model/removal_model.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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

/// What a calibration evaluation adds to its simulations: the values of the reference calibration's
/// free parameters (scenarios/calibration/france-free.yaml, 19 key paths) set on a copy of the
/// loaded scenario, as studies::ScenarioSimulator does for each request.
void BM_SetFreeParameters(benchmark::State &state) {
  const auto base = removalsim::scenario::load_scenario(REMOVALSIM_SCENARIO_DIR "/france.yaml");
  const std::vector<std::pair<std::string, double>> values{
      {"national.apprehension.rate_per_year", 0.13},
      {"national.document_share", 0.2},
      {"national.detention.reviews[0].value[0].release_probability", 0.1},
      {"national.detention.reviews[0].value[1].release_probability", 0.2},
      {"national.detention.reviews[1].value[0].release_probability", 0.2},
      {"national.flights.booking_delay.mean", 3.0},
      {"national.lpc.issue_probability", 0.2},
      {"national.house_arrest.share", 0.5},
      {"national.house_arrest.abscond_rate_per_month", 1.0},
      {"national.prison.share", 0.1},
      {"national.prison.lpc_lead_days", 90.0},
      {"countries.MA.apprehension.rate_per_year", 0.3},
      {"countries.MA.lpc.issue_probability[0].value", 0.25},
      {"countries.MA.lpc.issue_probability[1].value", 0.5},
      {"countries.MA.lpc.delay[0].value.mean", 30.0},
      {"countries.MA.lpc.delay[1].value.mean", 19.0},
      {"countries.DZ.lpc.issue_probability[2].value", 0.1},
      {"countries.DZ.apprehension.rate_per_year", 0.4},
      {"countries.EU.oqtf_per_year", 36000.0}};
  for (auto _ : state) {
    auto loaded = base;
    for (const auto &[key, value] : values) {
      loaded.set(key, value);
    }
    benchmark::DoNotOptimize(loaded.scenario.countries.size());
  }
}
BENCHMARK(BM_SetFreeParameters)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
