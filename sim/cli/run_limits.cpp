#include "run_limits.h"
#include "number_options.h"

#include "removalsim/engine/replications.h"
#include "removalsim/model/run_size.h"

#include <cstdio>
#include <limits>
#include <unistd.h>

namespace removalsim::cli {

namespace {

std::string compact(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

std::string bytes_text(double bytes) {
  char buffer[32];
  if (bytes >= 1e9) {
    std::snprintf(buffer, sizeof buffer, "%.1f GB", bytes / 1e9);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f MB", bytes / 1e6);
  }
  return buffer;
}

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<double>(pages) * static_cast<double>(page_size)
                                    : 0.0;
}

} // namespace

void add_limit_options(CLI::App &command, RunLimits &limits) {
  command
      .add_option("--max-orders", limits.max_orders,
                  "Refuse scenarios whose replications would issue more orders than this "
                  "(expected, backlog included)")
      ->capture_default_str()
      ->check(kPositiveFiniteNumber);
  command
      .add_option("--max-events", limits.max_events,
                  "Stop with an error a replication that processes more events than this")
      ->capture_default_str()
      ->check(kWholeNumber)
      ->check(CLI::PositiveNumber);
  command.add_flag("--no-limits", limits.unlimited,
                   "Simulate however many orders, events and however much memory the run needs");
  command.parse_complete_callback([&limits] {
    engine::set_max_events_per_run(limits.unlimited ? std::numeric_limits<std::uint64_t>::max()
                                                    : limits.max_events);
  });
}

void check_run_size(const model::Scenario &scenario, const std::string &file,
                    std::size_t kept_results, unsigned threads, const RunLimits &limits) {
  if (limits.unlimited) {
    return;
  }
  const model::RunSize size = model::estimate_run_size(scenario);
  if (size.expected_orders > limits.max_orders) {
    throw RunTooLargeError(file + ": too large to simulate: about " +
                           compact(size.expected_orders) + " orders per replication (limit " +
                           compact(limits.max_orders) +
                           "); raise the limit with --max-orders N, or use --no-limits");
  }
  const unsigned workers = threads == 0 ? engine::default_thread_count() : threads;
  const double needed =
      size.result_bytes * static_cast<double>(kept_results + static_cast<std::size_t>(workers));
  check_memory(file, needed,
               "the monthly counters of " + std::to_string(kept_results) + " replication(s)",
               "use fewer replications or months", limits);
}

void check_memory(const std::string &file, double bytes, const std::string &what,
                  const std::string &advice, const RunLimits &limits) {
  const double available = physical_memory_bytes() / 2;
  if (!limits.unlimited && available > 0 && bytes > available) {
    throw RunTooLargeError(file + ": too large to simulate: " + what + " need about " +
                           bytes_text(bytes) + " of memory (limit " + bytes_text(available) +
                           ", half of this machine's); " + advice + ", or --no-limits");
  }
}

} // namespace removalsim::cli
