#include "removalsim/scenario/calibrated_scenario.h"

#include "document.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace removalsim::scenario {

namespace {

using detail::KeyStep;

// A leaf as provenance shows it, back as a YAML node: `~`, `[]` and `{}` are how it shows null
// and empty containers; anything else is the text as written, which the emitter quotes where YAML
// would read it otherwise.
YAML::Node leaf_node(const std::string &value) {
  if (value == "~") {
    return YAML::Node(YAML::NodeType::Null);
  }
  if (value == "[]") {
    return YAML::Node(YAML::NodeType::Sequence);
  }
  if (value == "{}") {
    return YAML::Node(YAML::NodeType::Map);
  }
  return YAML::Node(value);
}

// Puts `value` at `steps[at..]` below `node`, creating maps and list items on the way (leaves come
// in document order, so a list's items arrive in order).
void insert(YAML::Node node, const std::vector<KeyStep> &steps, std::size_t at,
            const std::string &value) {
  if (at == steps.size()) {
    node = leaf_node(value);
    return;
  }
  const KeyStep &step = steps[at];
  if (step.is_index) {
    while (node.size() <= step.index) {
      node.push_back(YAML::Node(YAML::NodeType::Null));
    }
    insert(node[step.index], steps, at + 1, value);
    return;
  }
  insert(node[step.key], steps, at + 1, value);
}

std::vector<std::pair<std::string, std::string>> sorted_leaves(const LoadedScenario &loaded) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto &leaf : loaded.provenance) {
    out.emplace_back(leaf.key_path, leaf.value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string relative_path(const std::filesystem::path &target, const std::filesystem::path &from) {
  namespace fs = std::filesystem;
  std::error_code code;
  const fs::path absolute_target = fs::weakly_canonical(fs::absolute(target), code);
  const fs::path directory = fs::absolute(from).parent_path();
  const fs::path absolute_directory = fs::weakly_canonical(directory, code);
  return absolute_target.lexically_relative(absolute_directory).generic_string();
}

// The subtrees to restate: a key inside a list restates the list (the path up to its first
// index); any other key, itself. A root inside another root is restated with it.
std::vector<std::string> restated_roots(const std::vector<Override> &fitted) {
  std::vector<std::string> roots;
  for (const auto &override : fitted) {
    roots.push_back(override.key_path.substr(0, override.key_path.find('[')));
  }
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  return roots;
}

bool inside(const std::string &path, const std::string &root) {
  return path == root ||
         (path.starts_with(root) && (path[root.size()] == '.' || path[root.size()] == '['));
}

std::string comment_lines(std::string_view header) {
  if (!header.empty() && header.back() == '\n') {
    header.remove_suffix(1);
  }
  std::string text;
  std::size_t start = 0;
  while (start <= header.size() && !header.empty()) {
    const std::size_t end = std::min(header.find('\n', start), header.size());
    const std::string_view line = header.substr(start, end - start);
    text += line.empty() ? "#\n" : "# " + std::string(line) + '\n';
    start = end + 1;
  }
  return text;
}

} // namespace

std::string calibrated_scenario_yaml(const std::filesystem::path &base,
                                     const std::filesystem::path &out,
                                     const std::vector<Override> &fitted, std::string_view header) {
  const LoadedScenario loaded = load_scenario(base, fitted);
  std::vector<std::string> roots = restated_roots(fitted);
  std::erase_if(roots, [&](const std::string &root) {
    return std::any_of(roots.begin(), roots.end(), [&](const std::string &other) {
      return other != root && inside(root, other);
    });
  });
  YAML::Node document(YAML::NodeType::Map);
  document["extends"] = relative_path(base, out);
  for (const auto &leaf : loaded.provenance) {
    if (std::any_of(roots.begin(), roots.end(),
                    [&](const std::string &root) { return inside(leaf.key_path, root); })) {
      insert(document, *detail::parse_key_path(leaf.key_path), 0, leaf.value);
    }
  }
  YAML::Emitter emitter;
  emitter << document;
  const std::string text = comment_lines(header) + emitter.c_str() + '\n';

  const LoadedScenario check = load_scenario_from_string(text, out.generic_string());
  if (sorted_leaves(check) != sorted_leaves(loaded)) {
    throw std::logic_error("the calibrated scenario written for " + out.generic_string() +
                           " does not resolve to the calibrated values");
  }
  return text;
}

} // namespace removalsim::scenario
