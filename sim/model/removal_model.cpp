#include "removalsim/model/removal_model.h"

#include "case_pool.h"
#include "rate_inversion.h"

#include "removalsim/engine/calendar.h"
#include "removalsim/engine/resource.h"
#include "removalsim/engine/simulation.h"
#include "removalsim/model/model_error.h"
#include "removalsim/model/parameter_catalogue.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <deque>
#include <limits>
#include <string>

namespace removalsim::model {

namespace {

using engine::Event;
using engine::RandomStream;

// Detention capacity handed to the engine's resource when the scenario sets no limit.
constexpr std::int64_t kUnlimitedPlaces = std::numeric_limits<std::int64_t>::max() / 4;
constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

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
  double lpc_issued_this_month = 0.0;
  double seats_used_this_week = 0.0;
  std::deque<std::uint32_t> lpc_waiting; // request records, FIFO
  std::deque<Booking> bookings_waiting;  // FIFO
};

double integral(const Timeline<double> &timeline, Time from, Time to) {
  double total = 0.0;
  for (std::size_t i = timeline.index_at(from); from < to; ++i) {
    const Time end = std::min(to, timeline.next_change_after(i));
    total += timeline.segments()[i].value * (end - from);
    from = end;
  }
  return total;
}

/// A centre's share of `places` (DESIGN.md §3b: floor(x × share + 0.5)); unlimited stays so.
double centre_places(double places, double share) {
  return std::isinf(places) ? places : std::floor(places * share + 0.5);
}

std::uint64_t mix(std::uint64_t hash, std::uint64_t value) noexcept {
  // 64-bit FNV-1a style combination, then a SplitMix64 finaliser for avalanche.
  hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  return hash;
}

void check_probability(double value, const std::string &what) {
  if (!(value >= 0.0 && value <= 1.0)) {
    throw ModelError(what + " must be in [0, 1], got " + std::to_string(value));
  }
}

void validate(const Scenario &scenario) {
  if (scenario.countries.empty()) {
    throw ModelError("the scenario has no country");
  }
  if (!(scenario.start <= scenario.end)) {
    throw ModelError("the scenario ends before it starts");
  }
  for (const Country &country : scenario.countries) {
    if (country.profiles.empty()) {
      throw ModelError("country " + country.code + " has no profile");
    }
    double shares = 0.0;
    for (const Profile &profile : country.profiles) {
      check_probability(profile.share, "share of profile " + profile.name);
      shares += profile.share;
    }
    if (std::abs(shares - 1.0) > 1e-9) {
      throw ModelError("profile shares of country " + country.code + " sum to " +
                       std::to_string(shares) + ", not 1");
    }
    double factors = 0.0;
    for (const double factor : country.monthly_factors) {
      if (!(factor >= 0.0)) {
        throw ModelError("monthly factors of country " + country.code + " must be >= 0");
      }
      factors += factor;
    }
    if (!(factors > 0.0)) {
      throw ModelError("monthly factors of country " + country.code + " sum to 0");
    }
  }
  // A case record keeps its centre in 8 bits.
  if (scenario.detention_centres.size() > std::numeric_limits<std::uint8_t>::max()) {
    throw ModelError("more than 255 detention centres");
  }
}

// clang-format off
/// The removal pipeline of DESIGN.md §3 and §3b on the engine.
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
  RemovalModel(const Scenario &scenario, std::uint64_t seed, std::uint64_t replication,
               const engine::StopFlag *stop)
      : scenario_(scenario), calendar_(scenario.start),
        horizon_(calendar_.time_of(scenario.end) + 1.0),
        detention_(std::max<std::size_t>(1, scenario.detention_centres.size()),
                   engine::Resource(kUnlimitedPlaces, engine::Resource::WhenFull::reject)),
        open_stream_(seed, replication, kCaseStreams) {
    validate(scenario);
    simulation_.set_stop_flag(stop);
    for (std::uint32_t c = 0; c < scenario.countries.size(); ++c) {
      countries_.emplace_back(RandomStream(seed, replication, kArrivalStreams + c));
      for (std::uint32_t p = 0; p < scenario.countries[c].profiles.size(); ++p) {
        result_.groups.push_back(Group{c, p});
        const CaseParameters &parameters = scenario.countries[c].profiles[p].parameters;
        group_params_.push_back(&parameters);
        group_priority_.push_back(scenario.countries[c].profiles[p].priority);
        // A share zero throughout is never drawn, so that scenarios without a route keep v1's
        // draws and paths exactly.
        group_routes_.push_back(Routes{switched_on(parameters.prison_share),
                                       switched_on(parameters.house_arrest_share),
                                       switched_on(parameters.house_arrest_share_when_no_place),
                                       switched_on(parameters.detention_release_rate_per_month)});
      }
      group_offset_.push_back(static_cast<std::uint32_t>(result_.groups.size()) -
                              static_cast<std::uint32_t>(scenario.countries[c].profiles.size()));
    }
    result_.months = calendar_.months_until(horizon_);
    // A case record keeps its group and month of issuance in 16 bits.
    if (result_.groups.size() > std::numeric_limits<std::uint16_t>::max() ||
        result_.months > std::numeric_limits<std::int16_t>::max()) {
      throw ModelError("the scenario has too many profiles or months");
    }
    result_.start = scenario.start;
    // month_begin_[m] for every month the run touches and the one after: arrival times are
    // placed in months by comparison with these, not by converting times to dates.
    for (int m = 0; m <= result_.months + 1; ++m) {
      month_begin_.push_back(calendar_.month_begin(m));
    }
    for (std::uint32_t c = 0; c < countries_.size(); ++c) {
      const auto &factors = scenario.countries[c].monthly_factors;
      CountryState &state = countries_[c];
      for (int m = 0; m <= result_.months; ++m) {
        const engine::Date first = calendar_.month_first_day(m);
        double denominator = 0.0;
        for (int k = 1; k <= 12; ++k) {
          denominator +=
              factors[static_cast<std::size_t>(k - 1)] * engine::days_in_month(first.year, k);
        }
        state.month_factor.push_back(factors[static_cast<std::size_t>(first.month - 1)]);
        state.month_denominator.push_back(denominator);
      }
    }
    for (int m = 0; m < result_.months; ++m) {
      const Time begin = std::max(0.0, calendar_.month_begin(m));
      result_.month_days.push_back(std::min(horizon_, calendar_.month_begin(m + 1)) - begin);
    }
    result_.first_reported_month = calendar_.month_index(calendar_.time_of(scenario.warmup_until));
    result_.counters = engine::CounterTable(static_cast<std::size_t>(result_.months),
                                            result_.groups.size() * kMetricCount);
    result_.cohorts = engine::CounterTable(static_cast<std::size_t>(result_.months),
                                           result_.groups.size() * kOutcomeCount);
    result_.national =
        engine::CounterTable(static_cast<std::size_t>(result_.months), kNationalMetricCount);
    for (const DetentionCentre &centre : scenario.detention_centres) {
      result_.centres.push_back(centre.name);
    }
    result_.centre_quantities = engine::CounterTable(static_cast<std::size_t>(result_.months),
                                                     result_.centres.size() * kNationalMetricCount);
    centre_area_at_month_start_.assign(detention_.size(), 0.0);
    centre_month_peak_.assign(detention_.size(), 0);
  }

