#include "removalsim/engine/event_calendar.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace removalsim::engine {

namespace {
constexpr std::size_t kArity = 4;
constexpr std::uint64_t kInitialRing = 64;
/// A bucket of at most this many events is sorted whole; a larger one is spread over
/// sub-buckets of kEventsPerSub to 2 kEventsPerSub events each (at most kMaxSubs of them).
constexpr std::size_t kSortWhole = 64;
constexpr std::size_t kEventsPerSub = 16;
/// Runs of at most this many events are sorted by insertion.
constexpr std::size_t kInsertionSort = 24;
constexpr std::size_t kMaxSubs = std::size_t{1} << 12;
/// A consumed bucket list keeps its storage for reuse up to this many events (larger ones are
/// freed, so that the ring holds no more than 256 bytes per slot).
constexpr std::size_t kKeptCapacity = 8;
} // namespace

EventCalendar::EventCalendar(Time bucket_width)
    : bucket_width_(bucket_width), unit_width_(bucket_width == 1.0), ring_(kInitialRing),
      ring_mask_(kInitialRing - 1) {
  if (!(bucket_width > 0.0) || !std::isfinite(bucket_width)) {
    throw std::invalid_argument("EventCalendar: bucket width must be finite and > 0");
  }
}

void EventCalendar::grow_ring(std::uint64_t ahead) {
  std::uint64_t size = ring_mask_ + 1;
  while (size <= ahead) {
    size *= 2;
  }
  std::vector<std::vector<Event>> ring(size);
  // Bucket b (current_bucket_ < b <= current_bucket_ + ring_mask_) moves to its new slot.
  for (std::uint64_t b = static_cast<std::uint64_t>(current_bucket_) + 1;
       b <= static_cast<std::uint64_t>(current_bucket_) + ring_mask_; ++b) {
    ring[b & (size - 1)].swap(ring_[b & ring_mask_]);
  }
  ring_.swap(ring);
  ring_mask_ = size - 1;
}

void EventCalendar::refill() {
  // Called with the run exhausted. The current bucket's next sub-bucket becomes the run at once:
  // the heap may hold earlier events, and pop takes the earlier of the run's head and the heap's
  // top. A later bucket is opened only once the heap's top lies beyond the current bucket, so
  // that the current bucket stays the clock's: every event in a later bucket is later than the
  // heap's events of the current bucket (bucket_of never decreases with time).
  while (run_next_ == run_.size()) {
    if (in_subs_ > 0) {
      while (subs_[next_sub_].empty()) {
        ++next_sub_;
      }
      run_.clear();
      run_.swap(subs_[next_sub_]);
      ++next_sub_;
      in_subs_ -= run_.size();
      run_next_ = 0;
      sort_run();
      continue;
    }
    if (in_ring_ == 0 || (!heap_.empty() && bucket_of(heap_.front().time) <= current_bucket_)) {
      return;
    }
    ++current_bucket_;
    if (ring_[static_cast<std::uint64_t>(current_bucket_) & ring_mask_].empty()) {
      sub_count_ = 0;
      next_sub_ = 0;
      continue;
    }
    open_bucket();
  }
}

void EventCalendar::open_bucket() {
  std::vector<Event> &bucket = ring_[static_cast<std::uint64_t>(current_bucket_) & ring_mask_];
  in_ring_ -= bucket.size();
  run_.clear();
  run_next_ = 0;
  sub_count_ = 0;
  next_sub_ = 0;
  if (bucket.size() <= kSortWhole) {
    run_.swap(bucket); // the slot keeps the old run's storage for bucket current + ring size
    sort_run();
  } else {
    sub_count_ = std::min(kMaxSubs, std::bit_ceil(bucket.size() / kEventsPerSub));
    if (subs_.size() < sub_count_) {
      subs_.resize(sub_count_);
    }
    sub_origin_ = static_cast<Time>(current_bucket_) * bucket_width_;
    sub_scale_ = static_cast<double>(sub_count_) / bucket_width_;
    for (const Event &event : bucket) {
      subs_[sub_of(event.time)].push_back(event);
    }
    in_subs_ += bucket.size();
    bucket.clear();
  }
  if (bucket.capacity() > kKeptCapacity) {
    std::vector<Event>().swap(bucket);
  }
}

void EventCalendar::sort_run() {
  if (run_.size() > kInsertionSort) {
    std::sort(run_.begin(), run_.end(),
              [](const Event &a, const Event &b) { return precedes(a, b); });
    return;
  }
  // A straight insertion sort: sub-buckets and the small buckets of a sparse calendar hold a
  // handful of events, for which std::sort's set-up costs more than the sorting.
  for (std::size_t i = 1; i < run_.size(); ++i) {
    const Event moving = run_[i];
    std::size_t j = i;
    for (; j > 0 && precedes(moving, run_[j - 1]); --j) {
      run_[j] = run_[j - 1];
    }
    run_[j] = moving;
  }
}

void EventCalendar::clear() noexcept {
  heap_.clear();
  run_.clear();
  run_next_ = 0;
  for (std::vector<Event> &bucket : ring_) {
    bucket.clear();
  }
  in_ring_ = 0;
  for (std::vector<Event> &sub : subs_) {
    sub.clear();
  }
  sub_count_ = 0;
  next_sub_ = 0;
  in_subs_ = 0;
  current_bucket_ = 0;
  size_ = 0;
  next_sequence_ = 0;
}

Event EventCalendar::pop_heap() noexcept {
  const Event next = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) {
    sift_down(0);
  }
  return next;
}

void EventCalendar::push_heap(const Event &event) {
  heap_.push_back(event);
  sift_up(heap_.size() - 1);
}

// The moving element is held aside and written once at its final slot (a "hole" sift), which
// halves the memory traffic of swap-based sifting.
void EventCalendar::sift_up(std::size_t index) noexcept {
  const Event moving = heap_[index];
  while (index > 0) {
    const std::size_t parent = (index - 1) / kArity;
    if (!precedes(moving, heap_[parent])) {
      break;
    }
    heap_[index] = heap_[parent];
    index = parent;
  }
  heap_[index] = moving;
}

void EventCalendar::sift_down(std::size_t index) noexcept {
  const std::size_t size = heap_.size();
  const Event moving = heap_[index];
  while (true) {
    const std::size_t first_child = index * kArity + 1;
    if (first_child >= size) {
      break;
    }
    const std::size_t last_child = std::min(first_child + kArity, size);
    std::size_t best = first_child;
    for (std::size_t child = first_child + 1; child < last_child; ++child) {
      if (precedes(heap_[child], heap_[best])) {
        best = child;
      }
    }
    if (!precedes(heap_[best], moving)) {
      break;
    }
    heap_[index] = heap_[best];
    index = best;
  }
  heap_[index] = moving;
}

} // namespace removalsim::engine
