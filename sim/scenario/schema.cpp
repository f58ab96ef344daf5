#include "schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace removalsim::scenario::detail {

namespace {

using enum Category;

constexpr std::array kAppeal{
    KeyDef{"share", per_case, Field::appeal_share, {}},
    KeyDef{"duration", per_case, Field::appeal_duration, {}},
    KeyDef{"annulment_share", per_case, Field::appeal_annulment_share, {}},
};

constexpr std::array kApprehension{
    KeyDef{"rate_per_year", per_case, Field::apprehension_rate_per_year, {}},
};

constexpr std::array kDetention{
    KeyDef{"capacity", shared, Field::detention_capacity, {}},
    KeyDef{"priority_reserve", shared, Field::detention_priority_reserve, {}},
    KeyDef{"max_days", per_case, Field::detention_max_days, {}},
    KeyDef{"reviews", per_case, Field::detention_reviews, {}},
};

constexpr std::array kLpc{
    KeyDef{"request_delay", per_case, Field::lpc_request_delay, {}},
    KeyDef{"issue_probability", per_case, Field::lpc_issue_probability, {}},
    KeyDef{"delay", per_case, Field::lpc_delay, {}},
    KeyDef{"validity_days", per_case, Field::lpc_validity_days, {}},
    KeyDef{"monthly_capacity", country_only, Field::lpc_monthly_capacity, {}},
};

constexpr std::array kFlights{
    KeyDef{"booking_delay", per_case, Field::booking_delay, {}},
    KeyDef{"boarding_success", per_case, Field::boarding_success, {}},
    KeyDef{"seats_per_week", country_only, Field::seats_per_week, {}},
};

constexpr std::array kSection{
    KeyDef{"voluntary_share", per_case, Field::voluntary_share, {}},
    KeyDef{"no_delay_share", per_case, Field::no_delay_share, {}},
    KeyDef{"detained_at_issuance_share", per_case, Field::detained_at_issuance_share, {}},
    KeyDef{"departure_period_days", per_case, Field::departure_period_days, {}},
    KeyDef{"appeal", per_case, Field::section, kAppeal},
    KeyDef{"validity_days", per_case, Field::validity_days, {}},
    KeyDef{"apprehension", per_case, Field::section, kApprehension},
    KeyDef{"detention", per_case, Field::section, kDetention},
    KeyDef{"document_check_days", per_case, Field::document_check_days, {}},
    KeyDef{"lpc", per_case, Field::section, kLpc},
    KeyDef{"flights", per_case, Field::section, kFlights},
    KeyDef{"redetention_gap_days", per_case, Field::redetention_gap_days, {}},
    KeyDef{"document_share", per_case, Field::document_share, {}},
    KeyDef{"oqtf_per_year", country_only, Field::oqtf_per_year, {}},
    KeyDef{"monthly_factors", country_only, Field::monthly_factors, {}},
    KeyDef{"initial_at_large", country_only, Field::initial_at_large, {}},
    KeyDef{"profiles", country_only, Field::profiles, {}},
    KeyDef{"share", profile_only, Field::profile_share, {}},
    KeyDef{"priority", profile_only, Field::profile_priority, {}},
};

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

} // namespace

std::span<const KeyDef> section_keys() { return kSection; }

bool allowed(Category category, Scope scope) noexcept {
  switch (category) {
  case per_case:
    return true;
  case shared:
    return scope == Scope::national;
  case country_only:
    return scope == Scope::country;
  case profile_only:
    return scope == Scope::profile;
  }
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // d[i][j]: distance between the first i characters of a and the first j of b (case-blind).
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t & { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) {
    at(i, 0) = i;
  }
  for (std::size_t j = 0; j <= m; ++j) {
    at(0, j) = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

std::string closest(std::string_view key, std::span<const std::string_view> candidates) {
  // Close enough: at most a third of the key's letters wrong (at least one, at most three).
  const std::size_t limit = std::clamp<std::size_t>(key.size() / 3, 1, 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto candidate : candidates) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance && distance < key.size()) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

} // namespace removalsim::scenario::detail
