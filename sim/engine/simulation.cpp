#include "removalsim/engine/simulation.h"

#include "removalsim/engine/error.h"

#include <string>

namespace removalsim::engine {

void Simulation::reject_time(Time time, std::uint32_t target) const {
  throw SimulationError("event scheduled at time " + std::to_string(time) +
                            ", not a finite time at or after the current time",
                        now_, target);
}

void Simulation::reset() noexcept {
  calendar_.clear();
  now_ = 0.0;
  events_processed_ = 0;
}

} // namespace removalsim::engine
