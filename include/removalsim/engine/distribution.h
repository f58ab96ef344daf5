#pragma once

#include "removalsim/engine/random_stream.h"

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>

#include <cstdint>
#include <vector>

namespace removalsim::engine {

/// A non-negative or real-valued probability law, parameterised the way users state it (means
/// and standard deviations), sampled with Boost.Random's algorithms so that draws are identical on
/// every platform.
class Distribution {
public:
  enum class Kind : std::uint8_t { fixed, exponential, uniform, lognormal, gamma, empirical };

  /// Always `value`.
  static Distribution fixed(double value);
  /// Exponential with the given mean (> 0).
  static Distribution exponential(double mean);
  /// Uniform on [low, high), low <= high.
  static Distribution uniform(double low, double high);
  /// Log-normal whose own mean (> 0) and standard deviation (>= 0) are given.
  static Distribution lognormal(double mean, double sd);
  /// Gamma whose mean (> 0) and standard deviation (>= 0) are given.
  static Distribution gamma(double mean, double sd);
  /// One of `values` with probability proportional to `weights` (same size, >= 1 element,
  /// weights >= 0 with a positive sum).
  static Distribution empirical(std::vector<double> values, std::vector<double> weights);

  /// The default law: fixed at 0.
  Distribution() = default;

  Kind kind() const noexcept { return kind_; }
  /// The law's mean.
  double mean() const noexcept;
  /// The law's standard deviation.
  double sd() const noexcept;
  /// First parameter as given: value, mean, or low bound (0 for empirical).
  double first() const noexcept { return first_; }
  /// Second parameter as given: sd or high bound (0 when the law has none).
  double second() const noexcept { return second_; }
  /// Support points of an empirical law (empty otherwise).
  const std::vector<double> &values() const noexcept { return values_; }
  /// Weights of an empirical law (empty otherwise).
  const std::vector<double> &weights() const noexcept { return weights_; }
  /// True when every draw is the same number (fixed, or a zero-variance law).
  bool is_degenerate() const noexcept;

  /// One draw.
  double sample(RandomStream &stream) const;

  friend bool operator==(const Distribution &a, const Distribution &b);

private:
  Kind kind_ = Kind::fixed;
  double first_ = 0.0;
  double second_ = 0.0;
  // Parameters of Boost's own parameterisation, computed once.
  double native_a_ = 0.0;
  double native_b_ = 0.0;
  std::vector<double> values_;
  std::vector<double> weights_;
  boost::random::discrete_distribution<std::size_t, double> pick_;
};

/// True with probability `p` (values outside [0, 1] act as 0 or 1). Always consumes exactly one
/// number of the stream, whatever `p`, so that changing a probability does not shift later draws
/// (common random numbers across scenarios). Inline: models draw it on every branch.
inline bool bernoulli(RandomStream &stream, double p) { return stream.uniform01() < p; }

/// An exponential variate of the given rate (> 0), by Boost's algorithm. Inline, like `bernoulli`.
inline double exponential_variate(RandomStream &stream, double rate) {
  return boost::random::exponential_distribution<double>(rate)(stream);
}

} // namespace removalsim::engine