  RunResult run() {
    schedule_global(calendar_.month_begin(1), kCalendarPhase, kMonthStart, 0);
    schedule_global(7.0, kCalendarPhase, kWeekStart, 0);
    for (std::uint32_t c = 0; c < countries_.size(); ++c) {
      schedule_next_order(c, 0.0);
      for (std::uint64_t i = 0; i < scenario_.countries[c].initial_at_large; ++i) {
        create_backlog_case(c, i);
      }
    }
    simulation_.run_until(horizon_, [this](const Event &event) { handle(event); });
    close_month(horizon_);
    census();
    discard_warmup();
    result_.events = simulation_.events_processed();
    result_.cases_created = cases_.created();
    result_.peak_cases_alive = cases_.peak();
    result_.fingerprint = fingerprint_;
    return std::move(result_);
  }

private:
  // ---- bookkeeping ---------------------------------------------------------------------------
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
  [[gnu::noinline]] void open_case_stream(std::uint32_t slot) {
    if (open_stream_slot_ != kNoSlot) {
      cases_[open_stream_slot_].stream_position =
          static_cast<std::uint32_t>(open_stream_.position());
    }
    const Case &c = cases_[slot];
    const std::uint64_t purpose = (c.backlog ? kBacklogStreams : kCaseStreams) + country_of(c);
    open_stream_.reposition(purpose, c.stream_index, c.stream_position);
    open_stream_slot_ = slot;
  }

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

