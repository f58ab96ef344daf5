#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/value_tags.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using namespace removalsim::scenario;
namespace fs = std::filesystem;

namespace {

const std::string kData = REMOVALSIM_TEST_DATA_DIR;

/// A scenario file written to a fresh temporary directory, with the file it extends.
struct TaggedFiles {
  fs::path directory = fs::temp_directory_path() / "removalsim-value-tags-test";
  fs::path child = directory / "child.yaml";

  TaggedFiles() {
    fs::create_directories(directory);
    std::ofstream(directory / "base.yaml") << std::ifstream(kData + "/scenarios/base.yaml").rdbuf();
    std::ofstream(child) << "# A what-if of the test.\n"
                            "# [setting: the test's what-if]\n"
                            "extends: base.yaml\n"
                            "national:\n"
                            "  document_share: 0.5      # [sourced: row 7]\n"
                            "  lpc:                     # [guess: no figure]\n"
                            "    issue_probability: 0.6\n"
                            "  no_delay_share: 0.2\n";
  }
  ~TaggedFiles() { fs::remove_all(directory); }
};

const ValueTag *tag_of(const LoadedScenario &loaded,
                       const std::vector<std::optional<ValueTag>> &tags, const std::string &key) {
  for (std::size_t v = 0; v < tags.size(); ++v) {
    if (loaded.provenance[v].key_path == key) {
      return tags[v] ? &*tags[v] : nullptr;
    }
  }
  FAIL("no value " << key);
  return nullptr;
}

} // namespace

TEST_CASE("tag_on_line reads the tag in a line's comment, not in its value") {
  const auto sourced = tag_on_line("  share: 0.3   # [sourced: fr_cra_2024] and a remark");
  REQUIRE(sourced);
  CHECK(sourced->kind == "sourced");
  CHECK(sourced->note == "fr_cra_2024");
  CHECK(sourced->text == "[sourced: fr_cra_2024]");
  const auto guess = tag_on_line("  - {day: 2, release_probability: 0.25}  # [guess]");
  REQUIRE(guess);
  CHECK(guess->kind == "guess");
  CHECK(guess->note.empty());
  CHECK_FALSE(tag_on_line("  name: \"[sourced: not a comment] # x\""));
  CHECK_FALSE(tag_on_line("  value: 3   # see [1], a footnote"));
  CHECK_FALSE(tag_on_line("  value: 3"));
}

TEST_CASE("tag_syntax_errors names each malformed tag and its line") {
  const auto errors = tag_syntax_errors("a: 1  # [sourced: x]\n"
                                        "b: 2  # [sourced mean: x; sd guess]\n"
                                        "c: 3  # [guess\n"
                                        "d: 4  # [derived: ]\n"
                                        "e: 5  # [1] is not a tag\n");
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].message ==
        "malformed tag `[sourced mean: x; sd guess]`: write `[sourced]` or `[sourced: TEXT]`");
  CHECK(errors[1].line == 3);
  CHECK(errors[1].message == "malformed tag `[guess`: no closing `]`");
  CHECK(errors[2].line == 4);
}

TEST_CASE("value_tags: the value's line, else its enclosing key's, else its file's own tag") {
  const TaggedFiles files;
  auto loaded = load_scenario(files.child);
  auto tags = value_tags(loaded);
  REQUIRE(tags.size() == loaded.provenance.size());
  REQUIRE(tag_of(loaded, tags, "national.document_share"));
  CHECK(tag_of(loaded, tags, "national.document_share")->text == "[sourced: row 7]");
  REQUIRE(tag_of(loaded, tags, "national.lpc.issue_probability"));
  CHECK(tag_of(loaded, tags, "national.lpc.issue_probability")->kind == "guess");
  REQUIRE(tag_of(loaded, tags, "national.no_delay_share"));
  CHECK(tag_of(loaded, tags, "national.no_delay_share")->text == "[setting: the test's what-if]");
  // base.yaml has no tags: its values stay untagged, whatever the child says.
  CHECK_FALSE(tag_of(loaded, tags, "start"));

  loaded.set("national.no_delay_share", 0.25);
  tags = value_tags(loaded);
  CHECK_FALSE(tag_of(loaded, tags, "national.no_delay_share"));
  const std::string shown = format_resolved_with_tags(loaded);
  CHECK(shown.find("national.document_share: 0.5") != std::string::npos);
  CHECK(shown.find("[sourced: row 7]\n") != std::string::npos);
  CHECK(shown.find("# tags: 1 sourced, 0 derived, 1 guess, 0 calibrated, 0 setting; ") !=
        std::string::npos);
}
