// Errors about overrides (`load_scenario(file, overrides)`): the overrides are the virtual file
// `override`, line i holding override i written `KEY.PATH: VALUE`.
#include "error_check.h"

#include <stdexcept>
#include <string>
#include <vector>

using error_check::check;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::Override;
using removalsim::scenario::ScenarioError;

namespace {

const std::string kScenario = "start: 2019-01-01\n"
                              "end: 2025-12-31\n"
                              "national:\n"
                              "  validity_days: [{from: 2019-01-01, value: 365}, "
                              "{from: 2024-01-28, value: 1095}]\n"
                              "  lpc: {delay: {dist: gamma, mean: 20, sd: 10}}\n"
                              "countries:\n"
                              "  MA: {oqtf_per_year: 9500}\n";

/// The error of loading kScenario with `overrides` (a harmless first override, so that the
/// failing one is line 2 of the virtual file).
ScenarioError override_error(const Override &failing) {
  const std::vector<Override> overrides{{"national.voluntary_share", "0.1"}, failing};
  try {
    (void)load_scenario_from_string(kScenario, error_check::kFile, overrides);
  } catch (const ScenarioError &error) {
    return error;
  }
  FAIL("the scenario loaded without error");
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("override error: a malformed key path", "[errors][override]") {
  check(override_error({"national..voluntary_share", "0.2"}), "override", 2, 1, "",
        "`national..voluntary_share` is not a key path (names separated by `.`, list items as "
        "`[i]`, e.g. `countries.MA.lpc.issue_probability[1].value`)");
  check(override_error({"national.validity_days[x].value", "0.2"}), "override", 2, 1, "",
        "`national.validity_days[x].value` is not a key path (names separated by `.`, list "
        "items as `[i]`, e.g. `countries.MA.lpc.issue_probability[1].value`)");
}

TEST_CASE("override error: `extends` cannot be overridden", "[errors][override]") {
  check(override_error({"extends", "other.yaml"}), "override", 2, 1, "extends",
        "`extends` cannot be overridden: overrides apply to the document once `extends:` is "
        "resolved");
}

TEST_CASE("override error: a list index that does not exist", "[errors][override]") {
  check(override_error({"national.validity_days[2].value", "730"}), "override", 2, 23,
        "national.validity_days[2]",
        "item [2] does not exist: the list has 2 items (an override cannot add list items)");
}

TEST_CASE("override error: an index into something that is not a list", "[errors][override]") {
  check(override_error({"national.lpc.delay[0].value", "12"}), "override", 2, 19,
        "national.lpc.delay[0]", "cannot take item [0] of a map, only of a list");
}

TEST_CASE("override error: a key inside something that is not a map", "[errors][override]") {
  check(override_error({"national.validity_days.value", "730"}), "override", 2, 24,
        "national.validity_days.value", "cannot set `value` inside a list, only inside a map");
  check(override_error({"countries.MA.oqtf_per_year.value", "1"}), "override", 2, 28,
        "countries.MA.oqtf_per_year.value", "cannot set `value` inside `9500`, only inside a map");
}

TEST_CASE("override error: an unknown key is named at its place in the path, with a suggestion",
          "[errors][override]") {
  check(override_error({"countries.MA.lpc.issue_probabilty", "0.4"}), "override", 2, 18,
        "countries.MA.lpc.issue_probabilty",
        "unknown key `issue_probabilty`; did you mean `issue_probability`?");
  check(override_error({"nationl.voluntary_share", "0.4"}), "override", 2, 1, "nationl",
        "unknown key `nationl`; did you mean `national`?");
}

TEST_CASE("override error: a bad value is named at the value's column", "[errors][override]") {
  check(override_error({"national.validity_days[1].value", "-5"}), "override", 2, 34,
        "national.validity_days[1].value", "a number of days must be >= 0, got -5");
  check(override_error({"countries.MA.lpc.issue_probability", "1.5"}), "override", 2, 37,
        "countries.MA.lpc.issue_probability", "a probability must be in [0, 1], got 1.5");
  // Inside a distribution map given as the value: the column of `mean`'s value.
  check(override_error({"national.lpc.delay", "{dist: exponential, mean: -3}"}), "override", 2, 47,
        "national.lpc.delay.mean", "the `exponential` distribution needs mean > 0, got -3");
}

TEST_CASE("override error: a value that is not valid YAML", "[errors][override]") {
  const ScenarioError error = override_error({"national.lpc.delay", "{dist: gamma, mean: 3"});
  CHECK(error.file() == "override");
  CHECK(error.line() == 2);
  CHECK(error.key_path() == "national.lpc.delay");
  CHECK(error.message().rfind("YAML syntax error: ", 0) == 0);
}

TEST_CASE("override error: a value holding several YAML documents", "[errors][override]") {
  check(override_error({"national.voluntary_share", "0.1\n---\n0.2"}), "override", 2, 27,
        "national.voluntary_share",
        "an override value holds one YAML document, this one holds 2 (separated by `---`)");
}
