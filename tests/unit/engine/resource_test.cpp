#include "removalsim/engine/resource.h"

#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <vector>

using removalsim::engine::Resource;
using WhenFull = removalsim::engine::Resource::WhenFull;

TEST_CASE("a new resource is free and empty", "[engine][resource]") {
  const Resource resource(3, WhenFull::queue);
  REQUIRE(resource.capacity() == 3);
  REQUIRE(resource.in_use() == 0);
  REQUIRE(resource.available() == 3);
  REQUIRE(resource.waiting() == 0);
  REQUIRE(resource.rejections() == 0);
  REQUIRE(resource.grants() == 0);
  REQUIRE(resource.usage().value() == 0.0);
}

TEST_CASE("a negative capacity is refused", "[engine][resource]") {
  REQUIRE_THROWS_AS(Resource(-1, WhenFull::queue), std::invalid_argument);
  Resource resource(1, WhenFull::reject);
  REQUIRE_THROWS_AS(resource.set_capacity(-1), std::invalid_argument);
  REQUIRE(resource.capacity() == 1);
  REQUIRE_NOTHROW(Resource(0, WhenFull::queue));
}

TEST_CASE("waiting tokens are granted in FIFO order", "[engine][resource]") {
  Resource resource(2, WhenFull::queue);
  REQUIRE(resource.request(10, 0.0));
  REQUIRE(resource.request(11, 0.0));
  REQUIRE_FALSE(resource.request(12, 1.0));
  REQUIRE_FALSE(resource.request(13, 1.0));
  REQUIRE_FALSE(resource.request(14, 2.0));
  REQUIRE(resource.waiting() == 3);
  REQUIRE(resource.available() == 0);
  std::vector<std::uint32_t> granted;
  for (double t = 3.0; t <= 7.0; t += 1.0) {
    if (const auto token = resource.release(t)) {
      granted.push_back(*token);
    }
  }
  REQUIRE(granted == std::vector<std::uint32_t>{12, 13, 14});
  REQUIRE(resource.in_use() == 0);
  REQUIRE(resource.waiting() == 0);
  REQUIRE(resource.grants() == 5);
  REQUIRE(resource.rejections() == 0);
}

TEST_CASE("a release hands the freed unit to the head of the line", "[engine][resource]") {
  Resource resource(1, WhenFull::queue);
  REQUIRE(resource.request(1, 0.0));
  REQUIRE_FALSE(resource.request(2, 0.0));
  REQUIRE(resource.release(1.0) == std::optional<std::uint32_t>{2});
  REQUIRE(resource.in_use() == 1);
  REQUIRE(resource.release(2.0) == std::nullopt);
  REQUIRE(resource.in_use() == 0);
}

TEST_CASE("reject mode refuses at once and counts refusals", "[engine][resource]") {
  Resource resource(2, WhenFull::reject);
  REQUIRE(resource.request(1, 0.0));
  REQUIRE(resource.request(2, 0.0));
  REQUIRE_FALSE(resource.request(3, 0.5));
  REQUIRE_FALSE(resource.request(4, 0.5));
  REQUIRE(resource.rejections() == 2);
  REQUIRE(resource.waiting() == 0);
  REQUIRE(resource.release(1.0) == std::nullopt);
  REQUIRE(resource.request(5, 1.0));
  REQUIRE(resource.grants() == 3);
  REQUIRE(resource.rejections() == 2);

  Resource none(0, WhenFull::reject);
  REQUIRE_FALSE(none.request(1, 0.0));
  REQUIRE(none.rejections() == 1);
}

