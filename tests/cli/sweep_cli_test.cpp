// `removalsim sweep` on one machine: outputs, determinism, failure, kill and resume.
#include "command_runner.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

using removalsim::testing::Outcome;
using removalsim::testing::read;
using removalsim::testing::run_captured;
using removalsim::testing::run_removalsim;
using removalsim::testing::TemporaryDirectory;

const std::string kSweep = std::string(REMOVALSIM_CLI_DATA_DIR) + "/sweep/tiny-sweep.yaml";

/// Runs the command's test build (tests/cli/removalsim_with_faults.cpp), which injects the faults
/// that the REMOVALSIM_TEST_* variables of its environment ask for.
Outcome run_with_faults(const std::string &arguments, const fs::path &scratch) {
  return run_captured(std::string(REMOVALSIM_WITH_FAULTS_BINARY) + " " + arguments, scratch);
}

/// An environment variable set for the life of the object (the commands run inherit it).
class ScopedVariable {
public:
  ScopedVariable(const char *name, const char *value) : name_(name) { ::setenv(name, value, 1); }
  ScopedVariable(const ScopedVariable &) = delete;
  ScopedVariable &operator=(const ScopedVariable &) = delete;
  ~ScopedVariable() { ::unsetenv(name_); }

private:
  const char *name_;
};

/// Killed by SIGKILL: the shell that ran it reports the signal, or exits with 128 + 9.
bool killed(const Outcome &outcome) { return outcome.exit_code == -1 || outcome.exit_code == 137; }

std::size_t lines_of(const std::string &text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("sweep writes per-replication and summary CSVs whatever the thread count",
          "[cli][sweep]") {
  TemporaryDirectory scratch("sweep-threads");
  const fs::path one = scratch.path() / "one";
  const fs::path two = scratch.path() / "two";
  REQUIRE(run_removalsim("sweep " + kSweep + " --threads 1 --out " + one.string(), scratch.path())
              .exit_code == 0);
  REQUIRE(run_removalsim("sweep " + kSweep + " --threads 2 --out " + two.string(), scratch.path())
              .exit_code == 0);
  const std::string replications = read(one / "replications.csv");
  const std::string summary = read(one / "summary.csv");
  REQUIRE(replications == read(two / "replications.csv"));
  REQUIRE(summary == read(two / "summary.csv"));
  // 3 points x 6 replications x 3 outputs, and 3 points x 3 outputs.
  REQUIRE(replications.rfind("point,replication,metric,country,period,value\n", 0) == 0);
  REQUIRE(lines_of(replications) == 1 + 3 * 6 * 3);
  REQUIRE(replications.find("\nslow-consulates,5,lpc_issue_rate,BB,2023-06..2023-12,") !=
          std::string::npos);
  REQUIRE(summary.rfind("point,metric,country,period,mean,ci_low,ci_high,n\n", 0) == 0);
  REQUIRE(lines_of(summary) == 1 + 3 * 3);
  // The points differ: fewer places, fewer removals of AA.
  const auto mean_of = [&](const std::string &row_start) {
    const auto at = summary.find('\n' + row_start);
    REQUIRE(at != std::string::npos);
    return std::stod(summary.substr(at + 1 + row_start.size()));
  };
  REQUIRE(mean_of("few-places,removals,AA,2023,") < mean_of("base,removals,AA,2023,"));
  // The three outputs and nothing else: no checkpoint, no temporary file.
  REQUIRE(std::distance(fs::directory_iterator(one), fs::directory_iterator()) == 3);
  REQUIRE(fs::exists(one / "sweep.json"));
}

TEST_CASE("a killed sweep resumes from its checkpoint to byte-identical outputs", "[cli][sweep]") {
  TemporaryDirectory scratch("sweep-resume");
  const fs::path whole = scratch.path() / "whole";
  const fs::path resumed = scratch.path() / "resumed";
  REQUIRE(run_removalsim("sweep " + kSweep + " --threads 2 --out " + whole.string(), scratch.path())
              .exit_code == 0);
  {
    const ScopedVariable kill("REMOVALSIM_TEST_KILL_AFTER_UNITS", "4");
    REQUIRE(killed(run_with_faults("sweep " + kSweep + " --threads 1 --out " + resumed.string(),
                                   scratch.path())));
  }
  REQUIRE_FALSE(fs::exists(resumed / "replications.csv"));
  REQUIRE(lines_of(read(resumed / "sweep.checkpoint")) == 1 + 4);
  // A kill in the middle of a write leaves a torn last line: it is ignored.
  std::ofstream(resumed / "sweep.checkpoint", std::ios::app) << "7 6 1.5 2";
  const Outcome outcome = run_removalsim(
      "sweep " + kSweep + " --threads 2 --resume --out " + resumed.string(), scratch.path());
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.err.find("4 already done (resumed)") != std::string::npos);
  for (const char *file : {"replications.csv", "summary.csv"}) {
    INFO(file);
    REQUIRE(read(resumed / file) == read(whole / file));
  }
  REQUIRE_FALSE(fs::exists(resumed / "sweep.checkpoint"));
}

