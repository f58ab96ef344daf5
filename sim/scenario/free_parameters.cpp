#include "removalsim/scenario/free_parameters.h"

#include "document.h"
#include "message_text.h"
#include "schema.h"
#include "values.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

namespace removalsim::scenario {

namespace {

using namespace detail;

constexpr NumberRule kBound{NumberRule::Bound::non_negative, "a bound", false};
constexpr NumberRule kPriorValue{NumberRule::Bound::non_negative, "a prior parameter", false};
constexpr std::array<std::string_view, 3> kPriors{"uniform", "normal", "lognormal"};
constexpr std::array<std::string_view, 2> kMethods{"smm", "abc-smc"};

class FreeReader {
public:
  explicit FreeReader(const Document &document) : document_(document), reader_(document) {}

  FreeParametersFile read() {
    const Node &root = document_.root;
    if (!root.is_map()) {
      throw errors::wrong_type(reader_.where(Mark{0, 1, 1}, ""), "a map with a `parameters:` list",
                               describe(root));
    }
    reader_.check_keys(root, "",
                       {"parameters", "hold_out", "method", "replications", "starts",
                        "max_evaluations", "population", "generations", "seed"});
    FreeParametersFile file;
    const Node &list = reader_.require(root, "", "parameters", "the free-parameters file");
    if (!list.is_sequence()) {
      throw errors::wrong_type(reader_.where(list.mark, "parameters"), "a list of free parameters",
                               describe(list));
    }
    if (list.items.empty()) {
      throw errors::empty_free_parameters(
          reader_.where(root.find("parameters")->key_mark, "parameters"));
    }
    std::map<std::string, int, std::less<>> first_lines;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      auto spec = parameter(list.items[i], "parameters[" + std::to_string(i) + ']');
      if (const auto first = first_lines.find(spec.key); first != first_lines.end()) {
        throw errors::duplicate_free_parameter(spec.key_location, spec.key, first->second);
      }
      first_lines.emplace(spec.key, spec.key_location.line);
      file.parameters.push_back(std::move(spec));
    }
    if (const Entry *hold_out = root.find("hold_out")) {
      read_hold_out(hold_out->value, file);
    }
    if (const Entry *method = root.find("method")) {
      const std::string name = reader_.text(method->value, "method", "`smm` or `abc-smc`");
      if (std::find(kMethods.begin(), kMethods.end(), name) == kMethods.end()) {
        throw errors::unknown_method(reader_.where(method->value.mark, "method"), name,
                                     closest(name, kMethods));
      }
      file.method = name;
    }
    file.replications = setting(root, "replications", 2);
    file.starts = setting(root, "starts", 1);
    file.max_evaluations = setting(root, "max_evaluations", 1);
    file.population = setting(root, "population", 2);
    file.generations = setting(root, "generations", 1);
    if (const Entry *seed = root.find("seed")) {
      file.seed = reader_.seed(seed->value, "seed");
    }
    return file;
  }

private:
  FreeParameterSpec parameter(const Node &item, const std::string &path) const {
    if (!item.is_map()) {
      throw errors::wrong_type(reader_.where(item.mark, path),
                               "a free parameter map `{key: ..., low: ..., high: ...}`",
                               describe(item));
    }
    reader_.check_keys(item, path, {"key", "low", "high", "prior", "integer"});
    FreeParameterSpec spec;
    const Node &key = reader_.require(item, path, "key", "a free parameter");
    spec.key = reader_.text(key, join(path, "key"), "a scenario key path");
    spec.key_location = reader_.where(key.mark, join(path, "key"));
    const std::string context = "free parameter `" + spec.key + "`";
    const Node &low = reader_.require(item, path, "low", context);
    const Node &high = reader_.require(item, path, "high", context);
    spec.low = reader_.number(low, join(path, "low"), kBound);
    spec.high = reader_.number(high, join(path, "high"), kBound);
    spec.low_location = reader_.where(low.mark, join(path, "low"));
    spec.high_location = reader_.where(high.mark, join(path, "high"));
    if (!(spec.low < spec.high)) {
      throw errors::free_bounds_order(spec.high_location, low.text, high.text);
    }
    if (const Entry *prior = item.find("prior")) {
      spec.prior = read_prior(prior->value, join(path, "prior"));
    }
    if (const Entry *integer = item.find("integer")) {
      spec.integer = reader_.boolean(integer->value, join(path, "integer"));
    }
    return spec;
  }

