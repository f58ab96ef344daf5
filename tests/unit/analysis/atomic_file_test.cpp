#include "removalsim/analysis/atomic_file.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using removalsim::analysis::AtomicFile;
using removalsim::analysis::OutputError;
using removalsim::analysis::write_file_atomically;

namespace {

fs::path fresh_directory(const std::string &name) {
  const fs::path directory = fs::temp_directory_path() / ("removalsim-atomic-" + name);
  fs::remove_all(directory);
  fs::create_directories(directory);
  return directory;
}

std::string read(const fs::path &file) {
  std::ifstream in(file);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::size_t entries(const fs::path &directory) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(directory), fs::directory_iterator()));
}

} // namespace

TEST_CASE("an atomic file appears only on commit", "[analysis][output]") {
  const fs::path directory = fresh_directory("commit");
  const fs::path target = directory / "out.csv";
  std::ofstream(target) << "old content";
  {
    AtomicFile file(target);
    file.stream() << "new content";
    REQUIRE(read(target) == "old content");
    file.commit();
  }
  REQUIRE(read(target) == "new content");
  REQUIRE(entries(directory) == 1);
  fs::remove_all(directory);
}

TEST_CASE("an uncommitted atomic file leaves the target untouched and no debris",
          "[analysis][output]") {
  const fs::path directory = fresh_directory("abandon");
  const fs::path target = directory / "out.csv";
  std::ofstream(target) << "old content";
  {
    AtomicFile file(target);
    file.stream() << "half written";
  }
  REQUIRE(read(target) == "old content");
  REQUIRE(entries(directory) == 1);
  fs::remove_all(directory);
}

TEST_CASE("writing into a missing directory is a clear output error", "[analysis][output]") {
  const fs::path directory = fresh_directory("missing");
  REQUIRE_THROWS_AS(write_file_atomically(directory / "no" / "such" / "file.csv", "x"),
                    OutputError);
  write_file_atomically(directory / "ok.csv", "content");
  REQUIRE(read(directory / "ok.csv") == "content");
  fs::remove_all(directory);
}
