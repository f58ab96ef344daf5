#include "removalsim/analysis/calibration/parameter_space.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace removalsim::analysis::calibration {

namespace {

// The prior of one parameter on the scale where it is normal: the parameter itself (normal), its
// logarithm (lognormal), or none (uniform).
struct Marginal {
  bool logarithmic = false;
  double mu = 0.0;
  double sigma = 0.0;
};

Marginal marginal(const Prior &prior) {
  switch (prior.kind) {
  case Prior::Kind::uniform:
    return {};
  case Prior::Kind::normal:
    return {false, prior.mean, prior.sd};
  case Prior::Kind::lognormal: {
    const double sigma2 = std::log1p(prior.sd * prior.sd / (prior.mean * prior.mean));
    return {true, std::log(prior.mean) - sigma2 / 2.0, std::sqrt(sigma2)};
  }
  }
  return {};
}

void check(const FreeParameter &p) {
  const std::string where = "free parameter `" + p.name + "`: ";
  if (p.name.empty()) {
    throw std::invalid_argument("a free parameter has no name");
  }
  if (!std::isfinite(p.low) || !std::isfinite(p.high) || !(p.low < p.high)) {
    throw std::invalid_argument(where + "bounds must be finite with low < high");
  }
  if (p.prior.kind == Prior::Kind::uniform) {
    return;
  }
  if (!std::isfinite(p.prior.mean) || !std::isfinite(p.prior.sd) || !(p.prior.sd > 0.0)) {
    throw std::invalid_argument(where + "a normal or lognormal prior needs a finite sd > 0");
  }
  if (p.prior.kind == Prior::Kind::lognormal && (!(p.prior.mean > 0.0) || p.low < 0.0)) {
    throw std::invalid_argument(where + "a lognormal prior needs a mean > 0 and bounds >= 0");
  }
}

} // namespace

ParameterSpace::ParameterSpace(std::vector<FreeParameter> parameters)
    : parameters_(std::move(parameters)) {
  if (parameters_.empty()) {
    throw std::invalid_argument("no free parameter");
  }
  std::set<std::string> names;
  for (const auto &p : parameters_) {
    check(p);
    if (!names.insert(p.name).second) {
      throw std::invalid_argument("free parameter `" + p.name + "` is named twice");
    }
  }
}

std::vector<double> ParameterSpace::to_unit(std::span<const double> theta) const {
  std::vector<double> unit(parameters_.size());
  for (std::size_t i = 0; i < unit.size(); ++i) {
    const auto &p = parameters_[i];
    unit[i] = (theta[i] - p.low) / (p.high - p.low);
  }
  return unit;
}

std::vector<double> ParameterSpace::from_unit(std::span<const double> unit) const {
  std::vector<double> theta(parameters_.size());
  for (std::size_t i = 0; i < theta.size(); ++i) {
    const auto &p = parameters_[i];
    // Clamped: the optimisers may step a rounding error past the unit cube.
    theta[i] = std::clamp(p.low + unit[i] * (p.high - p.low), p.low, p.high);
  }
  return theta;
}

bool ParameterSpace::contains(std::span<const double> theta) const {
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    if (!(theta[i] >= parameters_[i].low && theta[i] <= parameters_[i].high)) {
      return false;
    }
  }
  return true;
}

double ParameterSpace::log_prior(std::span<const double> theta) const {
  if (!contains(theta)) {
    return -std::numeric_limits<double>::infinity();
  }
  double log_density = 0.0;
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    const Marginal m = marginal(parameters_[i].prior);
    if (m.sigma == 0.0) {
      continue;
    }
    if (m.logarithmic && theta[i] <= 0.0) {
      return -std::numeric_limits<double>::infinity();
    }
    const double x = m.logarithmic ? std::log(theta[i]) : theta[i];
    const double z = (x - m.mu) / m.sigma;
    // The Jacobian 1/θ of the log transform belongs to the lognormal density.
    log_density += -0.5 * z * z - (m.logarithmic ? x : 0.0);
  }
  return log_density;
}

std::vector<double> ParameterSpace::sample_prior(engine::RandomStream &stream) const {
  std::vector<double> theta(parameters_.size());
  for (std::size_t i = 0; i < theta.size(); ++i) {
    const auto &p = parameters_[i];
    const double u = stream.uniform01();
    const Marginal m = marginal(p.prior);
    if (m.sigma == 0.0) {
      theta[i] = p.low + u * (p.high - p.low);
      continue;
    }
    // Inversion restricted to the bounds' probability mass: exact truncation, no rejection loop
    // however little mass the bounds hold.
    const boost::math::normal normal(m.mu, m.sigma);
    const double low =
        m.logarithmic ? (p.low > 0.0 ? std::log(p.low) : -std::numeric_limits<double>::infinity())
                      : p.low;
    const double high = m.logarithmic ? std::log(p.high) : p.high;
    const double f_low = std::isfinite(low) ? boost::math::cdf(normal, low) : 0.0;
    const double f_high = boost::math::cdf(normal, high);
    double x = 0.0;
    if (f_high - f_low > 1e-12) {
      const double f = std::clamp(f_low + u * (f_high - f_low), 1e-300, 1.0 - 1e-16);
      x = boost::math::quantile(normal, f);
    } else {
      // The prior puts (numerically) no mass in the bounds: uniform within them.
      x = std::isfinite(low) ? low + u * (high - low) : high;
    }
    theta[i] = std::clamp(m.logarithmic ? std::exp(x) : x, p.low, p.high);
  }
  return theta;
}

std::vector<std::vector<double>> sobol_points(const ParameterSpace &space, std::size_t count) {
  // Boost's sequence starts at (1/2, ..., 1/2), the centre; no point is ever exactly 0.
  boost::random::sobol sequence(static_cast<unsigned>(space.dimension()));
  std::vector<std::vector<double>> points;
  points.reserve(count);
  std::vector<double> unit(space.dimension());
  for (std::size_t k = 0; k < count; ++k) {
    for (auto &u : unit) {
      u = std::ldexp(static_cast<double>(sequence()), -64);
    }
    points.push_back(space.from_unit(unit));
  }
  return points;
}

} // namespace removalsim::analysis::calibration
