#pragma once

#include "removalsim/scenario/loader.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace removalsim::studies {

/// Who made an output, and how: the opening fields of every output's JSON record.
struct Invocation {
  /// The command line as typed, program name first.
  std::vector<std::string> command_line{};
  /// removalsim's version.
  std::string version{};
  /// `git describe --always --dirty` of the checkout removalsim was built from; empty when it was
  /// not built from one.
  std::string git_commit{};
};

/// The invocation `command_line` of this build: its version and the commit it was built from.
Invocation invocation_of(std::vector<std::string> command_line);

/// Now, in UTC, ISO 8601 to the second: `2026-12-07T22:58:43Z`.
std::string utc_timestamp();

/// A record's opening fields: `command_line`, `version`, `git_commit` (null outside a checkout)
/// and `created` (UTC, ISO 8601, to the second).
nlohmann::ordered_json output_record(const Invocation &invocation);

/// Adds what was simulated: `scenario` (the path as given), `scenario_files` (the file and those
/// it extends), `scenario_hash` (FNV-1a of the resolved document: the same for the same values,
/// whatever the files' layout) and `parameters`, every resolved value by key path (a number where
/// it reads as one, else the text as written).
void add_scenario(nlohmann::ordered_json &record, const scenario::LoadedScenario &loaded,
                  const std::string &path);

/// The record as written to a file: two-space indentation and a final newline.
std::string record_text(const nlohmann::ordered_json &record);

} // namespace removalsim::studies
