#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace removalsim::model {

/// Monthly counters kept per (country, profile), named as in DESIGN.md §3. Flows are counted in the
/// month they happen; `detention_exits`/`detention_days` in the month the spell ends;
/// `lpc_issued`/`lpc_issued_in_time`/`lpc_delay_days` in the month of issuance. The `_holders`
/// counters repeat the detention counters for cases holding their own passport or ID.
/// `removals` counts every forced removal (the DGEF figure), the sum of the three routes of
/// DESIGN.md §3b: `removals_from_detention` (v1's removals), `removals_from_house_arrest` and
/// `removals_at_prison_release`; `removals_holders` counts removals from detention only.
/// `house_arrest_exits`/`house_arrest_days` are counted in the month the house arrest ends.
enum class Metric : std::uint8_t {
  oqtf_issued,
  voluntary_departures,
  annulments,
  expiries,
  apprehensions,
  apprehended_no_place,
  detention_entries,
  detention_exits,
  detention_days,
  lpc_requested,
  lpc_issued,
  lpc_issued_in_time,
  lpc_delay_days,
  lpc_lapsed,
  removals,
  boarding_failures,
  released_by_judge,
  released_end_of_term,
  detention_entries_holders,
  detention_exits_holders,
  detention_days_holders,
  removals_holders,
  released_by_judge_holders,
  released_end_of_term_holders,
  removals_from_detention,
  removals_from_house_arrest,
  removals_at_prison_release,
  prison_releases,
  detention_entries_from_prison,
  house_arrest_entries,
  house_arrest_exits,
  house_arrest_days,
  house_arrest_absconded,
  house_arrest_ended,
  released_by_prefecture,
  released_by_prefecture_holders,
  count
};

inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::count);

inline constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "oqtf_issued",
    "voluntary_departures",
    "annulments",
    "expiries",
    "apprehensions",
    "apprehended_no_place",
    "detention_entries",
    "detention_exits",
    "detention_days",
    "lpc_requested",
    "lpc_issued",
    "lpc_issued_in_time",
    "lpc_delay_days",
    "lpc_lapsed",
    "removals",
    "boarding_failures",
    "released_by_judge",
    "released_end_of_term",
    "detention_entries_holders",
    "detention_exits_holders",
    "detention_days_holders",
    "removals_holders",
    "released_by_judge_holders",
    "released_end_of_term_holders",
    "removals_from_detention",
    "removals_from_house_arrest",
    "removals_at_prison_release",
    "prison_releases",
    "detention_entries_from_prison",
    "house_arrest_entries",
    "house_arrest_exits",
    "house_arrest_days",
    "house_arrest_absconded",
    "house_arrest_ended",
    "released_by_prefecture",
    "released_by_prefecture_holders"};

/// Where the orders issued in a month stand at the horizon: the four terminal outcomes, then the
/// censored states. Backlog cases are not part of any cohort.
enum class Outcome : std::uint8_t {
  removed,
  voluntary_departure,
  annulled,
  expired,
  in_departure_period,
  in_appeal,
  at_large,
  detained,
  in_prison,
  house_arrest,
  count
};

inline constexpr std::size_t kOutcomeCount = static_cast<std::size_t>(Outcome::count);

inline constexpr std::array<std::string_view, kOutcomeCount> kOutcomeNames = {"removed",
                                                                              "voluntary_departure",
                                                                              "annulled",
                                                                              "expired",
                                                                              "in_departure_period",
                                                                              "in_appeal",
                                                                              "at_large",
                                                                              "detained",
                                                                              "in_prison",
                                                                              "house_arrest"};

/// National monthly quantities: time-averaged detention occupancy and capacity over the month
/// (capacity omitted when unlimited), and the largest occupancy reached in the month. The same
/// three are kept per detention centre when the scenario has centres.
enum class NationalMetric : std::uint8_t {
  detention_occupancy,
  detention_capacity,
  detention_peak,
  count
};

inline constexpr std::size_t kNationalMetricCount = static_cast<std::size_t>(NationalMetric::count);

inline constexpr std::array<std::string_view, kNationalMetricCount> kNationalMetricNames = {
    "detention_occupancy", "detention_capacity", "detention_peak"};

/// Index of a metric in a per-group block of series.
constexpr std::size_t index_of(Metric metric) noexcept { return static_cast<std::size_t>(metric); }
constexpr std::size_t index_of(Outcome outcome) noexcept {
  return static_cast<std::size_t>(outcome);
}
constexpr std::size_t index_of(NationalMetric metric) noexcept {
  return static_cast<std::size_t>(metric);
}

} // namespace removalsim::model