  engine::Prior read_prior(const Node &node, const std::string &path) const {
    if (!node.is_map()) {
      throw errors::wrong_type(reader_.where(node.mark, path),
                               "a prior map `{dist: uniform|normal|lognormal, ...}`",
                               describe(node));
    }
    const Node &dist = reader_.require(node, path, "dist", "a prior");
    const std::string name = reader_.text(dist, join(path, "dist"), "a prior name");
    const auto known = std::find(kPriors.begin(), kPriors.end(), name);
    if (known == kPriors.end()) {
      throw errors::unknown_prior(reader_.where(dist.mark, join(path, "dist")), name,
                                  closest(name, kPriors));
    }
    engine::Prior prior;
    if (name == "uniform") {
      reader_.check_keys(node, path, {"dist"});
      return prior;
    }
    prior.kind = name == "normal" ? engine::Prior::Kind::normal : engine::Prior::Kind::lognormal;
    reader_.check_keys(node, path, {"dist", "mean", "sd"});
    const std::string context = "a " + name + " prior";
    const Node &mean = reader_.require(node, path, "mean", context);
    const Node &sd = reader_.require(node, path, "sd", context);
    prior.mean = reader_.number(mean, join(path, "mean"), kPriorValue);
    prior.sd = reader_.number(sd, join(path, "sd"), kPriorValue);
    if (!(prior.sd > 0.0)) {
      throw errors::prior_parameter_not_positive(reader_.where(sd.mark, join(path, "sd")), "sd",
                                                 sd.text);
    }
    if (prior.kind == engine::Prior::Kind::lognormal && !(prior.mean > 0.0)) {
      throw errors::prior_parameter_not_positive(reader_.where(mean.mark, join(path, "mean")),
                                                 "mean", mean.text);
    }
    return prior;
  }

  void read_hold_out(const Node &node, FreeParametersFile &file) const {
    if (!node.is_sequence()) {
      throw errors::wrong_type(reader_.where(node.mark, "hold_out"), "a list of target ids",
                               describe(node));
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const std::string path = "hold_out[" + std::to_string(i) + ']';
      std::string id = reader_.text(node.items[i], path, "a target id");
      const SourceLocation where = reader_.where(node.items[i].mark, path);
      if (std::find(file.hold_out.begin(), file.hold_out.end(), id) != file.hold_out.end()) {
        throw errors::duplicate_hold_out(where, id);
      }
      file.hold_out.push_back(std::move(id));
      file.hold_out_locations.push_back(where);
    }
  }

  std::optional<std::size_t> setting(const Node &root, std::string_view key,
                                     std::size_t minimum) const {
    const Entry *entry = root.find(key);
    if (entry == nullptr) {
      return std::nullopt;
    }
    const std::string path(key);
    const auto value = reader_.count(entry->value, path, path);
    if (value < minimum) {
      throw errors::setting_too_small(reader_.where(entry->value.mark, path), key, minimum,
                                      entry->value.text);
    }
    return static_cast<std::size_t>(value);
  }

  const Document &document_;
  ValueReader reader_;
};

const FileKind kFreeParametersFile{"a free-parameters file", "free-parameters"};

} // namespace

double simulated_value(const FreeParameterSpec &parameter, double x) {
  return parameter.integer ? std::nearbyint(x) : x;
}

FreeParametersFile load_free_parameters(const std::filesystem::path &file) {
  return FreeReader(parse_single_document(file.string(), std::nullopt, kFreeParametersFile)).read();
}

