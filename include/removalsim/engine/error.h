#pragma once

#include <stdexcept>
#include <string>

namespace removalsim {

/// Root of every error removalsim throws on purpose; `main()` maps its subclasses to exit codes.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A failure during a simulation run; carries the simulated time and the entity involved.
class SimulationError : public Error {
public:
  /// `time` in simulated days; `entity` is the model's handle of the entity, or -1 when none.
  SimulationError(const std::string &what, double time, long long entity = -1);
  /// Simulated time (days) at which the error arose.
  double time() const noexcept { return time_; }
  /// The entity involved, or -1.
  long long entity() const noexcept { return entity_; }

private:
  double time_;
  long long entity_;
};

} // namespace removalsim