  // ---- calendar ------------------------------------------------------------------------------
  void close_month(Time now) {
    const Time begin = std::max(0.0, calendar_.month_begin(month_));
    if (now <= begin) {
      return;
    }
    const auto m = static_cast<std::size_t>(month_);
    double area = 0.0;
    double capacity = 0.0;
    for (std::size_t k = 0; k < detention_.size(); ++k) {
      const double centre_area = detention_[k].usage().area(now) - centre_area_at_month_start_[k];
      centre_area_at_month_start_[k] = detention_[k].usage().area(now);
      area += centre_area;
      const std::int64_t centre_peak = centre_month_peak_[k];
      centre_month_peak_[k] = detention_[k].in_use();
      const double places = centre_capacity_integral(k, begin, now) / (now - begin);
      capacity += places;
      if (!result_.centres.empty()) {
        const auto series = [&](NationalMetric metric) {
          return k * kNationalMetricCount + index_of(metric);
        };
        result_.centre_quantities.add(m, series(NationalMetric::detention_occupancy),
                                      centre_area / (now - begin));
        if (std::isfinite(places)) {
          result_.centre_quantities.add(m, series(NationalMetric::detention_capacity), places);
        }
        result_.centre_quantities.add(m, series(NationalMetric::detention_peak),
                                      static_cast<double>(centre_peak));
      }
    }
    result_.national.add(m, index_of(NationalMetric::detention_occupancy), area / (now - begin));
    if (std::isfinite(capacity)) {
      result_.national.add(m, index_of(NationalMetric::detention_capacity), capacity);
    }
    result_.national.add(m, index_of(NationalMetric::detention_peak),
                         static_cast<double>(month_peak_occupancy_));
    month_peak_occupancy_ = in_use();
  }

  /// ∫ places of centre k over [from, to): the national capacity without centres; with them the
  /// centre's rounded share, which changes where the capacity or the share does.
  double centre_capacity_integral(std::size_t k, Time from, Time to) const {
    const Timeline<double> &capacity = scenario_.detention_capacity;
    if (scenario_.detention_centres.empty()) {
      return integral(capacity, from, to);
    }
    const Timeline<double> &share = scenario_.detention_centres[k].capacity_share;
    double total = 0.0;
    while (from < to) {
      const Time end = std::min({to, capacity.next_change_after(capacity.index_at(from)),
                                 share.next_change_after(share.index_at(from))});
      total += centre_places(capacity.at(from), share.at(from)) * (end - from);
      from = end;
    }
    return total;
  }

  std::int64_t in_use() const {
    std::int64_t places = 0;
    for (const engine::Resource &centre : detention_) {
      places += centre.in_use();
    }
    return places;
  }

  void on_month_start(Time now) {
    close_month(now);
    ++month_;
    schedule_global(calendar_.month_begin(month_ + 1), kCalendarPhase, kMonthStart, 0);
    for (CountryState &country : countries_) {
      country.lpc_issued_this_month = 0.0;
    }
    for (std::uint32_t c = 0; c < countries_.size(); ++c) {
      const double cap = scenario_.countries[c].lpc_monthly_capacity.at(now);
      auto &waiting = countries_[c].lpc_waiting;
      while (!waiting.empty() && countries_[c].lpc_issued_this_month < cap) {
        const std::uint32_t request = waiting.front();
        waiting.pop_front();
        issue_lpc(request, now);
      }
    }
  }

  void on_week_start(Time now) {
    schedule_global(now + 7.0, kCalendarPhase, kWeekStart, 0);
    for (std::uint32_t c = 0; c < countries_.size(); ++c) {
      CountryState &country = countries_[c];
      country.seats_used_this_week = 0.0;
      const double seats = scenario_.countries[c].seats_per_week.at(now);
      while (!country.bookings_waiting.empty() && country.seats_used_this_week < seats) {
        const Booking booking = country.bookings_waiting.front();
        country.bookings_waiting.pop_front();
        const Case &booked = cases_[booking.slot];
        if (booked.generation == booking.generation) {
          board(booking.slot, now);
        }
      }
    }
  }

  // ---- arrivals ------------------------------------------------------------------------------
  /// Index of the month containing `t` (0 <= t < horizon): month_begin_[m] <= t <
  /// month_begin_[m + 1], the same month as `calendar_.month_index(t)` (months begin at 00:00),
  /// found from the country's last one.
  std::size_t arrival_month(CountryState &state, Time t) const {
    std::size_t m = state.month_cursor;
    if (t < month_begin_[m]) {
      m = 0;
    }
    while (t >= month_begin_[m + 1]) {
      ++m;
    }
    state.month_cursor = m;
    return m;
  }

