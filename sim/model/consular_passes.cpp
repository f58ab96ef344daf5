#include "removal_model_impl.h"

namespace removalsim::model::detail {

void RemovalModel::start_documents(std::uint32_t slot, Time now, Papers papers) {
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

void RemovalModel::request_lpc(std::uint32_t slot, Time now) {
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

void RemovalModel::on_lpc_due(std::uint32_t record, Time now) {
  const std::uint32_t country = result_.groups[requests_[record].group].country;
  auto &lpcs = countries_[country].lpcs;
  if (lpcs.try_take(scenario_.countries[country].lpc_monthly_capacity.at(now))) {
    issue_lpc(record, now);
  } else {
    lpcs.wait(record);
  }
}

void RemovalModel::renew_lpc_caps(Time now) {
  for (std::uint32_t c = 0; c < countries_.size(); ++c) {
    countries_[c].lpcs.open_window(scenario_.countries[c].lpc_monthly_capacity.at(now),
                                   [&](std::uint32_t record) {
                                     issue_lpc(record, now);
                                     return true;
                                   });
  }
}

void RemovalModel::issue_lpc(std::uint32_t record, Time now) {
  const LpcRequest request = requests_[record];
  free_requests_.push_back(record);
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

void RemovalModel::on_lpc_lapse(std::uint32_t slot, Time now) {
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

} // namespace removalsim::model::detail
