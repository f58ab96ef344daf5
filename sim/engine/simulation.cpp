#include "removalsim/engine/simulation.h"

#include "removalsim/engine/simulation_error.h"

#include <cstdio>
#include <string>

namespace removalsim::engine {

void Simulation::reject_time(Time time, std::uint32_t kind, std::uint32_t target) const {
  char text[32];
  std::snprintf(text, sizeof text, "%g", time);
  throw SimulationError("event scheduled at time " + std::string(text) +
                            ", not a finite time at or after the current time",
                        now_, target, kind);
}

void Simulation::reset() noexcept {
  calendar_.clear();
  now_ = 0.0;
  events_processed_ = 0;
}

} // namespace removalsim::engine
