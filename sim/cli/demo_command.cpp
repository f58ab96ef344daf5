#include "commands.h"
#include "number_options.h"
#include "simulation_options.h"

#include "removalsim/engine/interval.h"
#include "removalsim/engine/replications.h"
#include "removalsim/queueing/queue_system.h"
#include "removalsim/queueing/theory.h"

#include <cstdio>
#include <memory>
#include <vector>

namespace removalsim::cli {

namespace {

struct DemoOptions : SimulationOptions {
  int servers = 5;
  double utilisation = 0.8;
};

void run_demo(const DemoOptions &options) {
  queueing::QueueConfig config;
  config.servers = options.servers;
  config.arrival_rate = options.utilisation * options.servers;
  config.service = engine::Distribution::exponential(1.0);
  config.warmup = 1'000.0;
  config.horizon = 21'000.0;
  const auto results =
      engine::run_replications(options.replications, options.threads, [&](std::size_t r) {
        return queueing::simulate_queue(config, options.seed, r);
      });
  std::vector<double> waits;
  std::vector<double> wait_probabilities;
  for (const auto &result : results) {
    waits.push_back(result.mean_wait);
    wait_probabilities.push_back(result.probability_wait);
  }
  const auto wait = engine::student_t_interval(waits);
  const auto waiting = engine::student_t_interval(wait_probabilities);
  const double offered = config.arrival_rate;
  std::printf("M/M/%d queue, utilisation %.2f, %zu replications of %.0f time units\n",
              options.servers, options.utilisation, options.replications,
              config.horizon - config.warmup);
  std::printf("%-22s %10s %22s %10s\n", "metric", "simulated", "95% interval", "theory");
  std::printf("%-22s %10.4f [%9.4f, %9.4f] %10.4f\n", "P(wait) (Erlang C)", waiting.mean,
              waiting.low, waiting.high, queueing::erlang_c(options.servers, offered));
  std::printf("%-22s %10.4f [%9.4f, %9.4f] %10.4f\n", "mean wait", wait.mean, wait.low, wait.high,
              queueing::mmc_mean_wait(config.arrival_rate, 1.0, options.servers));
}

} // namespace

void add_demo_command(CLI::App &app) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App *demo = app.add_subcommand(
      "demo", "Simulate an M/M/c queue on the engine and compare it with Erlang C");
  demo->add_option("--servers", options->servers, "Number of servers")
      ->check(kWholeNumber)
      ->check(CLI::Range(1, 1000));
  demo->add_option("--utilisation", options->utilisation, "Utilisation rho = lambda / (c mu)")
      ->check(kFiniteNumber)
      ->check(CLI::Range(0.01, 0.99));
  add_simulation_options(
      *demo, *options,
      {.default_replications = 20, .min_replications = 2, .max_replications = 100'000});
  demo->callback([options] { run_demo(*options); });
}

} // namespace removalsim::cli
