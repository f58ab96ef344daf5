#include "removalsim/engine/calendar.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

using removalsim::engine::Calendar;
using removalsim::engine::Date;
using removalsim::engine::days_from_civil;
using removalsim::engine::days_in_month;
using removalsim::engine::parse_iso_date;

namespace {
/// The day after `date`, by the rules of the Gregorian calendar as days_in_month states them.
Date next_day(Date date) {
  if (date.day < days_in_month(date.year, date.month)) {
    return Date{date.year, date.month, date.day + 1};
  }
  if (date.month < 12) {
    return Date{date.year, date.month + 1, 1};
  }
  return Date{date.year + 1, 1, 1};
}
} // namespace

TEST_CASE("days_in_month follows the Gregorian leap-year rule", "[engine][calendar-dates]") {
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2023, 2) == 28);
  CHECK(days_in_month(1900, 2) == 28); // divisible by 100, not by 400
  CHECK(days_in_month(2000, 2) == 29); // divisible by 400
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2400, 2) == 29);
  CHECK(days_in_month(-4, 2) == 29);
  CHECK(days_in_month(-1, 2) == 28);
  int year_length = 0;
  for (int month = 1; month <= 12; ++month) {
    year_length += days_in_month(2023, month);
  }
  CHECK(year_length == 365);
  CHECK(days_in_month(2023, 1) == 31);
  CHECK(days_in_month(2023, 4) == 30);
  CHECK(days_in_month(2023, 7) == 31);
  CHECK(days_in_month(2023, 8) == 31);
  CHECK(days_in_month(2023, 9) == 30);
  CHECK(days_in_month(2023, 12) == 31);
}

TEST_CASE("days_from_civil on known dates", "[engine][calendar-dates]") {
  // Reference values from Python's datetime.date arithmetic.
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({1969, 12, 31}) == -1);
  CHECK(days_from_civil({2000, 1, 1}) == 10957);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  CHECK(days_from_civil({2024, 2, 29}) == 19782);
  CHECK(days_from_civil({1900, 3, 1}) == -25508);
  CHECK(days_from_civil({1600, 2, 29}) == -135081);
  CHECK(days_from_civil({1, 1, 1}) == -719162);
  CHECK(days_from_civil({9999, 12, 31}) == 2932896);
}

TEST_CASE("civil_from_days and days_from_civil are inverse over five millennia",
          "[engine][calendar-dates]") {
  // Walk day by day from 1000 BC (year -999) to AD 4000 and compare with next_day.
  Date date{-999, 1, 1};
  const std::int64_t first = days_from_civil(date);
  const std::int64_t last = days_from_civil({4000, 12, 31});
  REQUIRE(last > first);
  for (std::int64_t days = first; days <= last; ++days) {
    const Date converted = removalsim::engine::civil_from_days(days);
    if (converted != date || days_from_civil(date) != days) {
      FAIL_CHECK("mismatch at day " << days << ": " << converted.year << '-' << converted.month
                                    << '-' << converted.day << " expected " << date.year << '-'
                                    << date.month << '-' << date.day);
      break;
    }
    date = next_day(date);
  }
  CHECK(date == Date{4001, 1, 1});
}

TEST_CASE("parse_iso_date accepts strict real dates only", "[engine][calendar-dates]") {
  CHECK(parse_iso_date("2024-01-15") == Date{2024, 1, 15});
  CHECK(parse_iso_date("2024-02-29") == Date{2024, 2, 29});
  CHECK(parse_iso_date("2000-02-29") == Date{2000, 2, 29});
  CHECK(parse_iso_date("0987-12-31") == Date{987, 12, 31});
  for (const char *text :
       {"2024-02-30",  "2023-02-29",  "1900-02-29", "2024-2-01",  "2024-02-1",  "abcd-01-01",
        "2024-13-01",  "2024-00-10",  "2024-01-00", "2024-01-32", "2024-04-31", "2024/01/01",
        " 2024-01-01", "2024-01-01 ", "",           "2024-01-1x", "-024-01-01", "+024-01-01",
        "2024-0a-01",  "20240101",    "2024-001-01"}) {
    CAPTURE(text);
    CHECK(parse_iso_date(text) == std::nullopt);
  }
}

TEST_CASE("format_iso_date pads to YYYY-MM-DD and round-trips", "[engine][calendar-dates]") {
  CHECK(removalsim::engine::format_iso_date({2024, 3, 5}) == "2024-03-05");
  CHECK(removalsim::engine::format_iso_date({987, 1, 2}) == "0987-01-02");
  CHECK(removalsim::engine::format_iso_date({}) == "1970-01-01");
  for (const Date date : {Date{2024, 2, 29}, Date{1999, 12, 31}, Date{2, 7, 9}}) {
    CHECK(parse_iso_date(removalsim::engine::format_iso_date(date)) == date);
  }
}

TEST_CASE("dates order by year, then month, then day", "[engine][calendar-dates]") {
  CHECK(Date{2024, 1, 31} < Date{2024, 2, 1});
  CHECK(Date{2023, 12, 31} < Date{2024, 1, 1});
  CHECK(Date{2024, 2, 1} > Date{2024, 1, 31});
  CHECK(Date{2024, 2, 1} == Date{2024, 2, 1});
}

