#include "removalsim/engine/error.h"

namespace removalsim {

SimulationError::SimulationError(const std::string &what, double time, long long entity)
    : Error(ErrorCategory::model, what), time_(time), entity_(entity) {}

} // namespace removalsim
