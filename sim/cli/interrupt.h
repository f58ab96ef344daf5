#pragma once

#include "removalsim/engine/stop_flag.h"

namespace removalsim::cli {

/// While alive, turns the first SIGINT (Ctrl-C) or SIGTERM into a stop request: the handler sets
/// `stop_flag()`, records the signal and prints `notice` on stderr, and the command winds down
/// cooperatively (no further replication or evaluation starts, running simulations stop within
/// engine::kStopCheckInterval events). The handler is reset on delivery (SA_RESETHAND), so a
/// second signal of the same kind terminates the process at once, as usual. The previous
/// handlers come back when the guard is destroyed. At most one guard may be alive at a time.
class InterruptGuard {
public:
  /// `notice` (a string literal: the handler may only write it) tells the user what happens next.
  explicit InterruptGuard(const char *notice);
  InterruptGuard(const InterruptGuard &) = delete;
  InterruptGuard &operator=(const InterruptGuard &) = delete;
  ~InterruptGuard();

  /// Set once a signal arrived; to be passed to the runners.
  const engine::StopFlag *stop_flag() const noexcept;
  /// Whether a signal arrived since the guard was created.
  bool interrupted() const noexcept;
};

/// The notice of commands whose outputs are all-or-nothing (run, compare, diff, sensitivity).
inline constexpr const char *kStopWithoutOutputNotice =
    "\nremovalsim: interrupted: stopping, no output is written (interrupt again to abort)\n";

/// The signal (SIGINT or SIGTERM) that interrupted the last guarded command, 0 when none.
int interrupting_signal() noexcept;

} // namespace removalsim::cli
