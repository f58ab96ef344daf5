#pragma once

#include "removalsim/engine/error.h"

namespace removalsim::cli {

/// Exit codes of the `removalsim` command (the README's table).
enum ExitCode : int {
  kSuccess = 0,
  kUserError = 2,     ///< bad input or usage; also a run beyond the limits or the memory
  kOutputError = 3,   ///< an output could not be written (nothing partial is left)
  kModelError = 4,    ///< the model refused the scenario or failed during a run
  kInternalError = 5, ///< a bug: please report it
  /// Stopped by a signal, as shells report it: 128 + the signal number (130 for SIGINT, 143 for
  /// SIGTERM). Outputs are complete or absent; calibrate writes its best point, marked.
  kInterruptedBase = 128,
};

/// The exit code of a command that failed with an error of `category`: the one place where
/// categories become exit codes. `signal` is the signal that stopped the command (`interrupted`
/// only).
constexpr int exit_code(ErrorCategory category, int signal) noexcept {
  switch (category) {
  case ErrorCategory::user:
    return kUserError;
  case ErrorCategory::resource_exhausted:
    // The user's to fix (fewer replications, threads or months), and the code the limits'
    // refusal has always had: scripts that test for 2 keep working.
    return kUserError;
  case ErrorCategory::output:
    return kOutputError;
  case ErrorCategory::model:
    return kModelError;
  case ErrorCategory::interrupted:
    return kInterruptedBase + signal;
  case ErrorCategory::internal:
    return kInternalError;
  }
  return kInternalError; // not an ErrorCategory: only a bug gets here
}

} // namespace removalsim::cli
