#pragma once

// The class behind model::simulate, private to sim/model. This header holds its state, its
// events and the small helpers every mechanism calls on each event (kept here, inline); the
// handlers of each mechanism are defined in a file of their own:
//
//   removal_model.cpp     set-up, the run, event dispatch, the month and week ticks, the census
//   error_location.cpp    an error of the run located by the case, the date and the event
//   issuance.cpp          orders issued, the departure period and the appeal
//   at_large.cpp          at large, the lapse of the order, apprehension and its order of routes
//   detention.cpp         detention spells (reviews, the prefecture's release, the term), the
//                         centres' places and their monthly occupancy
//   house_arrest.cpp      house arrest (abscond, term)
//   prison.cpp            prison stays and the release from prison
//   consular_passes.cpp   the document path of a spell: passport check or consular pass (LPC),
//                         the monthly cap of LPCs, their lapse
//   flights.cpp           bookings, the weekly seat cap, boarding

#include "case_pool.h"
#include "rate_inversion.h"

#include "removalsim/engine/calendar.h"
#include "removalsim/engine/random_stream.h"
#include "removalsim/engine/resource.h"
#include "removalsim/engine/simulation.h"
#include "removalsim/engine/simulation_error.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/engine/windowed_quota.h"
#include "removalsim/model/metrics.h"
#include "removalsim/model/model_error.h"
#include "removalsim/model/parameter_catalogue.h"
#include "removalsim/model/parameters.h"
#include "removalsim/model/removal_model.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace removalsim::model::detail {

using engine::Event;
using engine::RandomStream;

/// Detention capacity handed to the engine's resource when the scenario sets no limit.
inline constexpr std::int64_t kUnlimitedPlaces = std::numeric_limits<std::int64_t>::max() / 4;
inline constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

/// Tie rule at equal times, in this order: calendar boundaries (caps renew), documents, boardings,
/// releases (a freed place is seen by later admissions), new orders, case transitions, then
/// apprehensions.
enum EventPhase : engine::Phase {
  kCalendarPhase = 0,
  kDocumentPhase = 1,
  kBoardingPhase = 2,
  kReleasePhase = 3,
  kArrivalPhase = 4,
  kTransitionPhase = 5,
  kApprehensionPhase = 6,
};

enum EventKind : std::uint32_t {
  kMonthStart,
  kWeekStart,
  kOrderIssued, // target: country
  kVoluntaryDeparture,
  kAppealJudgment,
  kEnforceable,
  kApprehension,
  kLapse,
  kDocumentReady,
  kLpcRequest,
  kLpcDue, // target: LPC request record
  kLpcLapse,
  kFlight,
  kSpellEnd, // end of a detention spell or of a house arrest
  kPrisonRelease,
};

/// Random-stream purposes; per-country purposes are offset by the country index so that adding
/// a country leaves the others' streams unchanged.
enum StreamPurpose : std::uint64_t {
  kArrivalStreams = 0,
  kCaseStreams = 1u << 20,
  kBacklogStreams = 2u << 20,
};

/// An LPC asked of a consulate, alive from the request until issuance.
struct LpcRequest {
  std::uint32_t slot = 0;
  std::uint32_t group = 0;
  std::uint32_t spell_id = 0;
  Time requested_at = 0.0;
};

/// Whether a spell starting now takes over the papers of a prison stay (a document in hand, a
/// pending LPC request) or starts its own document path.
enum class Papers : std::uint8_t { fresh, from_prison };

/// A flight booking waiting for a seat.
struct Booking {
  std::uint32_t slot;
  std::uint32_t generation;
};

/// Which optional routes a (country, profile) group may take (a share positive somewhere).
struct Routes {
  bool prison = false;
  bool house_arrest = false;
  bool house_arrest_when_no_place = false;
  bool prefecture_release = false;
};

struct CountryState {
  explicit CountryState(RandomStream stream) : arrivals(stream) {}

