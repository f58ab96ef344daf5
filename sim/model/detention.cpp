#include "removal_model_impl.h"

#include <algorithm>
#include <cmath>

namespace removalsim::model::detail {

namespace {

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

} // namespace

bool RemovalModel::admit(std::uint32_t slot, Time now) {
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

void RemovalModel::start_spell(std::uint32_t slot, Time now, Papers papers) {
  Case &c = cases_[slot];
  const CaseParameters &p = params(c);
  count_detention(c, Metric::detention_entries, Metric::detention_entries_holders);
  c.state = CaseState::detained;
  c.spell_start = now;
  const double max_days = p.detention_max_days.at(now);
  c.spell_end = now + max_days;
  c.release = SpellRelease::end_of_term;
  for (const Review &review : p.detention_reviews.at(now)) {
    if (review.day >= max_days) {
      break;
    }
    if (engine::bernoulli(random(slot), review.release_probability)) {
      c.spell_end = now + review.day;
      c.release = SpellRelease::judge;
      break;
    }
  }
  // The prefecture's release competes with the judge and the term (drawn after the reviews).
  if (group_routes_[c.group].prefecture_release) {
    const Time release = first_event(slot, p.detention_release_rate_per_month, kMonthsPerYear, now,
                                     std::min(c.spell_end, horizon_));
    if (release < c.spell_end) {
      c.spell_end = release;
      c.release = SpellRelease::prefecture;
    }
  }
  schedule(c.spell_end, kReleasePhase, kSpellEnd, slot);
  start_documents(slot, now, papers);
}

void RemovalModel::end_spell(std::uint32_t slot, Time now) {
  Case &c = cases_[slot];
  count_detention(c, Metric::detention_exits, Metric::detention_exits_holders);
  count_detention(c, Metric::detention_days, Metric::detention_days_holders, now - c.spell_start);
  detention_[c.centre].release(now);
  ++c.generation;
}

void RemovalModel::on_spell_end(std::uint32_t slot, Time now) {
  Case &c = cases_[slot];
  if (c.state == CaseState::house_arrest) {
    on_house_arrest_end(slot, now);
    return;
  }
  switch (c.release) {
  case SpellRelease::end_of_term:
    count_detention(c, Metric::released_end_of_term, Metric::released_end_of_term_holders);
    break;
  case SpellRelease::judge:
    count_detention(c, Metric::released_by_judge, Metric::released_by_judge_holders);
    break;
  case SpellRelease::prefecture:
    count_detention(c, Metric::released_by_prefecture, Metric::released_by_prefecture_holders);
    break;
  }
  end_spell(slot, now);
  c.detainable_from = now + params(c).redetention_gap_days.at(now);
  become_at_large(slot, now);
}

void RemovalModel::close_month(Time now) {
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

double RemovalModel::centre_capacity_integral(std::size_t k, Time from, Time to) const {
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

std::int64_t RemovalModel::in_use() const {
  std::int64_t places = 0;
  for (const engine::Resource &centre : detention_) {
    places += centre.in_use();
  }
  return places;
}

} // namespace removalsim::model::detail
