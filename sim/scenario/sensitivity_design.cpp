#include "removalsim/scenario/sensitivity_design.h"

#include "document.h"
#include "message_text.h"
#include "schema.h"
#include "study_outputs.h"
#include "values.h"

#include "removalsim/engine/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <optional>
#include <system_error>

namespace removalsim::scenario {

namespace {

using namespace detail;

const FileKind kStudyFile{"a sensitivity study file", "study"};
constexpr NumberRule kBound{NumberRule::Bound::non_negative, "a bound", false};

ScenarioError make(const SourceLocation &where, const std::string &message) {
  return ScenarioError(where, message);
}

bool is_power_of_two(std::uint64_t n) noexcept { return n != 0 && (n & (n - 1)) == 0; }

class DesignReader {
public:
  explicit DesignReader(const Document &document) : document_(document), reader_(document) {}

  SensitivityDesign read() {
    const Node &root = document_.root;
    if (!root.is_map()) {
      throw errors::wrong_type(reader_.where(root.mark, ""), "a map of study keys", describe(root));
    }
    reader_.check_keys(root, "",
                       {"method", "replications", "seed", "morris", "sobol", "bootstrap", "outputs",
                        "parameters"});
    SensitivityDesign design;
    design.file = document_.files.front();
    design.method_where = reader_.where(root.mark, "");
    if (const Entry *method = root.find("method")) {
      read_method(*method, design);
    }
    if (const Entry *entry = root.find("replications")) {
      design.replications = at_least(entry->value, "replications", "replications", 1);
    }
    if (const Entry *entry = root.find("seed")) {
      design.seed = reader_.seed(entry->value, "seed");
    }
    if (const Entry *morris = root.find("morris")) {
      read_morris(morris->value, design);
    }
    if (const Entry *sobol = root.find("sobol")) {
      read_sobol(sobol->value, design);
    }
    if (const Entry *bootstrap = root.find("bootstrap")) {
      const Node &node = bootstrap->value;
      expect_map(node, "bootstrap");
      reader_.check_keys(node, "bootstrap", {"resamples", "seed"});
      if (const Entry *entry = node.find("resamples")) {
        design.bootstrap_resamples =
            at_least(entry->value, "bootstrap.resamples", "bootstrap resamples", 0);
      }
      if (const Entry *entry = node.find("seed")) {
        design.bootstrap_seed = reader_.seed(entry->value, "bootstrap.seed");
      }
    }
    read_outputs(root, design);
    read_parameters(root, design);
    return design;
  }

private:
  void expect_map(const Node &node, const std::string &path) const {
    if (!node.is_map()) {
      throw errors::wrong_type(reader_.where(node.mark, path), "a map", describe(node));
    }
  }

  std::size_t at_least(const Node &node, const std::string &path, std::string_view what,
                       std::size_t minimum) const {
    const std::uint64_t value = reader_.count(node, path, "a count");
    if (value < minimum) {
      throw sensitivity_errors::too_small(reader_.where(node.mark, path), what, node.text, minimum);
    }
    return static_cast<std::size_t>(value);
  }

  void read_method(const Entry &entry, SensitivityDesign &design) const {
    const std::string text = reader_.text(entry.value, "method", "`morris` or `sobol`");
    design.method_where = reader_.where(entry.value.mark, "method");
    if (text == "morris") {
      design.method = StudyMethod::morris;
    } else if (text == "sobol") {
      design.method = StudyMethod::sobol;
    } else {
      constexpr std::string_view kMethods[] = {"morris", "sobol"};
      throw sensitivity_errors::unknown_method(design.method_where, text, closest(text, kMethods));
    }
  }

  void read_morris(const Node &node, SensitivityDesign &design) const {
    expect_map(node, "morris");
    reader_.check_keys(node, "morris", {"trajectories", "levels", "seed"});
    if (const Entry *entry = node.find("trajectories")) {
      design.trajectories = at_least(entry->value, "morris.trajectories", "trajectories", 2);
    }
    if (const Entry *entry = node.find("levels")) {
      design.levels = at_least(entry->value, "morris.levels", "levels", 2);
      if (design.levels % 2 != 0) {
        throw sensitivity_errors::levels_not_even(reader_.where(entry->value.mark, "morris.levels"),
                                                  entry->value.text);
      }
    }
    if (const Entry *entry = node.find("seed")) {
      design.design_seed = reader_.seed(entry->value, "morris.seed");
    }
  }

  void read_sobol(const Node &node, SensitivityDesign &design) const {
    expect_map(node, "sobol");
    reader_.check_keys(node, "sobol", {"samples", "second_order"});
    if (const Entry *entry = node.find("samples")) {
      design.base_samples = at_least(entry->value, "sobol.samples", "samples", 2);
      if (!is_power_of_two(design.base_samples)) {
        throw sensitivity_errors::not_power_of_two(
            reader_.where(entry->value.mark, "sobol.samples"), entry->value.text);
      }
    }
    if (const Entry *entry = node.find("second_order")) {
      design.second_order = reader_.boolean(entry->value, "sobol.second_order");
    }
  }

