#include "removalsim/engine/event_calendar.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace removalsim::engine {

namespace {
constexpr std::size_t kArity = 4;
constexpr std::uint64_t kSequenceBits = 56;
} // namespace

EventCalendar::EventCalendar(Time bucket_width) : bucket_width_(bucket_width) {
  if (!(bucket_width > 0.0) || !std::isfinite(bucket_width)) {
    throw std::invalid_argument("EventCalendar: bucket width must be finite and > 0");
  }
}

std::int64_t EventCalendar::bucket_of(Time time) const noexcept {
  const double bucket = std::floor(time / bucket_width_);
  const double limit = static_cast<double>(current_bucket_ + kMaxBucketsAhead);
  return bucket >= limit ? current_bucket_ + kMaxBucketsAhead : static_cast<std::int64_t>(bucket);
}

std::uint64_t EventCalendar::schedule(Time time, Phase phase, std::uint32_t kind,
                                      std::uint32_t target, std::uint32_t tag) {
  assert(std::isfinite(time));
  const std::uint64_t sequence = next_sequence_++;
  const Event event{time, (std::uint64_t{phase} << kSequenceBits) | sequence, kind, target, tag};
  ++size_;
  const std::int64_t bucket = bucket_of(time);
  if (bucket <= current_bucket_ || bucket >= current_bucket_ + kMaxBucketsAhead) {
    push_heap(event);
    return sequence;
  }
  const auto slot = static_cast<std::size_t>(bucket - first_bucket_);
  if (slot >= buckets_.size()) {
    buckets_.resize(slot + 1);
  }
  buckets_[slot].push_back(event);
  ++in_buckets_;
  return sequence;
}

void EventCalendar::refill() {
  // The run holds only events of the current bucket, and the heap holds the earliest event once
  // its top lies within the current bucket: every event in a later bucket is later still.
  while (run_next_ == run_.size() && in_buckets_ > 0 &&
         (heap_.empty() ||
          heap_.front().time >= static_cast<Time>(current_bucket_ + 1) * bucket_width_)) {
    ++current_bucket_;
    first_bucket_ = current_bucket_ + 1;
    run_.swap(buckets_.front());
    buckets_.pop_front();
    in_buckets_ -= run_.size();
    run_next_ = 0;
    std::sort(run_.begin(), run_.end(),
              [](const Event &a, const Event &b) { return precedes(a, b); });
  }
}

bool EventCalendar::run_is_next() const noexcept {
  return run_next_ < run_.size() && (heap_.empty() || precedes(run_[run_next_], heap_.front()));
}

const Event &EventCalendar::top() {
  assert(size_ > 0);
  refill();
  return run_is_next() ? run_[run_next_] : heap_.front();
}

Event EventCalendar::pop() {
  assert(size_ > 0);
  refill();
  --size_;
  if (run_is_next()) {
    return run_[run_next_++];
  }
  const Event next = heap_.front();
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) {
    sift_down(0);
  }
  return next;
}

void EventCalendar::clear() noexcept {
  heap_.clear();
  run_.clear();
  run_next_ = 0;
  buckets_.clear();
  first_bucket_ = 1;
  current_bucket_ = 0;
  in_buckets_ = 0;
  size_ = 0;
  next_sequence_ = 0;
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
