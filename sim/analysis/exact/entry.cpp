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

bool has_transform(const Distribution &law) {
  return law.kind() != Distribution::Kind::lognormal || law.second() == 0.0;
}

Transform transform(const Distribution &law, double s) {
  const auto fixed = [s](double d) { return Transform{std::exp(-s * d), d * std::exp(-s * d)}; };
  switch (law.kind()) {
  case Distribution::Kind::fixed:
    return fixed(law.first());
  case Distribution::Kind::exponential: {
    const double m = law.mean();
    const double denominator = 1.0 + s * m;
    return {1.0 / denominator, m / (denominator * denominator)};
  }
  case Distribution::Kind::uniform: {
    const double low = law.first();
    const double high = law.second();
    if (high == low) {
      return fixed(low);
    }
    const double width = high - low;
    const double e_low = std::exp(-s * low);
    const double e_high = std::exp(-s * high);
    // ∫ x exp(−sx) dx = −(x/s + 1/s²) exp(−sx).
    return {(e_low - e_high) / (s * width),
            ((low + 1.0 / s) * e_low - (high + 1.0 / s) * e_high) / (s * width)};
  }
  case Distribution::Kind::lognormal:
    return law.second() == 0.0 ? fixed(law.mean()) : Transform{kNaN, kNaN};
  case Distribution::Kind::gamma: {
    const double m = law.mean();
    const double sd = law.second();
    if (sd == 0.0) {
      return fixed(m);
    }
    const double shape = (m * m) / (sd * sd);
    const double scale = (sd * sd) / m;
    const double base = 1.0 + s * scale;
    return {std::pow(base, -shape), shape * scale * std::pow(base, -shape - 1.0)};
  }
  case Distribution::Kind::empirical: {
    const auto &values = law.values();
    const auto &weights = law.weights();
    Transform sum{0.0, 0.0};
    for (std::size_t i = 0; i < values.size(); ++i) {
      const Transform one = fixed(values[i]);
      sum.value += weights[i] * one.value;
      sum.weighted += weights[i] * one.weighted;
    }
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    return {sum.value / total, sum.weighted / total};
  }
  }
  return {kNaN, kNaN};
}

Entry entry_of(const CaseParameters &p) {
  const double prison = p.prison_share.at(0.0);
  const double v = p.voluntary_share.at(0.0);
  const double di = p.detained_at_issuance_share.at(0.0);
  const double nd = p.no_delay_share.at(0.0);
  const double a = p.appeal_share.at(0.0);
  const double an = p.appeal_annulment_share.at(0.0);
  const double period = p.departure_period_days.at(0.0);
  const Distribution &duration = p.appeal_duration.at(0.0);
  // Cases not in prison: the v1 draws.
  const double outside = 1.0 - prison;
  Entry e;
  e.voluntary = outside * v;
  e.voluntary_time = e.voluntary * period / 2.0;
  e.detained = outside * (1.0 - v) * di;
  const double free = outside * (1.0 - v) * (1.0 - di);
  e.annulled = free * a * an;
  e.annulled_time = e.annulled * duration.mean();
  e.at_large = free * (1.0 - a * an);
  e.at_large_time =
      free *
      (a * (1.0 - an) * (nd * mean_max(0.0, duration) + (1.0 - nd) * mean_max(period, duration)) +
       (1.0 - a) * (1.0 - nd) * period);
  if (prison > 0.0) {
    // Prisoners: released at R ~ Exp(mean m); an appeal judged at D. An annulment ends the case
    // at D wherever it is; otherwise a judgment before the release changes nothing, and an appeal
    // still pending at the release sends the case at large at D (no departure period).
    const double m = p.prison_remaining_days.at(0.0).mean();
    const Transform judged_in_prison = a > 0.0 ? transform(duration, 1.0 / m) : Transform{};
    const double phi = judged_in_prison.value; // P(D <= R)
    const double kept = a * (1.0 - an);
    e.prisoners = prison;
    e.annulled += prison * a * an;
    e.annulled_time += prison * a * an * duration.mean();
    e.prison_release = prison * ((1.0 - a) + kept * phi);
    e.prison_release_time = prison * ((1.0 - a) * m + kept * (judged_in_prison.weighted + m * phi));
    e.prison_releases = prison * (1.0 - a * an * phi);
    if (kept > 0.0) {
      e.at_large += prison * kept * (1.0 - phi);
      e.at_large_time += prison * kept * (duration.mean() - judged_in_prison.weighted);
    }
  }
  return e;
}

} // namespace removalsim::analysis::exact