  /// Index of the segment of `per_year` in force at `t`: `per_year.index_at(t)`, found from the
  /// country's last one.
  static std::size_t per_year_segment(CountryState &state, const Timeline<double> &per_year,
                                      Time t) {
    std::size_t i = state.per_year_cursor;
    if (i > 0 && t < per_year.segments()[i].from) {
      i = per_year.index_at(t);
    }
    while (t >= per_year.next_change_after(i)) {
      ++i;
    }
    state.per_year_cursor = i;
    return i;
  }

  double daily_order_rate(std::uint32_t country, Time t) {
    CountryState &state = countries_[country];
    const std::size_t m = arrival_month(state, t);
    const auto &per_year = scenario_.countries[country].oqtf_per_year;
    return per_year.segments()[per_year_segment(state, per_year, t)].value * state.month_factor[m] /
           state.month_denominator[m];
  }

  void schedule_next_order(std::uint32_t country, Time from) {
    const double exp1 = engine::exponential_variate(countries_[country].arrivals, 1.0);
    const auto &per_year = scenario_.countries[country].oqtf_per_year;
    const Time at = invert_cumulative_rate(
        from, exp1, horizon_, [&](Time t) { return daily_order_rate(country, t); },
        [&](Time t) {
          const Time month_end = month_begin_[arrival_month(countries_[country], t) + 1];
          return std::min(month_end, per_year.next_change_after(
                                         per_year_segment(countries_[country], per_year, t)));
        });
    schedule_global(at, kArrivalPhase, kOrderIssued, country);
  }

  /// A new case of `country` drawing from substream `index` of the backlog's or the issued
  /// orders' streams.
  std::uint32_t create_case(std::uint32_t country, std::uint64_t index, bool backlog, Time now) {
    if (index > std::numeric_limits<std::uint32_t>::max()) {
      throw ModelError("more than 2^32 orders of one country in one run");
    }
    const std::uint32_t slot = cases_.create();
    Case &c = cases_[slot];
    c.issued = now;
    c.stream_index = static_cast<std::uint32_t>(index);
    c.backlog = backlog;
    // The country's first group until the profile is drawn: `random` needs only the country.
    c.group = static_cast<std::uint16_t>(group_offset_[country]);
    const auto &profiles = scenario_.countries[country].profiles;
    std::uint32_t profile = 0;
    if (profiles.size() > 1) {
      double u = random(slot).uniform01();
      while (profile + 1 < profiles.size() && u >= profiles[profile].share) {
        u -= profiles[profile].share;
        ++profile;
      }
    }
    c.group = static_cast<std::uint16_t>(group_offset_[country] + profile);
    c.has_document = engine::bernoulli(random(slot), params(c).document_share.at(now));
    return slot;
  }

  void create_backlog_case(std::uint32_t country, std::uint64_t index) {
    const std::uint32_t slot = create_case(country, index, true, 0.0);
    become_at_large(slot, 0.0);
  }

  void on_order_issued(std::uint32_t country, Time now) {
    schedule_next_order(country, now);
    const std::uint64_t index = countries_[country].next_arrival_index++;
    const std::uint32_t slot = create_case(country, index, false, now);
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    c.issue_month = static_cast<std::int16_t>(month_);
    count(c, Metric::oqtf_issued);
    if (group_routes_[c.group].prison && engine::bernoulli(random(slot), p.prison_share.at(now))) {
      enter_prison(slot, now);
      return;
    }
    if (engine::bernoulli(random(slot), p.voluntary_share.at(now))) {
      c.state = CaseState::departure_period;
      const Distribution period = Distribution::uniform(0.0, p.departure_period_days.at(now));
      schedule(now + period.sample(random(slot)), kTransitionPhase, kVoluntaryDeparture, slot);
      return;
    }
    if (engine::bernoulli(random(slot), p.detained_at_issuance_share.at(now))) {
      apprehend(slot, now, Papers::fresh);
      return;
    }
    const bool no_delay = engine::bernoulli(random(slot), p.no_delay_share.at(now));
    c.period_end = no_delay ? now : now + p.departure_period_days.at(now);
    if (engine::bernoulli(random(slot), p.appeal_share.at(now))) {
      c.state = CaseState::in_appeal;
      schedule(now + p.appeal_duration.at(now).sample(random(slot)), kTransitionPhase,
               kAppealJudgment, slot);
      return;
    }
    enforceable_from(slot, c.period_end, now);
  }

  void enforceable_from(std::uint32_t slot, Time from, Time now) {
    if (from > now) {
      cases_[slot].state = CaseState::departure_period;
      schedule(from, kTransitionPhase, kEnforceable, slot);
    } else {
      become_at_large(slot, now);
    }
  }

