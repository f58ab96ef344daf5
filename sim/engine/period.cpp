#include "removalsim/engine/period.h"

#include <charconv>

namespace removalsim::engine {

namespace {

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

/// `YYYY-MM` → first day of that month.
std::optional<Date> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') {
    return std::nullopt;
  }
  const auto year = parse_int(text.substr(0, 4));
  const auto month = parse_int(text.substr(5, 2));
  if (!year || !month || *month < 1 || *month > 12) {
    return std::nullopt;
  }
  return Date{*year, *month, 1};
}

int months_since_epoch(Date date) { return date.year * 12 + (date.month - 1); }

} // namespace

std::optional<Period> parse_period(std::string_view text) {
  if (const auto range = text.find(".."); range != std::string_view::npos) {
    const auto first = parse_month(text.substr(0, range));
    const auto last = parse_month(text.substr(range + 2));
    if (!first || !last || months_since_epoch(*last) < months_since_epoch(*first)) {
      return std::nullopt;
    }
    return Period{*first, *last};
  }
  if (text.size() == 4) {
    const auto year = parse_int(text);
    if (!year) {
      return std::nullopt;
    }
    return Period{{*year, 1, 1}, {*year, 12, 1}};
  }
  if (text.size() == 7 && text.substr(4, 2) == "-Q") {
    const auto year = parse_int(text.substr(0, 4));
    const auto quarter = parse_int(text.substr(6, 1));
    if (!year || !quarter || *quarter < 1 || *quarter > 4) {
      return std::nullopt;
    }
    return Period{{*year, 3 * *quarter - 2, 1}, {*year, 3 * *quarter, 1}};
  }
  if (const auto month = parse_month(text)) {
    return Period{*month, *month};
  }
  return std::nullopt;
}

std::string format_period(const Period &period) {
  const auto label = [](Date date) { return format_iso_date(date).substr(0, 7); };
  if (period.first == period.last) {
    return label(period.first);
  }
  if (period.first.year == period.last.year && period.first.month == 1 && period.last.month == 12) {
    return std::to_string(period.first.year);
  }
  if (period.first.year == period.last.year && period.first.month % 3 == 1 &&
      period.last.month == period.first.month + 2) {
    return std::to_string(period.first.year) + "-Q" + std::to_string(period.last.month / 3);
  }
  return label(period.first) + ".." + label(period.last);
}

std::pair<int, int> month_range(const Period &period, Date start) {
  const int origin = months_since_epoch(start);
  return {months_since_epoch(period.first) - origin, months_since_epoch(period.last) - origin + 1};
}

} // namespace removalsim::engine
