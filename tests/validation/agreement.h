#pragma once

#include "removalsim/engine/interval.h"
#include "removalsim/queueing/queue_system.h"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <vector>

namespace removalsim::validation {

/// Confidence level of every validation interval: two-sided 99.9 %, i.e. the half width is
/// t_{0.9995, R-1} s / sqrt(R) for R replications. With the seeds fixed each test is
/// deterministic; the level says how unlucky a seed would have to be to fail a correct engine.
inline constexpr double kLevel = 0.999;

/// Replication estimates of one quantity set against its theoretical value.
struct TheoryCheck {
  engine::ConfidenceInterval interval; ///< Student-t interval of the estimates at `kLevel`
  double theory = 0.0;                 ///< the value queueing theory predicts
  /// True when the theory lies in the interval.
  bool agrees() const noexcept { return interval.contains(theory); }
};

/// Prints the check for Catch's INFO: mean, interval, theory, R.
std::ostream &operator<<(std::ostream &out, const TheoryCheck &check);

/// The interval of `samples` (one per independent replication, at least 2) at `kLevel`, set
/// against `theory`.
TheoryCheck compare_with_theory(std::span<const double> samples, double theory);

/// True when `theory` lies within mean ± t_{0.9995, R-1} s / sqrt(R) of the R `samples`.
bool agrees_with_theory(std::span<const double> samples, double theory);

/// Runs `replications` independent replications 0..R-1 of the queue with `seed`, in parallel;
/// results in replication order (identical for any thread count).
std::vector<queueing::QueueResult> replicate(const queueing::QueueConfig &config,
                                             std::uint64_t seed, std::size_t replications);

/// One statistic of each replication, e.g. `statistic(results, &QueueResult::mean_wait)`.
std::vector<double> statistic(const std::vector<queueing::QueueResult> &results,
                              double queueing::QueueResult::*member);

} // namespace removalsim::validation