  const Node &non_empty_list(const Node &root, std::string_view key) const {
    const Node &list = reader_.require(root, "", key, "the study file");
    if (!list.is_sequence()) {
      throw errors::wrong_type(reader_.where(list.mark, std::string(key)), "a list",
                               describe(list));
    }
    if (list.items.empty()) {
      throw sensitivity_errors::empty_list(reader_.where(list.mark, std::string(key)), key);
    }
    return list;
  }

  void read_outputs(const Node &root, SensitivityDesign &design) const {
    design.outputs = read_study_outputs(reader_, root, "the study file");
  }

  void read_parameters(const Node &root, SensitivityDesign &design) const {
    const Node &list = non_empty_list(root, "parameters");
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Node &item = list.items[i];
      const std::string path = "parameters[" + std::to_string(i) + ']';
      expect_map(item, path);
      reader_.check_keys(item, path, {"name", "key", "keys", "low", "high", "scale", "integer"});
      StudyParameter parameter;
      parameter.where = reader_.where(item.mark, path);
      const Entry *key = item.find("key");
      const Entry *keys = item.find("keys");
      if ((key == nullptr) == (keys == nullptr)) {
        throw sensitivity_errors::key_or_keys(parameter.where);
      }
      if (key != nullptr) {
        parameter.keys.push_back(reader_.text(key->value, join(path, "key"), "a key path"));
      } else {
        const std::string keys_path = join(path, "keys");
        if (!keys->value.is_sequence()) {
          throw errors::wrong_type(reader_.where(keys->value.mark, keys_path),
                                   "a list of key paths", describe(keys->value));
        }
        if (keys->value.items.empty()) {
          throw sensitivity_errors::empty_list(reader_.where(keys->value.mark, keys_path), "keys");
        }
        for (std::size_t k = 0; k < keys->value.items.size(); ++k) {
          parameter.keys.push_back(reader_.text(
              keys->value.items[k], keys_path + '[' + std::to_string(k) + ']', "a key path"));
        }
      }
      parameter.name = parameter.keys.front();
      if (const Entry *name = item.find("name")) {
        parameter.name = reader_.text(name->value, join(path, "name"), "a name");
      }
      const Node &low = reader_.require(item, path, "low", "a parameter");
      const Node &high = reader_.require(item, path, "high", "a parameter");
      parameter.low = reader_.number(low, join(path, "low"), kBound);
      parameter.high = reader_.number(high, join(path, "high"), kBound);
      if (!(parameter.low < parameter.high)) {
        throw sensitivity_errors::low_not_below_high(reader_.where(high.mark, join(path, "high")),
                                                     low.text, high.text);
      }
      if (const Entry *scale = item.find("scale")) {
        parameter.scale = reader_.boolean(scale->value, join(path, "scale"));
      }
      if (const Entry *integer = item.find("integer")) {
        parameter.integer = reader_.boolean(integer->value, join(path, "integer"));
      }
      for (const auto &other : design.parameters) {
        if (other.name == parameter.name) {
          throw sensitivity_errors::duplicate_parameter(parameter.where, parameter.name,
                                                        other.where.line);
        }
      }
      design.parameters.push_back(std::move(parameter));
    }
  }

  const Document &document_;
  ValueReader reader_;
};

} // namespace

SensitivityDesign load_sensitivity_design(const std::filesystem::path &file) {
  const Document document = parse_single_document(file.string(), std::nullopt, kStudyFile);
  return DesignReader(document).read();
}

SensitivityDesign load_sensitivity_design_from_string(std::string_view yaml,
                                                      const std::string &file_name) {
  const Document document = parse_single_document(file_name, yaml, kStudyFile);
  return DesignReader(document).read();
}

std::vector<Override> parameter_overrides(const StudyParameter &parameter, double value,
                                          const LoadedScenario &base) {
  std::vector<Override> overrides;
  overrides.reserve(parameter.keys.size());
  for (const auto &key : parameter.keys) {
    double x = value;
    if (parameter.scale) {
      const ResolvedValue *found = base.leaf(key);
      const auto number = found == nullptr ? std::nullopt : finite_number(found->value);
      if (!number) {
        throw sensitivity_errors::no_base_value(parameter.where, key,
                                                found == nullptr ? "" : found->value);
      }
      x = *number * value;
    }
    if (parameter.integer) {
      x = std::round(x);
    }
    overrides.push_back({key, engine::shortest_text(x)});
  }
  return overrides;
}

std::vector<Override> point_overrides(const SensitivityDesign &design,
                                      std::span<const double> values, const LoadedScenario &base) {
  std::vector<Override> overrides;
  for (std::size_t i = 0; i < design.parameters.size(); ++i) {
    auto some = parameter_overrides(design.parameters[i], values[i], base);
    overrides.insert(overrides.end(), some.begin(), some.end());
  }
  return overrides;
}

