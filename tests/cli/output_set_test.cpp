// Output failures: a command's output set is replaced whole or not at all (a full disk, a file
// size limit, a kill at any step), what killed commands leave is cleaned up later, and a standard
// output that cannot be written is exit code 3 like any other output.
#include "command_runner.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace fs = std::filesystem;
using removalsim::testing::Outcome;
using removalsim::testing::read;
using removalsim::testing::run_captured;
using removalsim::testing::run_removalsim;
using removalsim::testing::TemporaryDirectory;

namespace {

const std::string kData = REMOVALSIM_CLI_DATA_DIR;
const std::string kBinary = REMOVALSIM_BINARY;

/// Every file of `directory` and below, by path relative to it, with its content.
std::map<std::string, std::string> contents(const fs::path &directory) {
  std::map<std::string, std::string> files;
  for (const auto &entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), directory).string()] = read(entry.path());
    }
  }
  return files;
}

/// The names in `directory` that are neither `kept` nor the test's captured streams: what a
/// command left behind (temporaries, staging directories).
std::size_t leftovers(const fs::path &directory, const std::string &kept) {
  std::size_t count = 0;
  for (const auto &entry : fs::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    count += name == kept || name == "stdout.txt" || name == "stderr.txt" ? 0 : 1;
  }
  return count;
}

/// Killed by a signal: the exit code of a shell that ran the command, or its own status.
bool killed(const Outcome &outcome) {
  return outcome.exit_code == -1 || outcome.exit_code == 128 + SIGKILL;
}

std::string run_into(const fs::path &out, int seed) {
  return "run " + kData + "/tiny.yaml -r 2 --threads 1 --seed " + std::to_string(seed) + " --out " +
         out.string();
}

} // namespace

TEST_CASE("a file size limit fails a run with exit 3, the previous outputs untouched, nothing "
          "left behind",
          "[cli][output]") {
  TemporaryDirectory scratch("output-size-limit");
  const fs::path out = scratch.path() / "out";
  REQUIRE(run_removalsim(run_into(out, 1), scratch.path()).exit_code == 0);
  const auto previous = contents(out);
  REQUIRE(previous.at("monthly.csv").size() > 32 * 1024);
  // 16 KB (32 blocks of 512 bytes, as sh counts; 32 KB in bash): room for the summary and
  // run.json, not for monthly.csv.
  const Outcome limited =
      run_captured("ulimit -f 32; " + kBinary + " " + run_into(out, 2), scratch.path());
  REQUIRE(limited.exit_code == 3);
  REQUIRE(limited.err.find("removalsim: error: writing " + out.string() + "/monthly.csv failed") ==
          0);
  REQUIRE(contents(out) == previous);
  REQUIRE(leftovers(scratch.path(), "out") == 0);
}

TEST_CASE("sensitivity's outputs are replaced as a set when one of them cannot be written",
          "[cli][output]") {
  TemporaryDirectory scratch("output-set-sensitivity");
  const fs::path out = scratch.path() / "out";
  const std::string command = "sensitivity " + kData + "/tiny.yaml --params " + kData +
                              "/long-study.yaml --threads 1 --out " + out.string();
  REQUIRE(run_removalsim(command, scratch.path()).exit_code == 0);
  const auto previous = contents(out);
  REQUIRE(previous.at("sensitivity.json").size() > 2 * 1024);
  // Room for the indices and the points (a few hundred bytes), not for sensitivity.json: the
  // files written before it must not stay.
  const Outcome limited =
      run_captured("ulimit -f 2; " + kBinary + " " + command + " -r 3", scratch.path());
  REQUIRE(limited.exit_code == 3);
  REQUIRE(contents(out) == previous);
  REQUIRE(leftovers(scratch.path(), "out") == 0);
}

