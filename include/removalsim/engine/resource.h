#pragma once

#include "removalsim/engine/event.h"
#include "removalsim/engine/time_weighted.h"

#include <cstdint>
#include <deque>
#include <optional>

namespace removalsim::engine {

/// Units of a shared capacity held by tokens (entity handles), with a FIFO waiting line or loss.
///
/// State machine per token: requested → granted (holds one unit) → released; with
/// `WhenFull::queue` a request that finds no free unit waits in FIFO order until a release or a
/// capacity increase grants it; with `WhenFull::reject` it is refused at once. Capacity may change
/// at any time; a cut below the units in use takes none back (holders keep their unit, new grants
/// resume once `in_use() < capacity()`). The time-weighted average of units in use is tracked.
class Resource {
public:
  enum class WhenFull : std::uint8_t { queue, reject };

  /// `capacity >= 0` units, free at time `start`.
  Resource(std::int64_t capacity, WhenFull when_full, Time start = 0.0);

  /// Asks one unit for `token` at time `now`. Returns true when granted at once; otherwise the
  /// token waits (queue mode) or is refused (reject mode; counted in `rejections()`).
  bool request(std::uint32_t token, Time now);
  /// Like `request`, but the grant also requires more than `reserve` free units (units kept for
  /// others); a token refused this way waits or is rejected like any other. In queue mode the
  /// reserve applies to the immediate grant only: once in line, a token gets the next free unit.
  bool request_above_reserve(std::uint32_t token, std::int64_t reserve, Time now);
  /// Returns one unit at `now`. Precondition: `in_use() > 0`. If a token waits and a unit is free,
  /// the head of the line is granted and returned.
  std::optional<std::uint32_t> release(Time now);
  /// Sets the capacity (>= 0). Waiting tokens are not granted by this call: after an
  /// increase, call `grant_waiting` until it returns nothing.
  void set_capacity(std::int64_t capacity);
  /// Grants the head of the waiting line if a unit is free; returns it, or nothing.
  std::optional<std::uint32_t> grant_waiting(Time now);
  /// Removes `token` from the waiting line (it gives up waiting); returns whether it was waiting.
  bool withdraw(std::uint32_t token);

  std::int64_t capacity() const noexcept { return capacity_; }
  std::int64_t in_use() const noexcept { return in_use_; }
  /// Free units (0 when the capacity is below the units in use).
  std::int64_t available() const noexcept { return in_use_ < capacity_ ? capacity_ - in_use_ : 0; }
  std::size_t waiting() const noexcept { return queue_.size(); }
  /// Requests refused in reject mode.
  std::uint64_t rejections() const noexcept { return rejections_; }
  /// Units granted so far.
  std::uint64_t grants() const noexcept { return grants_; }
  /// Time-weighted statistics of the units in use.
  const TimeWeighted &usage() const noexcept { return usage_; }

private:
  void grant(Time now);

  std::int64_t capacity_;
  std::int64_t in_use_ = 0;
  WhenFull when_full_;
  std::deque<std::uint32_t> queue_;
  std::uint64_t rejections_ = 0;
  std::uint64_t grants_ = 0;
  TimeWeighted usage_;
};

} // namespace removalsim::engine
