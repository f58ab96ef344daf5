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
    "released_end_of_term_holders"};

/// Where the orders issued in a month stand at the horizon: the four terminal outcomes, then the
/// four censored states. Backlog cases are not part of any cohort.
enum class Outcome : std::uint8_t {
  removed,
  voluntary_departure,
  annulled,
  expired,
  in_departure_period,
  in_appeal,
  at_large,
  detained,
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
                                                                              "detained"};

/// National monthly quantities: time-averaged detention occupancy and capacity over the month
/// (capacity omitted when unlimited), and the largest occupancy reached in the month.
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
