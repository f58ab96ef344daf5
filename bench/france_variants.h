#pragma once

#include "removalsim/model/parameters.h"
#include "removalsim/scenario/loader.h"

#include <filesystem>
#include <string>
#include <vector>

namespace removalsim::bench {

/// The shipped reference scenario (scenarios/france.yaml), loaded once per call.
inline model::Scenario load_france(const std::filesystem::path &file) {
  return scenario::load_scenario(file).scenario;
}

/// `timeline` with every value multiplied by `factor` (unlimited values stay unlimited).
inline engine::Timeline<double> scaled(const engine::Timeline<double> &timeline, double factor) {
  std::vector<engine::Timeline<double>::Segment> segments = timeline.segments();
  for (auto &segment : segments) {
    segment.value *= factor;
  }
  return engine::Timeline<double>(std::move(segments));
}

/// The same France, `factor` times as big: `factor` times the orders of every country and
/// `factor` times every shared capacity (detention places and their reserve, LPC monthly caps,
/// flight seats), so that the load per place stays that of the reference scenario.
inline model::Scenario scale_volume(model::Scenario scenario, double factor) {
  scenario.detention_capacity = scaled(scenario.detention_capacity, factor);
  scenario.detention_priority_reserve = scaled(scenario.detention_priority_reserve, factor);
  for (auto &country : scenario.countries) {
    country.oqtf_per_year = scaled(country.oqtf_per_year, factor);
    country.lpc_monthly_capacity = scaled(country.lpc_monthly_capacity, factor);
    country.seats_per_week = scaled(country.seats_per_week, factor);
    country.initial_at_large =
        static_cast<std::uint64_t>(static_cast<double>(country.initial_at_large) * factor);
  }
  return scenario;
}

/// The scenario run for `years` whole calendar years from its start (its last timeline values
/// hold beyond their dates). The warm-up is kept when it falls inside the new horizon.
inline model::Scenario with_horizon(model::Scenario scenario, int years) {
  scenario.end = engine::Date{scenario.start.year + years - 1, 12, 31};
  if (scenario.warmup_until > scenario.end) {
    scenario.warmup_until = scenario.start;
  }
  return scenario;
}

} // namespace removalsim::bench