  void on_appeal_judgment(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    if (engine::bernoulli(random(slot), params(c).appeal_annulment_share.at(now))) {
      count(c, Metric::annulments);
      finish(slot, Outcome::annulled);
      return;
    }
    if (c.state == CaseState::in_prison) {
      c.appeal_pending = false; // judged in prison: enforceable at release
      return;
    }
    enforceable_from(slot, c.period_end, now);
  }

  std::uint32_t next_spell_id() {
    if (last_spell_id_ == std::numeric_limits<std::uint32_t>::max()) {
      throw ModelError(
          "more than 2^32 detention spells, house arrests and prison stays in one run");
    }
    return ++last_spell_id_;
  }

  // ---- prison release ------------------------------------------------------------------------
  /// A prisoner: no departure period; an appeal runs in prison (its judgment time is kept in
  /// `period_end`, from which the order is enforceable if it comes after the release); a
  /// non-holder's LPC is requested `lpc_lead_days` before the release.
  void enter_prison(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    c.state = CaseState::in_prison;
    c.spell_id = next_spell_id();
    c.spell_start = now;
    c.spell_end = now + p.prison_remaining_days.at(now).sample(random(slot));
    c.period_end = now;
    if (engine::bernoulli(random(slot), p.appeal_share.at(now))) {
      c.appeal_pending = true;
      c.period_end = now + p.appeal_duration.at(now).sample(random(slot));
      schedule(c.period_end, kTransitionPhase, kAppealJudgment, slot);
    }
    if (!c.has_document) {
      schedule(std::max(now, c.spell_end - p.prison_lpc_lead_days.at(now)), kDocumentPhase,
               kLpcRequest, slot);
    }
    schedule(c.spell_end, kApprehensionPhase, kPrisonRelease, slot);
  }

  void on_prison_release(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    count(c, Metric::prison_releases);
    if (c.appeal_pending) {
      // Released before the judgment: a v1 appeal from here on; the papers are dropped.
      ++c.generation;
      c.lpc_in_hand = false;
      c.state = CaseState::in_appeal;
      schedule(c.period_end, kTransitionPhase, kAppealJudgment, slot);
      return;
    }
    if (lapse_time(p.validity_days, c.issued, now) <= now) {
      count(c, Metric::expiries);
      finish(slot, Outcome::expired);
      return;
    }
    const std::uint32_t country = country_of(c);
    if ((c.has_document || c.lpc_in_hand) && seat_free(country, now)) {
      countries_[country].seats_used_this_week += 1.0;
      if (engine::bernoulli(random(slot), p.prison_removal_success.at(now))) {
        count(c, Metric::removals);
        count(c, Metric::removals_at_prison_release);
        finish(slot, Outcome::removed);
        return;
      }
      count(c, Metric::boarding_failures);
    }
    apprehend(slot, now, Papers::from_prison);
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

  // ---- at large ------------------------------------------------------------------------------
  void become_at_large(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    c.state = CaseState::at_large;
    const Time lapse = lapse_time(p.validity_days, c.issued, now);
    if (lapse <= now) {
      count(c, Metric::expiries);
      finish(slot, Outcome::expired);
      return;
    }
    const Time apprehension =
        first_event(slot, p.apprehension_rate_per_year, 1.0, std::max(now, c.detainable_from),
                    std::min(lapse, horizon_));
    if (apprehension < lapse) {
      schedule(apprehension, kApprehensionPhase, kApprehension, slot);
    } else {
      schedule(lapse, kTransitionPhase, kLapse, slot);
    }
  }

  /// The apprehension order of DESIGN.md §3b, for a case found at large, detained at issuance or
  /// released from prison: house arrest with its share; else a place → detention; else house
  /// arrest with its share when no place; else back at large.
  void apprehend(std::uint32_t slot, Time now, Papers papers) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    const Routes &routes = group_routes_[c.group];
    count(c, Metric::apprehensions);
    if (routes.house_arrest && engine::bernoulli(random(slot), p.house_arrest_share.at(now))) {
      start_house_arrest(slot, now, papers);
      return;
    }
    if (admit(slot, now)) {
      if (papers == Papers::from_prison) {
        count(c, Metric::detention_entries_from_prison);
      }
      start_spell(slot, now, papers);
      return;
    }
    if (routes.house_arrest_when_no_place &&
        engine::bernoulli(random(slot), p.house_arrest_share_when_no_place.at(now))) {
      start_house_arrest(slot, now, papers);
      return;
    }
    count(c, Metric::apprehended_no_place);
    ++c.generation; // a prison leaver's pending events (an LPC's lapse) no longer apply
    become_at_large(slot, now);
  }