TEST_CASE("request_above_reserve keeps `reserve` units free", "[engine][resource]") {
  SECTION("reject mode") {
    Resource resource(5, WhenFull::reject);
    // Granted while more than 2 units are free: at 5, 4 and 3 free units.
    REQUIRE(resource.request_above_reserve(1, 2, 0.0));
    REQUIRE(resource.request_above_reserve(2, 2, 0.0));
    REQUIRE(resource.request_above_reserve(3, 2, 0.0));
    REQUIRE(resource.available() == 2);
    REQUIRE_FALSE(resource.request_above_reserve(4, 2, 0.0));
    REQUIRE(resource.rejections() == 1);
    // The reserve is open to plain requests.
    REQUIRE(resource.request(5, 0.0));
    REQUIRE(resource.request(6, 0.0));
    REQUIRE_FALSE(resource.request(7, 0.0));
    REQUIRE(resource.rejections() == 2);
    REQUIRE(resource.in_use() == 5);
  }
  SECTION("queue mode: a refused token waits") {
    Resource resource(3, WhenFull::queue);
    REQUIRE(resource.request_above_reserve(1, 1, 0.0));
    REQUIRE(resource.request_above_reserve(2, 1, 0.0));
    REQUIRE_FALSE(resource.request_above_reserve(3, 1, 0.0));
    REQUIRE(resource.waiting() == 1);
    REQUIRE(resource.rejections() == 0);
    REQUIRE(resource.in_use() == 2);
  }
  SECTION("a zero reserve is a plain request") {
    Resource resource(1, WhenFull::reject);
    REQUIRE(resource.request_above_reserve(1, 0, 0.0));
    REQUIRE_FALSE(resource.request_above_reserve(2, 0, 0.0));
  }
}

TEST_CASE("a newcomer never jumps the line", "[engine][resource]") {
  Resource resource(1, WhenFull::queue);
  REQUIRE(resource.request(1, 0.0));
  REQUIRE_FALSE(resource.request(2, 0.0));
  resource.set_capacity(2); // a unit is free, but token 2 has not been granted yet
  REQUIRE(resource.available() == 1);
  REQUIRE_FALSE(resource.request(3, 0.0));
  REQUIRE(resource.grant_waiting(0.0) == std::optional<std::uint32_t>{2});
  REQUIRE(resource.grant_waiting(0.0) == std::nullopt);
  REQUIRE(resource.waiting() == 1);
}

TEST_CASE("a capacity cut evicts nobody, and grants resume only below the new capacity",
          "[engine][resource]") {
  Resource resource(3, WhenFull::queue);
  REQUIRE(resource.request(1, 0.0));
  REQUIRE(resource.request(2, 0.0));
  REQUIRE(resource.request(3, 0.0));
  resource.set_capacity(1);
  REQUIRE(resource.capacity() == 1);
  REQUIRE(resource.in_use() == 3);
  REQUIRE(resource.available() == 0);
  REQUIRE_FALSE(resource.request(4, 1.0));
  REQUIRE(resource.grant_waiting(1.0) == std::nullopt);
  REQUIRE(resource.release(2.0) == std::nullopt); // 2 in use, capacity 1
  REQUIRE(resource.in_use() == 2);
  REQUIRE(resource.release(3.0) == std::nullopt); // 1 in use, capacity 1
  REQUIRE(resource.in_use() == 1);
  REQUIRE(resource.waiting() == 1);
  REQUIRE(resource.release(4.0) == std::optional<std::uint32_t>{4}); // 0 in use: 4 is granted
  REQUIRE(resource.in_use() == 1);
  REQUIRE(resource.waiting() == 0);
}

TEST_CASE("a capacity increase grants nobody until grant_waiting is called", "[engine][resource]") {
  Resource resource(1, WhenFull::queue);
  REQUIRE(resource.request(1, 0.0));
  REQUIRE_FALSE(resource.request(2, 0.0));
  REQUIRE_FALSE(resource.request(3, 0.0));
  REQUIRE_FALSE(resource.request(4, 0.0));
  resource.set_capacity(3);
  REQUIRE(resource.in_use() == 1);
  REQUIRE(resource.waiting() == 3);
  REQUIRE(resource.available() == 2);
  REQUIRE(resource.grant_waiting(1.0) == std::optional<std::uint32_t>{2});
  REQUIRE(resource.grant_waiting(1.0) == std::optional<std::uint32_t>{3});
  REQUIRE(resource.grant_waiting(1.0) == std::nullopt);
  REQUIRE(resource.in_use() == 3);
  REQUIRE(resource.waiting() == 1);
  REQUIRE(resource.grants() == 3);
}