TEST_CASE("resuming from another sweep's or a damaged checkpoint is refused with exit 2",
          "[cli][sweep]") {
  TemporaryDirectory scratch("sweep-refused");
  const fs::path out = scratch.path() / "out";
  {
    const ScopedVariable kill("REMOVALSIM_TEST_KILL_AFTER_UNITS", "2");
    REQUIRE(killed(
        run_with_faults("sweep " + kSweep + " --threads 1 --out " + out.string(), scratch.path())));
  }
  const fs::path checkpoint = out / "sweep.checkpoint";
  const std::string logged = read(checkpoint);

  const fs::path other = scratch.path() / "other.yaml";
  std::ofstream(other) << "scenario: " << REMOVALSIM_CLI_DATA_DIR << "/tiny.yaml\n"
                       << "replications: 6\nblock: 2\nseed: 4\n"
                       << "outputs:\n  - {metric: removals, country: AA, period: 2023}\n";
  const Outcome foreign =
      run_removalsim("sweep " + other.string() + " --resume --out " + out.string(), scratch.path());
  REQUIRE(foreign.exit_code == 2);
  REQUIRE(foreign.err.find("sweep.checkpoint was written for another sweep") != std::string::npos);
  REQUIRE(read(checkpoint) == logged); // refused before touching it

  const auto second_line = logged.find('\n') + 1;
  std::ofstream(checkpoint, std::ios::binary) << logged.substr(0, second_line) << "garbage\n"
                                              << logged.substr(logged.find('\n', second_line) + 1);
  const Outcome damaged =
      run_removalsim("sweep " + kSweep + " --resume --out " + out.string(), scratch.path());
  REQUIRE(damaged.exit_code == 2);
  REQUIRE(damaged.err.find("sweep.checkpoint:2: damaged checkpoint line") != std::string::npos);

  std::ofstream(checkpoint, std::ios::binary) << logged << "99 1 5\n";
  const Outcome misfit =
      run_removalsim("sweep " + kSweep + " --resume --out " + out.string(), scratch.path());
  REQUIRE(misfit.exit_code == 2);
  REQUIRE(misfit.err.find("damaged checkpoint: unit 99 does not fit the design") !=
          std::string::npos);
  REQUIRE_FALSE(fs::exists(out / "replications.csv"));
}

TEST_CASE("a failing unit stops the sweep with exit 4 and writes no output", "[cli][sweep]") {
  TemporaryDirectory scratch("sweep-fail");
  const fs::path out = scratch.path() / "out";
  const ScopedVariable fail("REMOVALSIM_TEST_FAIL_UNITS", "1");
  const Outcome outcome =
      run_with_faults("sweep " + kSweep + " --threads 2 --out " + out.string(), scratch.path());
  REQUIRE(outcome.exit_code == 4);
  REQUIRE(outcome.err.find("injected failure") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out / "replications.csv"));
  REQUIRE_FALSE(fs::exists(out / "summary.csv"));
}

TEST_CASE("a sweep design error exits with 2 and names the line and the key", "[cli][sweep]") {
  TemporaryDirectory scratch("sweep-design");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome = run_removalsim("sweep " + std::string(REMOVALSIM_CLI_DATA_DIR) +
                                             "/sweep/misspelt-point-key.yaml --out " + out.string(),
                                         scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("misspelt-point-key.yaml:9:5: points[1].sett: unknown key `sett`; "
                           "did you mean `set`?") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out));
}
