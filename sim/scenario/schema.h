#pragma once
// Internal: the keys a scenario may use in `national`, in a country and in a profile, and where
// each may appear (DESIGN.md §3; documented for users in scenarios/README.md).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace removalsim::scenario::detail {

/// Who may set a key: per-case keys everywhere (national ← country ← profile); shared keys only
/// under `national`; country-only keys only in a country; profile-only keys only in a profile.
enum class Category : std::uint8_t { per_case, shared, country_only, profile_only };

/// The three kinds of parameter sections.
enum class Scope : std::uint8_t { national, country, profile };

/// Every leaf key of a parameter section.
enum class Field : std::uint8_t {
  section, // not a leaf: a map of further keys
  voluntary_share,
  no_delay_share,
  detained_at_issuance_share,
  departure_period_days,
  appeal_share,
  appeal_duration,
  appeal_annulment_share,
  validity_days,
  apprehension_rate_per_year,
  detention_capacity,
  detention_priority_reserve,
  detention_max_days,
  detention_reviews,
  document_check_days,
  lpc_request_delay,
  lpc_issue_probability,
  lpc_delay,
  lpc_validity_days,
  lpc_monthly_capacity,
  booking_delay,
  boarding_success,
  seats_per_week,
  redetention_gap_days,
  document_share,
  oqtf_per_year,
  monthly_factors,
  initial_at_large,
  profiles,
  profile_share,
  profile_priority,
};

/// One key of a section: a leaf (`field`) or a nested section (`children`).
struct KeyDef {
  std::string_view name;
  Category category;
  Field field;
  std::span<const KeyDef> children;
};

/// The keys of a parameter section (national, country or profile), before scope checks.
std::span<const KeyDef> section_keys();

/// True when a key of `category` may be set in `scope`.
bool allowed(Category category, Scope scope) noexcept;

/// Optimal-string-alignment (Damerau–Levenshtein) distance between two keys.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `key` if it is close enough to be a likely typo, else "".
std::string closest(std::string_view key, std::span<const std::string_view> candidates);

} // namespace removalsim::scenario::detail
