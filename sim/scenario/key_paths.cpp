// Key paths (`a.b[1].c`) into a document: how an override or `LoadedScenario::set` finds, or
// creates, the node it replaces.

#include "document.h"

#include "removalsim/engine/number_text.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

namespace removalsim::scenario::detail {

namespace {

bool is_name_character(char c) {
  return c != '.' && c != '[' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r';
}

} // namespace

std::optional<std::vector<KeyStep>> parse_key_path(std::string_view text) {
  std::vector<KeyStep> steps;
  std::size_t i = 0;
  const auto column = [&](std::size_t at) { return static_cast<int>(at) + 1; };
  while (true) {
    const std::size_t name_start = i;
    while (i < text.size() && is_name_character(text[i])) {
      ++i;
    }
    if (i == name_start) {
      return std::nullopt;
    }
    steps.push_back(KeyStep{false, std::string(text.substr(name_start, i - name_start)), 0,
                            column(name_start), std::string(text.substr(0, i))});
    while (i < text.size() && text[i] == '[') {
      const std::size_t open = i++;
      const std::size_t digits = i;
      std::size_t index = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (i - digits >= 9) {
          return std::nullopt; // no list is that long
        }
        index = index * 10 + static_cast<std::size_t>(text[i] - '0');
        ++i;
      }
      if (i == digits || i >= text.size() || text[i] != ']') {
        return std::nullopt;
      }
      ++i;
      steps.push_back(KeyStep{true, "", index, column(open), std::string(text.substr(0, i))});
    }
    if (i == text.size()) {
      return steps;
    }
    if (text[i] != '.') {
      return std::nullopt;
    }
    ++i;
  }
}

// The node at `key_path` (a path as `parse_key_path` reads it), creating missing map keys with
// marks on line `line` of the virtual file `file`; throws for a path that cannot be followed.
Node &node_at(Document &document, std::string_view key_path, std::size_t file, int line) {
  const auto at = [&](int column, std::string path) {
    return document.locate(Mark{file, line, column}, std::move(path));
  };
  const auto steps = parse_key_path(key_path);
  if (!steps) {
    throw errors::override_malformed_path(at(1, ""), key_path);
  }
  if (steps->front().key == "extends") {
    throw errors::override_of_extends(at(1, std::string(key_path)));
  }
  Node *node = &document.root;
  for (const KeyStep &step : *steps) {
    const Mark mark{file, line, step.column};
    if (step.is_index) {
      if (!node->is_sequence()) {
        throw errors::override_index_not_in_list(at(step.column, step.path), step.index,
                                                 describe(*node));
      }
      if (step.index >= node->items.size()) {
        throw errors::override_index_out_of_range(at(step.column, step.path), step.index,
                                                  node->items.size());
      }
      node = &node->items[step.index];
      continue;
    }
    if (node->is_null()) {
      node->kind = Node::Kind::map;
    }
    if (!node->is_map()) {
      throw errors::override_key_not_in_map(at(step.column, step.path), step.key, describe(*node));
    }
    auto entry = std::find_if(node->entries.begin(), node->entries.end(),
                              [&](const Entry &e) { return e.key == step.key; });
    if (entry == node->entries.end()) {
      Node created;
      created.mark = mark;
      node->entries.push_back(Entry{step.key, mark, std::move(created)});
      entry = std::prev(node->entries.end());
    }
    node = &entry->value;
  }
  return *node;
}

void set_number(Document &document, std::string_view key_path, double value, std::size_t file,
                int line) {
  Node &node = node_at(document, key_path, file, line);
  node = Node{};
  node.kind = Node::Kind::scalar;
  if (value == HUGE_VAL) {
    node.text = "unlimited"; // as a file writes it; refused where a limit is required
  } else {
    node.text = engine::shortest_text(value);
    if (std::isfinite(value)) {
      node.number = value; // NaN and -inf stay text only, refused as in a file
    }
  }
  node.mark = Mark{file, line, static_cast<int>(key_path.size()) + 3};
}

} // namespace removalsim::scenario::detail
