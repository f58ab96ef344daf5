#pragma once

#include "removalsim/engine/error.h"
#include "removalsim/engine/event_limit.h"
#include "removalsim/model/parameters.h"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

namespace removalsim::cli {

/// A scenario (or a command's set of runs) too large to simulate within the limits, refused
/// before anything is simulated: resources exhausted, foreseen (the limits stand for the memory
/// and the time a run would take).
class RunTooLargeError : public Error {
public:
  explicit RunTooLargeError(const std::string &what)
      : Error(ErrorCategory::resource_exhausted, what) {}
};

/// Default cap on the expected orders of one replication: 110 times France 2019-2025
/// (scenarios/france.yaml: 9.1e5 orders, 2.4e6 events, 1.3 s of CPU per replication), so minutes
/// per replication; 1e9 orders a year or a millennium of today's rates are refused.
inline constexpr double kDefaultMaxOrders = 1e8;

/// How large a run may be. Memory is capped at half of this machine's physical memory.
struct RunLimits {
  double max_orders = kDefaultMaxOrders;
  /// The events one replication may process (engine::max_events_per_run).
  std::uint64_t max_events = engine::kDefaultMaxEvents;
  bool unlimited = false;
};

/// Adds `--max-orders N`, `--max-events N` and `--no-limits` to `command`; once `command` is
/// parsed, the event limit applies to every simulation of the process.
void add_limit_options(CLI::App &command, RunLimits &limits);

/// Throws RunTooLargeError, naming `file`, the estimate and the limit, when one replication of
/// `scenario` would issue more orders than the limit, or when `kept_results` replications'
/// counters (plus one being simulated per thread) would exceed the memory limit.
void check_run_size(const model::Scenario &scenario, const std::string &file,
                    std::size_t kept_results, unsigned threads, const RunLimits &limits);

/// Throws RunTooLargeError, naming `file`, when `what` (e.g. "the results of 2 point(s) x 10
/// replication(s)") would need more than the memory limit: `bytes`, estimated before anything
/// is allocated. `advice` says what to reduce.
void check_memory(const std::string &file, double bytes, const std::string &what,
                  const std::string &advice, const RunLimits &limits);

} // namespace removalsim::cli
