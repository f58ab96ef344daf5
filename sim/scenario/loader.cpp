#include "removalsim/scenario/loader.h"

#include "removalsim/engine/overloaded.h"

#include "document.h"
#include "schema.h"
#include "values.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <utility>
#include <variant>

namespace removalsim::scenario {

namespace {

using namespace detail;
using engine::Overloaded;

/// A parameter found in a parameter section, with its full key path.
struct Leaf {
  const model::ParameterDef *def;
  const Node *value;
  Mark key_mark;
  std::string path;
};

/// Resolved per-case parameters and where each was last written (national ← country ← profile),
/// for the checks of optional blocks.
struct CaseValues {
  model::CaseParameters parameters;
  std::array<std::optional<SourceLocation>, model::kMaxParameters> written;
};

bool is_country_code(std::string_view code) {
  return code == "OTHER" || (code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) {
                               return c >= 'A' && c <= 'Z';
                             }));
}

std::string scope_name(Scope scope) { return scope == Scope::country ? "a country" : "a profile"; }

/// True when `key` (within a section) is a map of further parameters, e.g. `lpc`.
bool is_block(std::string_view key) {
  const auto catalogue = model::parameter_catalogue();
  return std::any_of(catalogue.begin(), catalogue.end(), [&](const model::ParameterDef &def) {
    return def.key.size() > key.size() && def.key.starts_with(key) && def.key[key.size()] == '.';
  });
}

class ScenarioBuilder {
public:
  explicit ScenarioBuilder(const Document &document) : document_(document), reader_(document) {}