FreeParametersFile load_free_parameters_from_string(std::string_view yaml,
                                                    const std::string &file_name) {
  return FreeReader(parse_single_document(file_name, yaml, kFreeParametersFile)).read();
}

void check_hold_out(const FreeParametersFile &free, const std::vector<Target> &targets,
                    std::string_view targets_file) {
  std::vector<std::string_view> ids;
  for (const auto &target : targets) {
    ids.push_back(target.id);
  }
  for (std::size_t h = 0; h < free.hold_out.size(); ++h) {
    if (std::find(ids.begin(), ids.end(), free.hold_out[h]) == ids.end()) {
      throw errors::unknown_hold_out(free.hold_out_locations.at(h), free.hold_out[h], targets_file,
                                     closest(free.hold_out[h], ids));
    }
  }
  if (!targets.empty() && free.hold_out.size() >= targets.size()) {
    SourceLocation where = free.hold_out_locations.front();
    where.key_path = "hold_out";
    throw errors::everything_held_out(where, targets.size());
  }
}

namespace errors {

ScenarioError empty_free_parameters(const SourceLocation &where) {
  return ScenarioError(where, "no free parameter: `parameters` needs at least one "
                              "`{key: ..., low: ..., high: ...}`");
}

ScenarioError free_bounds_order(const SourceLocation &where, std::string_view low_text,
                                std::string_view high_text) {
  return ScenarioError(where, "the upper bound " + quoted(high_text) +
                                  " must be above the lower bound " + quoted(low_text));
}

ScenarioError duplicate_free_parameter(const SourceLocation &where, std::string_view key,
                                       int first_line) {
  return ScenarioError(where, "free parameter " + quoted(key) + " already listed at line " +
                                  std::to_string(first_line));
}

ScenarioError unknown_prior(const SourceLocation &where, std::string_view name,
                            std::string_view suggestion) {
  return ScenarioError(where, "unknown prior " + quoted(name) + did_you_mean(suggestion) +
                                  " (priors: uniform, normal, lognormal)");
}

ScenarioError prior_parameter_not_positive(const SourceLocation &where, std::string_view what,
                                           std::string_view value_text) {
  return ScenarioError(where, "the prior's " + std::string(what) + " must be > 0, got " +
                                  quoted(value_text));
}

ScenarioError unknown_method(const SourceLocation &where, std::string_view name,
                             std::string_view suggestion) {
  return ScenarioError(where, "unknown method " + quoted(name) + did_you_mean(suggestion) +
                                  " (methods: smm, abc-smc)");
}

ScenarioError setting_too_small(const SourceLocation &where, std::string_view what,
                                std::size_t minimum, std::string_view value_text) {
  return ScenarioError(where, std::string(what) + " must be at least " + std::to_string(minimum) +
                                  ", got " + quoted(value_text));
}

ScenarioError duplicate_hold_out(const SourceLocation &where, std::string_view id) {
  return ScenarioError(where, "target " + quoted(id) + " is held out twice");
}

ScenarioError unknown_hold_out(const SourceLocation &where, std::string_view id,
                               std::string_view targets_file, std::string_view suggestion) {
  return ScenarioError(where, "no target " + quoted(id) + " in " + std::string(targets_file) +
                                  did_you_mean(suggestion));
}

ScenarioError no_target_in_reported_months(const SourceLocation &where, std::string_view reported) {
  return ScenarioError(where, "no target lies in the months the scenario reports (" +
                                  std::string(reported) + "): nothing to fit");
}

ScenarioError everything_held_out(const SourceLocation &where, std::size_t count) {
  return ScenarioError(where, "all " + std::to_string(count) +
                                  " targets are held out: nothing is left to fit");
}

ScenarioError free_parameter_rejected(const SourceLocation &where, std::string_view key,
                                      std::string_view value_text, std::string_view reason) {
  return ScenarioError(where, "the scenario refuses " + quoted(key) + " = " + quoted(value_text) +
                                  ": " + std::string(reason));
}

} // namespace errors

} // namespace removalsim::scenario