void check_design(const SensitivityDesign &design, const std::filesystem::path &scenario_file,
                  const LoadedScenario &base, std::span<const std::string> metrics) {
  check_study_outputs(design.outputs, base.scenario, metrics);
  for (const auto &parameter : design.parameters) {
    for (const auto &key : parameter.keys) {
      // Outputs are read on the base scenario's months: the calendar must stay fixed.
      if (key == "start" || key == "end" || key == "warmup_until") {
        throw sensitivity_errors::calendar_varied(parameter.where, key);
      }
    }
    // The point 1/pi of the way is no whole number: a key that takes only whole numbers (places,
    // seats) without `integer: true` fails here, at the study's line, not in the middle of a run.
    const double between = parameter.low + (parameter.high - parameter.low) / std::numbers::pi;
    for (const double value : {parameter.low, parameter.high, between}) {
      const auto overrides = parameter_overrides(parameter, value, base);
      try {
        (void)load_scenario(scenario_file, overrides);
      } catch (const ScenarioError &error) {
        throw sensitivity_errors::value_refused(parameter.where, parameter.name,
                                                overrides.front().value, error.what());
      }
    }
  }
}

namespace sensitivity_errors {

ScenarioError unknown_method(const SourceLocation &where, std::string_view method,
                             std::string_view suggestion) {
  return make(where, "unknown method " + quoted(method) + " (expected `morris` or `sobol`)" +
                         did_you_mean(suggestion));
}

ScenarioError too_small(const SourceLocation &where, std::string_view what,
                        std::string_view value_text, std::size_t minimum) {
  return make(where, std::string(what) + " must be at least " + std::to_string(minimum) + ", got " +
                         std::string(value_text));
}

ScenarioError not_power_of_two(const SourceLocation &where, std::string_view value_text) {
  return make(where, "the Sobol sample size N must be a power of two (Saltelli's design on a "
                     "Sobol sequence), got " +
                         std::string(value_text));
}

ScenarioError levels_not_even(const SourceLocation &where, std::string_view value_text) {
  return make(where, "the number of Morris levels must be even, got " + std::string(value_text));
}

ScenarioError low_not_below_high(const SourceLocation &where, std::string_view low_text,
                                 std::string_view high_text) {
  return make(where, "the range is empty: low " + std::string(low_text) + " must be below high " +
                         std::string(high_text));
}

ScenarioError key_or_keys(const SourceLocation &where) {
  return make(where, "a parameter needs either `key: PATH` or `keys: [PATH, ...]`, not both");
}

ScenarioError duplicate_parameter(const SourceLocation &where, std::string_view name,
                                  int first_line) {
  return make(where, "two parameters are named " + quoted(name) + " (the first on line " +
                         std::to_string(first_line) + "); give each a distinct `name`");
}

ScenarioError empty_list(const SourceLocation &where, std::string_view what) {
  return make(where, quoted(what) + " needs at least one entry");
}

ScenarioError malformed_period(const SourceLocation &where, std::string_view text) {
  return make(where, quoted(text) + " is not a period (a year `2025`, a quarter `2025-Q1`, a month "
                                    "`2025-04` or a range `2025-01..2025-04`)");
}

ScenarioError unknown_metric(const SourceLocation &where, std::string_view name,
                             std::string_view suggestion) {
  return make(where, "unknown metric " + quoted(name) + did_you_mean(suggestion));
}

ScenarioError unknown_country(const SourceLocation &where, std::string_view code,
                              std::string_view known) {
  return make(where, "the scenario has no country " + quoted(code) + " (it has " +
                         std::string(known) + ")");
}

ScenarioError period_outside_run(const SourceLocation &where, std::string_view period,
                                 std::string_view first, std::string_view last) {
  return make(where, "the period " + std::string(period) +
                         " is outside the reported months of the scenario (" + std::string(first) +
                         " to " + std::string(last) + ")");
}

ScenarioError no_base_value(const SourceLocation &where, std::string_view key,
                            std::string_view found) {
  return make(where, "`scale: true` multiplies the scenario's value of " + quoted(key) + ", but " +
                         (found.empty() ? std::string("the scenario does not set it")
                                        : "it is " + quoted(found) + ", not a number"));
}

ScenarioError calendar_varied(const SourceLocation &where, std::string_view key) {
  return make(where, quoted(key) +
                         " cannot be varied: every design point must share the scenario's "
                         "calendar (`start`, `end`, `warmup_until`)");
}

ScenarioError value_refused(const SourceLocation &where, std::string_view parameter,
                            std::string_view value_text, std::string_view inner) {
  return make(where, "the scenario refuses " + quoted(parameter) + " = " + std::string(value_text) +
                         ": " + std::string(inner));
}

} // namespace sensitivity_errors

} // namespace removalsim::scenario
