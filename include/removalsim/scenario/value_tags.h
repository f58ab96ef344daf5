#pragma once

#include "removalsim/scenario/loader.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// Where a value comes from, as its file says in a comment (scenarios/README.md, "Provenance
/// tags"): `[sourced: WHAT]`, `[derived: HOW]`, `[guess]` or `[guess: WHY]`, `[calibrated: BY]`
/// or `[setting: WHY]` (a modelling choice: dates, a what-if's lever).
struct ValueTag {
  /// `sourced`, `derived`, `guess`, `calibrated` or `setting`.
  std::string kind;
  /// The text after `KIND: ` (empty for `[guess]`).
  std::string note;
  /// The tag as written, brackets included.
  std::string text;
};

/// A comment that starts like a tag (`[sourced`...) but does not follow the syntax.
struct TagSyntaxError {
  int line = 0;
  std::string message;
};

/// The tag in the comment of one line of YAML, if any (the first, if several).
std::optional<ValueTag> tag_on_line(std::string_view line);

/// Every malformed tag in a file's text, by line.
std::vector<TagSyntaxError> tag_syntax_errors(std::string_view text);

/// The tag of each value of `loaded.provenance` (same order): the tag on the value's own line,
/// else on the line of its nearest enclosing key or list item, else the file's own tag (one
/// written in the comments before its first key, for a file whose values share their origin: a
/// calibrated scenario, a what-if). Nothing for a value without any, or set in memory (`set`,
/// overrides). Reads the scenario's files again.
std::vector<std::optional<ValueTag>> value_tags(const LoadedScenario &loaded);

/// `format_resolved` with each value's tag after its file and line, then a count by kind:
/// `# tags: 106 sourced, 30 derived, 12 guess, 0 calibrated, 3 setting; 16 untagged`.
std::string format_resolved_with_tags(const LoadedScenario &loaded);

} // namespace removalsim::scenario
