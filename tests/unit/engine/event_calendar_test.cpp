#include "removalsim/engine/event_calendar.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <queue>
#include <random>
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

TEST_CASE("the calendar pops exactly what a single binary heap would, whatever the load",
          "[engine][calendar]") {
  // A reference heap against the calendar under mixed loads: small and huge buckets (these are
  // spread over sub-buckets), events scheduled now, into the current bucket, far beyond the
  // ring, before the current time, with ties and phases; bucket widths other than 1; a calendar
  // that starts nearly empty (the small-heap regime) and grows; pop and pop_until.
  struct Later {
    bool operator()(const Event &a, const Event &b) const {
      return removalsim::engine::precedes(b, a);
    }
  };
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int trial = 0; trial < 40; ++trial) {
    INFO("trial " << trial);
    const double width = trial % 4 == 0 ? 1.0 : 0.01 + 5.0 * uniform(rng);
    // Mean increment: a twentieth of a bucket (2,000 pending events crowd a few buckets) or three.
    const double increment = width * (trial % 3 == 0 ? 0.05 : 3.0);
    EventCalendar calendar(width);
    std::priority_queue<Event, std::vector<Event>, Later> reference;
    std::uint64_t sequence = 0;
    double now = 0.0;
    const auto add = [&] {
      const double r = uniform(rng);
      double time = now + increment * std::exponential_distribution<double>(1.0)(rng);
      if (r < 0.1) {
        time = now;
      } else if (r < 0.15) {
        time = now + 1e6 * width * uniform(rng);
      } else if (r < 0.2) {
        time = std::floor(now) + std::floor(30.0 * uniform(rng));
      } else if (r < 0.25 && trial % 5 == 0) {
        time = now - uniform(rng);
      }
      const auto phase = static_cast<removalsim::engine::Phase>(rng() % 3);
      REQUIRE(calendar.schedule(time, phase, 0, 0) == sequence);
      reference.push(Event{time, (std::uint64_t{phase} << 56) | sequence++, 0, 0, 0});
    };
    for (int i = 0, initial = trial % 2 == 0 ? 2000 : 6; i < initial; ++i) {
      add();
    }
    for (int step = 0; step < 20'000 && !reference.empty(); ++step) {
      REQUIRE(calendar.top().order == reference.top().order);
      Event popped{};
      if (step % 2 == 0) {
        popped = calendar.pop();
      } else {
        REQUIRE(calendar.pop_until(reference.top().time, popped));
      }
      REQUIRE(popped.time == reference.top().time);
      REQUIRE(popped.order == reference.top().order);
      reference.pop();
      now = popped.time;
      for (std::uint64_t k = rng() % 3; k > 0; --k) {
        add();
      }
      REQUIRE(calendar.size() == reference.size());
    }
    if (!reference.empty()) {
      Event unused{};
      REQUIRE_FALSE(calendar.pop_until(std::nextafter(reference.top().time, -1e300), unused));
      REQUIRE(calendar.size() == reference.size());
    }
  }
}
