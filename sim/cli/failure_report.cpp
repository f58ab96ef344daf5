#include "failure_report.h"
#include "exit_codes.h"

#include <csignal>
#include <cstdio>
#include <new>

namespace removalsim::cli {

namespace {

/// The words before the message: they tell a user whether the mistake is theirs, the model's or
/// ours.
const char *label(ErrorCategory category) {
  switch (category) {
  case ErrorCategory::model:
    return "model error";
  case ErrorCategory::internal:
    return "internal error (please report)";
  case ErrorCategory::user:
  case ErrorCategory::output:
  case ErrorCategory::resource_exhausted:
  case ErrorCategory::interrupted:
    break;
  }
  return "error";
}

} // namespace

Failure classify(const std::exception_ptr &error) {
  try {
    std::rethrow_exception(error);
  } catch (const Error &known) {
    return {known.category(), known.what()};
  } catch (const std::bad_alloc &) {
    return {ErrorCategory::resource_exhausted,
            "out of memory: use fewer replications, threads or months, or a larger machine"};
  } catch (const std::exception &unknown) {
    return {ErrorCategory::internal, unknown.what()};
  } catch (...) {
    return {ErrorCategory::internal, "an exception that is not a std::exception"};
  }
}

std::string failure_text(const Failure &failure, const std::string &rank, int signal) {
  if (failure.category == ErrorCategory::interrupted) {
    return "removalsim: " + rank + "interrupted by " + (signal == SIGTERM ? "SIGTERM" : "SIGINT");
  }
  return "removalsim: " + rank + label(failure.category) + ": " + failure.message;
}

int report_failure(const std::exception_ptr &error, const std::string &rank, int signal) {
  const Failure failure = classify(error);
  std::fprintf(stderr, "%s\n", failure_text(failure, rank, signal).c_str());
  return exit_code(failure.category, signal);
}

} // namespace removalsim::cli
