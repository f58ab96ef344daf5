#pragma once

#include "removalsim/engine/error.h"

#include <exception>
#include <string>

namespace removalsim::cli {

/// A command's failure as the user is told it: its category and what went wrong.
struct Failure {
  ErrorCategory category = ErrorCategory::internal;
  /// The error's message (`what()`), or a message of ours for the exceptions that have none fit
  /// for a user (std::bad_alloc); empty for an interrupt, which the signal describes.
  std::string message;
};

/// The failure `error` stands for: a removalsim::Error by its own category, std::bad_alloc as
/// resources exhausted, any other exception as internal (a bug).
Failure classify(const std::exception_ptr &error);

/// What stderr shows for `failure`: `removalsim: RANKerror: MESSAGE` (the first word names the
/// category: `error`, `model error`, `internal error (please report)`), or `removalsim:
/// RANKinterrupted by SIGINT` for an interrupt by `signal`. `rank` is Execution::rank_prefix().
std::string failure_text(const Failure &failure, const std::string &rank, int signal);

/// The command's one error handler: prints `failure_text` of `error` on stderr and returns the
/// exit code of its category. `signal` is the signal that stopped the command, 0 when none.
int report_failure(const std::exception_ptr &error, const std::string &rank, int signal);

} // namespace removalsim::cli
