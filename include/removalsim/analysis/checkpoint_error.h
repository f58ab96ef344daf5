#pragma once

#include "removalsim/engine/error.h"

#include <string>

namespace removalsim::analysis {

/// A checkpoint that cannot be resumed from: missing, damaged, or written by another sweep or
/// calibration. A user error: the file named to resume from is the wrong one.
class CheckpointError : public Error {
public:
  explicit CheckpointError(const std::string &what) : Error(ErrorCategory::user, what) {}
};

} // namespace removalsim::analysis
