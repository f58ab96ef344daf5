#include "removalsim/engine/windowed_quota.h"

#include <catch2/catch.hpp>

#include <limits>
#include <vector>

using removalsim::engine::WindowedQuota;

namespace {

/// Serves every item, recording the order.
struct Recorder {
  std::vector<int> served;
  bool operator()(int item) {
    served.push_back(item);
    return true;
  }
};

} // namespace

TEST_CASE("arrivals take units until the quota is used, then wait", "[engine][windowed_quota]") {
  WindowedQuota<int> quota;
  REQUIRE(quota.used() == 0);
  REQUIRE(quota.try_take(2.0));
  REQUIRE(quota.try_take(2.0));
  REQUIRE_FALSE(quota.try_take(2.0));
  REQUIRE(quota.used() == 2);
  REQUIRE(quota.waiting() == 0); // a refused arrival is the owner's to put in line
}

TEST_CASE("a waiting line blocks arrivals even with units left", "[engine][windowed_quota]") {
  WindowedQuota<int> quota;
  REQUIRE_FALSE(quota.try_take(0.0));
  quota.wait(1);
  REQUIRE_FALSE(quota.try_take(5.0)); // first come, first served: item 1 is ahead
  REQUIRE(quota.used() == 0);
}

TEST_CASE("a new window serves the line oldest first while units remain",
          "[engine][windowed_quota]") {
  WindowedQuota<int> quota;
  REQUIRE(quota.try_take(1.0));
  for (int item = 10; item < 15; ++item) {
    REQUIRE_FALSE(quota.try_take(1.0));
    quota.wait(item);
  }
  Recorder recorder;
  quota.open_window(2.0, recorder);
  REQUIRE(recorder.served == std::vector<int>{10, 11});
  REQUIRE(quota.used() == 2);
  REQUIRE(quota.waiting() == 3);
  REQUIRE_FALSE(quota.try_take(3.0)); // 12, 13, 14 still wait

  quota.open_window(2.0, recorder);
  REQUIRE(recorder.served == std::vector<int>{10, 11, 12, 13});
  quota.open_window(2.0, recorder);
  REQUIRE(recorder.served == std::vector<int>{10, 11, 12, 13, 14});
  REQUIRE(quota.used() == 1);
  REQUIRE(quota.waiting() == 0);
  REQUIRE(quota.try_take(2.0)); // the line is empty: arrivals take the unit left
  REQUIRE_FALSE(quota.try_take(2.0));
}

TEST_CASE("an item served without using a unit leaves it to the next one",
          "[engine][windowed_quota]") {
  WindowedQuota<int> quota;
  for (int item = 1; item <= 5; ++item) {
    quota.wait(item);
  }
  std::vector<int> served;
  quota.open_window(2.0, [&](int item) {
    if (item % 2 == 0) {
      return false; // dropped: no longer wanted
    }
    served.push_back(item);
    return true;
  });
  REQUIRE(served == std::vector<int>{1, 3}); // 2 dropped on the way
  REQUIRE(quota.used() == 2);
  REQUIRE(quota.waiting() == 2); // 4 and 5 wait for the next window
}

TEST_CASE("a fractional quota allows a unit while fewer are used", "[engine][windowed_quota]") {
  WindowedQuota<int> quota;
  REQUIRE(quota.try_take(1.5));
  REQUIRE(quota.try_take(1.5)); // 1 < 1.5
  REQUIRE_FALSE(quota.try_take(1.5));
}

TEST_CASE("an infinite quota serves the whole line and every arrival", "[engine][windowed_quota]") {
  constexpr double kUnlimited = std::numeric_limits<double>::infinity();
  WindowedQuota<int> quota;
  quota.wait(1);
  quota.wait(2);
  Recorder recorder;
  quota.open_window(kUnlimited, recorder);
  REQUIRE(recorder.served == std::vector<int>{1, 2});
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(quota.try_take(kUnlimited));
  }
  REQUIRE(quota.used() == 1002);
}

TEST_CASE("a window with a zero quota serves no one", "[engine][windowed_quota]") {
  WindowedQuota<int> quota;
  quota.wait(7);
  Recorder recorder;
  quota.open_window(0.0, recorder);
  REQUIRE(recorder.served.empty());
  REQUIRE(quota.waiting() == 1);
  quota.open_window(1.0, recorder);
  REQUIRE(recorder.served == std::vector<int>{7});
}
