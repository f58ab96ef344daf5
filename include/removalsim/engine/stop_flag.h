#pragma once

#include "removalsim/engine/error.h"

#include <atomic>

namespace removalsim::engine {

/// A request to stop, set from any thread or from a signal handler (it is lock-free): the
/// replication runner hands out no further replication, and a running simulation stops within
/// `kStopCheckInterval` events. A null `const StopFlag *` means "never stop".
using StopFlag = std::atomic<bool>;
static_assert(StopFlag::is_always_lock_free, "a StopFlag must be settable from a signal handler");

/// Events a simulation processes between two reads of its StopFlag: rare enough to cost nothing
/// on the hot path, frequent enough (well under a millisecond of work) to stop promptly.
inline constexpr unsigned kStopCheckInterval = 4096;

/// True when `flag` is set (false for a null flag).
inline bool stop_requested(const StopFlag *flag) noexcept {
  return flag != nullptr && flag->load(std::memory_order_relaxed);
}

/// Thrown when a run stopped because its StopFlag was set: its results are incomplete and must
/// not be used.
class Stopped : public Error {
public:
  Stopped() : Error(ErrorCategory::interrupted, "stopped on request before the end") {}
};

} // namespace removalsim::engine
