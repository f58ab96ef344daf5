#include "printing.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using removalsim::scenario::finite_number;
using removalsim::scenario::format_resolved;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::ResolvedValue;
using removalsim::scenario::ScenarioError;
using removalsim::scenario::SourceLocation;

TEST_CASE("scenario provenance: every leaf in document order, list items indexed",
          "[scenario][provenance]") {
  const auto loaded = load_scenario_from_string("start: 2019-01-01\n"
                                                "end: 2019-12-31\n"
                                                "national:\n"
                                                "  validity_days:\n"
                                                "    - {from: 2019-01-01, value: 365}\n"
                                                "  detention: {reviews: []}\n"
                                                "countries:\n"
                                                "  MA: {oqtf_per_year: 9500}\n",
                                                "dir/p.yaml");
  const std::string f = "dir/p.yaml";
  REQUIRE(loaded.provenance == std::vector<ResolvedValue>{
                                   {"start", "2019-01-01", f, 1, 8},
                                   {"end", "2019-12-31", f, 2, 6},
                                   {"national.validity_days[0].from", "2019-01-01", f, 5, 14},
                                   {"national.validity_days[0].value", "365", f, 5, 33},
                                   {"national.detention.reviews", "[]", f, 6, 24},
                                   {"countries.MA.oqtf_per_year", "9500", f, 8, 23},
                               });
}

TEST_CASE("scenario provenance: leaf finds a key's leaf, finite_number reads its value",
          "[scenario][provenance]") {
  const auto loaded = load_scenario_from_string("start: 2019-01-01\n"
                                                "end: 2019-12-31\n"
                                                "national: {document_share: 0.25}\n"
                                                "countries:\n"
                                                "  AA: {oqtf_per_year: 100}\n",
                                                "leaf.yaml");
  const ResolvedValue *share = loaded.leaf("national.document_share");
  REQUIRE(share != nullptr);
  CHECK(share->value == "0.25");
  CHECK(share->line == 3);
  CHECK(loaded.leaf("countries.AA.document_share") == nullptr); // inherited: no leaf of its own
  CHECK(finite_number(share->value) == 0.25);
  CHECK_FALSE(finite_number("unlimited"));
  CHECK_FALSE(finite_number("0.25 days"));
  CHECK_FALSE(finite_number("1e400"));
}

TEST_CASE("scenario provenance: format_resolved lists `key: value    # file:line`, aligned",
          "[scenario][provenance]") {
  const auto loaded = load_scenario_from_string("name: 'a # b'\n"
                                                "start: 2019-01-01\n"
                                                "end: 2019-12-31\n"
                                                "countries:\n"
                                                "  MA:\n"
                                                "    oqtf_per_year: 9500\n",
                                                "x.yaml");
  REQUIRE(format_resolved(loaded) == "name: \"a # b\"                       # x.yaml:1\n"
                                     "start: 2019-01-01                   # x.yaml:2\n"
                                     "end: 2019-12-31                     # x.yaml:3\n"
                                     "countries.MA.oqtf_per_year: 9500    # x.yaml:6\n");
}

TEST_CASE("scenario error: what() is one line `FILE:LINE:COLUMN: KEY.PATH: message`",
          "[scenario][error]") {
  const ScenarioError full(SourceLocation{"a.yaml", 3, 7, "national.voluntary_share"}, "bad");
  REQUIRE(std::string(full.what()) == "a.yaml:3:7: national.voluntary_share: bad");
  REQUIRE(full.file() == "a.yaml");
  REQUIRE(full.line() == 3);
  REQUIRE(full.column() == 7);
  REQUIRE(full.key_path() == "national.voluntary_share");
  REQUIRE(full.message() == "bad");

  const ScenarioError no_key(SourceLocation{"a.yaml", 1, 2, ""}, "two\nlines");
  REQUIRE(std::string(no_key.what()) == "a.yaml:1:2: two\\nlines");
  const ScenarioError no_line(SourceLocation{"a.yaml", 0, 0, ""}, "unreadable");
  REQUIRE(std::string(no_line.what()) == "a.yaml: unreadable");
  const removalsim::Error &root = full; // part of the project's error hierarchy
  REQUIRE(std::string(root.what()) == full.what());
  REQUIRE(root.category() == removalsim::ErrorCategory::user);
}
