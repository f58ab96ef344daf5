#include "removal_model_impl.h"

#include <algorithm>

namespace removalsim::model::detail {

void RemovalModel::start_house_arrest(std::uint32_t slot, Time now, Papers papers) {
  Case &c = cases_[slot];
  const CaseParameters &p = params(c);
  count(c, Metric::house_arrest_entries);
  c.state = CaseState::house_arrest;
  c.spell_start = now;
  const Time term = now + p.house_arrest_max_days.at(now);
  const Time abscond = first_event(slot, p.house_arrest_abscond_rate_per_month, kMonthsPerYear, now,
                                   std::min(term, horizon_));
  c.absconds = abscond < term; // a tie is an end of term
  c.spell_end = c.absconds ? abscond : term;
  schedule(c.spell_end, kReleasePhase, kSpellEnd, slot);
  start_documents(slot, now, papers);
}

void RemovalModel::end_house_arrest(std::uint32_t slot, Time now) {
  Case &c = cases_[slot];
  count(c, Metric::house_arrest_exits);
  count(c, Metric::house_arrest_days, now - c.spell_start);
  ++c.generation;
}

void RemovalModel::on_house_arrest_end(std::uint32_t slot, Time now) {
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

} // namespace removalsim::model::detail