TEST_CASE("a command killed while putting its outputs in place leaves the previous set or the "
          "new one, and the next command removes what it left",
          "[cli][output]") {
  TemporaryDirectory scratch("output-set-kill");
  const fs::path out = scratch.path() / "out";
  REQUIRE(run_removalsim(run_into(out, 1), scratch.path()).exit_code == 0);
  // The user's own files in the directory survive every step.
  std::ofstream(out / "notes.txt") << "mine\n";
  fs::create_directory(out / "figures");
  std::ofstream(out / "figures" / "plot.txt") << "also mine\n";
  const auto previous = contents(out);
  const fs::path fresh = scratch.path() / "fresh";
  REQUIRE(run_removalsim(run_into(fresh, 2), scratch.path()).exit_code == 0);

  const std::string faulty = std::string(REMOVALSIM_WITH_FAULTS_BINARY) + " " + run_into(out, 2);
  const Outcome before_swap =
      run_captured("REMOVALSIM_TEST_KILL_AT_OUTPUT_STEP=synced " + faulty, scratch.path());
  REQUIRE(killed(before_swap));
  REQUIRE(contents(out) == previous);

  const Outcome after_swap =
      run_captured("REMOVALSIM_TEST_KILL_AT_OUTPUT_STEP=swapped " + faulty, scratch.path());
  REQUIRE(killed(after_swap));
  REQUIRE(read(out / "monthly.csv") == read(fresh / "monthly.csv"));
  REQUIRE(read(out / "summary.csv") == read(fresh / "summary.csv"));
  REQUIRE(read(out / "notes.txt") == "mine\n");
  REQUIRE(leftovers(scratch.path(), "out") == 2); // "fresh", and the killed command's staging

  REQUIRE(run_removalsim(run_into(out, 3), scratch.path()).exit_code == 0);
  REQUIRE(leftovers(scratch.path(), "out") == 1); // "fresh" alone
  REQUIRE(read(out / "figures" / "plot.txt") == "also mine\n");
  REQUIRE(read(out / "notes.txt") == "mine\n");
}

TEST_CASE("a calibration killed while writing leaves a temporary the next one removes",
          "[cli][output]") {
  TemporaryDirectory scratch("output-stale-temporary");
  // A process id above Linux's maximum (2^22) belongs to no process.
  const fs::path stale = scratch.path() / "calibrated.yaml.tmp-99999999";
  std::ofstream(stale) << "half a calibrated scenar";
  const Outcome calibrated = run_removalsim(
      "calibrate " + kData + "/tiny.yaml --targets " + kData + "/tiny-targets.yaml --free " +
          kData + "/medium-free.yaml -r 2 --starts 1 --max-evaluations 2 --out " +
          (scratch.path() / "calibrated.yaml").string(),
      scratch.path());
  REQUIRE(calibrated.exit_code == 0);
  REQUIRE_FALSE(fs::exists(stale));
}

TEST_CASE("an output directory that is a file, or the current directory, is refused before the "
          "run",
          "[cli][output]") {
  TemporaryDirectory scratch("output-refused");
  const fs::path file = scratch.path() / "a-file";
  std::ofstream(file) << "not a directory\n";
  const Outcome not_directory = run_removalsim(run_into(file, 1), scratch.path());
  REQUIRE(not_directory.exit_code == 3);
  REQUIRE(not_directory.err ==
          "removalsim: error: cannot write into " + file.string() + ": it is not a directory\n");
  REQUIRE(not_directory.out.empty());
  // Run inside the scratch directory: "." is the scratch directory, ".." holds it.
  fs::create_directory(scratch.path() / "inside");
  for (const std::string directory : {".", ".."}) {
    INFO(directory);
    const Outcome current = run_captured("cd " + (scratch.path() / "inside").string() + " && " +
                                             kBinary + " " + run_into(directory, 1),
                                         scratch.path());
    REQUIRE(current.exit_code == 2);
    REQUIRE(current.err == "removalsim: error: " + directory +
                               ": an output directory is replaced as a whole, so it cannot be "
                               "the current directory or contain it\n");
  }
}

TEST_CASE("a standard output that cannot be written is exit code 3 for every command",
          "[cli][output]") {
  TemporaryDirectory scratch("output-full-stdout");
  const std::string commands[] = {
      "run " + kData + "/tiny.yaml -r 2",
      "check " + kData + "/tiny.yaml",
      "exact " + std::string(REMOVALSIM_SOURCE_DIR) + "/scenarios/examples/markovian.yaml",
      "sweep " + kData + "/sweep/tiny-sweep.yaml",
  };
  for (const auto &command : commands) {
    INFO(command);
    const Outcome full =
        run_captured("(" + kBinary + " " + command + " >/dev/full)", scratch.path());
    REQUIRE(full.exit_code == 3);
    REQUIRE(full.err.find("removalsim: error: cannot write the standard output (disk full?); "
                          "what was printed is incomplete\n") != std::string::npos);
  }
}
