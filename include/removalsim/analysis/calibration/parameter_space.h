#pragma once

#include "removalsim/engine/prior.h"
#include "removalsim/engine/random_stream.h"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace removalsim::analysis::calibration {

/// The prior of a free parameter (one type for the files that give it and the methods that use
/// it).
using Prior = engine::Prior;

/// One parameter to fit: a name (for calibration of a scenario, the key path of the value it
/// sets), finite bounds `low < high`, and a prior (used by ABC-SMC only; SMM ignores it).
struct FreeParameter {
  std::string name;
  double low = 0.0;
  double high = 1.0;
  Prior prior;
};

/// The box of parameters a calibration searches, with the transform to the unit cube that the
/// optimisers work in (every coordinate scaled to [0, 1], so that tolerances and step sizes mean
/// the same for a probability in [0.05, 0.6] and a delay in [5, 120] days), and the prior.
class ParameterSpace {
public:
  /// Throws std::invalid_argument when there is no parameter, a name is empty or repeated, bounds
  /// are not finite with low < high, or a normal/lognormal prior has sd <= 0 (or a lognormal
  /// prior a mean <= 0, or bounds that reach below 0).
  explicit ParameterSpace(std::vector<FreeParameter> parameters);

  std::size_t dimension() const noexcept { return parameters_.size(); }
  const std::vector<FreeParameter> &parameters() const noexcept { return parameters_; }
  const FreeParameter &operator[](std::size_t i) const { return parameters_.at(i); }

  /// `theta` (natural units) mapped to the unit cube: (theta - low) / (high - low).
  std::vector<double> to_unit(std::span<const double> theta) const;
  /// The inverse of `to_unit`: unit-cube coordinates back to natural units.
  std::vector<double> from_unit(std::span<const double> unit) const;
  /// True when every coordinate lies within its bounds (inclusive).
  bool contains(std::span<const double> theta) const;

  /// Logarithm of the prior density at `theta`, up to an additive constant (the same for every
  /// `theta`); -infinity outside the bounds.
  double log_prior(std::span<const double> theta) const;
  /// One draw from the (truncated) prior, by inversion of each marginal's distribution function.
  std::vector<double> sample_prior(engine::RandomStream &stream) const;

private:
  std::vector<FreeParameter> parameters_;
};

/// `count` starting points spread over the bounds by the Sobol sequence (Boost.Random's
/// `sobol`, no scrambling), in natural units. Deterministic; the first point is the centre of the
/// box. Every point lies within the bounds.
std::vector<std::vector<double>> sobol_points(const ParameterSpace &space, std::size_t count);

} // namespace removalsim::analysis::calibration