  model::Scenario build() {
    const Node &root = document_.root;
    reader_.check_keys(
        root, "",
        {"name", "extends", "start", "end", "warmup_until", "targets", "national", "countries"});
    model::Scenario scenario;
    scenario.name = std::filesystem::path(document_.files.front()).stem().string();
    if (const Entry *name = root.find("name")) {
      scenario.name = reader_.text(name->value, "name", "a name");
    }
    read_dates(root, scenario);
    reader_.set_start(scenario.start);

    CaseValues national;
    if (const Entry *section = root.find("national")) {
      for (const Leaf &leaf : walk(section->value, "national", Scope::national)) {
        std::visit(Overloaded{
                       [&](model::Timeline<double> model::Scenario::*member) {
                         scenario.*member =
                             reader_.numbers(*leaf.value, leaf.path, leaf.def->range);
                       },
                       [&](std::vector<model::DetentionCentre> model::Scenario::*member) {
                         scenario.*member = reader_.centres(*leaf.value, leaf.path);
                       },
                       [&](auto) { apply_case(leaf, national); },
                   },
                   leaf.def->member);
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

  /// `targets: PATH`, relative to the directory of the file that writes it (as `extends:` paths
  /// are); empty when the scenario names none.
  std::string targets_file() const {
    const Entry *entry = document_.root.find("targets");
    if (entry == nullptr) {
      return {};
    }
    const std::string path = reader_.text(entry->value, "targets", "the path of a targets file");
    const std::string &file = document_.files.at(entry->value.mark.file);
    return (std::filesystem::path(file).parent_path() / path).lexically_normal().generic_string();
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
    walk(section, path, "", scope, leaves);
    return leaves;
  }

  // `relative` is the key path within the section (e.g. `detention.capacity`), as the catalogue
  // and the messages about where a key belongs name it.
  void walk(const Node &map, const std::string &path, const std::string &relative, Scope scope,
            std::vector<Leaf> &out) const {
    if (!map.is_map()) {
      throw errors::wrong_type(reader_.where(map.mark, path),
                               relative.empty() ? "a map of parameters"
                                                : "a map of `" + relative + "` parameters",
                               describe(map));
    }
    for (const auto &entry : map.entries) {
      const std::string entry_path = join(path, entry.key);
      const std::string key = join(relative, entry.key);
      const model::ParameterDef *def = model::find_parameter(key);
      if (def == nullptr) {
        if (!is_block(key)) {
          throw errors::unknown_key(reader_.where(entry.key_mark, entry_path), entry.key,
                                    suggestion(entry.key, relative, scope));
        }
        walk(entry.value, entry_path, key, scope, out);
        continue;
      }
      if (!allowed(def->level(), scope)) {
        const SourceLocation where = reader_.where(entry.key_mark, entry_path);
        switch (def->level()) {
        case model::ParameterLevel::shared:
          throw errors::shared_key_overridden(where, key, scope_name(scope));
        case model::ParameterLevel::country_only:
          throw scope == Scope::national ? errors::country_only_key_in_national(where, key)
                                         : errors::country_only_key_in_profile(where, key);
        case model::ParameterLevel::profile_only:
        case model::ParameterLevel::per_case:
          throw errors::profile_only_key(where, key);
        }
      }
      out.push_back(Leaf{def, &entry.value, entry.key_mark, entry_path});
    }
  }

  // The keys that may stand beside `key` in the map at `relative`, those allowed here first, so
  // that a typo is not steered to a key that would be refused.
  static std::string suggestion(std::string_view key, const std::string &relative, Scope scope) {
    const std::string prefix = relative.empty() ? "" : relative + '.';
    std::vector<std::string_view> here;
    std::vector<std::string_view> all;
    for (const model::ParameterDef &def : model::parameter_catalogue()) {
      if (!def.key.starts_with(prefix)) {
        continue;
      }
      const std::string_view rest = def.key.substr(prefix.size());
      const std::string_view name = rest.substr(0, rest.find('.'));
      const bool block = name.size() < rest.size();
      if (std::find(all.begin(), all.end(), name) == all.end()) {
        all.push_back(name);
      }
      if ((block || allowed(def.level(), scope)) &&
          std::find(here.begin(), here.end(), name) == here.end()) {
        here.push_back(name);
      }
    }
    std::string best = closest(key, here);
    return best.empty() ? closest(key, all) : best;
  }

  void apply_case(const Leaf &leaf, CaseValues &values) const {
    const Node &v = *leaf.value;
    const std::string &path = leaf.path;
    model::CaseParameters &p = values.parameters;
    std::visit(Overloaded{
                   [&](model::Timeline<double> model::CaseParameters::*member) {
                     p.*member = reader_.numbers(v, path, leaf.def->range);
                   },
                   [&](model::Timeline<model::Distribution> model::CaseParameters::*member) {
                     p.*member = reader_.delays(v, path);
                   },
                   [&](model::Timeline<model::ReviewSchedule> model::CaseParameters::*member) {
                     p.*member = reader_.reviews(v, path);
                   },
                   // Shared, country-only and profile-only keys are read by their section.
                   [](auto) {},
               },
               leaf.def->member);
    values.written[model::parameter_index(*leaf.def)] = reader_.where(leaf.key_mark, leaf.path);
  }

  // A block switched on (a positive share somewhere in its timeline) needs its other keys.
  static void check_blocks(const CaseValues &values) {
    for (const model::ParameterDef &on : model::parameter_catalogue()) {
      const auto *share = std::get_if<model::Timeline<double> model::CaseParameters::*>(&on.member);
      if (on.role != model::BlockRole::block_switch || share == nullptr ||
          !model::switched_on(values.parameters.*(*share))) {
        continue;
      }
      for (const model::ParameterDef &needed : model::parameter_catalogue()) {
        if (needed.role == model::BlockRole::required && needed.block() == on.block() &&
            !values.written[model::parameter_index(needed)]) {
          throw errors::block_key_missing(*values.written[model::parameter_index(on)], needed.key,
                                          on.key);
        }
      }
    }
  }

  model::Country country(const Entry &entry, const CaseValues &national) const {
    const std::string path = "countries." + entry.key;
    if (!is_country_code(entry.key)) {
      throw errors::invalid_country_code(reader_.where(entry.key_mark, path), entry.key);
    }
    model::Country country;
    country.code = entry.key;
    CaseValues values = national;
    const Leaf *profiles = nullptr;
    bool has_arrivals = false;
    const std::vector<Leaf> leaves = walk(entry.value, path, Scope::country);
    for (const Leaf &leaf : leaves) {
      std::visit(Overloaded{
                     [&](model::Timeline<double> model::Country::*member) {
                       country.*member = reader_.numbers(*leaf.value, leaf.path, leaf.def->range);
                       has_arrivals = has_arrivals || member == &model::Country::oqtf_per_year;
                     },
                     [&](std::array<double, 12> model::Country::*member) {
                       country.*member = reader_.monthly_factors(*leaf.value, leaf.path);
                     },
                     [&](std::uint64_t model::Country::*member) {
                       country.*member =
                           reader_.count(*leaf.value, leaf.path, leaf.def->range.noun);
                       reader_.check_range(*leaf.value, leaf.path, leaf.def->range,
                                           static_cast<double>(country.*member));
                     },
                     [&](std::vector<model::Profile> model::Country::*) { profiles = &leaf; },
                     [&](auto) { apply_case(leaf, values); },
                 },
                 leaf.def->member);
    }
    if (!has_arrivals) {
      throw errors::missing_key(reader_.where(entry.key_mark, join(path, "oqtf_per_year")),
                                "oqtf_per_year", "country `" + entry.key + "`");
    }
    if (profiles == nullptr) {
      check_blocks(values);
      country.profiles = {model::Profile{"ALL", 1.0, false, values.parameters}};
    } else {
      country.profiles = read_profiles(*profiles, values);
    }
    return country;
  }

  std::vector<model::Profile> read_profiles(const Leaf &leaf, const CaseValues &country) const {
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
      model::Profile profile{entry.key, 0.0, false, {}};
      CaseValues values = country;
      bool has_share = false;
      for (const Leaf &key : walk(entry.value, path, Scope::profile)) {
        std::visit(Overloaded{
                       [&](double model::Profile::*member) {
                         profile.*member = reader_.number(*key.value, key.path, key.def->range);
                         has_share = true;
                       },
                       [&](bool model::Profile::*member) {
                         profile.*member = reader_.boolean(*key.value, key.path);
                       },
                       [&](auto) { apply_case(key, values); },
                   },
                   key.def->member);
      }
      if (!has_share) {
        throw errors::missing_key(reader_.where(entry.key_mark, join(path, "share")), "share",
                                  "profile `" + entry.key + "`");
      }
      check_blocks(values);
      profile.parameters = std::move(values.parameters);
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

/// The names of the virtual files of overrides and of values set, in messages and provenance.
constexpr std::string_view kOverrideFile = "override";
constexpr std::string_view kSetFile = "set";

LoadedScenario finish(Document document, std::size_t file_count) {
  LoadedScenario loaded;
  ScenarioBuilder builder(document);
  loaded.scenario = builder.build();
  loaded.targets_file = builder.targets_file();
  loaded.provenance = leaves(document);
  loaded.files.assign(document.files.begin(),
                      document.files.begin() + static_cast<std::ptrdiff_t>(file_count));
  loaded.document = std::make_shared<const Document>(std::move(document));
  return loaded;
}

LoadedScenario finish(Document document) {
  const std::size_t file_count = document.files.size();
  return finish(std::move(document), file_count);
}

LoadedScenario finish(Document document, const std::vector<Override> &overrides) {
  const std::size_t file_count = document.files.size();
  if (!overrides.empty()) {
    document.files.emplace_back(kOverrideFile);
    for (std::size_t i = 0; i < overrides.size(); ++i) {
      apply_override(document, overrides[i], file_count, static_cast<int>(i) + 1);
    }
  }
  return finish(std::move(document), file_count);
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

void LoadedScenario::set(std::string_view key_path, double value) {
  Document edited = *document;
  const auto set_file = std::find(edited.files.begin(), edited.files.end(), kSetFile);
  const auto file = static_cast<std::size_t>(set_file - edited.files.begin());
  if (set_file == edited.files.end()) {
    edited.files.emplace_back(kSetFile);
  }
  set_number(edited, key_path, value, file, values_set + 1);
  LoadedScenario rebuilt = finish(std::move(edited), files.size());
  scenario = std::move(rebuilt.scenario);
  provenance = std::move(rebuilt.provenance);
  targets_file = std::move(rebuilt.targets_file);
  document = std::move(rebuilt.document);
  ++values_set;
}

const ResolvedValue *LoadedScenario::leaf(std::string_view key_path) const {
  const auto found = std::find_if(provenance.begin(), provenance.end(),
                                  [&](const ResolvedValue &v) { return v.key_path == key_path; });
  return found == provenance.end() ? nullptr : &*found;
}

std::optional<double> finite_number(std::string_view text) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
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
