// KNOWN ENGINE BUG — deliberately NOT listed in CMakeLists.txt (it fails; see the test report).
//
// run_replications stores results in `std::vector<Result> results(n)`. When the body returns
// `bool`, that is `std::vector<bool>`, whose elements are bits packed into shared words: worker
// threads writing `results[r]` for different r race on the same word (a data race, undefined
// behaviour), and results are lost in practice (195 of 200 trials lost at least one of 100 000
// `true` results with 2 threads on the 2-core test machine). Add this file to the list once
// fixed, e.g. by storing results in a vector of a non-bool wrapper, or std::optional<Result>.
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
