#pragma once

#include "removalsim/engine/calendar.h"
#include "removalsim/engine/distribution.h"
#include "removalsim/engine/timeline.h"

#include <array>
#include <limits>
#include <string>
#include <vector>

namespace removalsim::model {

using engine::Distribution;
using engine::Time;
template <class T> using Timeline = engine::Timeline<T>;

/// Stands for "no limit" in capacities and caps.
inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

/// Days per year: a rate per year is a daily hazard of rate / kDaysPerYear (the Julian year). The
/// model, its run-size estimate and the exact chain all use this one value, so that they agree.
inline constexpr double kDaysPerYear = 365.25;

/// Months per year: a rate per month is a daily hazard of rate × kMonthsPerYear / kDaysPerYear.
inline constexpr double kMonthsPerYear = 12.0;

/// One judge's hearing of a detention spell: on `day` (days after admission) the detainee is
/// released with `release_probability`.
struct Review {
  double day = 0.0;
  double release_probability = 0.0;
  friend bool operator==(const Review &, const Review &) = default;
};

/// The hearings of a spell, in increasing day order.
using ReviewSchedule = std::vector<Review>;

/// Parameters read per case: the ones a country or a profile may override (DESIGN.md §3).
/// Delays are in days, rates per year, probabilities and shares in [0, 1]. Times in timelines are
/// days from the scenario start. Each timeline is read when the case reaches the step it governs.
struct CaseParameters {
  // National parameters.
  Timeline<double> voluntary_share{0.0};
  Timeline<double> no_delay_share{0.0};
  Timeline<double> detained_at_issuance_share{0.0};
  Timeline<double> departure_period_days{30.0};
  Timeline<double> appeal_share{0.0};
  Timeline<Distribution> appeal_duration{Distribution::fixed(0.0)};
  Timeline<double> appeal_annulment_share{0.0};
  Timeline<double> validity_days{kUnlimited};
  Timeline<double> apprehension_rate_per_year{0.0};
  Timeline<double> detention_max_days{90.0};
  Timeline<ReviewSchedule> detention_reviews{ReviewSchedule{}};
  /// Hazard of a release by the prefecture during detention, per month (off while 0 throughout).
  Timeline<double> detention_release_rate_per_month{0.0};
  Timeline<Distribution> document_check_days{Distribution::fixed(0.0)};
  Timeline<Distribution> lpc_request_delay{Distribution::fixed(0.0)};
  Timeline<Distribution> booking_delay{Distribution::fixed(0.0)};
  Timeline<double> boarding_success{1.0};
  Timeline<double> redetention_gap_days{0.0};
  // Country parameters (per case as well: a profile may override them).
  Timeline<double> document_share{0.0};
  Timeline<double> lpc_issue_probability{1.0};
  Timeline<Distribution> lpc_delay{Distribution::fixed(0.0)};
  Timeline<double> lpc_validity_days{kUnlimited};
  // Prison release (DESIGN.md §3b): off while `prison_share` is 0 throughout.
  Timeline<double> prison_share{0.0};
  /// Sentence still to serve at issuance.
  Timeline<Distribution> prison_remaining_days{Distribution::fixed(0.0)};
  /// Days before release at which the prefecture requests the LPC.
  Timeline<double> prison_lpc_lead_days{0.0};
  /// Probability that the escorted removal at release succeeds.
  Timeline<double> prison_removal_success{1.0};
  // House arrest (DESIGN.md §3b): off while both shares are 0 throughout.
  Timeline<double> house_arrest_share{0.0};
  Timeline<double> house_arrest_share_when_no_place{0.0};
  Timeline<double> house_arrest_max_days{0.0};
  Timeline<double> house_arrest_boarding_success{1.0};
  /// Hazard of absconding from house arrest, per month.
  Timeline<double> house_arrest_abscond_rate_per_month{0.0};
  friend bool operator==(const CaseParameters &, const CaseParameters &) = default;
};

/// A kind of case within a country (e.g. `public_order`), with its share of the country's orders
/// and its fully resolved parameters (national ← country ← country overrides ← profile overrides).
struct Profile {
  std::string name = "ALL";
  double share = 1.0;
  /// Priority cases may use the detention places kept in `detention_priority_reserve`.
  bool priority = false;
  CaseParameters parameters;
  friend bool operator==(const Profile &, const Profile &) = default;
};

/// A country of return: arrivals, shared caps and its profiles (at least one; shares sum to 1).
struct Country {
  std::string code;
  /// Orders issued per year (non-homogeneous Poisson arrivals).
  Timeline<double> oqtf_per_year{0.0};
  /// Relative weights of the 12 calendar months (January first) within a year's arrivals.
  std::array<double, 12> monthly_factors{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  /// Cap on LPCs issued per calendar month (`kUnlimited`: none); excess issuances queue FIFO.
  Timeline<double> lpc_monthly_capacity{kUnlimited};
  /// Cap on boardings per 7-day week from the start (`kUnlimited`: none); bookings queue FIFO.
  Timeline<double> seats_per_week{kUnlimited};
  /// Enforceable orders at large at the start (the backlog), issued at the start.
  std::uint64_t initial_at_large = 0;
  std::vector<Profile> profiles{Profile{}};
  friend bool operator==(const Country &, const Country &) = default;
};

/// One detention centre (CRA) of the estate: its share of the national places (and of the
/// priority reserve) and its share of the apprehensions that seek a place (DESIGN.md §3b).
struct DetentionCentre {
  std::string name;
  Timeline<double> capacity_share{0.0};
  Timeline<double> apprehension_share{0.0};
  friend bool operator==(const DetentionCentre &, const DetentionCentre &) = default;
};

/// Everything a run needs: the calendar, the shared detention estate and the countries.
struct Scenario {
  std::string name;
  engine::Date start{2019, 1, 1};
  /// Last simulated day (inclusive): the run ends at 00:00 the day after.
  engine::Date end{2025, 12, 31};
  /// Results before this date (a first of the month) are discarded; cases carry over.
  engine::Date warmup_until{2019, 1, 1};
  /// Detention places shared by every country (`kUnlimited`: none).
  Timeline<double> detention_capacity{kUnlimited};
  /// Places kept for priority profiles: a non-priority case is admitted only while free places
  /// exceed this number.
  Timeline<double> detention_priority_reserve{0.0};
  /// The centres the places are split into (empty: one national pool). Each share set sums to 1.
  std::vector<DetentionCentre> detention_centres;
  std::vector<Country> countries;
  friend bool operator==(const Scenario &, const Scenario &) = default;
};

} // namespace removalsim::model
