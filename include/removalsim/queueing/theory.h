#pragma once

namespace removalsim::queueing {

/// Erlang B: blocking probability of an M/G/c/c loss system with offered load `a = lambda/mu`
/// (insensitive to the service law). c >= 0, a >= 0.
double erlang_b(int servers, double offered_load);

/// Erlang C: probability that an arrival waits in an M/M/c queue with offered load
/// `a = lambda/mu < c`.
double erlang_c(int servers, double offered_load);

/// Mean waiting time in queue (before service) of an M/M/c FIFO queue; requires lambda < c mu.
double mmc_mean_wait(double arrival_rate, double service_rate, int servers);

/// Mean number in system (queue + service) of an M/M/c FIFO queue; requires lambda < c mu.
double mmc_mean_in_system(double arrival_rate, double service_rate, int servers);

} // namespace removalsim::queueing