  RandomStream arrivals;
  std::uint64_t next_arrival_index = 0;
  /// Per month index m of the run: the monthly factor of m's calendar month, and the
  /// denominator Σ_k f_k · days_k(year of m), so that the daily rate needs no date conversion.
  std::vector<double> month_factor;
  std::vector<double> month_denominator;
  /// The month of the last arrival-rate lookup (arrival times only move forward).
  std::size_t month_cursor = 0;
  /// The segment of `oqtf_per_year` of the last lookup (same reason).
  std::size_t per_year_cursor = 0;
  /// The consulate's monthly cap: LPCs issued this month, request records waiting.
  engine::WindowedQuota<std::uint32_t> lpcs;
  /// The weekly seats: seats used this week, bookings waiting.
  engine::WindowedQuota<Booking> seats;
};

// clang-format off
/// The removal pipeline of DESIGN.md §3 and §3b on the engine: one replication.
///
/// Case state machine (terminal states leave the pool):
///   issued ─prison share─> in_prison ─release─> escorted removal → removed
///                                             | apprehension order (papers carried over)
///                                             | in_appeal (appeal still pending) | expired
///   issued ─voluntary─> departure_period ─(U(0, period))─> voluntary_departure
///   issued ─detained at issuance─> apprehension order
///   issued ─appeal─> in_appeal ─judgment─> annulled | departure_period (until period end) | at_large
///   issued ─no appeal─> departure_period ─period end─> at_large
///   at_large ─lapse rule─> expired
///   at_large ─apprehension─> apprehension order
///   apprehension order: house arrest (share) | detained (a place in the drawn centre)
///                       | house arrest (share when no place) | at_large (no place)
///   detained ─document (own passport, or LPC issued in the spell) → flight → boarding─> removed
///   detained ─judge's release at a review | prefecture's release (a monthly hazard, competing)
///            | end of term─> at_large (after the redetention gap)
///   house_arrest ─document → flight → boarding─> removed
///   house_arrest ─end of term─> at_large (after the gap) | ─abscond─> at_large
// clang-format on
class RemovalModel {
public:
  /// Validates `scenario` (throws ModelError) and sets up the run; `scenario` must outlive it.
  RemovalModel(const Scenario &scenario, std::uint64_t seed, std::uint64_t replication,
               const engine::StopFlag *stop);

  /// Simulates to the horizon and returns the result (once). A SimulationError that arises
  /// names the case, the date, the event and the replication (`locate`).
  RunResult run();

private:
  // ---- bookkeeping (removal_model.cpp) --------------------------------------------------------
  const CaseParameters &params(const Case &c) const { return *group_params_[c.group]; }
  std::uint32_t country_of(const Case &c) const { return result_.groups[c.group].country; }

  /// The random stream of the case in `slot`, where its last draw left it. Cases keep only
  /// their stream's substream and position; one stream object stays open, and moving to another
  /// case saves the open one's position in its record and reopens the other's.
  RandomStream &random(std::uint32_t slot) {
    if (open_stream_slot_ != slot) [[unlikely]] {
      open_case_stream(slot);
    }
    return open_stream_;
  }
  /// The slow path of `random`, out of line so that the check above is inlined at every draw.
  [[gnu::noinline]] void open_case_stream(std::uint32_t slot);

  void count(const Case &c, Metric metric, double amount = 1.0) {
    count_group(c.group, metric, amount);
  }
  void count_group(std::uint32_t group, Metric metric, double amount = 1.0) {
    result_.counters.add(static_cast<std::size_t>(month_), group * kMetricCount + index_of(metric),
                         amount);
  }
  void count_detention(const Case &c, Metric all, Metric holders, double amount = 1.0) {
    count(c, all, amount);
    if (c.has_document) {
      count(c, holders, amount);
    }
  }

  /// Schedules an event unless it falls at or after the horizon (00:00 after the last day).
  void schedule_global(Time at, EventPhase phase, EventKind kind, std::uint32_t target) {
    if (at < horizon_) {
      simulation_.schedule_at(at, phase, kind, target);
    }
  }
  /// Schedules an event of a case, tagged with its generation (lazy invalidation).
  void schedule(Time at, EventPhase phase, EventKind kind, std::uint32_t slot) {
    if (at < horizon_) {
      simulation_.schedule_at(at, phase, kind, slot, cases_[slot].generation);
    }
  }

