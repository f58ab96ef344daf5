#include "document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

namespace removalsim::scenario::detail {

namespace fs = std::filesystem;

namespace {

// Scenario documents are a few levels deep; the limit only stops recursive aliases.
constexpr int kMaxDepth = 64;
// A daily timeline over a century takes about 110,000 values (three per entry), an empirical
// distribution of a decade's daily delays 7,300. yaml-cpp keeps an alias as one shared node, but
// the tree built here copies it at every use: a few lines of aliases of aliases would expand to
// billions of nodes (an "alias bomb") without this cap, which also keeps the time to refuse one
// under a second.
constexpr std::size_t kMaxNodes = 1'000'000;

// Where parsed text sits in its file: a whole file, or an override's value, which is the part
// after `KEY.PATH: ` of line `line` of the virtual file of overrides.
struct Placement {
  std::size_t file = 0;
  int line = 0; // 0: the text is the whole file
  int column_offset = 0;

  Mark operator()(const YAML::Mark &mark) const {
    if (mark.is_null() || mark.line < 0) {
      return Mark{file, line, line == 0 ? 0 : column_offset + 1};
    }
    if (line == 0) {
      return Mark{file, mark.line + 1, mark.column + 1};
    }
    // Later lines of a multi-line value have no column of their own in the virtual line.
    return Mark{file, line, mark.line == 0 ? column_offset + mark.column + 1 : column_offset + 1};
  }
  Mark top() const { return line == 0 ? Mark{file, 1, 1} : Mark{file, line, column_offset + 1}; }
};

class Converter {
public:
  Converter(const Document &document, Placement placement)
      : document_(document), mark_of_(placement) {}

  Node convert(const YAML::Node &yaml, const std::string &path, const Mark &fallback, int depth) {
    Node node;
    node.mark = mark_of_(yaml.Mark());
    if (node.mark.line == 0) {
      node.mark = fallback;
    }
    if (depth > kMaxDepth) {
      throw errors::nested_too_deeply(document_.locate(node.mark, path), kMaxDepth);
    }
    if (++nodes_ > kMaxNodes) {
      throw errors::too_many_values(document_.locate(node.mark, path), kMaxNodes);
    }
    switch (yaml.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      node.kind = Node::Kind::null;
      // An empty value's own mark is wherever the parser stopped (often the next line).
      node.mark = fallback;
      break;
    case YAML::NodeType::Scalar:
      node.kind = Node::Kind::scalar;
      node.text = yaml.Scalar();
      break;
    case YAML::NodeType::Sequence: {
      node.kind = Node::Kind::sequence;
      std::size_t index = 0;
      for (const auto &item : yaml) {
        const std::string item_path = path + '[' + std::to_string(index++) + ']';
        node.items.push_back(convert(item, item_path, node.mark, depth + 1));
      }
      break;
    }
    case YAML::NodeType::Map:
      node.kind = Node::Kind::map;
      for (auto it = yaml.begin(); it != yaml.end(); ++it) {
        const Mark key_mark = mark_of_(it->first.Mark());
        const Mark where = key_mark.line == 0 ? node.mark : key_mark;
        if (!it->first.IsScalar()) {
          const std::string found = it->first.IsMap()        ? "a map"
                                    : it->first.IsSequence() ? "a list"
                                                             : "an empty (null) key";
          throw errors::invalid_key(document_.locate(where, path), found);
        }
        const std::string &key = it->first.Scalar();
        std::string key_path = path;
        key_path += path.empty() ? "" : ".";
        key_path += key;
        if (const Entry *first = node.find(key)) {
          throw errors::duplicate_key(document_.locate(where, key_path), key, first->key_mark.line);
        }
        Entry entry{key, where, convert(it->second, key_path, where, depth + 1)};
        node.entries.push_back(std::move(entry));
      }
      break;
    }
    return node;
  }

private:
  const Document &document_;
  Placement mark_of_;
  std::size_t nodes_ = 0;
};

// Where each YAML document of a text starts (the mark of its first node). Counting documents
// with this handler rather than YAML::LoadAll: on some malformed texts (the fuzzer found a
// stray comma before a comment and a tagged key, tests/fuzz/regressions/
// stray-comma-parser-loop.yaml) yaml-cpp 0.7's parser stops advancing, and LoadAll then loops
// forever, allocating a document per turn. A document that starts where the previous one did
// reveals that, and is reported as a syntax error.
class DocumentStarts : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> starts;

  void OnDocumentStart(const YAML::Mark &) override { awaiting_first_node_ = true; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &mark, YAML::anchor_t) override { node(mark); }
  void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override { node(mark); }
  void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t,
                const std::string &) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(mark);
  }
  void OnMapEnd() override {}

