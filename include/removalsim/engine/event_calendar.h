#pragma once

#include "removalsim/engine/event.h"

#include <cstddef>
#include <vector>

namespace removalsim::engine {

/// The pending-event set: a 4-ary min-heap of `Event` records in one contiguous vector.
///
/// Ordering is total and deterministic: (time, phase, sequence number). Scheduling and removal cost
/// O(log n) with no allocation once the vector has grown to the peak number of pending events.
class EventCalendar {
public:
  /// Adds an event; `time` must be finite. Returns its sequence number.
  std::uint64_t schedule(Time time, Phase phase, std::uint32_t kind, std::uint32_t target,
                         std::uint32_t tag = 0);
  /// The next event. Precondition: `!empty()`.
  const Event &top() const noexcept { return heap_.front(); }
  /// Removes and returns the next event. Precondition: `!empty()`.
  Event pop();
  /// True when no event is pending.
  bool empty() const noexcept { return heap_.empty(); }
  /// Number of pending events.
  std::size_t size() const noexcept { return heap_.size(); }
  /// Pre-allocates room for `n` pending events.
  void reserve(std::size_t n) { heap_.reserve(n); }
  /// Drops every pending event and restarts sequence numbers at 0.
  void clear() noexcept;

private:
  void sift_up(std::size_t index) noexcept;
  void sift_down(std::size_t index) noexcept;

  std::vector<Event> heap_;
  std::uint64_t next_sequence_ = 0;
};

} // namespace removalsim::engine
