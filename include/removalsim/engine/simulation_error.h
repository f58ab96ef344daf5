#pragma once

#include "removalsim/engine/error.h"

#include <string>

namespace removalsim {

/// A failure while simulating (a model error), located in simulated time and at the event
/// involved: `what()` is `WHERE: MESSAGE`. The engine's WHERE is `day TIME, entity ENTITY`, in
/// its own handles; a model that knows what they stand for (a date, a case) puts its words in
/// their place with `located`, as simmer names the arrival, the time and the activity.
class SimulationError : public Error {
public:
  /// `message` says what went wrong; `time` is the simulated time (days); `entity` and `kind` are
  /// the target and the kind of the event involved, -1 when none.
  SimulationError(std::string message, double time, long long entity = -1, long long kind = -1);

  /// This error with `where` in place of the engine's location.
  SimulationError located(const std::string &where) const;

  /// Simulated time (days) at which the error arose.
  double time() const noexcept { return time_; }
  /// The target of the event involved, or -1.
  long long entity() const noexcept { return entity_; }
  /// The kind of the event involved, or -1.
  long long kind() const noexcept { return kind_; }
  /// The message without its location.
  const std::string &message() const noexcept { return message_; }

private:
  SimulationError(const std::string &where, std::string message, double time, long long entity,
                  long long kind);

  std::string message_;
  double time_;
  long long entity_;
  long long kind_;
};

} // namespace removalsim
