// `removalsim sweep` under mpirun: the same bytes as one process whatever the rank count, a rank
// that fails ends the job, a killed job resumes.
#include "command_runner.h"

#include <catch2/catch.hpp>

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

const std::string kData = REMOVALSIM_CLI_DATA_DIR;
const std::string kSweep = kData + "/sweep/tiny-sweep.yaml";

/// Runs `mpirun ... ARGUMENTS` (ARGUMENTS naming the programs) with output captured in `scratch`.
Outcome run_mpirun(const std::string &arguments, const fs::path &scratch) {
  return run_captured(std::string(REMOVALSIM_MPIEXEC) + " --allow-run-as-root --oversubscribe " +
                          arguments,
                      scratch);
}

/// `-np N removalsim ARGUMENTS`.
std::string ranks(int n, const std::string &arguments) {
  return "-np " + std::to_string(n) + ' ' + REMOVALSIM_BINARY + ' ' + arguments;
}

/// The same with the command's test build (tests/cli/removalsim_with_faults.cpp), which injects
/// the faults that the REMOVALSIM_TEST_* variables of its environment ask for.
std::string ranks_with_faults(int n, const std::string &arguments) {
  return "-np " + std::to_string(n) + ' ' + REMOVALSIM_WITH_FAULTS_BINARY + ' ' + arguments;
}

void require_same_outputs(const fs::path &a, const fs::path &b) {
  for (const char *file : {"replications.csv", "summary.csv"}) {
    INFO(file);
    REQUIRE(fs::exists(a / file));
    REQUIRE(read(a / file) == read(b / file));
  }
}

} // namespace

TEST_CASE("a sweep on 2 and 3 ranks writes the bytes of a single-process run", "[mpi][sweep]") {
  TemporaryDirectory scratch("mpi-sweep");
  const fs::path single = scratch.path() / "single";
  REQUIRE(
      run_removalsim("sweep " + kSweep + " --threads 2 --out " + single.string(), scratch.path())
          .exit_code == 0);
  for (const int n : {2, 3}) {
    INFO(n << " ranks");
    const fs::path out = scratch.path() / ("ranks-" + std::to_string(n));
    const Outcome outcome = run_mpirun(
        ranks(n, "sweep " + kSweep + " --threads 1 --out " + out.string()), scratch.path());
    INFO(outcome.err);
    REQUIRE(outcome.exit_code == 0);
    // Only rank 0 prints.
    REQUIRE(outcome.out.find("sweep ") == 0);
    REQUIRE(outcome.out.find("sweep ", 1) == std::string::npos);
    require_same_outputs(single, out);
  }
}

TEST_CASE("a rank whose units fail ends the whole job, non-zero, with no output", "[mpi][sweep]") {
  TemporaryDirectory scratch("mpi-fail");
  const fs::path out = scratch.path() / "out";
  const std::string arguments = "sweep " + kSweep + " --threads 1 --out " + out.string();
  // Two programs (MPMD): rank 1 runs with the fault, rank 0 without.
  const Outcome outcome =
      run_mpirun(ranks(1, arguments) + " : -np 1 env REMOVALSIM_TEST_FAIL_UNITS=1 " +
                     REMOVALSIM_WITH_FAULTS_BINARY + ' ' + arguments,
                 scratch.path());
  REQUIRE(outcome.exit_code != 0);
  REQUIRE(outcome.err.find("removalsim: rank 1 of 2: model error: ") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out / "replications.csv"));
  REQUIRE_FALSE(fs::exists(out / "summary.csv"));
}

TEST_CASE("a bad design on one rank ends the whole job, naming the place", "[mpi][sweep]") {
  TemporaryDirectory scratch("mpi-bad-design");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome = run_mpirun(
      ranks(1, "sweep " + kSweep + " --out " + out.string()) + " : " +
          ranks(1, "sweep " + kData + "/sweep/misspelt-point-key.yaml --out " + out.string()),
      scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("rank 1 of 2: error: ") != std::string::npos);
  REQUIRE(outcome.err.find("did you mean `set`?") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out / "replications.csv"));
}

TEST_CASE("ranks that run different sweeps are stopped as diverged", "[mpi][sweep]") {
  TemporaryDirectory scratch("mpi-diverged");
  const fs::path other = scratch.path() / "other.yaml";
  std::ofstream(other) << "scenario: " << kData << "/tiny.yaml\nreplications: 2\n"
                       << "outputs:\n  - {metric: removals, period: 2023}\n";
  const Outcome outcome = run_mpirun(ranks(1, "sweep " + kSweep + " --threads 1") + " : " +
                                         ranks(1, "sweep " + other.string() + " --threads 1"),
                                     scratch.path());
  REQUIRE(outcome.exit_code == 5);
  REQUIRE(outcome.err.find("the ranks diverged") != std::string::npos);
}

TEST_CASE("a job killed on 2 ranks resumes on 3 to the same bytes", "[mpi][sweep]") {
  TemporaryDirectory scratch("mpi-resume");
  const fs::path single = scratch.path() / "single";
  const fs::path out = scratch.path() / "out";
  REQUIRE(
      run_removalsim("sweep " + kSweep + " --out " + single.string(), scratch.path()).exit_code ==
      0);
  const std::string arguments = "sweep " + kSweep + " --threads 1 --out " + out.string();
  const Outcome killed = run_mpirun(
      "-x REMOVALSIM_TEST_KILL_AFTER_UNITS=3 " + ranks_with_faults(2, arguments), scratch.path());
  REQUIRE(killed.exit_code != 0);
  REQUIRE_FALSE(fs::exists(out / "replications.csv"));
  const Outcome resumed = run_mpirun(ranks(3, arguments + " --resume"), scratch.path());
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  REQUIRE(resumed.err.find("3 already done (resumed)") != std::string::npos);
  require_same_outputs(single, out);
}
