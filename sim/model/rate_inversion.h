#pragma once

#include "removalsim/engine/timeline.h"

#include <cmath>
#include <limits>

namespace removalsim::model {

/// Arrival time of the first event of a Poisson process with piecewise-constant rate, after `from`,
/// found by inverting the cumulative rate: the first t with ∫_from^t rate = `exp1` (a unit
/// exponential draw). `rate_at(t)` returns the rate in force at t and `segment_end(t)` the time
/// it may next change. Returns +infinity when the cumulative rate never reaches `exp1` before
/// `limit`.
template <class RateAt, class SegmentEnd>
engine::Time invert_cumulative_rate(engine::Time from, double exp1, engine::Time limit,
                                    RateAt &&rate_at, SegmentEnd &&segment_end) {
  engine::Time t = from;
  double remaining = exp1;
  while (t < limit) {
    const double rate = rate_at(t);
    const engine::Time end = segment_end(t);
    if (rate > 0.0) {
      const double needed = remaining / rate;
      if (t + needed < end) {
        return t + needed;
      }
      if (std::isinf(end)) {
        return std::numeric_limits<engine::Time>::infinity();
      }
      remaining -= rate * (end - t);
    } else if (std::isinf(end)) {
      break;
    }
    t = end;
  }
  return std::numeric_limits<engine::Time>::infinity();
}

/// First time t >= `from` at which an order issued at `issued` has lapsed under the rule in force
/// at t: t - issued >= validity(t). +infinity when it never lapses.
inline engine::Time lapse_time(const engine::Timeline<double> &validity, engine::Time issued,
                               engine::Time from) {
  const auto &segments = validity.segments();
  for (std::size_t i = validity.index_at(from); i < segments.size(); ++i) {
    const engine::Time begin = i == 0 ? from : std::max(from, segments[i].from);
    const engine::Time end = validity.next_change_after(i);
    const engine::Time candidate = std::max(begin, issued + segments[i].value);
    if (candidate < end) {
      return candidate;
    }
  }
  return std::numeric_limits<engine::Time>::infinity();
}

} // namespace removalsim::model
