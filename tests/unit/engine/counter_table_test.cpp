#include "removalsim/engine/counter_table.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using removalsim::engine::CounterTable;

TEST_CASE("a default counter table is empty", "[engine][counters]") {
  const CounterTable table;
  REQUIRE(table.bins() == 0);
  REQUIRE(table.series() == 0);
}

TEST_CASE("a new counter table has the given shape and holds zeros", "[engine][counters]") {
  const CounterTable table(4, 3);
  REQUIRE(table.bins() == 4);
  REQUIRE(table.series() == 3);
  for (std::size_t bin = 0; bin < 4; ++bin) {
    for (std::size_t series = 0; series < 3; ++series) {
      REQUIRE(table.at(bin, series) == 0.0);
    }
  }
}

TEST_CASE("add accumulates into one cell only", "[engine][counters]") {
  CounterTable table(3, 2);
  table.add(1, 0);
  table.add(1, 0);
  table.add(1, 1, 2.5);
  table.add(2, 1, -1.0);
  table.add(0, 0, 0.25);
  REQUIRE(table.at(0, 0) == 0.25);
  REQUIRE(table.at(0, 1) == 0.0);
  REQUIRE(table.at(1, 0) == 2.0);
  REQUIRE(table.at(1, 1) == 2.5);
  REQUIRE(table.at(2, 0) == 0.0);
  REQUIRE(table.at(2, 1) == -1.0);
}

TEST_CASE("sum adds one series over a half-open range of bins", "[engine][counters]") {
  CounterTable table(4, 2);
  for (std::size_t bin = 0; bin < 4; ++bin) {
    table.add(bin, 0, static_cast<double>(bin + 1));        // 1 2 3 4
    table.add(bin, 1, 10.0 * static_cast<double>(bin + 1)); // 10 20 30 40
  }
  REQUIRE(table.sum(0, 0, 4) == 10.0);
  REQUIRE(table.sum(0, 1, 3) == 5.0);
  REQUIRE(table.sum(1, 2, 4) == 70.0);
  REQUIRE(table.sum(1, 2, 2) == 0.0); // empty range
  REQUIRE(table.sum(0, 3, 4) == 4.0);
}

TEST_CASE("merge adds tables of the same shape cell by cell", "[engine][counters]") {
  CounterTable a(2, 2);
  CounterTable b(2, 2);
  a.add(0, 0, 1.0);
  a.add(1, 1, 2.0);
  b.add(0, 0, 3.0);
  b.add(0, 1, 4.0);
  a.merge(b);
  REQUIRE(a.at(0, 0) == 4.0);
  REQUIRE(a.at(0, 1) == 4.0);
  REQUIRE(a.at(1, 0) == 0.0);
  REQUIRE(a.at(1, 1) == 2.0);
  // The merged-in table is unchanged.
  REQUIRE(b.at(0, 0) == 3.0);
  REQUIRE(b.at(1, 1) == 0.0);
}

TEST_CASE("merge refuses tables of another shape and leaves the target unchanged",
          "[engine][counters]") {
  CounterTable table(2, 3);
  table.add(1, 2, 5.0);
  // Same number of cells, transposed shape.
  REQUIRE_THROWS_AS(table.merge(CounterTable(3, 2)), std::invalid_argument);
  REQUIRE_THROWS_AS(table.merge(CounterTable(3, 3)), std::invalid_argument);
  REQUIRE_THROWS_AS(table.merge(CounterTable(2, 2)), std::invalid_argument);
  REQUIRE_THROWS_AS(table.merge(CounterTable()), std::invalid_argument);
  REQUIRE(table.at(1, 2) == 5.0);
  REQUIRE(table.sum(2, 0, 2) == 5.0);
  CounterTable empty;
  REQUIRE_NOTHROW(empty.merge(CounterTable()));
}

TEST_CASE("zero clears every cell and keeps the shape", "[engine][counters]") {
  CounterTable table(2, 2);
  table.add(0, 0, 1.0);
  table.add(1, 1, 7.0);
  table.zero();
  REQUIRE(table.bins() == 2);
  REQUIRE(table.series() == 2);
  REQUIRE(table.at(0, 0) == 0.0);
  REQUIRE(table.at(1, 1) == 0.0);
}

TEST_CASE("zero_bins clears a half-open range of bins in every series", "[engine][counters]") {
  CounterTable table(4, 2);
  for (std::size_t bin = 0; bin < 4; ++bin) {
    table.add(bin, 0, 1.0);
    table.add(bin, 1, 2.0);
  }
  table.zero_bins(1, 3);
  REQUIRE(table.at(0, 0) == 1.0);
  REQUIRE(table.at(0, 1) == 2.0);
  REQUIRE(table.at(1, 0) == 0.0);
  REQUIRE(table.at(1, 1) == 0.0);
  REQUIRE(table.at(2, 0) == 0.0);
  REQUIRE(table.at(2, 1) == 0.0);
  REQUIRE(table.at(3, 0) == 1.0);
  REQUIRE(table.at(3, 1) == 2.0);
  table.zero_bins(3, 3); // empty range: nothing changes
  REQUIRE(table.at(3, 0) == 1.0);
  table.zero_bins(0, 4);
  REQUIRE(table.sum(0, 0, 4) == 0.0);
  REQUIRE(table.sum(1, 0, 4) == 0.0);
}
