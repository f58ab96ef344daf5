#pragma once
// Shared by the error tests: load a document that must fail and check the whole error.

#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace error_check {

/// The virtual file name of inline documents.
inline const std::string kFile = "errors/case.yaml";

/// A valid scenario head (dates and one country) that a case adds to from line 4.
inline const std::string kHead = "start: 2019-01-01\n"
                                 "end: 2025-12-31\n"
                                 "countries: {MA: {oqtf_per_year: 9500}}\n";

/// The ScenarioError that loading `yaml` raises (fails the test when it loads).
inline removalsim::scenario::ScenarioError error_of(std::string_view yaml,
                                                    const std::string &file = kFile) {
  try {
    (void)removalsim::scenario::load_scenario_from_string(yaml, file);
  } catch (const removalsim::scenario::ScenarioError &error) {
    return error;
  }
  FAIL("the scenario loaded without error");
  throw std::logic_error("unreachable");
}

/// Checks every part of `error` and its one-line `what()`.
inline void check(const removalsim::scenario::ScenarioError &error, const std::string &file,
                  int line, int column, const std::string &key_path, const std::string &message) {
  CHECK(error.file() == file);
  CHECK(error.line() == line);
  CHECK(error.column() == column);
  CHECK(error.key_path() == key_path);
  CHECK(error.message() == message);
  std::string what = file;
  if (line > 0) {
    what += ':' + std::to_string(line) + ':' + std::to_string(column);
  }
  what += ": " + (key_path.empty() ? std::string() : key_path + ": ") + message;
  CHECK(std::string(error.what()) == what);
  CHECK(what.find('\n') == std::string::npos);
}

/// As above for an inline document (file `kFile`).
inline void check(const removalsim::scenario::ScenarioError &error, int line, int column,
                  const std::string &key_path, const std::string &message) {
  check(error, kFile, line, column, key_path, message);
}

} // namespace error_check
