#include "removal_model_impl.h"

#include <algorithm>
#include <limits>

namespace removalsim::model::detail {

std::size_t RemovalModel::arrival_month(CountryState &state, Time t) const {
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

std::size_t RemovalModel::per_year_segment(CountryState &state, const Timeline<double> &per_year,
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

double RemovalModel::daily_order_rate(std::uint32_t country, Time t) {
  CountryState &state = countries_[country];
  const std::size_t m = arrival_month(state, t);
  const auto &per_year = scenario_.countries[country].oqtf_per_year;
  return per_year.segments()[per_year_segment(state, per_year, t)].value * state.month_factor[m] /
         state.month_denominator[m];
}

void RemovalModel::schedule_next_order(std::uint32_t country, Time from) {
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

std::uint32_t RemovalModel::create_case(std::uint32_t country, std::uint64_t index, bool backlog,
                                        Time now) {
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

void RemovalModel::create_backlog_case(std::uint32_t country, std::uint64_t index) {
  const std::uint32_t slot = create_case(country, index, true, 0.0);
  become_at_large(slot, 0.0);
}

void RemovalModel::on_order_issued(std::uint32_t country, Time now) {
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

void RemovalModel::enforceable_from(std::uint32_t slot, Time from, Time now) {
  if (from > now) {
    cases_[slot].state = CaseState::departure_period;
    schedule(from, kTransitionPhase, kEnforceable, slot);
  } else {
    become_at_large(slot, now);
  }
}

void RemovalModel::on_appeal_judgment(std::uint32_t slot, Time now) {
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

} // namespace removalsim::model::detail