  /// Takes a place for the case in its centre (drawn by `apprehension_share` when the places are
  /// split into centres), respecting the priority reserve; false when none is free.
  bool admit(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    double capacity = scenario_.detention_capacity.at(now);
    double reserve = group_priority_[c.group] ? 0.0 : scenario_.detention_priority_reserve.at(now);
    std::size_t centre = 0;
    if (!scenario_.detention_centres.empty()) {
      const auto &centres = scenario_.detention_centres;
      double u = random(slot).uniform01();
      while (centre + 1 < centres.size() && u >= centres[centre].apprehension_share.at(now)) {
        u -= centres[centre].apprehension_share.at(now);
        ++centre;
      }
      const double share = centres[centre].capacity_share.at(now);
      capacity = centre_places(capacity, share);
      reserve = centre_places(reserve, share);
    }
    engine::Resource &places = detention_[centre];
    places.set_capacity(std::isfinite(capacity) ? static_cast<std::int64_t>(capacity)
                                                : kUnlimitedPlaces);
    if (!places.request_above_reserve(slot, static_cast<std::int64_t>(reserve), now)) {
      return false;
    }
    c.centre = static_cast<std::uint8_t>(centre);
    centre_month_peak_[centre] = std::max(centre_month_peak_[centre], places.in_use());
    month_peak_occupancy_ = std::max(month_peak_occupancy_, in_use());
    return true;
  }

