#pragma once

#include "removalsim/engine/error.h"

namespace removalsim {

/// A scenario that the model cannot run as given (checked once before a run; the scenario layer
/// reports user mistakes earlier, with file and line).
class ModelError : public Error {
public:
  explicit ModelError(const std::string &what) : Error(ErrorCategory::model, what) {}
};

} // namespace removalsim
