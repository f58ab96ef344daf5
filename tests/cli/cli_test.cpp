#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

/// A fresh empty directory under the system's temporary directory, removed at the end.
class TemporaryDirectory {
public:
  explicit TemporaryDirectory(const std::string &name)
      : path_(fs::temp_directory_path() / ("removalsim-cli-" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path &path() const { return path_; }

private:
  fs::path path_;
};

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

std::string read(const fs::path &file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

/// Runs `removalsim ARGUMENTS` with stdout and stderr captured in `scratch`.
Outcome removalsim(const std::string &arguments, const fs::path &scratch) {
  const fs::path out = scratch / "stdout.txt";
  const fs::path err = scratch / "stderr.txt";
  const std::string command = std::string(REMOVALSIM_BINARY) + " " + arguments + " >" +
                              out.string() + " 2>" + err.string() + " </dev/null";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
}

const std::string kData = REMOVALSIM_CLI_DATA_DIR;

} // namespace

TEST_CASE("the version flag prints the version", "[cli]") {
  TemporaryDirectory scratch("version");
  const Outcome outcome = removalsim("--version", scratch.path());
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.out.rfind("removalsim ", 0) == 0);
}

TEST_CASE("run writes identical outputs whatever the thread count", "[cli]") {
  TemporaryDirectory scratch("threads");
  const fs::path one = scratch.path() / "one";
  const fs::path two = scratch.path() / "two";
  const std::string common = "run " + kData + "/tiny.yaml --replications 4 --seed 9 ";
  REQUIRE(removalsim(common + "--threads 1 --out " + one.string(), scratch.path()).exit_code == 0);
  const Outcome second = removalsim(common + "--threads 2 --out " + two.string(), scratch.path());
  REQUIRE(second.exit_code == 0);
  REQUIRE(second.out.find("Flows per year") != std::string::npos);
  for (const char *file : {"monthly.csv", "summary.csv"}) {
    INFO(file);
    REQUIRE(read(one / file) == read(two / file));
  }
  const std::string monthly = read(one / "monthly.csv");
  REQUIRE(monthly.rfind("replication,month,country,profile,metric,value\n", 0) == 0);
  REQUIRE(monthly.find(",2023-06,AA,public_order,oqtf_issued,") != std::string::npos);
  REQUIRE(monthly.find(",ALL,ALL,detention_occupancy,") != std::string::npos);
  REQUIRE(read(one / "summary.csv").rfind("period,country,metric,mean,ci_low,ci_high\n", 0) == 0);
  const std::string run_json = read(one / "run.json");
  REQUIRE(run_json.find("\"seed\": 9") != std::string::npos);
  REQUIRE(run_json.find("\"replications\": 4") != std::string::npos);
  // Nothing but the three outputs is left behind (no temporary files).
  REQUIRE(std::distance(fs::directory_iterator(one), fs::directory_iterator()) == 3);
}

TEST_CASE("a scenario error exits with 2, names the place and writes nothing", "[cli]") {
  TemporaryDirectory scratch("bad");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome =
      removalsim("run " + kData + "/bad-key.yaml --out " + out.string(), scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("bad-key.yaml:7:") != std::string::npos);
  REQUIRE(outcome.err.find("issue_probability") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out));
}

TEST_CASE("a missing scenario file exits with 2", "[cli]") {
  TemporaryDirectory scratch("missing");
  const Outcome outcome = removalsim("run " + kData + "/no-such-file.yaml", scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("no-such-file.yaml") != std::string::npos);
}

TEST_CASE("an unwritable output directory exits with 3 before simulating", "[cli]") {
  TemporaryDirectory scratch("unwritable");
  const fs::path blocker = scratch.path() / "file";
  std::ofstream(blocker) << "not a directory";
  const Outcome outcome =
      removalsim("run " + kData + "/tiny.yaml --out " + (blocker / "out").string(), scratch.path());
  REQUIRE(outcome.exit_code == 3);
  REQUIRE(outcome.err.find("cannot create output directory") != std::string::npos);
  REQUIRE(outcome.out.empty());
}

TEST_CASE("a command-line mistake exits with 2", "[cli]") {
  TemporaryDirectory scratch("usage");
  REQUIRE(removalsim("frobnicate", scratch.path()).exit_code == 2);
  REQUIRE(removalsim("run --replications 0", scratch.path()).exit_code == 2);
}

TEST_CASE("check prints every resolved value with its file", "[cli]") {
  TemporaryDirectory scratch("check");
  const Outcome outcome = removalsim("check " + kData + "/tiny.yaml", scratch.path());
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.out.find("countries.AA.oqtf_per_year: 2000") != std::string::npos);
  REQUIRE(outcome.out.find("tiny.yaml:") != std::string::npos);
  REQUIRE(outcome.out.find("valid (2 countries)") != std::string::npos);
}