private:
  void node(const YAML::Mark &mark) {
    if (awaiting_first_node_) {
      awaiting_first_node_ = false;
      if (!starts.empty() && starts.back().pos == mark.pos) {
        throw YAML::ParserException(mark, "unexpected text: the parser cannot go past it");
      }
      starts.push_back(mark);
    }
  }
  bool awaiting_first_node_ = false;
};

// `path` is the key path of the parsed text's top (empty for a whole file).
Node parse(const Document &document, const Placement &placement, std::string_view text,
           const FileKind &kind, const std::string &path = "") {
  YAML::Node yaml;
  DocumentStarts documents;
  try {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(documents)) {
    }
    if (documents.starts.size() <= 1) {
      yaml = YAML::Load(std::string(text));
    }
  } catch (const YAML::Exception &error) {
    throw errors::syntax_error(document.locate(placement(error.mark), path), error.msg);
  }
  const Mark top = placement.top();
  if (documents.starts.size() > 1) {
    const Mark second = placement(documents.starts[1]);
    throw errors::several_documents(document.locate(second.line == 0 ? top : second, path),
                                    documents.starts.size(), kind.noun);
  }
  try {
    return Converter(document, placement).convert(yaml, path, top, 0);
  } catch (const YAML::Exception &error) {
    throw errors::syntax_error(document.locate(placement(error.mark), path), error.msg);
  }
}

std::string read_text(const std::string &file, const FileKind &kind) {
  std::error_code code;
  const auto status = fs::status(file, code);
  if (code || !fs::exists(status)) {
    throw errors::cannot_read_file(SourceLocation{file, 0, 0, ""}, "no such file", kind.name);
  }
  if (fs::is_directory(status)) {
    throw errors::cannot_read_file(SourceLocation{file, 0, 0, ""}, "it is a directory", kind.name);
  }
  // A device would be read without end (/dev/zero); a pipe (/dev/stdin) ends.
  if (fs::is_character_file(status) || fs::is_block_file(status)) {
    throw errors::cannot_read_file(SourceLocation{file, 0, 0, ""}, "it is a device", kind.name);
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in.good() && !in.eof()) {
    throw errors::cannot_read_file(SourceLocation{file, 0, 0, ""}, "read error", kind.name);
  }
  return buffer.str();
}

fs::path identity(const std::string &file) {
  std::error_code code;
  fs::path path = fs::weakly_canonical(file, code);
  return code ? fs::absolute(file).lexically_normal() : path;
}

// A child map without `dist:` merges into its parent key by key; anything else (scalars, lists,
// timelines, null, and distribution maps, which are one value) replaces the parent's whole.
Node merge(Node parent, Node child) {
  if (!parent.is_map() || !child.is_map() || child.find("dist") != nullptr) {
    return child;
  }
  parent.mark = child.mark;
  for (auto &entry : child.entries) {
    auto same = std::find_if(parent.entries.begin(), parent.entries.end(),
                             [&](const Entry &e) { return e.key == entry.key; });
    if (same == parent.entries.end()) {
      parent.entries.push_back(std::move(entry));
    } else {
      same->key_mark = entry.key_mark;
      same->value = merge(std::move(same->value), std::move(entry.value));
    }
  }
  return parent;
}

class Resolver {
public:
  Document resolve(const std::string &file, std::optional<std::string_view> text) {
    Node root = load(file, text);
    document_.root = std::move(root);
    return std::move(document_);
  }

private:
  Node load(const std::string &file, std::optional<std::string_view> text) {
    const std::size_t index = document_.files.size();
    document_.files.push_back(file);
    chain_.push_back({identity(file), file});
    const FileKind kind;
    Node root =
        parse(document_, Placement{index}, text ? std::string(*text) : read_text(file, kind), kind);
    if (root.is_null()) {
      root.kind = Node::Kind::map;
    }
    if (!root.is_map()) {
      throw errors::wrong_type(document_.locate(root.mark, ""), "a map of scenario keys",
                               describe(root));
    }
    auto extends = std::find_if(root.entries.begin(), root.entries.end(),
                                [](const Entry &e) { return e.key == "extends"; });
    if (extends == root.entries.end()) {
      chain_.pop_back();
      return root;
    }
    const Node named = extends->value;
    root.entries.erase(extends);
    if (!named.is_scalar() || named.text.empty()) {
      throw errors::wrong_type(document_.locate(named.mark, "extends"),
                               "the path of the scenario file to extend", describe(named));
    }
    const std::string parent =
        (fs::path(file).parent_path() / named.text).lexically_normal().generic_string();
    const fs::path parent_identity = identity(parent);
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (chain_[i].identity == parent_identity) {
        std::vector<std::string> cycle;
        for (std::size_t j = i; j < chain_.size(); ++j) {
          cycle.push_back(chain_[j].name);
        }
        cycle.push_back(chain_[i].name);
        throw errors::extends_cycle(document_.locate(named.mark, "extends"), cycle);
      }
    }
    std::error_code code;
    const fs::file_status status = fs::status(parent, code);
    if (code || !fs::exists(status)) {
      throw errors::extends_not_found(document_.locate(named.mark, "extends"), named.text, parent);
    }
    if (!fs::is_regular_file(status)) {
      throw errors::extends_not_a_file(document_.locate(named.mark, "extends"), named.text, parent,
                                       fs::is_directory(status) ? "a directory"
                                                                : "a device, a pipe or a socket");
    }
    Node base = load(parent, std::nullopt);
    chain_.pop_back();
    return merge(std::move(base), std::move(root));
  }

  struct Link {
    fs::path identity;
    std::string name;
  };
  Document document_;
  std::vector<Link> chain_;
};

