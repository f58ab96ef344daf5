#include "removal_model_impl.h"

#include <algorithm>

namespace removalsim::model::detail {

void RemovalModel::enter_prison(std::uint32_t slot, Time now) {
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

void RemovalModel::on_prison_release(std::uint32_t slot, Time now) {
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
  if ((c.has_document || c.lpc_in_hand) &&
      countries_[country].seats.try_take(scenario_.countries[country].seats_per_week.at(now))) {
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

} // namespace removalsim::model::detail
