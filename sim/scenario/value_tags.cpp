#include "removalsim/scenario/value_tags.h"

#include "document.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>

namespace removalsim::scenario {

namespace {

using detail::Document;
using detail::Mark;
using detail::Node;

constexpr std::array<std::string_view, 5> kKinds{"sourced", "derived", "guess", "calibrated",
                                                 "setting"};

/// Where the comment of a YAML line starts (a `#` at the start or after a blank, outside quotes),
/// or npos.
std::size_t comment_start(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return i;
    }
  }
  return std::string_view::npos;
}

/// A tag, an error, or nothing (a bracket that is not a tag, like `[1]`), at `comment[open]`.
struct Parsed {
  std::optional<ValueTag> tag;
  std::optional<std::string> error;
  std::size_t end = 0;
};

Parsed parse_tag(std::string_view comment, std::size_t open) {
  std::size_t i = open + 1;
  while (i < comment.size() && comment[i] >= 'a' && comment[i] <= 'z') {
    ++i;
  }
  const std::string_view kind = comment.substr(open + 1, i - open - 1);
  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
    return {std::nullopt, std::nullopt, open + 1};
  }
  const std::size_t close = comment.find(']', i);
  const std::string written(comment.substr(
      open, close == std::string_view::npos ? std::string_view::npos : close - open + 1));
  const auto malformed = [&](std::string why) {
    return Parsed{std::nullopt, "malformed tag `" + written + "`: " + why, i};
  };
  if (close == std::string_view::npos) {
    return malformed("no closing `]`");
  }
  if (i == close) {
    return {ValueTag{std::string(kind), "", written}, std::nullopt, close + 1};
  }
  if (comment.substr(i, 2) != ": " || close == i + 2) {
    return malformed("write `[" + std::string(kind) + "]` or `[" + std::string(kind) + ": TEXT]`");
  }
  return {ValueTag{std::string(kind), std::string(comment.substr(i + 2, close - i - 2)), written},
          std::nullopt, close + 1};
}

/// The first tag or the first error of a line's comment.
Parsed first_on_line(std::string_view line) {
  const std::size_t start = comment_start(line);
  if (start == std::string_view::npos) {
    return {};
  }
  const std::string_view comment = line.substr(start);
  for (std::size_t open = comment.find('['); open != std::string_view::npos;
       open = comment.find('[', open + 1)) {
    Parsed parsed = parse_tag(comment, open);
    if (parsed.tag || parsed.error) {
      return parsed;
    }
  }
  return {};
}

std::vector<std::string> lines_of(const std::string &file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

/// The file's own tag: a comment line before its first key that holds a tag and nothing else
/// (`# [calibrated: ...]`; a line that explains the tags in prose is not one).
std::optional<ValueTag> file_tag(const std::vector<std::string> &lines) {
  for (const auto &line : lines) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) {
      continue;
    }
    if (line[first] != '#') {
      break;
    }
    const auto content = line.find_first_not_of("# \t", first);
    const auto last = line.find_last_not_of(" \t");
    if (auto tag = tag_on_line(line); tag && content != std::string::npos &&
                                      line.compare(content, last - content + 1, tag->text) == 0) {
      return tag;
    }
  }
  return std::nullopt;
}

/// A place that may hold a value's tag: the value, a key that encloses it, or a list item or
/// flow collection (`{...}`, `[...]`) that does.
struct Place {
  Mark mark;
  /// A map or a list: its mark is where its first item starts, unless it is a flow collection.
  bool container = false;
};

/// For each leaf, in document order, the places that may hold its tag, innermost first: the walk
/// of `detail::leaves`.
void enclosing_places(const Node &node, std::vector<Place> &chain,
                      std::vector<std::vector<Place>> &out) {
  const bool container = node.is_sequence() || node.is_map();
  chain.push_back({node.mark, container});
  if (!container || (node.items.empty() && node.entries.empty())) {
    out.emplace_back(chain.rbegin(), chain.rend());
  }
  for (const Node &item : node.items) {
    enclosing_places(item, chain, out);
  }
  for (const auto &entry : node.entries) {
    chain.push_back({entry.key_mark, false});
    enclosing_places(entry.value, chain, out);
    chain.pop_back();
  }
  chain.pop_back();
}

