#pragma once

#include "removalsim/engine/calendar.h"

#include <optional>
#include <string>
#include <string_view>

namespace removalsim::engine {

/// A range of whole calendar months, both ends included.
struct Period {
  Date first; ///< first day of the first month
  Date last;  ///< first day of the last month
  friend bool operator==(const Period &, const Period &) = default;
};

/// Parses a period as written in targets and published figures: a year `2024`, a quarter
/// `2024-Q4`, a month `2025-04`, or a month range `2025-01..2025-04`. Nothing when malformed or
/// when the range runs backwards.
std::optional<Period> parse_period(std::string_view text);

/// The period as text, in the shortest of the forms above.
std::string format_period(const Period &period);

/// Month indices [first, last) of `period` in a run whose month 0 is the month of `start`.
std::pair<int, int> month_range(const Period &period, Date start);

} // namespace removalsim::engine
