#include "removal_model_impl.h"

namespace removalsim::model::detail {

void RemovalModel::book_flight(std::uint32_t slot, Time now) {
  Case &c = cases_[slot];
  schedule(now + params(c).booking_delay.at(now).sample(random(slot)), kBoardingPhase, kFlight,
           slot);
}

bool RemovalModel::seat_free(std::uint32_t country, Time now) const {
  const CountryState &state = countries_[country];
  return state.bookings_waiting.empty() &&
         state.seats_used_this_week < scenario_.countries[country].seats_per_week.at(now);
}

void RemovalModel::on_flight(std::uint32_t slot, Time now) {
  const Case &c = cases_[slot];
  const std::uint32_t country = country_of(c);
  if (seat_free(country, now)) {
    board(slot, now);
  } else {
    countries_[country].bookings_waiting.push_back(Booking{slot, c.generation});
  }
}

void RemovalModel::board(std::uint32_t slot, Time now) {
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

} // namespace removalsim::model::detail
