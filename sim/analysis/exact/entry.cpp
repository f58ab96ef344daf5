// Before "at large": the voluntary departure, the departure period and the appeal. No competing
// risk here, so only means matter.
#include "exact_internal.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace removalsim::analysis::exact {

double mean_max(double c, const Distribution &law) {
  const double m = law.mean();
  switch (law.kind()) {
  case Distribution::Kind::fixed:
    return std::max(c, law.first());
  case Distribution::Kind::exponential:
    return c <= 0.0 ? m : c + m * std::exp(-c / m);
  case Distribution::Kind::uniform: {
    const double low = law.first();
    const double high = law.second();
    if (c <= low) {
      return m;
    }
    if (c >= high) {
      return c;
    }
    return c + (high - c) * (high - c) / (2.0 * (high - low));
  }
  case Distribution::Kind::lognormal: {
    const double sd = law.second();
    if (sd == 0.0) {
      return std::max(c, m);
    }
    if (c <= 0.0) {
      return m;
    }
    const double sigma2 = std::log1p((sd * sd) / (m * m));
    const double sigma = std::sqrt(sigma2);
    const double mu = std::log(m) - sigma2 / 2.0;
    const double d1 = (mu + sigma2 - std::log(c)) / sigma;
    const boost::math::normal_distribution<double> normal;
    return c + m * boost::math::cdf(normal, d1) - c * boost::math::cdf(normal, d1 - sigma);
  }
  case Distribution::Kind::gamma: {
    const double sd = law.second();
    if (sd == 0.0) {
      return std::max(c, m);
    }
    if (c <= 0.0) {
      return m;
    }
    const double shape = (m * m) / (sd * sd);
    const double scale = (sd * sd) / m;
    const double x = c / scale;
    return c + m * boost::math::gamma_q(shape + 1.0, x) - c * boost::math::gamma_q(shape, x);
  }
  case Distribution::Kind::empirical: {
    const auto &values = law.values();
    const auto &weights = law.weights();
    double sum = 0.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      sum += weights[i] * std::max(c, values[i]);
    }
    return sum / std::accumulate(weights.begin(), weights.end(), 0.0);
  }
  }
  return kNaN;
}

Entry entry_of(const CaseParameters &p) {
  const double v = p.voluntary_share.at(0.0);
  const double di = p.detained_at_issuance_share.at(0.0);
  const double nd = p.no_delay_share.at(0.0);
  const double a = p.appeal_share.at(0.0);
  const double an = p.appeal_annulment_share.at(0.0);
  const double period = p.departure_period_days.at(0.0);
  const Distribution &duration = p.appeal_duration.at(0.0);
  Entry e;
  e.voluntary = v;
  e.voluntary_time = v * period / 2.0;
  e.detained = (1.0 - v) * di;
  const double free = (1.0 - v) * (1.0 - di);
  e.annulled = free * a * an;
  e.annulled_time = e.annulled * duration.mean();
  e.at_large = free * (1.0 - a * an);
  e.at_large_time =
      free *
      (a * (1.0 - an) * (nd * mean_max(0.0, duration) + (1.0 - nd) * mean_max(period, duration)) +
       (1.0 - a) * (1.0 - nd) * period);
  return e;
}

} // namespace removalsim::analysis::exact
