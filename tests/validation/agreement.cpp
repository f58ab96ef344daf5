#include "agreement.h"

#include "removalsim/engine/replications.h"

#include <ostream>

namespace removalsim::validation {

std::ostream &operator<<(std::ostream &out, const TheoryCheck &check) {
  return out << "estimate " << check.interval.mean << ", " << kLevel * 100 << "% interval ["
             << check.interval.low << ", " << check.interval.high
             << "] from R = " << check.interval.n << " replications; theory " << check.theory;
}

TheoryCheck compare_with_theory(std::span<const double> samples, double theory) {
  return TheoryCheck{engine::student_t_interval(samples, kLevel), theory};
}

bool agrees_with_theory(std::span<const double> samples, double theory) {
  return compare_with_theory(samples, theory).agrees();
}

std::vector<queueing::QueueResult> replicate(const queueing::QueueConfig &config,
                                             std::uint64_t seed, std::size_t replications) {
  return engine::run_replications(replications, 0, [&](std::size_t replication) {
    return queueing::simulate_queue(config, seed, replication);
  });
}

std::vector<double> statistic(const std::vector<queueing::QueueResult> &results,
                              double queueing::QueueResult::*member) {
  std::vector<double> values;
  values.reserve(results.size());
  for (const auto &result : results) {
    values.push_back(result.*member);
  }
  return values;
}

} // namespace removalsim::validation
