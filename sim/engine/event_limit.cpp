#include "removalsim/engine/event_limit.h"

#include <atomic>
#include <cstdio>
#include <string>

namespace removalsim::engine {

namespace {

std::atomic<std::uint64_t> &limit() {
  static std::atomic<std::uint64_t> max_events{kDefaultMaxEvents};
  return max_events;
}

std::string message(std::uint64_t limit, double time) {
  char text[160];
  std::snprintf(text, sizeof text,
                "one replication went beyond %.3g events (at simulated day %.0f) without ending; "
                "raise the limit with --max-events N, or use --no-limits",
                static_cast<double>(limit), time);
  return text;
}

} // namespace

void set_max_events_per_run(std::uint64_t max_events) noexcept {
  limit().store(max_events, std::memory_order_relaxed);
}

std::uint64_t max_events_per_run() noexcept { return limit().load(std::memory_order_relaxed); }

EventLimitExceeded::EventLimitExceeded(std::uint64_t limit, double time)
    : Error(ErrorCategory::resource_exhausted, message(limit, time)) {}

} // namespace removalsim::engine
