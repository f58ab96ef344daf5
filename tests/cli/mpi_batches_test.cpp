// `sensitivity`, `compare` and `calibrate` under mpirun: their batches go through the same MPI
// executor as `sweep`, and give what one process gives.
#include "command_runner.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

using removalsim::testing::Outcome;
using removalsim::testing::read;
using removalsim::testing::run_captured;
using removalsim::testing::run_removalsim;
using removalsim::testing::TemporaryDirectory;

const std::string kData = REMOVALSIM_CLI_DATA_DIR;

/// Runs `mpirun -np 2 removalsim ARGUMENTS` with output captured in `scratch`.
Outcome run_two_ranks(const std::string &arguments, const fs::path &scratch) {
  return run_captured(std::string(REMOVALSIM_MPIEXEC) +
                          " --allow-run-as-root --oversubscribe -np 2 " + REMOVALSIM_BINARY + ' ' +
                          arguments,
                      scratch);
}

/// The lines of `text` that contain `needle`.
std::string lines_with(const std::string &text, const std::string &needle) {
  std::istringstream in(text);
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) {
      kept += line + '\n';
    }
  }
  return kept;
}

} // namespace

TEST_CASE("sensitivity on 2 ranks writes the files of one process", "[mpi][sensitivity]") {
  TemporaryDirectory scratch("mpi-sensitivity");
  const std::string study = std::string(REMOVALSIM_SENSITIVITY_DATA_DIR) + "/tiny.yaml --params " +
                            REMOVALSIM_SENSITIVITY_DATA_DIR + "/tiny-study.yaml --threads 1 --out ";
  const fs::path one = scratch.path() / "one";
  const fs::path two = scratch.path() / "two";
  REQUIRE(run_removalsim("sensitivity " + study + one.string(), scratch.path()).exit_code == 0);
  const Outcome outcome = run_two_ranks("sensitivity " + study + two.string(), scratch.path());
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  for (const char *file : {"sensitivity.csv", "points.csv"}) {
    INFO(file);
    REQUIRE_FALSE(read(one / file).empty());
    REQUIRE(read(one / file) == read(two / file));
  }
}

TEST_CASE("compare on 2 ranks writes the file of one process", "[mpi][compare]") {
  TemporaryDirectory scratch("mpi-compare");
  const std::string arguments = "compare " + kData + "/tiny.yaml --targets " + kData +
                                "/tiny-targets.yaml -r 6 --threads 1 --out ";
  const fs::path one = scratch.path() / "one";
  const fs::path two = scratch.path() / "two";
  REQUIRE(run_removalsim(arguments + one.string(), scratch.path()).exit_code == 0);
  const Outcome outcome = run_two_ranks(arguments + two.string(), scratch.path());
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  REQUIRE_FALSE(read(one / "comparison.csv").empty());
  REQUIRE(read(one / "comparison.csv") == read(two / "comparison.csv"));
}

TEST_CASE("calibrate on 2 ranks follows the path of one process", "[mpi][calibrate]") {
  TemporaryDirectory scratch("mpi-calibrate");
  const std::string arguments = "calibrate " + kData + "/tiny.yaml --targets " + kData +
                                "/tiny-targets.yaml --free " + kData +
                                "/sweep/tiny-free.yaml -r 2 --starts 1 --max-evaluations 6 "
                                "--threads 1";
  const Outcome one = run_removalsim(arguments, scratch.path());
  REQUIRE(one.exit_code == 0);
  const Outcome two = run_two_ranks(arguments, scratch.path());
  INFO(two.err);
  REQUIRE(two.exit_code == 0);
  // The estimate and the objective, to 6 digits; the wall time differs.
  const std::string estimate = lines_with(one.out, "national.lpc.issue_probability");
  const std::string objective = lines_with(one.out, "Objective Q =");
  REQUIRE_FALSE(estimate.empty());
  REQUIRE_FALSE(objective.empty());
  REQUIRE(lines_with(two.out, "national.lpc.issue_probability") == estimate);
  REQUIRE(lines_with(two.out, "Objective Q =") == objective);
}

TEST_CASE("run on 2 ranks is refused with exit 2 rather than run twice", "[mpi][run]") {
  TemporaryDirectory scratch("mpi-run");
  const Outcome outcome = run_two_ranks("run " + kData + "/tiny.yaml -r 2", scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("run: does not spread over MPI ranks") != std::string::npos);
}
