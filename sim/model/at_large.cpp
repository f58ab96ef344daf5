#include "removal_model_impl.h"

#include <algorithm>

namespace removalsim::model::detail {

void RemovalModel::become_at_large(std::uint32_t slot, Time now) {
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

void RemovalModel::apprehend(std::uint32_t slot, Time now, Papers papers) {
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

} // namespace removalsim::model::detail