/// Whether `place` may carry a tag for a value of `file` read from `lines`: it is in the same file
/// (a base's key does not tag what an extending file writes under it, nor the reverse), and a
/// container counts only as a flow collection (a block one starts on its first item's line).
bool may_tag(const Place &place, std::size_t file, const std::vector<std::string> &lines) {
  if (place.mark.file != file || place.mark.line < 1 ||
      static_cast<std::size_t>(place.mark.line) > lines.size()) {
    return false;
  }
  if (!place.container) {
    return true;
  }
  const std::string &line = lines[static_cast<std::size_t>(place.mark.line) - 1];
  const auto column = static_cast<std::size_t>(place.mark.column);
  return column >= 1 && column <= line.size() &&
         (line[column - 1] == '{' || line[column - 1] == '[');
}

} // namespace

std::optional<ValueTag> tag_on_line(std::string_view line) { return first_on_line(line).tag; }

std::vector<TagSyntaxError> tag_syntax_errors(std::string_view text) {
  std::vector<TagSyntaxError> errors;
  std::istringstream in{std::string(text)};
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::size_t start = comment_start(line);
    if (start == std::string::npos) {
      continue;
    }
    const std::string_view comment = std::string_view(line).substr(start);
    for (std::size_t open = comment.find('['); open != std::string_view::npos;
         open = comment.find('[', open + 1)) {
      if (auto parsed = parse_tag(comment, open); parsed.error) {
        errors.push_back({number, *parsed.error});
      }
    }
  }
  return errors;
}

std::vector<std::optional<ValueTag>> value_tags(const LoadedScenario &loaded) {
  std::vector<std::optional<ValueTag>> tags(loaded.provenance.size());
  if (!loaded.document || !loaded.document->root.is_map()) {
    return tags;
  }
  const Document &document = *loaded.document;
  std::vector<std::vector<Place>> places;
  std::vector<Place> chain;
  for (const auto &entry : document.root.entries) {
    chain.assign(1, {entry.key_mark, false});
    enclosing_places(entry.value, chain, places);
  }
  if (places.size() != tags.size()) {
    return tags; // not the document the provenance was read from
  }
  std::map<std::size_t, std::vector<std::string>> files;
  const auto lines = [&](std::size_t file) -> const std::vector<std::string> & {
    auto found = files.find(file);
    if (found == files.end()) {
      // Only the files read from disk: set values and overrides live in virtual files.
      const bool on_disk =
          file < document.files.size() && std::find(loaded.files.begin(), loaded.files.end(),
                                                    document.files[file]) != loaded.files.end();
      std::vector<std::string> text;
      if (on_disk) {
        text = lines_of(document.files[file]);
      }
      found = files.emplace(file, std::move(text)).first;
    }
    return found->second;
  };
  for (std::size_t v = 0; v < tags.size(); ++v) {
    const std::size_t file = places[v].front().mark.file;
    const auto &text = lines(file);
    for (const Place &place : places[v]) {
      if (may_tag(place, file, text)) {
        if (auto tag = tag_on_line(text[static_cast<std::size_t>(place.mark.line) - 1])) {
          tags[v] = std::move(tag);
          break;
        }
      }
    }
    if (!tags[v]) {
      tags[v] = file_tag(text);
    }
  }
  return tags;
}

std::string format_resolved_with_tags(const LoadedScenario &loaded) {
  const std::string plain = format_resolved(loaded);
  const auto tags = value_tags(loaded);
  std::map<std::string, std::size_t> counts;
  std::size_t untagged = 0;
  std::string text;
  std::istringstream in(plain);
  std::size_t v = 0;
  for (std::string line; std::getline(in, line); ++v) {
    text += line;
    if (v < tags.size() && tags[v]) {
      text += "  " + tags[v]->text;
      ++counts[tags[v]->kind];
    } else {
      ++untagged;
    }
    text += '\n';
  }
  text += "# tags:";
  for (std::size_t k = 0; k < kKinds.size(); ++k) {
    text += (k == 0 ? " " : ", ") + std::to_string(counts[std::string(kKinds[k])]) + ' ' +
            std::string(kKinds[k]);
  }
  text += "; " + std::to_string(untagged) + " untagged\n";
  return text;
}

} // namespace removalsim::scenario
