#include "removalsim/engine/number_text.h"

#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

using removalsim::engine::shortest_text;

namespace {

double read_back(const std::string &text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  REQUIRE(error == std::errc());
  REQUIRE(end == text.data() + text.size());
  return value;
}

} // namespace

TEST_CASE("shortest_text writes the fewest digits that read back to the same double") {
  CHECK(shortest_text(0.1) == "0.1");
  CHECK(shortest_text(100000.0) == "100000");
  CHECK(shortest_text(1200.0) == "1200");
  CHECK(shortest_text(-2.5) == "-2.5");
  CHECK(shortest_text(0.0) == "0");
  CHECK(shortest_text(1e22) == "1e+22");
  CHECK(shortest_text(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(shortest_text(std::numeric_limits<double>::infinity()) == "inf");
}

TEST_CASE("shortest_text round-trips awkward doubles bit for bit") {
  for (const double value : {1.0 / 3.0, 0.1 + 0.2, std::nextafter(1.0, 2.0), 5e-324,
                             std::numeric_limits<double>::max(), 123456789.123456789, 6.02e23}) {
    CHECK(read_back(shortest_text(value)) == value);
  }
}