TEST_CASE("grant_waiting with nobody waiting grants nothing", "[engine][resource]") {
  Resource resource(2, WhenFull::queue);
  REQUIRE(resource.grant_waiting(0.0) == std::nullopt);
  REQUIRE(resource.in_use() == 0);
  REQUIRE(resource.grants() == 0);
}

TEST_CASE("withdraw removes a waiting token and keeps the others' order", "[engine][resource]") {
  Resource resource(1, WhenFull::queue);
  REQUIRE(resource.request(1, 0.0));
  REQUIRE_FALSE(resource.request(2, 0.0));
  REQUIRE_FALSE(resource.request(3, 0.0));
  REQUIRE_FALSE(resource.request(4, 0.0));
  REQUIRE(resource.withdraw(3));
  REQUIRE(resource.waiting() == 2);
  REQUIRE_FALSE(resource.withdraw(3)); // no longer waiting
  REQUIRE_FALSE(resource.withdraw(1)); // holds a unit: not waiting
  REQUIRE_FALSE(resource.withdraw(99));
  REQUIRE(resource.release(1.0) == std::optional<std::uint32_t>{2});
  REQUIRE(resource.release(2.0) == std::optional<std::uint32_t>{4});
  REQUIRE(resource.release(3.0) == std::nullopt);
  REQUIRE(resource.in_use() == 0);
}

TEST_CASE("usage is the time-weighted mean of units in use", "[engine][resource]") {
  // Timeline: 0 in use on [0,1), 1 on [1,2), 2 on [2,4), 1 on [4,5), 0 on [5,10).
  // Area 1 + 4 + 1 = 6 over 10 days: mean 0.6.
  Resource resource(2, WhenFull::queue);
  REQUIRE(resource.request(1, 1.0));
  REQUIRE(resource.request(2, 2.0));
  REQUIRE(resource.release(4.0) == std::nullopt);
  REQUIRE(resource.release(5.0) == std::nullopt);
  REQUIRE(resource.usage().area(10.0) == 6.0);
  REQUIRE(resource.usage().mean(10.0) == 0.6);
  REQUIRE(resource.usage().max() == 2.0);
  REQUIRE(resource.usage().value() == 0.0);
}

TEST_CASE("usage starts at the resource's start time", "[engine][resource]") {
  // Start at 10: 1 in use on [12, 20), observed until 20: area 8 over 10 days.
  Resource resource(1, WhenFull::reject, 10.0);
  REQUIRE(resource.usage().mean(10.0) == 0.0); // no time has passed: the value at the start
  REQUIRE(resource.request(1, 12.0));
  REQUIRE(resource.usage().mean(12.0) == 0.0);
  REQUIRE(resource.usage().mean(20.0) == 0.8);
}

TEST_CASE("a waiting token's grant is counted when it is granted", "[engine][resource]") {
  // One unit, requests at 0 (granted) and 1 (waits); release at 3 grants the second until 6.
  // Units in use: 1 on [0, 6): mean over [0, 8) is 6/8.
  Resource resource(1, WhenFull::queue);
  REQUIRE(resource.request(1, 0.0));
  REQUIRE_FALSE(resource.request(2, 1.0));
  REQUIRE(resource.grants() == 1);
  REQUIRE(resource.release(3.0) == std::optional<std::uint32_t>{2});
  REQUIRE(resource.grants() == 2);
  REQUIRE(resource.release(6.0) == std::nullopt);
  REQUIRE(resource.usage().mean(8.0) == 0.75);
}
