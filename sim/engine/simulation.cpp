#include "removalsim/engine/simulation.h"

#include "removalsim/engine/error.h"

#include <cmath>
#include <string>

namespace removalsim::engine {

std::uint64_t Simulation::schedule_at(Time time, Phase phase, std::uint32_t kind,
                                      std::uint32_t target, std::uint32_t tag) {
  // `!(time >= now_)` also rejects NaN.
  if (!(time >= now_) || !std::isfinite(time)) {
    throw SimulationError("event scheduled at time " + std::to_string(time) +
                              ", not a finite time at or after the current time",
                          now_, target);
  }
  return calendar_.schedule(time, phase, kind, target, tag);
}

void Simulation::reset() noexcept {
  calendar_.clear();
  now_ = 0.0;
  events_processed_ = 0;
}

} // namespace removalsim::engine
