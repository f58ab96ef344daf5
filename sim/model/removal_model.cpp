#include "removalsim/model/removal_model.h"

#include "removal_model_impl.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

namespace removalsim::model {

namespace {

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

} // namespace

namespace detail {

RemovalModel::RemovalModel(const Scenario &scenario, std::uint64_t seed, std::uint64_t replication,
                           const engine::StopFlag *stop)
    : scenario_(scenario), replication_(replication), calendar_(scenario.start),
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

RunResult RemovalModel::run() {
  schedule_global(calendar_.month_begin(1), kCalendarPhase, kMonthStart, 0);
  schedule_global(7.0, kCalendarPhase, kWeekStart, 0);
  for (std::uint32_t c = 0; c < countries_.size(); ++c) {
    schedule_next_order(c, 0.0);
    for (std::uint64_t i = 0; i < scenario_.countries[c].initial_at_large; ++i) {
      create_backlog_case(c, i);
    }
  }
  try {
    simulation_.run_until(horizon_, [this](const Event &event) { handle(event); });
  } catch (const SimulationError &error) {
    // The engine knows its own handles only; the user needs the case and the date.
    throw error.located(locate(error));
  }
  close_month(horizon_);
  census();
  discard_warmup();
  result_.events = simulation_.events_processed();
  result_.cases_created = cases_.created();
  result_.peak_cases_alive = cases_.peak();
  result_.fingerprint = fingerprint_;
  return std::move(result_);
}

void RemovalModel::open_case_stream(std::uint32_t slot) {
  if (open_stream_slot_ != kNoSlot) {
    cases_[open_stream_slot_].stream_position = static_cast<std::uint32_t>(open_stream_.position());
  }
  const Case &c = cases_[slot];
  const std::uint64_t purpose = (c.backlog ? kBacklogStreams : kCaseStreams) + country_of(c);
  open_stream_.reposition(purpose, c.stream_index, c.stream_position);
  open_stream_slot_ = slot;
}

void RemovalModel::on_month_start(Time now) {
  close_month(now);
  ++month_;
  schedule_global(calendar_.month_begin(month_ + 1), kCalendarPhase, kMonthStart, 0);
  renew_lpc_caps(now);
}

void RemovalModel::on_week_start(Time now) {
  schedule_global(now + 7.0, kCalendarPhase, kWeekStart, 0);
  renew_seats(now);
}

void RemovalModel::handle(const Event &event) {
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
    throw SimulationError("unknown event kind " + std::to_string(event.kind), now, event.target,
                          event.kind);
  }
}

void RemovalModel::census() {
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

void RemovalModel::discard_warmup() {
  const auto warmup_months =
      static_cast<std::size_t>(std::clamp(result_.first_reported_month, 0, result_.months));
  result_.counters.zero_bins(0, warmup_months);
  result_.cohorts.zero_bins(0, warmup_months);
  result_.national.zero_bins(0, warmup_months);
}

} // namespace detail

RunResult simulate(const Scenario &scenario, std::uint64_t seed, std::uint64_t replication,
                   const engine::StopFlag *stop) {
  return detail::RemovalModel(scenario, seed, replication, stop).run();
}

} // namespace removalsim::model