  void finish(std::uint32_t slot, Outcome outcome) {
    const Case &c = cases_[slot];
    if (c.issue_month >= 0) {
      result_.cohorts.add(static_cast<std::size_t>(c.issue_month),
                          c.group * kOutcomeCount + index_of(outcome));
    }
    if (open_stream_slot_ == slot) {
      open_stream_slot_ = kNoSlot;
    }
    cases_.destroy(slot);
  }

  std::uint32_t next_spell_id() {
    if (last_spell_id_ == std::numeric_limits<std::uint32_t>::max()) {
      throw ModelError(
          "more than 2^32 detention spells, house arrests and prison stays in one run");
    }
    return ++last_spell_id_;
  }

  /// The first event after `from` of a hazard of `rate` events per 1/`periods_per_year` of a year,
  /// drawn from the case's stream by inverting the cumulative hazard; +infinity when none comes
  /// before `limit`.
  Time first_event(std::uint32_t slot, const Timeline<double> &rate, double periods_per_year,
                   Time from, Time limit) {
    const double exp1 = engine::exponential_variate(random(slot), 1.0);
    return invert_cumulative_rate(
        from, exp1, limit, [&](Time t) { return rate.at(t) * periods_per_year / kDaysPerYear; },
        [&](Time t) { return rate.next_change_after(rate.index_at(t)); });
  }

  // ---- dispatch, calendar ticks and end of run (removal_model.cpp) ----------------------------
  void handle(const Event &event);
  void on_month_start(Time now);
  void on_week_start(Time now);
  void census();
  void discard_warmup();

  // ---- errors (error_location.cpp) -----------------------------------------------------------
  /// Where `error` arose, in the user's words: `case MA-12, appeal judgment, on 2024-03-05 (day
  /// 64.2, replication 3)`. A case is its country and its number among the country's orders of
  /// the run (from 0; `backlog case` for the initial backlog), which also keys its random draws.
  std::string locate(const SimulationError &error) const;
  /// The case, the country or the calendar tick that an event of `kind` for `target` concerns,
  /// and the event.
  std::string subject(EventKind kind, std::uint32_t target) const;
  std::string case_text(std::uint32_t slot) const;

  // ---- issuance (issuance.cpp) ----------------------------------------------------------------
  /// Index of the month containing `t` (0 <= t < horizon): month_begin_[m] <= t <
  /// month_begin_[m + 1], the same month as `calendar_.month_index(t)` (months begin at 00:00),
  /// found from the country's last one.
  std::size_t arrival_month(CountryState &state, Time t) const;
  /// Index of the segment of `per_year` in force at `t`: `per_year.index_at(t)`, found from the
  /// country's last one.
  static std::size_t per_year_segment(CountryState &state, const Timeline<double> &per_year,
                                      Time t);
  double daily_order_rate(std::uint32_t country, Time t);
  void schedule_next_order(std::uint32_t country, Time from);
  /// A new case of `country` drawing from substream `index` of the backlog's or the issued
  /// orders' streams.
  std::uint32_t create_case(std::uint32_t country, std::uint64_t index, bool backlog, Time now);
  void create_backlog_case(std::uint32_t country, std::uint64_t index);
  void on_order_issued(std::uint32_t country, Time now);
  void enforceable_from(std::uint32_t slot, Time from, Time now);
  void on_appeal_judgment(std::uint32_t slot, Time now);

  // ---- at large (at_large.cpp) ----------------------------------------------------------------
  void become_at_large(std::uint32_t slot, Time now);
  /// The apprehension order of DESIGN.md §3b, for a case found at large, detained at issuance or
  /// released from prison: house arrest with its share; else a place → detention; else house
  /// arrest with its share when no place; else back at large.
  void apprehend(std::uint32_t slot, Time now, Papers papers);

