#pragma once

#include <cstddef>
#include <functional>

namespace removalsim::cli {

/// Test seam: faults injected into `removalsim sweep` to check what a real one would do (a rank
/// that breaks mid-sweep, an operator's `kill -9`). The removalsim executable injects none; its
/// test build (tests/cli/removalsim_with_faults.cpp) sets them before running the command.
struct SweepFaults {
  /// Called before each unit, on the process that computes it, with the unit's index; may throw.
  std::function<void(std::size_t unit)> before_unit;
  /// Called on the process that writes the checkpoint each time it has written a unit, with the
  /// number written so far by this run.
  std::function<void(std::size_t checkpointed)> after_checkpointed;
};

/// Replaces the faults of every later sweep (none until called). Not thread-safe: call it before
/// running the command.
void set_sweep_faults(SweepFaults faults);

} // namespace removalsim::cli
