#pragma once

#include "removalsim/engine/event.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace removalsim::engine {

/// The pending-event set, ordered by (time, phase, sequence number): a total, deterministic order.
///
/// Two levels, so that the many events scheduled far ahead (deadlines months or years away) cost
/// O(1) and stay out of the hot structure: events beyond the current time bucket (buckets are
/// `bucket_width` wide, from time 0) are appended, unsorted, to their bucket's list, kept in a ring
/// indexed by the bucket number modulo its (power-of-two) size. When the clock reaches a bucket,
/// a small one is sorted once and becomes the current run; a large one is first spread over
/// sub-buckets of equal width (16 to 32 events each), each sorted when the clock reaches it, so
/// that sorting costs a few comparisons per event whatever the bucket's size. Events scheduled
/// into the current bucket meanwhile go to their sub-bucket when it is still ahead, else to a
/// 4-ary min-heap; the next event is the earlier of the run's head and the heap's top. While the
/// calendar holds very few events (an M/M/1 queue), every new event goes to the heap: no bucket
/// to open per time unit. The order
/// events come out in is exactly the order a single heap would give: only where events wait
/// differs.
///
/// `schedule`, `top` and `pop` are inline: they are the engine's hot path.
class EventCalendar {
public:
  /// `bucket_width > 0`, in time units; about the spacing of the model's own rhythm (a day).
  explicit EventCalendar(Time bucket_width = 1.0);

  /// Adds an event; `time` must be finite. Returns its sequence number.
  std::uint64_t schedule(Time time, Phase phase, std::uint32_t kind, std::uint32_t target,
                         std::uint32_t tag = 0) {
    const std::uint64_t sequence = next_sequence_++;
    const Event event{time, (std::uint64_t{phase} << kSequenceBits) | sequence, kind, target, tag};
    ++size_;
    if (size_ <= kFewEvents && sub_count_ == 0) {
      // A nearly empty calendar (an M/M/1 queue) is fastest as a small heap: no bucket to open
      // per time unit. Any event may wait in the heap: `refill` takes a bucket only when the
      // heap's top is later.
      push_heap(event);
      return sequence;
    }
    const std::int64_t ahead = bucket_of(time) - current_bucket_;
    if (ahead > 0 && ahead < kMaxBucketsAhead) {
      if (static_cast<std::uint64_t>(ahead) > ring_mask_) {
        grow_ring(static_cast<std::uint64_t>(ahead));
      }
      ring_[static_cast<std::uint64_t>(current_bucket_ + ahead) & ring_mask_].push_back(event);
      ++in_ring_;
      return sequence;
    }
    if (ahead == 0 && sub_count_ > 0) {
      const std::size_t sub = sub_of(time);
      if (sub >= next_sub_) {
        subs_[sub].push_back(event);
        ++in_subs_;
        return sequence;
      }
    }
    push_heap(event);
    return sequence;
  }
  /// The next event. Precondition: `!empty()`. Not const: it may move a bucket into the run.
  const Event &top() {
    refill_if_needed();
    return run_is_next() ? run_[run_next_] : heap_.front();
  }
  /// Removes and returns the next event. Precondition: `!empty()`.
  Event pop() {
    refill_if_needed();
    --size_;
    if (run_is_next()) {
      return run_[run_next_++];
    }
    return pop_heap();
  }
  /// Removes the next event into `event` if there is one at or before `horizon`; returns
  /// whether it did (`top` and `pop` in one step).
  bool pop_until(Time horizon, Event &event) {
    if (size_ == 0) {
      return false;
    }
    refill_if_needed();
    if (run_is_next()) {
      if (run_[run_next_].time > horizon) {
        return false;
      }
      event = run_[run_next_++];
    } else {
      if (heap_.front().time > horizon) {
        return false;
      }
      event = pop_heap();
    }
    --size_;
    return true;
  }
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
  static constexpr std::uint64_t kSequenceBits = 56;
  /// Buckets further ahead than this are not kept in the ring: their events go to the heap.
  static constexpr std::int64_t kMaxBucketsAhead = std::int64_t{1} << 16;
  /// Up to this many pending events, new events go to the heap.
  static constexpr std::size_t kFewEvents = 16;

  void refill_if_needed() {
    if (run_next_ == run_.size() && (in_ring_ != 0 || in_subs_ != 0)) {
      refill();
    }
  }

  std::int64_t bucket_of(Time time) const noexcept {
    // Times at or beyond the ring's reach only need to compare as "too far ahead".
    const double limit = static_cast<double>(current_bucket_ + kMaxBucketsAhead);
    const double bucket = unit_width_ ? std::floor(time) : std::floor(time / bucket_width_);
    return bucket >= limit ? current_bucket_ + kMaxBucketsAhead : static_cast<std::int64_t>(bucket);
  }
  /// Sub-bucket of a time in the current bucket: non-decreasing in `time`, so an event in a later
  /// sub-bucket is never earlier than one in an earlier sub-bucket.
  std::size_t sub_of(Time time) const noexcept {
    const double position = (time - sub_origin_) * sub_scale_;
    if (!(position > 0.0)) {
      return 0;
    }
    return position >= static_cast<double>(sub_count_ - 1) ? sub_count_ - 1
                                                           : static_cast<std::size_t>(position);
  }
  /// Makes the next non-empty sub-bucket or bucket the current run when the run is exhausted and
  /// the heap does not hold the earliest pending event.
  void refill();
  /// Moves the current bucket's events to the run, or spreads them over sub-buckets.
  void open_bucket();
  /// Sorts the run (a bucket or a sub-bucket as it became current).
  void sort_run();
  /// Grows the ring so that it holds buckets up to `ahead` past the current one.
  void grow_ring(std::uint64_t ahead);
  /// True when the run's head comes before the heap's top (or the heap is empty).
  bool run_is_next() const noexcept {
    return run_next_ < run_.size() && (heap_.empty() || precedes(run_[run_next_], heap_.front()));
  }
  Event pop_heap() noexcept;
  void push_heap(const Event &event);
  void sift_up(std::size_t index) noexcept;
  void sift_down(std::size_t index) noexcept;

  Time bucket_width_;
  bool unit_width_;
  /// Events of the current bucket scheduled into or before the current sub-bucket after it
  /// became current, those too far ahead for the ring, and any event scheduled while the
  /// calendar held at most kFewEvents.
  std::vector<Event> heap_;
  /// The current (sub-)bucket's events as it became current, sorted; run_[run_next_] is the
  /// earliest not yet popped.
  std::vector<Event> run_;
  std::size_t run_next_ = 0;
  /// ring_[b & ring_mask_] holds the events of bucket b, for current_bucket_ < b <=
  /// current_bucket_ + ring_mask_ (the ring's size is a power of two).
  std::vector<std::vector<Event>> ring_;
  std::uint64_t ring_mask_;
  std::size_t in_ring_ = 0;
  /// The current bucket's sub-buckets (sub_count_ of them; 0 when it was small enough to sort
  /// whole): subs_[s] for s >= next_sub_ holds its events not yet in the run.
  std::vector<std::vector<Event>> subs_;
  std::size_t sub_count_ = 0;
  std::size_t next_sub_ = 0;
  std::size_t in_subs_ = 0;
  Time sub_origin_ = 0.0;
  double sub_scale_ = 0.0;
  /// Every pending event of a bucket < current_bucket_ is in the run or the heap, and so is
  /// every one of the current bucket outside subs_.
  std::int64_t current_bucket_ = 0;
  std::size_t size_ = 0;
  std::uint64_t next_sequence_ = 0;
};

} // namespace removalsim::engine
