#pragma once

namespace removalsim::cli {

/// Exit codes of the `removalsim` command (documented in the README).
enum ExitCode : int {
  kSuccess = 0,
  kUserError = 2,       ///< bad command line, scenario or targets file
  kOutputError = 3,     ///< an output could not be written (nothing partial is left)
  kSimulationError = 4, ///< the model refused the scenario or failed during a run
  kInternalError = 5,   ///< a bug: please report it
  /// Stopped by a signal, as shells report it: 128 + the signal number (130 for SIGINT, 143 for
  /// SIGTERM). Outputs are complete or absent; calibrate writes its best point, marked.
  kInterruptedBase = 128,
};

} // namespace removalsim::cli
