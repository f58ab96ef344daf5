#pragma once

// What the exact-chain tests share: a one-country scenario around one profile's parameters, and
// small readers of the solution.

#include "removalsim/analysis/exact_chain.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace removalsim::exact_test {

/// One country `XX` issuing 1,000 orders a year, one profile with `p`.
inline model::Scenario scenario_with(const model::CaseParameters &p) {
  model::Scenario scenario;
  scenario.name = "exact";
  model::Country country;
  country.code = "XX";
  country.oqtf_per_year = 1000.0;
  country.profiles.front().parameters = p;
  scenario.countries.push_back(country);
  return scenario;
}

/// The index of `s` in a spell's per-phase arrays.
inline std::size_t phase(analysis::SpellPhase s) { return static_cast<std::size_t>(s); }

/// Whether any of `violations` contains `text`.
inline bool mentions(const std::vector<std::string> &violations, const std::string &text) {
  return std::any_of(violations.begin(), violations.end(),
                     [&](const std::string &v) { return v.find(text) != std::string::npos; });
}

} // namespace removalsim::exact_test
