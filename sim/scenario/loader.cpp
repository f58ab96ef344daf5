#include "removalsim/scenario/loader.h"

#include "document.h"
#include "schema.h"
#include "values.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <span>
#include <utility>

namespace removalsim::scenario {

namespace {

using namespace detail;

/// A leaf key found in a parameter section, with its full key path.
struct Leaf {
  Field field;
  const Node *value;
  Mark key_mark;
  std::string path;
};

constexpr NumberRule kOrdersPerYear{NumberRule::Bound::non_negative, "a number of orders per year",
                                    false};

bool is_country_code(std::string_view code) {
  return code == "OTHER" || (code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) {
                               return c >= 'A' && c <= 'Z';
                             }));
}

std::string scope_name(Scope scope) { return scope == Scope::country ? "a country" : "a profile"; }

class ScenarioBuilder {
public:
  explicit ScenarioBuilder(const Document &document) : document_(document), reader_(document) {}

  model::Scenario build() {
    const Node &root = document_.root;
    reader_.check_keys(
        root, "", {"name", "extends", "start", "end", "warmup_until", "national", "countries"});
    model::Scenario scenario;
    scenario.name = std::filesystem::path(document_.files.front()).stem().string();
    if (const Entry *name = root.find("name")) {
      scenario.name = reader_.text(name->value, "name", "a name");
    }
    read_dates(root, scenario);
    reader_.set_start(scenario.start);

    model::CaseParameters national;
    if (const Entry *section = root.find("national")) {
      for (const Leaf &leaf : walk(section->value, "national", Scope::national)) {
        if (leaf.field == Field::detention_capacity) {
          scenario.detention_capacity = reader_.numbers(*leaf.value, leaf.path, kCapacity);
        } else if (leaf.field == Field::detention_priority_reserve) {
          scenario.detention_priority_reserve = reader_.numbers(*leaf.value, leaf.path, kPlaces);
        } else {
          apply_case(leaf, national);
        }
      }
    }

    const Node &countries = reader_.require(root, "", "countries", "the scenario");
    const Entry &countries_entry = *root.find("countries");
    if (!countries.is_map()) {
      throw errors::wrong_type(reader_.where(countries.mark, "countries"),
                               "a map of countries by ISO code", describe(countries));
    }
    if (countries.entries.empty()) {
      throw errors::empty_countries(reader_.where(countries_entry.key_mark, "countries"));
    }
    for (const auto &entry : countries.entries) {
      scenario.countries.push_back(country(entry, national));
    }
    return scenario;
  }

private:
  void read_dates(const Node &root, model::Scenario &scenario) const {
    const Node &start = reader_.require(root, "", "start", "the scenario");
    const Node &end = reader_.require(root, "", "end", "the scenario");
    scenario.start = reader_.date(start, "start");
    scenario.end = reader_.date(end, "end");
    if (!(scenario.start < scenario.end)) {
      throw errors::end_not_after_start(reader_.where(end.mark, "end"), end.text, start.text);
    }
    scenario.warmup_until = scenario.start;
    if (const Entry *warmup = root.find("warmup_until")) {
      const Node &node = warmup->value;
      const engine::Date date = reader_.date(node, "warmup_until");
      if (date.day != 1) {
        throw errors::warmup_not_first_of_month(reader_.where(node.mark, "warmup_until"),
                                                node.text);
      }
      if (date < scenario.start || scenario.end < date) {
        throw errors::warmup_outside_run(reader_.where(node.mark, "warmup_until"), node.text,
                                         start.text, end.text);
      }
      scenario.warmup_until = date;
    }
  }

  std::vector<Leaf> walk(const Node &section, const std::string &path, Scope scope) const {
    std::vector<Leaf> leaves;
    walk(section, path, "", section_keys(), scope, leaves);
    return leaves;
  }

  // `relative` is the key path within the section (e.g. `detention.capacity`), as messages
  // about where a key belongs name it.
  void walk(const Node &map, const std::string &path, const std::string &relative,
            std::span<const KeyDef> keys, Scope scope, std::vector<Leaf> &out) const {
    if (!map.is_map()) {
      throw errors::wrong_type(reader_.where(map.mark, path),
                               relative.empty() ? "a map of parameters"
                                                : "a map of `" + relative + "` parameters",
                               describe(map));
    }
    for (const auto &entry : map.entries) {
      const std::string entry_path = join(path, entry.key);
      const std::string key = join(relative, entry.key);
      const auto def = std::find_if(keys.begin(), keys.end(),
                                    [&](const KeyDef &k) { return k.name == entry.key; });
      if (def == keys.end()) {
        throw errors::unknown_key(reader_.where(entry.key_mark, entry_path), entry.key,
                                  suggestion(entry.key, keys, scope));
      }
      if (def->field == Field::section) {
        walk(entry.value, entry_path, key, def->children, scope, out);
        continue;
      }
      if (!allowed(def->category, scope)) {
        const SourceLocation where = reader_.where(entry.key_mark, entry_path);
        switch (def->category) {
        case Category::shared:
          throw errors::shared_key_overridden(where, key, scope_name(scope));
        case Category::country_only:
          throw scope == Scope::national ? errors::country_only_key_in_national(where, key)
                                         : errors::country_only_key_in_profile(where, key);
        case Category::profile_only:
        case Category::per_case:
          throw errors::profile_only_key(where, key);
        }
      }
      out.push_back(Leaf{def->field, &entry.value, entry.key_mark, entry_path});
    }
  }

