#pragma once

namespace removalsim::engine {

/// A prior distribution of one bounded parameter, always truncated to the parameter's bounds:
/// uniform (the default), normal, or lognormal. Normal: mean and standard deviation of the
/// parameter. Lognormal: mean and standard deviation of the parameter itself (not of its
/// logarithm), as input files give lognormal durations. Both ignored by the uniform prior.
struct Prior {
  enum class Kind { uniform, normal, lognormal };
  Kind kind = Kind::uniform;
  double mean = 0.0;
  double sd = 0.0;
};

} // namespace removalsim::engine
