#include "removalsim/scenario/layout.h"

#include "removalsim/engine/calendar.h"

#include <algorithm>

namespace removalsim::scenario {

namespace {

/// Where `key_path` (or, with `prefix`, the first key under it) was written in `loaded`; the top
/// file alone when it was not written (a default).
SourceLocation location(const LoadedScenario &loaded, const std::string &key_path,
                        bool prefix = false) {
  for (const auto &value : loaded.provenance) {
    if (value.key_path == key_path || (prefix && value.key_path.rfind(key_path + '.', 0) == 0)) {
      return SourceLocation{value.file, value.line, value.column, key_path};
    }
  }
  return SourceLocation{loaded.files.empty() ? std::string() : loaded.files.front(), 0, 0,
                        key_path};
}

std::string codes(const model::Scenario &scenario) {
  std::string text;
  for (const auto &country : scenario.countries) {
    text += (text.empty() ? "" : ", ") + country.code;
  }
  return text;
}

bool has_country(const model::Scenario &scenario, const std::string &code) {
  return std::any_of(scenario.countries.begin(), scenario.countries.end(),
                     [&](const model::Country &country) { return country.code == code; });
}

} // namespace

void check_same_layout(const LoadedScenario &base, const LoadedScenario &whatif) {
  const std::string base_file = base.files.empty() ? std::string() : base.files.front();
  const struct {
    const char *key;
    engine::Date model::Scenario::*date;
  } dates[] = {{"start", &model::Scenario::start},
               {"end", &model::Scenario::end},
               {"warmup_until", &model::Scenario::warmup_until}};
  for (const auto &[key, date] : dates) {
    if (base.scenario.*date != whatif.scenario.*date) {
      throw errors::calendar_differs(location(whatif, key), key,
                                     engine::format_iso_date(whatif.scenario.*date),
                                     engine::format_iso_date(base.scenario.*date), base_file);
    }
  }
  for (const auto &country : whatif.scenario.countries) {
    if (!has_country(base.scenario, country.code)) {
      throw errors::countries_differ(location(whatif, "countries." + country.code, true),
                                     codes(whatif.scenario), codes(base.scenario), base_file);
    }
  }
  if (whatif.scenario.countries.size() != base.scenario.countries.size()) {
    throw errors::countries_differ(location(whatif, "countries", true), codes(whatif.scenario),
                                   codes(base.scenario), base_file);
  }
}

} // namespace removalsim::scenario