  // Keys allowed here first, so that a typo is not steered to a key that would be refused.
  static std::string suggestion(std::string_view key, std::span<const KeyDef> keys, Scope scope) {
    std::vector<std::string_view> here;
    std::vector<std::string_view> all;
    for (const auto &def : keys) {
      all.push_back(def.name);
      if (def.field == Field::section || allowed(def.category, scope)) {
        here.push_back(def.name);
      }
    }
    std::string best = closest(key, here);
    return best.empty() ? closest(key, all) : best;
  }

  void apply_case(const Leaf &leaf, model::CaseParameters &p) const {
    const Node &v = *leaf.value;
    const std::string &path = leaf.path;
    switch (leaf.field) {
    case Field::voluntary_share:
      p.voluntary_share = reader_.numbers(v, path, kShare);
      break;
    case Field::no_delay_share:
      p.no_delay_share = reader_.numbers(v, path, kShare);
      break;
    case Field::detained_at_issuance_share:
      p.detained_at_issuance_share = reader_.numbers(v, path, kShare);
      break;
    case Field::departure_period_days:
      p.departure_period_days = reader_.numbers(v, path, kDays);
      break;
    case Field::appeal_share:
      p.appeal_share = reader_.numbers(v, path, kShare);
      break;
    case Field::appeal_duration:
      p.appeal_duration = reader_.delays(v, path);
      break;
    case Field::appeal_annulment_share:
      p.appeal_annulment_share = reader_.numbers(v, path, kShare);
      break;
    case Field::validity_days:
      p.validity_days = reader_.numbers(v, path, kDaysOrUnlimited);
      break;
    case Field::apprehension_rate_per_year:
      p.apprehension_rate_per_year = reader_.numbers(v, path, kRate);
      break;
    case Field::detention_max_days:
      p.detention_max_days = reader_.numbers(v, path, kDays);
      break;
    case Field::detention_reviews:
      p.detention_reviews = reader_.reviews(v, path);
      break;
    case Field::document_check_days:
      p.document_check_days = reader_.delays(v, path);
      break;
    case Field::lpc_request_delay:
      p.lpc_request_delay = reader_.delays(v, path);
      break;
    case Field::lpc_issue_probability:
      p.lpc_issue_probability = reader_.numbers(v, path, kProbability);
      break;
    case Field::lpc_delay:
      p.lpc_delay = reader_.delays(v, path);
      break;
    case Field::lpc_validity_days:
      p.lpc_validity_days = reader_.numbers(v, path, kDaysOrUnlimited);
      break;
    case Field::booking_delay:
      p.booking_delay = reader_.delays(v, path);
      break;
    case Field::boarding_success:
      p.boarding_success = reader_.numbers(v, path, kProbability);
      break;
    case Field::redetention_gap_days:
      p.redetention_gap_days = reader_.numbers(v, path, kDays);
      break;
    case Field::document_share:
      p.document_share = reader_.numbers(v, path, kShare);
      break;
    default:
      // Shared, country-only and profile-only keys are handled by their section's reader.
      break;
    }
  }

  model::Country country(const Entry &entry, const model::CaseParameters &national) const {
    const std::string path = "countries." + entry.key;
    if (!is_country_code(entry.key)) {
      throw errors::invalid_country_code(reader_.where(entry.key_mark, path), entry.key);
    }
    model::Country country;
    country.code = entry.key;
    model::CaseParameters parameters = national;
    const Leaf *profiles = nullptr;
    bool has_arrivals = false;
    const std::vector<Leaf> leaves = walk(entry.value, path, Scope::country);
    for (const Leaf &leaf : leaves) {
      switch (leaf.field) {
      case Field::oqtf_per_year:
        country.oqtf_per_year = reader_.numbers(*leaf.value, leaf.path, kOrdersPerYear);
        has_arrivals = true;
        break;
      case Field::monthly_factors:
        country.monthly_factors = reader_.monthly_factors(*leaf.value, leaf.path);
        break;
      case Field::initial_at_large:
        country.initial_at_large = reader_.count(*leaf.value, leaf.path, "a number of cases");
        break;
      case Field::lpc_monthly_capacity:
        country.lpc_monthly_capacity = reader_.numbers(*leaf.value, leaf.path, kCapacity);
        break;
      case Field::seats_per_week:
        country.seats_per_week = reader_.numbers(*leaf.value, leaf.path, kCapacity);
        break;
      case Field::profiles:
        profiles = &leaf;
        break;
      default:
        apply_case(leaf, parameters);
        break;
      }
    }
    if (!has_arrivals) {
      throw errors::missing_key(reader_.where(entry.key_mark, join(path, "oqtf_per_year")),
                                "oqtf_per_year", "country `" + entry.key + "`");
    }
    if (profiles == nullptr) {
      country.profiles = {model::Profile{"all", 1.0, false, parameters}};
    } else {
      country.profiles = read_profiles(*profiles, parameters);
    }
    return country;
  }

