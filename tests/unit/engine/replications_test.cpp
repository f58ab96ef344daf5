#include "removalsim/engine/random_stream.h"
#include "removalsim/engine/replications.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

using removalsim::engine::RandomStream;
using removalsim::engine::run_replications;

namespace {
/// A replication whose result depends only on r: a sum of draws from stream (7, r, 0).
std::vector<double> replication_body(std::size_t r) {
  RandomStream stream(7, r, 0);
  std::vector<double> result(3, 0.0);
  for (int i = 0; i < 1000 + static_cast<int>(r % 5) * 500; ++i) {
    result[static_cast<std::size_t>(i) % 3] += stream.uniform01();
  }
  return result;
}
} // namespace

TEST_CASE("default_thread_count is at least 1", "[engine][replications]") {
  REQUIRE(removalsim::engine::default_thread_count() >= 1);
}

TEST_CASE("results come back in replication order", "[engine][replications]") {
  for (const unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    const auto results =
        run_replications(50, threads, [](std::size_t r) { return static_cast<int>(r * r); });
    REQUIRE(results.size() == 50);
    for (std::size_t r = 0; r < results.size(); ++r) {
      REQUIRE(results[r] == static_cast<int>(r * r));
    }
  }
}

TEST_CASE("results are identical for 1, 2 and 4 threads", "[engine][replications]") {
  const auto one = run_replications(40, 1, replication_body);
  const auto two = run_replications(40, 2, replication_body);
  const auto four = run_replications(40, 4, replication_body);
  const auto automatic = run_replications(40, 0, replication_body);
  REQUIRE(one.size() == 40);
  REQUIRE(one == two);
  REQUIRE(one == four);
  REQUIRE(one == automatic);
  REQUIRE(one[0] != one[1]);
}

TEST_CASE("more threads than replications, and no replication at all", "[engine][replications]") {
  REQUIRE(run_replications(3, 16, [](std::size_t r) { return r + 1; }) ==
          std::vector<std::size_t>{1, 2, 3});
  int calls = 0;
  const auto none = run_replications(
      0, 4, [](std::size_t r) { return r; }, [&](std::size_t, std::size_t) { ++calls; });
  REQUIRE(none.empty());
  REQUIRE(calls == 0);
}

TEST_CASE("the progress callback is called once per replication, never concurrently",
          "[engine][replications]") {
  for (const unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    std::vector<std::size_t> finished;
    std::vector<std::size_t> totals;
    const auto results =
        run_replications(25, threads, replication_body, [&](std::size_t done, std::size_t total) {
          // Unsynchronised appends: the runner promises the calls never overlap.
          finished.push_back(done);
          totals.push_back(total);
        });
    REQUIRE(results.size() == 25);
    REQUIRE(finished.size() == 25);
    std::vector<std::size_t> expected(25);
    std::iota(expected.begin(), expected.end(), std::size_t{1});
    REQUIRE(finished == expected); // counted under the lock: 1, 2, ..., n in call order
    REQUIRE(finished.back() == 25);
    REQUIRE(std::all_of(totals.begin(), totals.end(), [](std::size_t t) { return t == 25; }));
  }
}

TEST_CASE("the exception of the lowest failing replication is rethrown", "[engine][replications]") {
  for (const unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    const auto body = [](std::size_t r) -> int {
      if (r == 13 || r == 5 || r == 29) {
        throw std::runtime_error("replication " + std::to_string(r));
      }
      return static_cast<int>(r);
    };
    try {
      run_replications(40, threads, body);
      FAIL("no exception rethrown");
    } catch (const std::runtime_error &error) {
      REQUIRE(std::string(error.what()) == "replication 5");
    }
  }
}

TEST_CASE("the rethrown exception keeps its type", "[engine][replications]") {
  struct Custom {
    int code;
  };
  try {
    run_replications(4, 2, [](std::size_t r) -> int {
      if (r == 2) {
        throw Custom{42};
      }
      return 0;
    });
    FAIL("no exception rethrown");
  } catch (const Custom &error) {
    REQUIRE(error.code == 42);
  }
}

TEST_CASE("replications after a failure are skipped", "[engine][replications]") {
  // One thread runs replications in order: after replication 3 fails none other starts.
  std::vector<std::size_t> started;
  REQUIRE_THROWS_AS(run_replications(10, 1,
                                     [&](std::size_t r) -> int {
                                       started.push_back(r);
                                       if (r == 3) {
                                         throw std::logic_error("stop");
                                       }
                                       return 0;
                                     }),
                    std::logic_error);
  REQUIRE(started == std::vector<std::size_t>{0, 1, 2, 3});
}
