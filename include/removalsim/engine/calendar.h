#pragma once

#include "removalsim/engine/event.h"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace removalsim::engine {

/// A day of the proleptic Gregorian calendar.
struct Date {
  int year = 1970;
  int month = 1; ///< 1..12
  int day = 1;   ///< 1..days_in_month(year, month)
  friend auto operator<=>(const Date &, const Date &) = default;
};

/// Number of days in `month` (1..12) of `year`.
int days_in_month(int year, int month) noexcept;
/// Days from 1970-01-01 to `date` (negative before).
std::int64_t days_from_civil(Date date) noexcept;
/// The date `days` days after 1970-01-01.
Date civil_from_days(std::int64_t days) noexcept;
/// Parses a strict ISO date `YYYY-MM-DD`; nothing when malformed or not a real day.
std::optional<Date> parse_iso_date(std::string_view text);
/// `YYYY-MM-DD`.
std::string format_iso_date(Date date);

/// Maps simulated time (days from a start date, 00:00) to dates, calendar months and 7-day weeks.
class Calendar {
public:
  /// Time 0 is 00:00 on `start`.
  explicit Calendar(Date start) noexcept;
  Date start() const noexcept { return start_; }
  /// Time of 00:00 on `date` (negative before the start).
  Time time_of(Date date) const noexcept;
  /// The date that contains time `t`.
  Date date_of(Time t) const noexcept;
  /// Months from the start's month to the month containing `t` (0 for the start's month).
  int month_index(Time t) const noexcept;
  /// The first day of the month `index` months after the start's month.
  Date month_first_day(int index) const noexcept;
  /// Time of 00:00 on the first day of month `index` (negative for index 0 if the start is not a
  /// first of the month).
  Time month_begin(int index) const noexcept { return time_of(month_first_day(index)); }
  /// `YYYY-MM` of month `index`.
  std::string month_label(int index) const;
  /// Number of months touched by the interval [0, horizon) (at least 1).
  int months_until(Time horizon) const noexcept;
  /// Index of the 7-day block containing `t` (blocks start at time 0).
  static std::int64_t week_index(Time t) noexcept;

private:
  Date start_;
  std::int64_t start_days_;
};

} // namespace removalsim::engine
