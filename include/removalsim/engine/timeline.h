#pragma once

#include "removalsim/engine/event.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

namespace removalsim::engine {

/// A piecewise-constant function of time: value `v_i` from time `t_i` (inclusive) until `t_{i+1}`.
/// The first value also applies before its time, the last one forever after.
template <class T> class Timeline {
public:
  struct Segment {
    Time from;
    T value;
    friend bool operator==(const Segment &, const Segment &) = default;
  };

  /// A constant timeline.
  Timeline(T value = T{})
      : segments_{Segment{0.0, std::move(value)}} {} // NOLINT: implicit on purpose
  /// Segments in strictly increasing time order (at least one); throws std::invalid_argument else.
  explicit Timeline(std::vector<Segment> segments) : segments_(std::move(segments)) {
    if (segments_.empty()) {
      throw std::invalid_argument("Timeline: needs at least one segment");
    }
    for (std::size_t i = 1; i < segments_.size(); ++i) {
      if (!(segments_[i - 1].from < segments_[i].from)) {
        throw std::invalid_argument("Timeline: segment times must increase strictly");
      }
    }
  }

  /// The value in force at time `t`.
  const T &at(Time t) const noexcept { return segments_[index_at(t)].value; }
  /// Index of the segment in force at `t`.
  std::size_t index_at(Time t) const noexcept {
    const auto after = std::upper_bound(segments_.begin() + 1, segments_.end(), t,
                                        [](Time time, const Segment &s) { return time < s.from; });
    return static_cast<std::size_t>(after - segments_.begin()) - 1;
  }
  /// Time at which the segment after `index` starts (+infinity for the last one).
  Time next_change_after(std::size_t index) const noexcept;
  const std::vector<Segment> &segments() const noexcept { return segments_; }
  /// True when the value never changes.
  bool is_constant() const noexcept {
    return std::all_of(segments_.begin(), segments_.end(),
                       [&](const Segment &s) { return s.value == segments_.front().value; });
  }

  friend bool operator==(const Timeline &, const Timeline &) = default;

private:
  std::vector<Segment> segments_;
};

template <class T> Time Timeline<T>::next_change_after(std::size_t index) const noexcept {
  return index + 1 < segments_.size() ? segments_[index + 1].from
                                      : std::numeric_limits<Time>::infinity();
}

} // namespace removalsim::engine
