// What a hostile user tries on the command line: numbers that CLI11 alone would wrap, clamp or let
// through, runs without end, sizes beyond the machine, files that are not files. Each is refused
// with the documented exit code and a message saying what to change.
#include "command_runner.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using removalsim::testing::Outcome;
using removalsim::testing::read;
using removalsim::testing::run_removalsim;
using removalsim::testing::TemporaryDirectory;

namespace {

const std::string kData = REMOVALSIM_CLI_DATA_DIR;
const std::string kTiny = kData + "/tiny.yaml";

bool contains(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("a replication beyond the event limit stops with exit 2, unless the limit is moved",
          "[cli][limits]") {
  TemporaryDirectory scratch("event-limit");
  const Outcome limited = run_removalsim("run " + kTiny + " -r 1 --max-events 1", scratch.path());
  REQUIRE(limited.exit_code == 2);
  REQUIRE(contains(limited.err, "removalsim: error: one replication went beyond 1 events (at "
                                "simulated day "));
  REQUIRE(contains(limited.err, ") without ending; raise the limit with --max-events N, or use "
                                "--no-limits\n"));
  for (const char *flag : {"--max-events 1000000", "--max-events 1 --no-limits"}) {
    INFO(flag);
    REQUIRE(
        run_removalsim("run " + kTiny + " -r 1 " + std::string(flag), scratch.path()).exit_code ==
        0);
  }
}

TEST_CASE("command-line numbers are parsed strictly: no wrap, no clamp, no nan", "[cli][numbers]") {
  TemporaryDirectory scratch("strict-numbers");
  for (const std::string seed : {"-1", "18446744073709551616", "1e23", "0x10", "2.5", ""}) {
    INFO("--seed '" << seed << "'");
    const Outcome refused =
        run_removalsim("run " + kTiny + " -r 1 --seed '" + seed + "'", scratch.path());
    REQUIRE(refused.exit_code == 2);
    REQUIRE(contains(refused.err, "expected a whole number from 0 to 18446744073709551615 "
                                  "(digits only), got " +
                                      seed));
  }
  const Outcome largest =
      run_removalsim("run " + kTiny + " -r 1 --seed 18446744073709551615", scratch.path());
  REQUIRE(largest.exit_code == 0);
  REQUIRE(contains(largest.out, "seed 18446744073709551615"));
  for (const std::string limit : {"nan", "inf", "-1", "0"}) {
    INFO("--max-orders " << limit);
    const Outcome refused =
        run_removalsim("run " + kTiny + " --max-orders " + limit, scratch.path());
    REQUIRE(refused.exit_code == 2);
    REQUIRE(contains(refused.err, "expected a finite number > 0, got " + limit));
  }
  const Outcome threads = run_removalsim("run " + kTiny + " --threads -1", scratch.path());
  REQUIRE(threads.exit_code == 2);
  REQUIRE(contains(threads.err, "got -1"));
}

TEST_CASE("an empty --out is refused, not taken for no output", "[cli][numbers]") {
  TemporaryDirectory scratch("empty-out");
  const Outcome refused = run_removalsim("run " + kTiny + " -r 1 --out ''", scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(contains(refused.err, "expected a path, got an empty one"));
}

TEST_CASE("a sweep whose results would not fit in memory is refused before anything is allocated",
          "[cli][limits]") {
  TemporaryDirectory scratch("sweep-size");
  const fs::path design = scratch.path() / "huge.yaml";
  std::ofstream(design) << "scenario: " << kTiny << "\nreplications: 1000000000000\n"
                        << "outputs:\n  - {metric: removals, period: 2023}\n"
                        << "points:\n  - name: base\n";
  const Outcome refused = run_removalsim("sweep " + design.string(), scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(contains(refused.err, "removalsim: error: " + design.string() +
                                    ": too large to simulate: the results of 1 point(s) x "
                                    "1000000000000 replication(s) need about "));
  REQUIRE(contains(refused.err, "use fewer replications or points, or --no-limits\n"));
}

TEST_CASE("a sensitivity design whose points would not fit in memory is refused at once",
          "[cli][limits]") {
  TemporaryDirectory scratch("sensitivity-size");
  const Outcome refused =
      run_removalsim("sensitivity " + kTiny + " --params " + kData +
                         "/long-study.yaml --method sobol --samples 1073741824 -r 1000",
                     scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(contains(refused.err, "long-study.yaml: too large to simulate: the "));
  REQUIRE(contains(refused.err, "design points and their outputs need about "));
}

TEST_CASE("a scenario that is a device is refused, not read without end", "[cli]") {
  TemporaryDirectory scratch("device");
  const Outcome refused = run_removalsim("run /dev/zero", scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(refused.err == "removalsim: error: /dev/zero: cannot read the scenario file: it is a "
                         "device\n");
}

TEST_CASE("an empty sweep checkpoint is called empty, not another sweep's", "[cli][sweep]") {
  TemporaryDirectory scratch("empty-checkpoint");
  const fs::path out = scratch.path() / "out";
  fs::create_directories(out);
  std::ofstream(out / "sweep.checkpoint").flush();
  const Outcome refused = run_removalsim(
      "sweep " + kData + "/sweep/tiny-sweep.yaml --resume --out " + out.string(), scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(contains(refused.err, (out / "sweep.checkpoint").string() +
                                    " is empty or cut short before its first line: run without "
                                    "--resume to start afresh\n"));
}

TEST_CASE("exact refuses a chain too stiff to solve instead of printing wrong probabilities",
          "[cli][exact]") {
  TemporaryDirectory scratch("exact-stiff");
  const fs::path stiff = scratch.path() / "stiff.yaml";
  // An LPC requested 1e-20 days after admission: rates 10^20 times apart in one generator.
  std::ofstream(stiff) << "extends: " << REMOVALSIM_SOURCE_DIR
                       << "/scenarios/examples/markovian.yaml\n"
                       << "national:\n  lpc: {request_delay: {dist: exponential, mean: 1e-20}}\n";
  const Outcome refused = run_removalsim("exact " + stiff.string(), scratch.path());
  REQUIRE(refused.exit_code == 4);
  REQUIRE(contains(refused.err, "removalsim: model error: the exact chain of XA/"));
  REQUIRE(contains(refused.err, " cannot be solved accurately: its outcome probabilities sum to "));
  REQUIRE_FALSE(contains(refused.out, "removed"));
}

TEST_CASE("a study varying a whole-number key without `integer: true` is refused at its line",
          "[cli][sensitivity]") {
  TemporaryDirectory scratch("study-whole-key");
  const fs::path study = scratch.path() / "study.yaml";
  std::ofstream(study) << "method: morris\nreplications: 2\nseed: 3\n"
                       << "morris: {trajectories: 4, levels: 4}\n"
                       << "outputs:\n  - {metric: removals, country: AA, period: 2023}\n"
                       << "parameters:\n"
                       << "  - {name: places, key: national.detention.capacity, low: 20, "
                          "high: 2000}\n";
  const Outcome refused =
      run_removalsim("sensitivity " + kTiny + " --params " + study.string(), scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(contains(refused.err, study.string() + ":8:5: parameters[0]: the scenario refuses "
                                                 "`places` = "));
  REQUIRE(contains(refused.err, "national.detention.capacity: a capacity must be a whole number"));
}

TEST_CASE("calibrate --out naming a directory is refused before the fit", "[cli][calibrate]") {
  TemporaryDirectory scratch("calibrate-out-directory");
  const fs::path directory = scratch.path() / "a-directory";
  fs::create_directories(directory);
  const Outcome refused = run_removalsim(
      "calibrate " + kTiny + " --targets " + kData + "/tiny-targets.yaml --free " + kData +
          "/medium-free.yaml -r 2 --starts 1 --max-evaluations 2 --out " + directory.string(),
      scratch.path());
  REQUIRE(refused.exit_code == 3);
  REQUIRE(refused.err ==
          "removalsim: error: cannot write " + directory.string() + ": it is a directory\n");
  REQUIRE(refused.out.empty());
}
