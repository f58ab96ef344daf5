#pragma once

#include "removalsim/model/parameters.h"
#include "removalsim/scenario/scenario_error.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// One leaf value of a resolved scenario document (after `extends:`) and where it was written.
struct ResolvedValue {
  /// Dotted key path; list items as `[i]`, e.g. `national.validity_days[1].value`.
  std::string key_path;
  /// The value as written (`~` for an empty value, `[]` / `{}` for an empty list / map).
  std::string value;
  /// The file as the user named it (or as derived from an `extends:` path).
  std::string file;
  /// 1-based line and column.
  int line = 0;
  int column = 0;
  friend bool operator==(const ResolvedValue &, const ResolvedValue &) = default;
};

namespace detail {
struct Document;
} // namespace detail

/// A validated scenario and the provenance of every value in it.
struct LoadedScenario {
  model::Scenario scenario;
  /// Every leaf of the resolved document, in document order (a parent's keys first, then the keys
  /// a child adds). The consumed `extends:` keys are not listed.
  std::vector<ResolvedValue> provenance;
  /// The files read: the one loaded, then each file it extends, in chain order.
  std::vector<std::string> files;
  /// The resolved document (`extends:` and overrides applied) the scenario was built from.
  std::shared_ptr<const detail::Document> document;
  /// The targets file the scenario names (`targets: PATH`, relative to the file that writes it),
  /// as a path from the working directory; empty when it names none. `run` compares the targets
  /// marked `headline` with its results.
  std::string targets_file;

  /// Puts the number `value` at `key_path` of the resolved document and rebuilds `scenario` and
  /// `provenance`: the effect and precedence of a one-key override (see `Override`: a national
  /// value reaches every country and profile that does not set the key itself), applied in
  /// memory, with no file read and no YAML text. `key_path` uses the provenance syntax
  /// (`countries.MA.lpc.delay[1].value.mean`); +infinity is written `unlimited`. Throws
  /// ScenarioError, naming the virtual file `set` whose line i is the i-th value set, for a bad
  /// path or value; the scenario is then unchanged.
  void set(std::string_view key_path, double value);

  /// The leaf of `provenance` at `key_path` (provenance syntax), or nullptr when the resolved
  /// document has none there (e.g. a country's key that inherits the national value).
  const ResolvedValue *leaf(std::string_view key_path) const;

  /// Values put by `set` so far.
  int values_set = 0;
};

/// The finite number that `text` (a leaf's value as written) spells exactly, or nullopt.
std::optional<double> finite_number(std::string_view text);

/// Loads, resolves (`extends:`) and validates the scenario in `file`. Error messages name files
/// as given: a relative `file` stays relative, and an `extends:` path is joined to the directory
/// of the file that names it. Throws ScenarioError on any invalid input.
LoadedScenario load_scenario(const std::filesystem::path &file);

/// As `load_scenario`, from YAML text; `file_name` is the name used in messages and provenance,
/// and the directory against which `extends:` paths are resolved (the current directory when it
/// has none). The file itself is never read.
LoadedScenario load_scenario_from_string(std::string_view yaml, const std::string &file_name);

/// A value put at a key path of the resolved document (after `extends:`) before validation: what
/// calibration, sensitivity analysis and sweeps vary. `key_path` uses the provenance syntax
/// (`countries.MA.lpc.issue_probability`, `national.validity_days[1].value`); `value` is YAML text
/// (`0.4`, `unlimited`, `{dist: exponential, mean: 10}`).
struct Override {
  std::string key_path;
  std::string value;
  friend bool operator==(const Override &, const Override &) = default;
};

/// As `load_scenario`, with `overrides` applied in order to the resolved document before
/// validation. A key missing on the path is created (maps only: e.g. setting a country's own
/// `document_share` that it inherited from `national`); a list index must exist. The value
/// replaces whatever was at the path, whole (no merge). The result is validated as any scenario:
/// a bad value or an unknown key names the override. In messages and provenance the overrides
/// are the virtual file `override` whose line i (1-based) is override i written `KEY.PATH: VALUE`,
/// so a column points into the key path or the value. `files` lists only the files read.
LoadedScenario load_scenario(const std::filesystem::path &file,
                             const std::vector<Override> &overrides);

/// As `load_scenario(file, overrides)`, from YAML text named `file_name` (see
/// `load_scenario_from_string`).
LoadedScenario load_scenario_from_string(std::string_view yaml, const std::string &file_name,
                                         const std::vector<Override> &overrides);

/// A readable listing of the resolved document, one `key.path: value    # file:line` per line,
/// comments aligned (what `removalsim check` prints).
std::string format_resolved(const LoadedScenario &loaded);

} // namespace removalsim::scenario
