#include "removalsim/engine/distribution.h"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace removalsim::engine {

namespace {
void require(bool condition, const char *message) {
  if (!condition) {
    throw std::invalid_argument(message);
  }
}
} // namespace

Distribution Distribution::fixed(double value) {
  require(std::isfinite(value), "fixed distribution: value must be finite");
  Distribution d;
  d.first_ = value;
  return d;
}

Distribution Distribution::exponential(double mean) {
  require(std::isfinite(mean) && mean > 0.0, "exponential distribution: mean must be > 0");
  Distribution d;
  d.kind_ = Kind::exponential;
  d.first_ = mean;
  d.native_a_ = 1.0 / mean;
  return d;
}

Distribution Distribution::uniform(double low, double high) {
  require(std::isfinite(low) && std::isfinite(high) && low <= high,
          "uniform distribution: need finite low <= high");
  Distribution d;
  d.kind_ = Kind::uniform;
  d.first_ = low;
  d.second_ = high;
  return d;
}

Distribution Distribution::lognormal(double mean, double sd) {
  require(std::isfinite(mean) && mean > 0.0 && std::isfinite(sd) && sd >= 0.0,
          "lognormal distribution: need mean > 0 and sd >= 0");
  Distribution d;
  d.kind_ = Kind::lognormal;
  d.first_ = mean;
  d.second_ = sd;
  // Mean m and sd s of the log-normal itself give sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2.
  const double sigma2 = std::log1p((sd * sd) / (mean * mean));
  d.native_a_ = std::log(mean) - sigma2 / 2.0;
  d.native_b_ = std::sqrt(sigma2);
  return d;
}

Distribution Distribution::gamma(double mean, double sd) {
  require(std::isfinite(mean) && mean > 0.0 && std::isfinite(sd) && sd >= 0.0,
          "gamma distribution: need mean > 0 and sd >= 0");
  Distribution d;
  d.kind_ = Kind::gamma;
  d.first_ = mean;
  d.second_ = sd;
  if (sd > 0.0) {
    d.native_a_ = (mean * mean) / (sd * sd); // shape
    d.native_b_ = (sd * sd) / mean;          // scale
  }
  return d;
}

Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights) {
  require(!values.empty() && values.size() == weights.size(),
          "empirical distribution: need as many weights as values, at least one");
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    require(std::isfinite(values[i]), "empirical distribution: values must be finite");
    require(std::isfinite(weights[i]) && weights[i] >= 0.0,
            "empirical distribution: weights must be >= 0");
    total += weights[i];
  }
  require(total > 0.0, "empirical distribution: weights must have a positive sum");
  Distribution d;
  d.kind_ = Kind::empirical;
  d.pick_ =
      boost::random::discrete_distribution<std::size_t, double>(weights.begin(), weights.end());
  d.values_ = std::move(values);
  d.weights_ = std::move(weights);
  return d;
}

double Distribution::mean() const noexcept {
  switch (kind_) {
  case Kind::fixed:
  case Kind::exponential:
  case Kind::lognormal:
  case Kind::gamma:
    return first_;
  case Kind::uniform:
    return (first_ + second_) / 2.0;
  case Kind::empirical: {
    const double total = std::accumulate(weights_.begin(), weights_.end(), 0.0);
    return std::inner_product(values_.begin(), values_.end(), weights_.begin(), 0.0) / total;
  }
  }
  return 0.0;
}

double Distribution::sd() const noexcept {
  switch (kind_) {
  case Kind::fixed:
    return 0.0;
  case Kind::exponential:
    return first_;
  case Kind::lognormal:
  case Kind::gamma:
    return second_;
  case Kind::uniform:
    return (second_ - first_) / std::sqrt(12.0);
  case Kind::empirical: {
    const double total = std::accumulate(weights_.begin(), weights_.end(), 0.0);
    const double m = mean();
    double second_moment = 0.0;
    for (std::size_t i = 0; i < values_.size(); ++i) {
      second_moment += weights_[i] * (values_[i] - m) * (values_[i] - m);
    }
    return std::sqrt(second_moment / total);
  }
  }
  return 0.0;
}

bool Distribution::is_degenerate() const noexcept { return sd() == 0.0; }

double Distribution::sample(RandomStream &stream) const {
  switch (kind_) {
  case Kind::fixed:
    return first_;
  case Kind::exponential:
    return boost::random::exponential_distribution<double>(native_a_)(stream);
  case Kind::uniform:
    return first_ == second_
               ? first_
               : boost::random::uniform_real_distribution<double>(first_, second_)(stream);
  case Kind::lognormal:
    return second_ == 0.0
               ? first_
               : boost::random::lognormal_distribution<double>(native_a_, native_b_)(stream);
  case Kind::gamma:
    return second_ == 0.0 ? first_
                          : boost::random::gamma_distribution<double>(native_a_, native_b_)(stream);
  case Kind::empirical:
    return values_[pick_(stream)];
  }
  return first_;
}

bool operator==(const Distribution &a, const Distribution &b) {
  return a.kind_ == b.kind_ && a.first_ == b.first_ && a.second_ == b.second_ &&
         a.values_ == b.values_ && a.weights_ == b.weights_;
}

} // namespace removalsim::engine