TEST_CASE("a calendar starting mid-month maps times to dates", "[engine][calendar-dates]") {
  const Calendar calendar(Date{2024, 1, 15});
  CHECK(calendar.start() == Date{2024, 1, 15});
  CHECK(calendar.time_of({2024, 1, 15}) == 0.0);
  CHECK(calendar.time_of({2024, 2, 1}) == 17.0);
  CHECK(calendar.time_of({2024, 1, 1}) == -14.0);
  CHECK(calendar.time_of({2025, 1, 15}) == 366.0); // 2024 is a leap year
  CHECK(calendar.date_of(0.0) == Date{2024, 1, 15});
  CHECK(calendar.date_of(0.999) == Date{2024, 1, 15});
  CHECK(calendar.date_of(16.5) == Date{2024, 1, 31});
  CHECK(calendar.date_of(17.0) == Date{2024, 2, 1});
  CHECK(calendar.date_of(-0.001) == Date{2024, 1, 14});
  CHECK(calendar.date_of(-14.0) == Date{2024, 1, 1});
  CHECK(calendar.date_of(-14.5) == Date{2023, 12, 31});
  CHECK(calendar.date_of(352.0) == Date{2025, 1, 1});
}

TEST_CASE("month_index counts calendar months from the start's month", "[engine][calendar-dates]") {
  const Calendar calendar(Date{2024, 1, 15});
  CHECK(calendar.month_index(0.0) == 0);
  CHECK(calendar.month_index(16.99) == 0);
  CHECK(calendar.month_index(17.0) == 1);
  CHECK(calendar.month_index(46.0) == 2);   // 2024-03-01
  CHECK(calendar.month_index(45.99) == 1);  // 2024-02-29
  CHECK(calendar.month_index(352.0) == 12); // 2025-01-01
  CHECK(calendar.month_index(-0.5) == 0);   // 2024-01-14: still the start's month
  CHECK(calendar.month_index(-14.0) == 0);  // 2024-01-01
  CHECK(calendar.month_index(-14.01) == -1);
  CHECK(calendar.month_index(-45.0) == -1); // 2023-12-01
  CHECK(calendar.month_index(-45.5) == -2); // 2023-11-30
}

TEST_CASE("month_first_day, month_begin and month_label, negative indices included",
          "[engine][calendar-dates]") {
  const Calendar calendar(Date{2024, 1, 15});
  CHECK(calendar.month_first_day(0) == Date{2024, 1, 1});
  CHECK(calendar.month_first_day(1) == Date{2024, 2, 1});
  CHECK(calendar.month_first_day(11) == Date{2024, 12, 1});
  CHECK(calendar.month_first_day(12) == Date{2025, 1, 1});
  CHECK(calendar.month_first_day(25) == Date{2026, 2, 1});
  CHECK(calendar.month_first_day(-1) == Date{2023, 12, 1});
  CHECK(calendar.month_first_day(-11) == Date{2023, 2, 1});
  CHECK(calendar.month_first_day(-12) == Date{2023, 1, 1});
  CHECK(calendar.month_first_day(-13) == Date{2022, 12, 1});
  CHECK(calendar.month_first_day(-25) == Date{2021, 12, 1});
  CHECK(calendar.month_begin(0) == -14.0);
  CHECK(calendar.month_begin(1) == 17.0);
  CHECK(calendar.month_begin(2) == 46.0);
  CHECK(calendar.month_begin(-1) == -45.0);
  CHECK(calendar.month_label(0) == "2024-01");
  CHECK(calendar.month_label(-1) == "2023-12");
  CHECK(calendar.month_label(12) == "2025-01");
  CHECK(calendar.month_label(9) == "2024-10");

  const Calendar december(Date{2023, 12, 31});
  CHECK(december.month_first_day(1) == Date{2024, 1, 1});
  CHECK(december.month_first_day(-12) == Date{2022, 12, 1});
  CHECK(december.month_begin(1) == 1.0);
  // Each month index agrees with the month containing its first day.
  for (int index = -30; index <= 30; ++index) {
    CAPTURE(index);
    CHECK(calendar.month_index(calendar.month_begin(index)) == index);
    CHECK(december.month_index(december.month_begin(index)) == index);
  }
}

TEST_CASE("months_until counts the months touched from time 0 up to the horizon",
          "[engine][calendar-dates]") {
  const Calendar calendar(Date{2024, 1, 15});
  CHECK(calendar.months_until(0.0) == 1);
  CHECK(calendar.months_until(-5.0) == 1);
  CHECK(calendar.months_until(1.0) == 1);
  CHECK(calendar.months_until(17.0) == 1); // [0, 17) ends on 2024-01-31
  CHECK(calendar.months_until(17.5) == 2);
  CHECK(calendar.months_until(18.0) == 2);
  CHECK(calendar.months_until(46.0) == 2);
  CHECK(calendar.months_until(46.5) == 3);
  CHECK(calendar.months_until(366.0) == 13); // ends on 2025-01-14

  const Calendar first_of_month(Date{2023, 11, 1});
  CHECK(first_of_month.months_until(30.0) == 1);
  CHECK(first_of_month.months_until(61.0) == 2); // November and December
  CHECK(first_of_month.months_until(61.5) == 3);
  CHECK(first_of_month.month_index(61.0) == 2);
}

TEST_CASE("week_index counts 7-day blocks from time 0", "[engine][calendar-dates]") {
  CHECK(Calendar::week_index(0.0) == 0);
  CHECK(Calendar::week_index(6.999) == 0);
  CHECK(Calendar::week_index(7.0) == 1);
  CHECK(Calendar::week_index(14.0) == 2);
  CHECK(Calendar::week_index(-0.001) == -1);
  CHECK(Calendar::week_index(-7.0) == -1);
  CHECK(Calendar::week_index(-7.001) == -2);
  CHECK(Calendar::week_index(365.0) == 52);
}