void collect(const Document &document, const Node &node, const std::string &path,
             std::vector<ResolvedValue> &out) {
  auto add = [&](std::string value) {
    out.push_back(ResolvedValue{path, std::move(value), document.files.at(node.mark.file),
                                node.mark.line, node.mark.column});
  };
  switch (node.kind) {
  case Node::Kind::null:
    add("~");
    break;
  case Node::Kind::scalar:
    add(node.text);
    break;
  case Node::Kind::sequence:
    if (node.items.empty()) {
      add("[]");
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      collect(document, node.items[i], path + '[' + std::to_string(i) + ']', out);
    }
    break;
  case Node::Kind::map:
    if (node.entries.empty()) {
      add("{}");
    }
    for (const auto &entry : node.entries) {
      collect(document, entry.value, path.empty() ? entry.key : path + '.' + entry.key, out);
    }
    break;
  }
}

} // namespace

const Entry *Node::find(std::string_view key) const noexcept {
  for (const auto &entry : entries) {
    if (entry.key == key) {
      return &entry;
    }
  }
  return nullptr;
}

SourceLocation Document::locate(const Mark &mark, std::string key_path) const {
  return SourceLocation{mark.file < files.size() ? files[mark.file] : std::string(), mark.line,
                        mark.column, std::move(key_path)};
}

Document load_document(const std::string &file) { return Resolver().resolve(file, std::nullopt); }

Document load_document_from_string(std::string_view yaml, const std::string &file) {
  return Resolver().resolve(file, yaml);
}

Document parse_single_document(const std::string &file, std::optional<std::string_view> text,
                               const FileKind &kind) {
  Document document;
  document.files.push_back(file);
  document.root =
      parse(document, Placement{0}, text ? std::string(*text) : read_text(file, kind), kind);
  return document;
}

void apply_override(Document &document, const Override &override, std::size_t file, int line) {
  // The virtual line reads `KEY.PATH: VALUE`: the value starts after the path and `: `.
  const Placement placement{file, line, static_cast<int>(override.key_path.size()) + 2};
  Node value = parse(document, placement, override.value, FileKind{"an override value", "override"},
                     override.key_path);
  node_at(document, override.key_path, file, line) = std::move(value);
}

std::vector<ResolvedValue> leaves(const Document &document) {
  std::vector<ResolvedValue> out;
  if (document.root.is_map()) {
    for (const auto &entry : document.root.entries) {
      collect(document, entry.value, entry.key, out);
    }
  }
  return out;
}

std::string describe(const Node &node) {
  switch (node.kind) {
  case Node::Kind::null:
    return "nothing";
  case Node::Kind::sequence:
    return "a list";
  case Node::Kind::map:
    return "a map";
  case Node::Kind::scalar:
    break;
  }
  constexpr std::size_t kMax = 40;
  if (node.text.size() > kMax) {
    return '`' + node.text.substr(0, kMax) + "...`";
  }
  return '`' + node.text + '`';
}

std::string double_quoted(const std::string &text) {
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
    case '"':
      quoted += "\\\"";
      break;
    case '\\':
      quoted += "\\\\";
      break;
    case '\n':
      quoted += "\\n";
      break;
    case '\r':
      quoted += "\\r";
      break;
    case '\t':
      quoted += "\\t";
      break;
    default:
      quoted += c;
    }
  }
  return quoted + '"';
}

} // namespace removalsim::scenario::detail
