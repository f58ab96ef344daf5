#include "removalsim/engine/event.h"
#include "removalsim/engine/event_calendar.h"

#include <catch2/catch.hpp>

#include <cstdint>

using removalsim::engine::Event;
using removalsim::engine::precedes;

namespace {
Event make(double time, std::uint8_t phase, std::uint64_t sequence) {
  return Event{time, (std::uint64_t{phase} << 56) | sequence, 0, 0, 0};
}
} // namespace

TEST_CASE("an event's order packs the phase above the sequence number", "[engine][event]") {
  const Event event = make(1.0, 0xAB, 0x00FF'FFFF'FFFF'FFFE);
  REQUIRE(event.phase() == 0xAB);
  REQUIRE(event.sequence() == 0x00FF'FFFF'FFFF'FFFE);
  REQUIRE(make(0.0, 255, 0).phase() == 255);
  REQUIRE(make(0.0, 0, 0).sequence() == 0);
}

TEST_CASE("precedes orders by time, then phase, then sequence", "[engine][event]") {
  // Earlier time wins whatever the phase and sequence.
  REQUIRE(precedes(make(1.0, 255, 99), make(2.0, 0, 0)));
  REQUIRE_FALSE(precedes(make(2.0, 0, 0), make(1.0, 255, 99)));
  // Same time: lower phase wins whatever the sequence.
  REQUIRE(precedes(make(1.0, 0, 99), make(1.0, 1, 0)));
  REQUIRE_FALSE(precedes(make(1.0, 1, 0), make(1.0, 0, 99)));
  // Same time and phase: scheduled first wins.
  REQUIRE(precedes(make(1.0, 3, 4), make(1.0, 3, 5)));
  REQUIRE_FALSE(precedes(make(1.0, 3, 5), make(1.0, 3, 4)));
  // Strict: an event does not precede itself.
  REQUIRE_FALSE(precedes(make(1.0, 3, 4), make(1.0, 3, 4)));
  // Negative times order too.
  REQUIRE(precedes(make(-2.0, 9, 9), make(-1.0, 0, 0)));
}

TEST_CASE("the calendar pops the top it shows", "[engine][event]") {
  removalsim::engine::EventCalendar calendar;
  calendar.schedule(3.0, 0, 1, 0);
  calendar.schedule(1.0, 2, 2, 0);
  calendar.schedule(1.0, 1, 3, 0);
  REQUIRE(calendar.top().kind == 3);
  const Event popped = calendar.pop();
  REQUIRE(popped.kind == 3);
  REQUIRE(popped.time == 1.0);
  REQUIRE(calendar.size() == 2);
  REQUIRE(calendar.top().kind == 2);
}
