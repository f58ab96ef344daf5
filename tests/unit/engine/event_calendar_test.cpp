#include "removalsim/engine/event_calendar.h"

#include <catch2/catch.hpp>

#include <vector>

using removalsim::engine::Event;
using removalsim::engine::EventCalendar;

namespace {
std::vector<std::uint32_t> drain_kinds(EventCalendar &calendar) {
  std::vector<std::uint32_t> kinds;
  while (!calendar.empty()) {
    kinds.push_back(calendar.pop().kind);
  }
  return kinds;
}
} // namespace

TEST_CASE("events come out by time, then phase, then scheduling order", "[engine][calendar]") {
  EventCalendar calendar;
  calendar.schedule(2.0, 0, 10, 0);
  calendar.schedule(1.0, 1, 11, 0);
  calendar.schedule(1.0, 0, 12, 0);
  calendar.schedule(1.0, 1, 13, 0);
  calendar.schedule(0.5, 7, 14, 0);
  calendar.schedule(1.0, 0, 15, 0);
  REQUIRE(calendar.size() == 6);
  REQUIRE(drain_kinds(calendar) == std::vector<std::uint32_t>{14, 12, 15, 11, 13, 10});
}

TEST_CASE("an event record keeps its phase, sequence, target and tag", "[engine][calendar]") {
  EventCalendar calendar;
  calendar.schedule(3.0, 200, 1, 2, 3);
  const auto sequence = calendar.schedule(4.0, 5, 6, 7, 8);
  REQUIRE(sequence == 1);
  const Event first = calendar.pop();
  REQUIRE(first.time == 3.0);
  REQUIRE(first.phase() == 200);
  REQUIRE(first.sequence() == 0);
  REQUIRE(first.target == 2);
  REQUIRE(first.tag == 3);
  const Event second = calendar.pop();
  REQUIRE(second.phase() == 5);
  REQUIRE(second.sequence() == 1);
  REQUIRE(calendar.empty());
}

TEST_CASE("many events leave in sorted order with FIFO ties", "[engine][calendar]") {
  EventCalendar calendar;
  // Times cycle over 0..9 so every time has many ties; kind records the scheduling order.
  for (std::uint32_t i = 0; i < 1000; ++i) {
    calendar.schedule(static_cast<double>((i * 7) % 10), 0, i, 0);
  }
  Event previous = calendar.pop();
  while (!calendar.empty()) {
    const Event next = calendar.pop();
    REQUIRE(removalsim::engine::precedes(previous, next));
    if (next.time == previous.time) {
      REQUIRE(next.kind > previous.kind);
    }
    previous = next;
  }
}

TEST_CASE("clear empties the calendar and restarts sequence numbers", "[engine][calendar]") {
  EventCalendar calendar;
  calendar.reserve(16);
  calendar.schedule(1.0, 0, 0, 0);
  calendar.schedule(2.0, 0, 0, 0);
  calendar.clear();
  REQUIRE(calendar.empty());
  REQUIRE(calendar.schedule(5.0, 0, 0, 0) == 0);
  REQUIRE(calendar.top().time == 5.0);
}
