#include "removal_model_impl.h"

namespace removalsim::model::detail {

void RemovalModel::book_flight(std::uint32_t slot, Time now) {
  Case &c = cases_[slot];
  schedule(now + params(c).booking_delay.at(now).sample(random(slot)), kBoardingPhase, kFlight,
           slot);
}

void RemovalModel::on_flight(std::uint32_t slot, Time now) {
  const Case &c = cases_[slot];
  const std::uint32_t country = country_of(c);
  auto &seats = countries_[country].seats;
  if (seats.try_take(scenario_.countries[country].seats_per_week.at(now))) {
    board(slot, now);
  } else {
    seats.wait(Booking{slot, c.generation});
  }
}

void RemovalModel::renew_seats(Time now) {
  for (std::uint32_t c = 0; c < countries_.size(); ++c) {
    countries_[c].seats.open_window(scenario_.countries[c].seats_per_week.at(now),
                                    [&](const Booking &booking) {
                                      if (cases_[booking.slot].generation != booking.generation) {
                                        return false; // the case moved on since it booked
                                      }
                                      board(booking.slot, now);
                                      return true;
                                    });
  }
}

void RemovalModel::board(std::uint32_t slot, Time now) {
  Case &c = cases_[slot];
  const CaseParameters &p = params(c);
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
