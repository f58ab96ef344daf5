#include "removalsim/engine/simulation_error.h"

#include <cstdio>
#include <utility>

namespace removalsim {

namespace {

std::string engine_location(double time, long long entity) {
  char day[32];
  std::snprintf(day, sizeof day, "%g", time);
  return "day " + std::string(day) + (entity < 0 ? "" : ", entity " + std::to_string(entity));
}

} // namespace

SimulationError::SimulationError(std::string message, double time, long long entity, long long kind)
    : SimulationError(engine_location(time, entity), std::move(message), time, entity, kind) {}

SimulationError::SimulationError(const std::string &where, std::string message, double time,
                                 long long entity, long long kind)
    : Error(ErrorCategory::model, where + ": " + message), message_(std::move(message)),
      time_(time), entity_(entity), kind_(kind) {}

SimulationError SimulationError::located(const std::string &where) const {
  return SimulationError(where, message_, time_, entity_, kind_);
}

} // namespace removalsim
