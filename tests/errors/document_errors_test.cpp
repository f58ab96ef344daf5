// Errors about the document itself: files, YAML syntax, keys, `extends:`.
#include "error_check.h"

#include <string>

using error_check::check;
using error_check::error_of;
using removalsim::scenario::load_scenario;
using removalsim::scenario::ScenarioError;

namespace {

const std::string kData = REMOVALSIM_TEST_DATA_DIR "/scenarios/";

ScenarioError file_error_of(const std::string &file) {
  try {
    (void)load_scenario(file);
  } catch (const ScenarioError &error) {
    return error;
  }
  FAIL("the scenario loaded without error");
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("scenario error: a file that does not exist", "[errors][document]") {
  check(file_error_of("errors/no_such_scenario.yaml"), "errors/no_such_scenario.yaml", 0, 0, "",
        "cannot read the scenario file: no such file");
}

TEST_CASE("scenario error: a directory instead of a file", "[errors][document]") {
  check(file_error_of(kData + "chain"), kData + "chain", 0, 0, "",
        "cannot read the scenario file: it is a directory");
}

TEST_CASE("scenario error: YAML syntax, at yaml-cpp's mark", "[errors][document]") {
  check(error_of("start: 2019-01-01\n"
                 "end: [2025-12-31\n"
                 "countries: {}\n"),
        3, 10, "", "YAML syntax error: end of sequence flow not found");
}

TEST_CASE("scenario error: several YAML documents in one file", "[errors][document]") {
  check(error_of("start: 2019-01-01\n"
                 "---\n"
                 "end: 2025-12-31\n"),
        3, 1, "", "a scenario file holds one YAML document, this one holds 2 (separated by `---`)");
}

TEST_CASE("scenario error: nesting too deep (recursive aliases)", "[errors][document]") {
  const std::string yaml = "name: " + std::string(70, '[') + std::string(70, ']') + "\n";
  std::string path = "name";
  for (int i = 0; i < 64; ++i) {
    path += "[0]";
  }
  // The node at depth 65 (the root is depth 0) is the 65th bracket, at column 6 + 65.
  check(error_of(yaml), 1, 71, path,
        "the document is nested more than 64 levels deep (a recursive YAML alias?)");
}

TEST_CASE("scenario error: too many values (an alias of aliases)", "[errors][document]") {
  // Each line uses the previous one's alias ten times: 10^6 values on the last line.
  const std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
                           "a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
                           "a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\n"
                           "a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n"
                           "a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]\n"
                           "a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]\n";
  // An alias's nodes carry the marks of its anchor's text, so the place is inside line 1.
  check(error_of(yaml), 1, 37, "a5[7][8][8][8][8][9]",
        "the document holds more than 1000000 values, the most a file may hold (an alias counts "
        "at each use)");
}

TEST_CASE("a distribution of 12,000 values, with no alias, is within the document's cap",
          "[errors][document]") {
  std::string values;
  std::string weights;
  for (int day = 0; day < 12000; ++day) {
    values += (day == 0 ? "" : ", ") + std::to_string(day % 90);
    weights += day == 0 ? "1" : ", 1";
  }
  const auto loaded = removalsim::scenario::load_scenario_from_string(
      "start: 2019-01-01\nend: 2025-12-31\ncountries: {MA: {oqtf_per_year: 9500}}\n"
      "national: {document_check_days: {dist: empirical, values: [" +
          values + "], weights: [" + weights + "]}}\n",
      error_check::kFile);
  REQUIRE(loaded.scenario.countries.size() == 1);
}

TEST_CASE("scenario error: a key that is not a plain name", "[errors][document]") {
  check(error_of("start: 2019-01-01\n"
                 "? [a, b]\n"
                 ": 1\n"),
        2, 3, "", "a key must be a plain name, not a list");
}

TEST_CASE("scenario error: a duplicate key", "[errors][document]") {
  check(error_of("start: 2019-01-01\n"
                 "national:\n"
                 "  voluntary_share: 0.1\n"
                 "  voluntary_share: 0.2\n"),
        4, 3, "national.voluntary_share",
        "duplicate key `voluntary_share` (already set on line 3)");
}

TEST_CASE("scenario error: the document is not a map", "[errors][document]") {
  check(error_of("- start: 2019-01-01\n"), 1, 1, "", "expected a map of scenario keys, got a list");
}

TEST_CASE("scenario error: an unknown top-level key, with a suggestion", "[errors][document]") {
  check(error_of("strat: 2019-01-01\n"), 1, 1, "strat",
        "unknown key `strat`; did you mean `start`?");
}

TEST_CASE("scenario error: `extends:` names a file that does not exist", "[errors][extends]") {
  check(file_error_of(kData + "extends_missing.yaml"), kData + "extends_missing.yaml", 2, 10,
        "extends",
        "`extends:` file `no_such_base.yaml` not found (looked for `" + kData +
            "no_such_base.yaml`)");
}

TEST_CASE("scenario error: `extends:` names a directory or a device", "[errors][extends]") {
  check(error_of("extends: /\n"), 1, 10, "extends",
        "`extends:` file `/` is a directory, not a scenario file (`/`)");
  check(error_of("extends: /dev/zero\n"), 1, 10, "extends",
        "`extends:` file `/dev/zero` is a device, a pipe or a socket, not a scenario file "
        "(`/dev/zero`)");
}

TEST_CASE("scenario error: an `extends:` cycle is named in full", "[errors][extends]") {
  const std::string a = kData + "cycle_a.yaml";
  const std::string b = kData + "cycle_b.yaml";
  check(file_error_of(a), b, 2, 10, "extends", "`extends:` cycle: " + a + " -> " + b + " -> " + a);
}

TEST_CASE("scenario error: a file that extends itself", "[errors][extends]") {
  const std::string self = kData + "virtual_self.yaml";
  check(error_of("extends: virtual_self.yaml\n", self), self, 1, 10, "extends",
        "`extends:` cycle: " + self + " -> " + self);
}

TEST_CASE("scenario error: `extends:` is not a file name", "[errors][extends]") {
  check(error_of("extends: [base.yaml]\n"), 1, 10, "extends",
        "expected the path of the scenario file to extend, got a list");
}
