#pragma once

#include "removalsim/engine/event.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace removalsim::engine {

/// The pending-event set, ordered by (time, phase, sequence number): a total, deterministic order.
///
/// Two levels, so that the many events scheduled far ahead (deadlines months or years away) cost
/// O(1) and stay out of the hot structure: events beyond the current time bucket (buckets are
/// `bucket_width` wide, from time 0) are appended, unsorted, to their bucket's list. When the
/// clock reaches a bucket its list is sorted once and becomes the current run; events scheduled
/// into the current bucket meanwhile go to a 4-ary min-heap, and the next event is the earlier of
/// the run's head and the heap's top. Sorting a whole bucket costs fewer comparisons, and far
/// fewer cache misses, than pushing each of its events through a heap. The order events come out
/// in is exactly the order a single heap would give.
class EventCalendar {
public:
  /// `bucket_width > 0`, in time units; about the spacing of the model's own rhythm (a day).
  explicit EventCalendar(Time bucket_width = 1.0);

  /// Adds an event; `time` must be finite. Returns its sequence number.
  std::uint64_t schedule(Time time, Phase phase, std::uint32_t kind, std::uint32_t target,
                         std::uint32_t tag = 0);
  /// The next event. Precondition: `!empty()`. Not const: it may move a bucket into the heap.
  const Event &top();
  /// Removes and returns the next event. Precondition: `!empty()`.
  Event pop();
  /// True when no event is pending.
  bool empty() const noexcept { return size_ == 0; }
  /// Number of pending events.
  std::size_t size() const noexcept { return size_; }
  /// Pre-allocates room for `n` events due at about the same time.
  void reserve(std::size_t n) {
    heap_.reserve(n);
    run_.reserve(n);
  }
  /// Drops every pending event and restarts sequence numbers at 0.
  void clear() noexcept;

private:
  /// Buckets further ahead than this are not allocated: their events go to the heap directly.
  static constexpr std::int64_t kMaxBucketsAhead = std::int64_t{1} << 20;

  std::int64_t bucket_of(Time time) const noexcept;
  /// Makes the next non-empty bucket the current run when the run is exhausted and the heap
  /// does not hold the earliest pending event.
  void refill();
  /// True when the run's head comes before the heap's top (or the heap is empty).
  bool run_is_next() const noexcept;
  void push_heap(const Event &event);
  void sift_up(std::size_t index) noexcept;
  void sift_down(std::size_t index) noexcept;

  Time bucket_width_;
  /// Events scheduled into the current bucket after it became current (and those too far ahead
  /// for a bucket).
  std::vector<Event> heap_;
  /// The current bucket's events as it became current, sorted; run_[run_next_] is the earliest
  /// not yet popped.
  std::vector<Event> run_;
  std::size_t run_next_ = 0;
  /// buckets_[b - first_bucket_] holds the events of bucket b > current_bucket_.
  std::deque<std::vector<Event>> buckets_;
  std::int64_t first_bucket_ = 1;
  /// Every pending event of a bucket <= current_bucket_ is in the run or the heap.
  std::int64_t current_bucket_ = 0;
  std::size_t in_buckets_ = 0;
  std::size_t size_ = 0;
  std::uint64_t next_sequence_ = 0;
};

} // namespace removalsim::engine