  // ---- detention (detention.cpp) --------------------------------------------------------------
  /// Takes a place for the case in its centre (drawn by `apprehension_share` when the places are
  /// split into centres), respecting the priority reserve; false when none is free.
  bool admit(std::uint32_t slot, Time now);
  void start_spell(std::uint32_t slot, Time now, Papers papers);
  void end_spell(std::uint32_t slot, Time now);
  /// The end of a detention spell or of a house arrest (they share the event kind).
  void on_spell_end(std::uint32_t slot, Time now);
  /// Adds the month's detention occupancy, capacity and peak (national and per centre) up to
  /// `now`.
  void close_month(Time now);
  /// ∫ places of centre k over [from, to): the national capacity without centres; with them the
  /// centre's rounded share, which changes where the capacity or the share does.
  double centre_capacity_integral(std::size_t k, Time from, Time to) const;
  /// Places in use, all centres together.
  std::int64_t in_use() const;

  // ---- house arrest (house_arrest.cpp) --------------------------------------------------------
  /// Ends at the first of removal, abscond (a hazard per month, competing) and the term.
  void start_house_arrest(std::uint32_t slot, Time now, Papers papers);
  void end_house_arrest(std::uint32_t slot, Time now);
  void on_house_arrest_end(std::uint32_t slot, Time now);

  // ---- prison (prison.cpp) --------------------------------------------------------------------
  /// A prisoner: no departure period; an appeal runs in prison (its judgment time is kept in
  /// `period_end`, from which the order is enforceable if it comes after the release); a
  /// non-holder's LPC is requested `lpc_lead_days` before the release.
  void enter_prison(std::uint32_t slot, Time now);
  void on_prison_release(std::uint32_t slot, Time now);

  // ---- documents and consular passes (consular_passes.cpp) ------------------------------------
  /// Starts the document path of a new detention spell or house arrest: a fresh one (own
  /// passport after its check, or an LPC request), or the papers of a prison stay (a document in
  /// hand is used at once; a pending LPC request is awaited, not repeated).
  void start_documents(std::uint32_t slot, Time now, Papers papers);
  void request_lpc(std::uint32_t slot, Time now);
  /// An LPC ready at the consulate: issued now if the month's cap allows, else in line.
  void on_lpc_due(std::uint32_t record, Time now);
  /// A new month: each consulate's cap renews and issues the LPCs in line, oldest first.
  void renew_lpc_caps(Time now);
  /// Issues the LPC of request `record`, already counted under its consulate's cap.
  void issue_lpc(std::uint32_t record, Time now);
  void on_lpc_lapse(std::uint32_t slot, Time now);

  // ---- flights (flights.cpp) ------------------------------------------------------------------
  void book_flight(std::uint32_t slot, Time now);
  /// A booked flight: boards if a seat of the week is free (after the bookings in line), else
  /// waits in line.
  void on_flight(std::uint32_t slot, Time now);
  /// A new week: each country's seats renew and go to the bookings in line, oldest first.
  void renew_seats(Time now);
  /// Boards the case on a seat already counted: removed, or a failure (rebooked if success is
  /// possible).
  void board(std::uint32_t slot, Time now);

  const Scenario &scenario_;
  std::uint64_t replication_;
  engine::Calendar calendar_;
  Time horizon_;
  /// Start of each month of the run (see `arrival_month`).
  std::vector<Time> month_begin_;
  engine::Simulation simulation_;
  /// The detention places: one pool, or one per centre.
  std::vector<engine::Resource> detention_;
  CasePool cases_;
  std::vector<CountryState> countries_;
  std::vector<const CaseParameters *> group_params_;
  std::vector<std::uint32_t> group_offset_;
  std::vector<bool> group_priority_;
  std::vector<Routes> group_routes_;
  std::vector<LpcRequest> requests_;
  std::vector<std::uint32_t> free_requests_;
  RunResult result_;
  int month_ = 0;
  /// Per centre: occupied place-days before the current month, largest occupancy in it.
  std::vector<double> centre_area_at_month_start_;
  std::vector<std::int64_t> centre_month_peak_;
  std::int64_t month_peak_occupancy_ = 0;
  std::uint32_t last_spell_id_ = 0;
  /// The one case stream kept open (see `random`), and the case it belongs to.
  RandomStream open_stream_;
  std::uint32_t open_stream_slot_ = kNoSlot;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
};

} // namespace removalsim::model::detail
