#include "removalsim/engine/event_calendar.h"

#include <cassert>
#include <cmath>
#include <utility>

namespace removalsim::engine {

namespace {
constexpr std::size_t kArity = 4;
constexpr std::uint64_t kSequenceBits = 56;
} // namespace

std::uint64_t EventCalendar::schedule(Time time, Phase phase, std::uint32_t kind,
                                      std::uint32_t target, std::uint32_t tag) {
  assert(std::isfinite(time));
  const std::uint64_t sequence = next_sequence_++;
  heap_.push_back(
      Event{time, (std::uint64_t{phase} << kSequenceBits) | sequence, kind, target, tag});
  sift_up(heap_.size() - 1);
  return sequence;
}

Event EventCalendar::pop() {
  assert(!heap_.empty());
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
  next_sequence_ = 0;
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
