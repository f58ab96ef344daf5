#include "removalsim/engine/calendar.h"

#include <cmath>
#include <cstdio>

namespace removalsim::engine {

int days_in_month(int year, int month) noexcept {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int64_t days_from_civil(Date date) noexcept {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t days) noexcept {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  auto digits = [&](std::size_t from, std::size_t count) -> int {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        return -1;
      }
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = digits(0, 4);
  const int month = digits(5, 2);
  const int day = digits(8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return std::nullopt;
  }
  return Date{year, month, day};
}

std::string format_iso_date(Date date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

Calendar::Calendar(Date start) noexcept : start_(start), start_days_(days_from_civil(start)) {}

Time Calendar::time_of(Date date) const noexcept {
  return static_cast<Time>(days_from_civil(date) - start_days_);
}

Date Calendar::date_of(Time t) const noexcept {
  return civil_from_days(start_days_ + static_cast<std::int64_t>(std::floor(t)));
}

int Calendar::month_index(Time t) const noexcept {
  const Date date = date_of(t);
  return (date.year - start_.year) * 12 + (date.month - start_.month);
}

Date Calendar::month_first_day(int index) const noexcept {
  const int months = (start_.month - 1) + index;
  const int year_shift = months >= 0 ? months / 12 : -((11 - months) / 12);
  return Date{start_.year + year_shift, months - year_shift * 12 + 1, 1};
}

std::string Calendar::month_label(int index) const {
  const Date first = month_first_day(index);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", first.year, first.month);
  return buffer;
}

int Calendar::months_until(Time horizon) const noexcept {
  if (horizon <= 0.0) {
    return 1;
  }
  // The last instant before the horizon decides the last month touched.
  const double last = std::nextafter(horizon, 0.0);
  return month_index(last) + 1;
}

std::int64_t Calendar::week_index(Time t) noexcept {
  return static_cast<std::int64_t>(std::floor(t / 7.0));
}

} // namespace removalsim::engine
