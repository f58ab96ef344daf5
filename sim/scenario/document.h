#pragma once
// Internal: a YAML document as a plain tree that remembers, for every node, the file, line and
// column it came from, so that documents from several files (`extends:`) can be merged and still
// be traced. Only document.cpp sees yaml-cpp.

#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario::detail {

/// A position: index of the file in Document::files, 1-based line and column (0: unknown).
struct Mark {
  std::size_t file = 0;
  int line = 0;
  int column = 0;
};

struct Entry;

/// A YAML node. Scalars keep their text as written; maps keep their key order.
struct Node {
  enum class Kind : std::uint8_t { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string text;
  std::vector<Node> items;
  std::vector<Entry> entries;
  Mark mark;
  /// A scalar put by `set_number`: the exact value, which `text` shows.
  std::optional<double> number;

  bool is_null() const noexcept { return kind == Kind::null; }
  bool is_scalar() const noexcept { return kind == Kind::scalar; }
  bool is_sequence() const noexcept { return kind == Kind::sequence; }
  bool is_map() const noexcept { return kind == Kind::map; }
  /// The entry with this key in a map, or nullptr.
  const Entry *find(std::string_view key) const noexcept;
};

/// A map entry: the key, where the key was written, and the value.
struct Entry {
  std::string key;
  Mark key_mark;
  Node value;
};

/// A resolved document: `extends:` applied and removed.
struct Document {
  Node root;
  /// File names as given, indexed by Mark::file; the loaded file first, then its chain.
  std::vector<std::string> files;

  /// The user-facing location of `mark` with `key_path`.
  SourceLocation locate(const Mark &mark, std::string key_path) const;
};

/// How a file's parse is named in messages: "a scenario file", "a targets file"...
struct FileKind {
  std::string_view noun = "a scenario file";
  /// For cannot_read_file: "scenario", "targets".
  std::string_view name = "scenario";
};

/// Reads `file` and the files it extends, merges them and returns the result.
Document load_document(const std::string &file);
/// As load_document with the top file's text given (the file is not read).
Document load_document_from_string(std::string_view yaml, const std::string &file);
/// Reads and parses one file without `extends:` resolution (an `extends` key stays a plain key);
/// `text`, when given, is used instead of reading the file.
Document parse_single_document(const std::string &file, std::optional<std::string_view> text,
                               const FileKind &kind);

/// Puts `override.value` (YAML text) at `override.key_path` of `document`, creating missing map
/// keys; a list index must exist. The override is line `line` of the virtual file
/// `document.files[file]`, written `KEY.PATH: VALUE`: marks of the new nodes point into that line.
/// Throws ScenarioError for a malformed path, a step through a value that is not a map or a list,
/// a missing list item, `extends`, or a value that is not valid YAML.
void apply_override(Document &document, const Override &override, std::size_t file, int line);

/// One step of a key path: a map key or a list index, with the 1-based column where it starts in
/// the path and the path up to and including it.
struct KeyStep {
  bool is_index = false;
  std::string key;
  std::size_t index = 0;
  int column = 0;
  std::string path;
};

/// `a.b[1].c` → a, b, [1], c; nothing when the text is not such a path.
std::optional<std::vector<KeyStep>> parse_key_path(std::string_view text);

/// The node at `key_path` (`a.b[1].c`), creating missing map keys with marks on line `line` of
/// the virtual file `document.files[file]`; throws ScenarioError for a path that cannot be
/// followed (malformed, `extends`, a step through a value that is not a map or a list, a missing
/// list item).
Node &node_at(Document &document, std::string_view key_path, std::size_t file, int line);

/// Puts the number `value` at `key_path` as `apply_override` puts a value (same path rules and
/// errors), without YAML text: the node keeps the exact double, and shows its shortest text.
void set_number(Document &document, std::string_view key_path, double value, std::size_t file,
                int line);

/// Every leaf of the document, in document order.
std::vector<ResolvedValue> leaves(const Document &document);

/// `text` as a YAML double-quoted scalar (quotes, backslashes and line breaks escaped).
std::string double_quoted(const std::string &text);

/// A short description of what a node is, for "expected X, got Y" messages.
std::string describe(const Node &node);

} // namespace removalsim::scenario::detail
