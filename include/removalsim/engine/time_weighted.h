#pragma once

#include "removalsim/engine/event.h"

namespace removalsim::engine {

/// Time-weighted average of a piecewise-constant quantity (units in use, queue length...).
class TimeWeighted {
public:
  /// Starts observing at `start` with the given initial value.
  explicit TimeWeighted(Time start = 0.0, double initial = 0.0) noexcept
      : start_(start), last_time_(start), value_(initial), max_(initial) {}
  /// The quantity changes to `value` at `now >= ` the last update.
  void update(Time now, double value) noexcept {
    area_ += value_ * (now - last_time_);
    last_time_ = now;
    value_ = value;
    if (value > max_) {
      max_ = value;
    }
  }
  /// Current value.
  double value() const noexcept { return value_; }
  /// Largest value seen.
  double max() const noexcept { return max_; }
  /// Integral of the quantity from the start to `now >=` the last update.
  double area(Time now) const noexcept { return area_ + value_ * (now - last_time_); }
  /// Time average from the start to `now` (the current value when no time has passed).
  double mean(Time now) const noexcept {
    return now > start_ ? area(now) / (now - start_) : value_;
  }
  /// Forgets the history: the average restarts at `now` with the current value (end of warm-up).
  void restart(Time now) noexcept {
    start_ = now;
    last_time_ = now;
    area_ = 0.0;
    max_ = value_;
  }

private:
  Time start_;
  Time last_time_;
  double value_;
  double max_;
  double area_ = 0.0;
};

} // namespace removalsim::engine
