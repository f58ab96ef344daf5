// Regression test: run_replications once stored results in `std::vector<Result>`; with `bool`
// results that is `std::vector<bool>`, whose bits share words that worker threads raced on
// (results were lost with 2 threads).
#include "removalsim/engine/replications.h"

#include <catch2/catch.hpp>

#include <algorithm>

TEST_CASE("bool results survive several threads", "[engine][replications]") {
  for (int trial = 0; trial < 20; ++trial) {
    const auto results =
        removalsim::engine::run_replications(100'000, 2, [](std::size_t) { return true; });
    REQUIRE(std::all_of(results.begin(), results.end(), [](bool ok) { return ok; }));
  }
}
