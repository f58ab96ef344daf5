#include "removalsim/engine/interval.h"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace removalsim::engine {

double student_t_critical_value(std::size_t n, double level) {
  if (n < 2 || !(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument("student_t_critical_value: need n >= 2 and 0 < level < 1");
  }
  const boost::math::students_t law(static_cast<double>(n - 1));
  return boost::math::quantile(law, (1.0 + level) / 2.0);
}

ConfidenceInterval student_t_interval(std::span<const double> samples, double level) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument("student_t_interval: need 0 < level < 1");
  }
  ConfidenceInterval interval;
  interval.n = samples.size();
  if (samples.empty()) {
    interval.mean = interval.low = interval.high = kNaN;
    return interval;
  }
  double sum = 0.0;
  for (const double x : samples) {
    sum += x;
  }
  const double n = static_cast<double>(samples.size());
  interval.mean = sum / n;
  if (samples.size() < 2) {
    interval.low = interval.high = kNaN;
    return interval;
  }
  double squares = 0.0;
  for (const double x : samples) {
    squares += (x - interval.mean) * (x - interval.mean);
  }
  const double standard_error = std::sqrt(squares / (n - 1.0) / n);
  const double half = student_t_critical_value(samples.size(), level) * standard_error;
  interval.low = interval.mean - half;
  interval.high = interval.mean + half;
  return interval;
}

} // namespace removalsim::engine