  std::vector<model::Profile> read_profiles(const Leaf &leaf,
                                            const model::CaseParameters &country) const {
    const Node &node = *leaf.value;
    if (!node.is_map()) {
      throw errors::wrong_type(reader_.where(node.mark, leaf.path), "a map of profiles by name",
                               describe(node));
    }
    if (node.entries.empty()) {
      throw errors::empty_profiles(reader_.where(leaf.key_mark, leaf.path));
    }
    std::vector<model::Profile> profiles;
    double sum = 0.0;
    for (const auto &entry : node.entries) {
      const std::string path = join(leaf.path, entry.key);
      model::Profile profile{entry.key, 0.0, false, country};
      bool has_share = false;
      for (const Leaf &key : walk(entry.value, path, Scope::profile)) {
        if (key.field == Field::profile_share) {
          profile.share = reader_.number(*key.value, key.path, kShare);
          has_share = true;
        } else if (key.field == Field::profile_priority) {
          profile.priority = reader_.boolean(*key.value, key.path);
        } else {
          apply_case(key, profile.parameters);
        }
      }
      if (!has_share) {
        throw errors::missing_key(reader_.where(entry.key_mark, join(path, "share")), "share",
                                  "profile `" + entry.key + "`");
      }
      sum += profile.share;
      profiles.push_back(std::move(profile));
    }
    if (std::abs(sum - 1.0) > 1e-9) {
      throw errors::profile_shares_sum(reader_.where(leaf.key_mark, leaf.path), sum);
    }
    return profiles;
  }

  const Document &document_;
  ValueReader reader_;
};

/// The name of the virtual file of overrides in messages and provenance.
constexpr std::string_view kOverrideFile = "override";

LoadedScenario finish(const Document &document, std::size_t file_count) {
  LoadedScenario loaded;
  loaded.scenario = ScenarioBuilder(document).build();
  loaded.provenance = leaves(document);
  loaded.files.assign(document.files.begin(),
                      document.files.begin() + static_cast<std::ptrdiff_t>(file_count));
  return loaded;
}

LoadedScenario finish(const Document &document) { return finish(document, document.files.size()); }

LoadedScenario finish(Document document, const std::vector<Override> &overrides) {
  const std::size_t file_count = document.files.size();
  if (!overrides.empty()) {
    document.files.emplace_back(kOverrideFile);
    for (std::size_t i = 0; i < overrides.size(); ++i) {
      apply_override(document, overrides[i], file_count, static_cast<int>(i) + 1);
    }
  }
  return finish(document, file_count);
}

// Values that would read differently unquoted are shown in double quotes.
std::string shown(const std::string &value) {
  const bool plain = !value.empty() && value.front() != ' ' && value.back() != ' ' &&
                     value.find_first_of("\n\r\t\"") == std::string::npos &&
                     value.find(" #") == std::string::npos && value.find(": ") == std::string::npos;
  if (plain) {
    return value;
  }
  return double_quoted(value);
}

} // namespace

LoadedScenario load_scenario(const std::filesystem::path &file) {
  return finish(load_document(file.string()));
}

LoadedScenario load_scenario_from_string(std::string_view yaml, const std::string &file_name) {
  return finish(load_document_from_string(yaml, file_name));
}

LoadedScenario load_scenario(const std::filesystem::path &file,
                             const std::vector<Override> &overrides) {
  return finish(load_document(file.string()), overrides);
}

LoadedScenario load_scenario_from_string(std::string_view yaml, const std::string &file_name,
                                         const std::vector<Override> &overrides) {
  return finish(load_document_from_string(yaml, file_name), overrides);
}

std::string format_resolved(const LoadedScenario &loaded) {
  std::vector<std::string> lines;
  std::size_t width = 0;
  for (const auto &value : loaded.provenance) {
    lines.push_back(value.key_path + ": " + shown(value.value));
    width = std::max(width, lines.back().size());
  }
  // Past this width, alignment would push most comments far right for one long line.
  constexpr std::size_t kMaxAlign = 72;
  width = std::min(width, kMaxAlign);
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto &value = loaded.provenance[i];
    text += lines[i];
    text += std::string(width > lines[i].size() ? width - lines[i].size() : 0, ' ');
    text += "    # " + value.file + ':' + std::to_string(value.line) + '\n';
  }
  return text;
}

} // namespace removalsim::scenario
