#include "removalsim/scenario/sweep_design.h"

#include "document.h"
#include "message_text.h"
#include "study_outputs.h"
#include "values.h"

#include <optional>

namespace removalsim::scenario {

namespace {

using namespace detail;

const FileKind kSweepFile{"a sweep design file", "sweep design"};

class SweepReader {
public:
  explicit SweepReader(const Document &document) : document_(document), reader_(document) {}

  SweepDesign read() const {
    const Node &root = document_.root;
    if (!root.is_map()) {
      throw errors::wrong_type(reader_.where(root.mark, ""), "a map of sweep keys", describe(root));
    }
    reader_.check_keys(root, "",
                       {"scenario", "replications", "block", "seed", "outputs", "points"});
    SweepDesign design;
    design.file = document_.files.front();
    std::optional<std::string> scenario;
    if (const Entry *entry = root.find("scenario")) {
      scenario = scenario_path(entry->value, "scenario");
    }
    if (const Entry *entry = root.find("replications")) {
      design.replications = at_least_one(entry->value, "replications");
    }
    if (const Entry *entry = root.find("block")) {
      design.block = at_least_one(entry->value, "block");
    }
    if (const Entry *entry = root.find("seed")) {
      design.seed = reader_.seed(entry->value, "seed");
    }
    design.outputs = read_study_outputs(reader_, root, "the sweep design");
    if (const Entry *points = root.find("points")) {
      read_points(points->value, scenario, design);
    } else if (scenario) {
      design.points.push_back({"base", *scenario, {}, reader_.where(root.mark, "")});
    } else {
      throw sweep_errors::no_scenario(reader_.where(root.mark, ""), "base");
    }
    return design;
  }

private:
  /// A scenario path, joined to the design file's directory when relative.
  std::string scenario_path(const Node &node, const std::string &path) const {
    const std::filesystem::path file = reader_.text(node, path, "a scenario file path");
    if (file.is_absolute()) {
      return file.string();
    }
    return (std::filesystem::path(document_.files.front()).parent_path() / file).string();
  }

  std::size_t at_least_one(const Node &node, const std::string &path) const {
    const std::uint64_t value = reader_.count(node, path, "a count");
    if (value < 1) {
      throw sensitivity_errors::too_small(reader_.where(node.mark, path), path, node.text, 1);
    }
    return static_cast<std::size_t>(value);
  }

  void read_points(const Node &list, const std::optional<std::string> &scenario,
                   SweepDesign &design) const {
    if (!list.is_sequence()) {
      throw errors::wrong_type(reader_.where(list.mark, "points"), "a list of points",
                               describe(list));
    }
    if (list.items.empty()) {
      throw sensitivity_errors::empty_list(reader_.where(list.mark, "points"), "points");
    }
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Node &item = list.items[i];
      const std::string path = "points[" + std::to_string(i) + ']';
      if (!item.is_map()) {
        throw errors::wrong_type(reader_.where(item.mark, path), "a map", describe(item));
      }
      reader_.check_keys(item, path, {"name", "scenario", "set"});
      SweepPoint point;
      point.where = reader_.where(item.mark, path);
      point.name = reader_.text(reader_.require(item, path, "name", "a point"), join(path, "name"),
                                "a name");
      if (const Entry *own = item.find("scenario")) {
        point.scenario = scenario_path(own->value, join(path, "scenario"));
      } else if (scenario) {
        point.scenario = *scenario;
      } else {
        throw sweep_errors::no_scenario(point.where, point.name);
      }
      if (const Entry *set = item.find("set")) {
        read_set(set->value, join(path, "set"), point);
      }
      for (const auto &other : design.points) {
        if (other.name == point.name) {
          throw sweep_errors::duplicate_point(point.where, point.name, other.where.line);
        }
      }
      design.points.push_back(std::move(point));
    }
  }

  /// `set:` maps scenario key paths to values (YAML text: a map value goes in quotes).
  void read_set(const Node &map, const std::string &path, SweepPoint &point) const {
    if (!map.is_map()) {
      throw errors::wrong_type(reader_.where(map.mark, path), "a map of key paths to values",
                               describe(map));
    }
    for (const auto &entry : map.entries) {
      point.overrides.push_back(
          {entry.key, reader_.text(entry.value, join(path, entry.key),
                                   "a value (YAML text; put a map or a list in quotes)")});
    }
  }

  const Document &document_;
  ValueReader reader_;
};

} // namespace

SweepDesign load_sweep_design(const std::filesystem::path &file) {
  const Document document = parse_single_document(file.string(), std::nullopt, kSweepFile);
  return SweepReader(document).read();
}

SweepDesign load_sweep_design_from_string(std::string_view yaml, const std::string &file_name) {
  const Document document = parse_single_document(file_name, yaml, kSweepFile);
  return SweepReader(document).read();
}

std::vector<LoadedScenario> load_sweep_scenarios(const SweepDesign &design,
                                                 std::span<const std::string> metrics) {
  std::vector<LoadedScenario> loaded;
  loaded.reserve(design.points.size());
  for (const auto &point : design.points) {
    try {
      loaded.push_back(load_scenario(point.scenario, point.overrides));
    } catch (const ScenarioError &error) {
      throw sweep_errors::point_refused(point.where, point.name, error.what());
    }
    check_study_outputs(design.outputs, loaded.back().scenario, metrics);
  }
  return loaded;
}

namespace sweep_errors {

ScenarioError no_scenario(const SourceLocation &where, std::string_view point) {
  return ScenarioError(where, "point " + quoted(point) +
                                  " has no scenario: give the design a `scenario:` or the point "
                                  "its own");
}

ScenarioError duplicate_point(const SourceLocation &where, std::string_view name, int first_line) {
  return ScenarioError(where, "two points are named " + quoted(name) + " (the first on line " +
                                  std::to_string(first_line) + "); give each a distinct `name`");
}

ScenarioError point_refused(const SourceLocation &where, std::string_view point,
                            std::string_view inner) {
  return ScenarioError(where, "the scenario of point " + quoted(point) +
                                  " does not load: " + std::string(inner));
}

} // namespace sweep_errors

} // namespace removalsim::scenario
