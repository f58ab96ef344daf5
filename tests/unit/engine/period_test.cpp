#include "removalsim/engine/period.h"

#include <catch2/catch.hpp>

using removalsim::engine::format_period;
using removalsim::engine::month_range;
using removalsim::engine::parse_period;
using removalsim::engine::Period;

TEST_CASE("periods parse as years, quarters, months and month ranges", "[analysis][period]") {
  REQUIRE(parse_period("2024") == Period{{2024, 1, 1}, {2024, 12, 1}});
  REQUIRE(parse_period("2024-Q4") == Period{{2024, 10, 1}, {2024, 12, 1}});
  REQUIRE(parse_period("2025-04") == Period{{2025, 4, 1}, {2025, 4, 1}});
  REQUIRE(parse_period("2025-01..2025-04") == Period{{2025, 1, 1}, {2025, 4, 1}});
  REQUIRE(parse_period("2024-11..2025-02") == Period{{2024, 11, 1}, {2025, 2, 1}});
}

TEST_CASE("malformed periods are refused", "[analysis][period]") {
  for (const char *bad : {"", "24", "2024-13", "2024-Q5", "2024-Q0", "2025-04..2025-01", "2025-4",
                          "2025-04..", "abcd", "2024-04-01"}) {
    INFO(bad);
    REQUIRE_FALSE(parse_period(bad).has_value());
  }
}

TEST_CASE("periods print in their shortest form", "[analysis][period]") {
  for (const char *text : {"2024", "2024-Q4", "2025-04", "2025-01..2025-04", "2024-11..2025-02"}) {
    REQUIRE(format_period(*parse_period(text)) == text);
  }
}

TEST_CASE("month ranges count from the run's start month", "[analysis][period]") {
  REQUIRE(month_range(*parse_period("2024"), {2019, 1, 1}) == std::pair{60, 72});
  REQUIRE(month_range(*parse_period("2019-03"), {2019, 1, 15}) == std::pair{2, 3});
  REQUIRE(month_range(*parse_period("2018-12"), {2019, 1, 1}) == std::pair{-1, 0});
}
