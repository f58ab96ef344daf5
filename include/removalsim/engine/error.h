#pragma once

#include <stdexcept>
#include <string>

namespace removalsim {

/// What kind of failure an error is, as the person who ran the simulator sees it. The category,
/// not the class, decides what a front end does with an error (the command's exit code, the first
/// words of its message), so that a new error class needs no new handler.
enum class ErrorCategory {
  user,               ///< bad input or usage: command line, scenario, targets, checkpoint
  output,             ///< an output could not be written
  model,              ///< the model cannot simulate the scenario as specified
  resource_exhausted, ///< memory, or a limit on the size of a run
  interrupted,        ///< stopped on request before the end
  internal,           ///< a bug
};

/// Root of every error removalsim throws on purpose; each subclass states its category.
class Error : public std::runtime_error {
public:
  Error(ErrorCategory category, const std::string &what)
      : std::runtime_error(what), category_(category) {}
  ErrorCategory category() const noexcept { return category_; }

private:
  ErrorCategory category_;
};

} // namespace removalsim
