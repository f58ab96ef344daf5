#pragma once

#include <cstdint>

namespace removalsim::engine {

/// Simulated time, in days from the start of the run.
using Time = double;

/// Named priority among events at the same time: lower phases run first. Models give their
/// phases names (an enum with `std::uint8_t` underlying type) so the tie rule reads as a rule.
using Phase = std::uint8_t;

/// A pending event: a small plain record, ordered by (time, phase, sequence number).
///
/// `kind`, `target` and `tag` are the model's: what happens, to which entity, and a tag the model
/// may use to recognise stale events (lazy invalidation: store a generation number in `tag` and
/// ignore events whose tag no longer matches the entity's).
struct Event {
  Time time;
  /// Phase in the top 8 bits, scheduling sequence number in the low 56 bits: one integer
  /// comparison breaks ties by phase, then first-scheduled-first.
  std::uint64_t order;
  std::uint32_t kind;
  std::uint32_t target;
  std::uint32_t tag;

  /// The event's phase.
  Phase phase() const noexcept { return static_cast<Phase>(order >> 56); }
  /// The calendar-wide sequence number given at scheduling (0 for the first event scheduled).
  std::uint64_t sequence() const noexcept { return order & ((std::uint64_t{1} << 56) - 1); }
};

/// True when `a` must be processed before `b`: earlier time, then lower phase, then scheduled
/// first.
inline bool precedes(const Event &a, const Event &b) noexcept {
  return a.time < b.time || (a.time == b.time && a.order < b.order);
}

} // namespace removalsim::engine
