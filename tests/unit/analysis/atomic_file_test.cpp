#include "removalsim/analysis/atomic_file.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
  const fs::path missing = directory / "no" / "such" / "file.csv";
  REQUIRE_THROWS_AS(write_file_atomically(missing, "x"), OutputError);
  REQUIRE_THROWS_WITH(write_file_atomically(missing, "x"),
                      "cannot write " + missing.string() + ": No such file or directory");
  REQUIRE(OutputError("x").category() == removalsim::ErrorCategory::output);
  write_file_atomically(directory / "ok.csv", "content");
  REQUIRE(read(directory / "ok.csv") == "content");
  fs::remove_all(directory);
}

TEST_CASE("a target that cannot be replaced is an output error naming both files",
          "[analysis][output]") {
  const fs::path directory = fresh_directory("occupied");
  const fs::path target = directory / "out.csv";
  fs::create_directories(target / "inside"); // a directory that is not empty: rename fails
  try {
    write_file_atomically(target, "content");
    FAIL("the directory was replaced");
  } catch (const OutputError &error) {
    const std::string what = error.what();
    REQUIRE(what.rfind("cannot move " + target.string() + ".tmp-", 0) == 0);
    REQUIRE(what.find(" to " + target.string() + ": ") != std::string::npos);
  }
  REQUIRE(entries(directory) == 1);
  fs::remove_all(directory);
}

TEST_CASE("a full disk is an output error that leaves the old output and no temporary file",
          "[analysis][output]") {
  const fs::path directory = fresh_directory("full-disk");
  const fs::path target = directory / "out.csv";
  std::ofstream(target) << "old content";
  // The child process gets a 4 KiB file-size limit, which makes writes beyond it fail with EFBIG
  // as on a full disk (SIGXFSZ ignored so that the write fails rather than killing the process).
  enum ChildResult {
    kAsExpected = 0,
    kNoError = 1,
    kTargetReplaced = 2,
    kDebrisLeft = 3,
    kOtherMessage = 4
  };
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    int result = kNoError;
    try {
      write_file_atomically(target, std::string(1 << 20, 'x'));
    } catch (const OutputError &error) {
      result = read(target) != "old content" ? kTargetReplaced
               : entries(directory) != 1     ? kDebrisLeft
               : std::string(error.what()) != "writing " + target.string() + " failed (disk full?)"
                   ? kOtherMessage
                   : kAsExpected;
    }
    ::_exit(result);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == kAsExpected);
  REQUIRE(read(target) == "old content");
  REQUIRE(entries(directory) == 1);
}
