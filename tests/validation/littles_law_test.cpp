// Little's law L = X W on a queue with no simple closed form: M/G/2 with gamma service
// (mean 1, sd 0.5) at lambda = 1.6 (rho = 0.8).
#include "agreement.h"

#include <catch2/catch.hpp>

#include <numeric>

using removalsim::engine::Distribution;
using removalsim::queueing::QueueConfig;
using removalsim::queueing::QueueResult;
using namespace removalsim::validation;

TEST_CASE("M/G/2: time-average number in system equals throughput times mean sojourn",
          "[validation][little]") {
  QueueConfig config;
  config.arrival_rate = 1.6;
  config.service = Distribution::gamma(1.0, 0.5);
  config.servers = 2;
  config.warmup = 500.0;
  config.horizon = 10'500.0;
  const auto results = replicate(config, 401, 30);

  // The time average L of each replication is set against the mean over replications of X W.
  // (The paired differences L - X W are not used: they are dominated by customers straddling
  // the window's ends, an O(1/T) bias of the same order as their own spread.)
  std::vector<double> flow_times_sojourn;
  for (const auto &result : results) {
    flow_times_sojourn.push_back(result.throughput * result.mean_sojourn);
  }
  const double little = std::accumulate(flow_times_sojourn.begin(), flow_times_sojourn.end(), 0.0) /
                        static_cast<double>(flow_times_sojourn.size());
  const auto law = compare_with_theory(statistic(results, &QueueResult::mean_in_system), little);
  INFO(law);
  CHECK(law.agrees());

  // Flow balance: what comes in goes out, X = lambda.
  const auto flow = compare_with_theory(statistic(results, &QueueResult::throughput), 1.6);
  INFO(flow);
  CHECK(flow.agrees());
}