  // ---- documents: detention and house arrest -------------------------------------------------
  /// Starts the document path of a new detention spell or house arrest: a fresh one (own
  /// passport after its check, or an LPC request), or the papers of a prison stay (a document in
  /// hand is used at once; a pending LPC request is awaited, not repeated).
  void start_documents(std::uint32_t slot, Time now, Papers papers) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    if (papers == Papers::from_prison) {
      if (c.has_document || c.lpc_in_hand) {
        book_flight(slot, now);
      }
      return;
    }
    c.spell_id = next_spell_id();
    c.lpc_in_hand = false;
    if (c.has_document) {
      schedule(now + p.document_check_days.at(now).sample(random(slot)), kDocumentPhase,
               kDocumentReady, slot);
    } else {
      schedule(now + p.lpc_request_delay.at(now).sample(random(slot)), kDocumentPhase, kLpcRequest,
               slot);
    }
  }

  // ---- detention -----------------------------------------------------------------------------
  void start_spell(std::uint32_t slot, Time now, Papers papers) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    count_detention(c, Metric::detention_entries, Metric::detention_entries_holders);
    c.state = CaseState::detained;
    c.spell_start = now;
    const double max_days = p.detention_max_days.at(now);
    c.spell_end = now + max_days;
    c.released_by_judge = false;
    for (const Review &review : p.detention_reviews.at(now)) {
      if (review.day >= max_days) {
        break;
      }
      if (engine::bernoulli(random(slot), review.release_probability)) {
        c.spell_end = now + review.day;
        c.released_by_judge = true;
        break;
      }
    }
    // The prefecture's release competes with the judge and the term (drawn after the reviews).
    c.released_by_prefecture = false;
    if (group_routes_[c.group].prefecture_release) {
      const Time release = first_event(slot, p.detention_release_rate_per_month, kMonthsPerYear,
                                       now, std::min(c.spell_end, horizon_));
      if (release < c.spell_end) {
        c.spell_end = release;
        c.released_by_judge = false;
        c.released_by_prefecture = true;
      }
    }
    schedule(c.spell_end, kReleasePhase, kSpellEnd, slot);
    start_documents(slot, now, papers);
  }

  // ---- house arrest --------------------------------------------------------------------------
  /// Ends at the first of removal, abscond (a hazard per month, competing) and the term.
  void start_house_arrest(std::uint32_t slot, Time now, Papers papers) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    count(c, Metric::house_arrest_entries);
    c.state = CaseState::house_arrest;
    c.spell_start = now;
    const Time term = now + p.house_arrest_max_days.at(now);
    const Time abscond = first_event(slot, p.house_arrest_abscond_rate_per_month, kMonthsPerYear,
                                     now, std::min(term, horizon_));
    c.absconds = abscond < term; // a tie is an end of term
    c.spell_end = c.absconds ? abscond : term;
    schedule(c.spell_end, kReleasePhase, kSpellEnd, slot);
    start_documents(slot, now, papers);
  }

  void end_house_arrest(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    count(c, Metric::house_arrest_exits);
    count(c, Metric::house_arrest_days, now - c.spell_start);
    ++c.generation;
  }

  void on_house_arrest_end(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    end_house_arrest(slot, now);
    if (c.absconds) {
      count(c, Metric::house_arrest_absconded); // an abscond is not a release: no gap
    } else {
      count(c, Metric::house_arrest_ended);
      c.detainable_from = now + params(c).redetention_gap_days.at(now);
    }
    become_at_large(slot, now);
  }

  // ---- consular passes -----------------------------------------------------------------------
  void request_lpc(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    count(c, Metric::lpc_requested);
    if (!engine::bernoulli(random(slot), p.lpc_issue_probability.at(now))) {
      return; // the consulate never answers
    }
    const Time due = now + p.lpc_delay.at(now).sample(random(slot));
    if (due >= horizon_) {
      return;
    }
    std::uint32_t record;
    if (free_requests_.empty()) {
      record = static_cast<std::uint32_t>(requests_.size());
      requests_.emplace_back();
    } else {
      record = free_requests_.back();
      free_requests_.pop_back();
    }
    requests_[record] = LpcRequest{slot, c.group, c.spell_id, now};
    simulation_.schedule_at(due, kDocumentPhase, kLpcDue, record);
  }

  void on_lpc_due(std::uint32_t record, Time now) {
    const std::uint32_t country = result_.groups[requests_[record].group].country;
    CountryState &state = countries_[country];
    const double cap = scenario_.countries[country].lpc_monthly_capacity.at(now);
    if (state.lpc_waiting.empty() && state.lpc_issued_this_month < cap) {
      issue_lpc(record, now);
    } else {
      state.lpc_waiting.push_back(record);
    }
  }

  void issue_lpc(std::uint32_t record, Time now) {
    const LpcRequest request = requests_[record];
    free_requests_.push_back(record);
    countries_[result_.groups[request.group].country].lpc_issued_this_month += 1.0;
    count_group(request.group, Metric::lpc_issued);
    count_group(request.group, Metric::lpc_delay_days, now - request.requested_at);
    Case &c = cases_[request.slot];
    const bool held = c.state == CaseState::detained || c.state == CaseState::house_arrest ||
                      c.state == CaseState::in_prison;
    if (c.spell_id != request.spell_id || !held) {
      return; // issued after the release: wasted
    }
    count_group(request.group, Metric::lpc_issued_in_time);
    c.lpc_in_hand = true;
    const double validity = params(c).lpc_validity_days.at(now);
    schedule(now + validity, kDocumentPhase, kLpcLapse, request.slot);
    if (c.state != CaseState::in_prison) {
      book_flight(request.slot, now);
    }
  }

  void on_lpc_lapse(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    count(c, Metric::lpc_lapsed);
    c.lpc_in_hand = false;
    if (c.state != CaseState::in_prison) {
      // Dropping the booking invalidates every pending event of the case; the spell's (or the
      // house arrest's) end stands. In prison there is no booking to drop.
      ++c.generation;
      schedule(c.spell_end, kReleasePhase, kSpellEnd, slot);
    }
    request_lpc(slot, now);
  }

  // ---- flights -------------------------------------------------------------------------------
  void book_flight(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    schedule(now + params(c).booking_delay.at(now).sample(random(slot)), kBoardingPhase, kFlight,
             slot);
  }

  /// A seat this week, after the bookings already waiting.
  bool seat_free(std::uint32_t country, Time now) const {
    const CountryState &state = countries_[country];
    return state.bookings_waiting.empty() &&
           state.seats_used_this_week < scenario_.countries[country].seats_per_week.at(now);
  }

  void on_flight(std::uint32_t slot, Time now) {
    const Case &c = cases_[slot];
    const std::uint32_t country = country_of(c);
    if (seat_free(country, now)) {
      board(slot, now);
    } else {
      countries_[country].bookings_waiting.push_back(Booking{slot, c.generation});
    }
  }

  void board(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    const CaseParameters &p = params(c);
    countries_[country_of(c)].seats_used_this_week += 1.0;
    const bool detained = c.state == CaseState::detained;
    const double success =
        detained ? p.boarding_success.at(now) : p.house_arrest_boarding_success.at(now);
    if (!engine::bernoulli(random(slot), success)) {
      count(c, Metric::boarding_failures);
      // With no chance of success a rebooking is pointless (and with no booking delay it would
      // loop at one instant): the case waits for its release.
      if (success > 0.0) {
        book_flight(slot, now);
      }
      return;
    }
    count(c, Metric::removals);
    if (detained) {
      count_detention(c, Metric::removals_from_detention, Metric::removals_holders);
      end_spell(slot, now);
    } else {
      count(c, Metric::removals_from_house_arrest);
      end_house_arrest(slot, now);
    }
    finish(slot, Outcome::removed);
  }

  void end_spell(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    count_detention(c, Metric::detention_exits, Metric::detention_exits_holders);
    count_detention(c, Metric::detention_days, Metric::detention_days_holders, now - c.spell_start);
    detention_[c.centre].release(now);
    ++c.generation;
  }

  void on_spell_end(std::uint32_t slot, Time now) {
    Case &c = cases_[slot];
    if (c.state == CaseState::house_arrest) {
      on_house_arrest_end(slot, now);
      return;
    }
    if (c.released_by_prefecture) {
      count_detention(c, Metric::released_by_prefecture, Metric::released_by_prefecture_holders);
    } else if (c.released_by_judge) {
      count_detention(c, Metric::released_by_judge, Metric::released_by_judge_holders);
    } else {
      count_detention(c, Metric::released_end_of_term, Metric::released_end_of_term_holders);
    }
    end_spell(slot, now);
    c.detainable_from = now + params(c).redetention_gap_days.at(now);
    become_at_large(slot, now);
  }

  // ---- dispatch ------------------------------------------------------------------------------
  void handle(const Event &event) {
    const Time now = simulation_.now();
    fingerprint_ = mix(mix(fingerprint_, std::bit_cast<std::uint64_t>(now)), event.order >> 56);
    fingerprint_ = mix(fingerprint_, (std::uint64_t{event.kind} << 32) | event.target);
    switch (event.kind) {
    case kMonthStart:
      on_month_start(now);
      return;
    case kWeekStart:
      on_week_start(now);
      return;
    case kOrderIssued:
      on_order_issued(event.target, now);
      return;
    case kLpcDue:
      on_lpc_due(event.target, now);
      return;
    default:
      break;
    }
    if (event.tag != cases_[event.target].generation) {
      return; // stale: the case moved on since this event was scheduled
    }
    const std::uint32_t slot = event.target;
    switch (event.kind) {
    case kVoluntaryDeparture:
      count(cases_[slot], Metric::voluntary_departures);
      finish(slot, Outcome::voluntary_departure);
      return;
    case kAppealJudgment:
      on_appeal_judgment(slot, now);
      return;
    case kEnforceable:
      become_at_large(slot, now);
      return;
    case kApprehension:
      apprehend(slot, now, Papers::fresh);
      return;
    case kLapse:
      count(cases_[slot], Metric::expiries);
      finish(slot, Outcome::expired);
      return;
    case kDocumentReady:
      book_flight(slot, now);
      return;
    case kLpcRequest:
      request_lpc(slot, now);
      return;
    case kLpcLapse:
      on_lpc_lapse(slot, now);
      return;
    case kFlight:
      on_flight(slot, now);
      return;
    case kSpellEnd:
      on_spell_end(slot, now);
      return;
    case kPrisonRelease:
      on_prison_release(slot, now);
      return;
    default:
      throw SimulationError("unknown event kind " + std::to_string(event.kind), now, event.target);
    }
  }

  // ---- end of run ----------------------------------------------------------------------------
  void census() {
    cases_.for_each_alive([&](const Case &c) {
      if (c.issue_month < 0) {
        return;
      }
      Outcome state = Outcome::at_large;
      switch (c.state) {
      case CaseState::departure_period:
        state = Outcome::in_departure_period;
        break;
      case CaseState::in_appeal:
        state = Outcome::in_appeal;
        break;
      case CaseState::at_large:
        state = Outcome::at_large;
        break;
      case CaseState::detained:
        state = Outcome::detained;
        break;
      case CaseState::in_prison:
        state = Outcome::in_prison;
        break;
      case CaseState::house_arrest:
        state = Outcome::house_arrest;
        break;
      }
      result_.cohorts.add(static_cast<std::size_t>(c.issue_month),
                          c.group * kOutcomeCount + index_of(state));
    });
  }

  void discard_warmup() {
    const auto warmup_months =
        static_cast<std::size_t>(std::clamp(result_.first_reported_month, 0, result_.months));
    result_.counters.zero_bins(0, warmup_months);
    result_.cohorts.zero_bins(0, warmup_months);
    result_.national.zero_bins(0, warmup_months);
  }

  const Scenario &scenario_;
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

} // namespace

RunResult simulate(const Scenario &scenario, std::uint64_t seed, std::uint64_t replication,
                   const engine::StopFlag *stop) {
  return RemovalModel(scenario, seed, replication, stop).run();
}

} // namespace removalsim::model
