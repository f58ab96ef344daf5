// The command under interrupts and oversized scenarios: prompt stops with documented exit codes,
// nothing partial written, calibrate resumed to the uninterrupted result, limits with their flags.
#include "command_runner.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using removalsim::testing::BackgroundCommand;
using removalsim::testing::interrupt_removalsim;
using removalsim::testing::Outcome;
using removalsim::testing::read;
using removalsim::testing::run_removalsim;
using removalsim::testing::TemporaryDirectory;

namespace {

const std::string kData = REMOVALSIM_CLI_DATA_DIR;

// Long enough for the command to be inside its simulations, even in a sanitizer build.
constexpr auto kSignalDelay = 1.5s;
// What "promptly" means: a simulation checks its stop flag every few thousand events.
constexpr auto kPrompt = 2s;

std::size_t entries(const fs::path &directory) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(directory), fs::directory_iterator()));
}

/// Whether `scratch` holds only the command's captured streams: no output directory, no staging
/// directory, no temporary.
bool nothing_written(const fs::path &scratch) {
  for (const auto &entry : fs::directory_iterator(scratch)) {
    const std::string name = entry.path().filename().string();
    if (name != "stdout.txt" && name != "stderr.txt") {
      return false;
    }
  }
  return true;
}

/// The calibrated scenario without its header comments (which hold the date and the duration).
std::string without_comments(const std::string &text) {
  std::istringstream in(text);
  std::string line;
  std::string kept;
  while (std::getline(in, line)) {
    if (line.rfind('#', 0) != 0) {
      kept += line + '\n';
    }
  }
  return kept;
}

} // namespace

TEST_CASE("SIGINT or SIGTERM stops a run promptly, exit 130 or 143, nothing written",
          "[cli][interrupt]") {
  for (const int signal : {SIGINT, SIGTERM}) {
    INFO("signal " << signal);
    TemporaryDirectory scratch("interrupt-run-" + std::to_string(signal));
    const fs::path out = scratch.path() / "out";
    const auto [outcome, latency] =
        interrupt_removalsim("run " + kData + "/long.yaml -r 20 --threads 2 --out " + out.string(),
                             scratch.path(), kSignalDelay, signal);
    REQUIRE(outcome.exit_code == 128 + signal);
    REQUIRE(latency < kPrompt);
    REQUIRE(outcome.err.find(signal == SIGINT ? "interrupted by SIGINT"
                                              : "interrupted by SIGTERM") != std::string::npos);
    REQUIRE(nothing_written(scratch.path()));
  }
}

TEST_CASE("compare, diff and sensitivity stop promptly on SIGINT and write nothing",
          "[cli][interrupt]") {
  const std::string commands[] = {
      "compare " + kData + "/long.yaml --targets " + kData + "/tiny-targets.yaml -r 20",
      "diff " + kData + "/long.yaml " + kData + "/long.yaml -r 20",
      "sensitivity " + kData + "/long.yaml --params " + kData + "/long-study.yaml",
  };
  for (const auto &command : commands) {
    INFO(command);
    TemporaryDirectory scratch("interrupt-" + command.substr(0, command.find(' ')));
    const fs::path out = scratch.path() / "out";
    const auto [outcome, latency] = interrupt_removalsim(
        command + " --threads 2 --out " + out.string(), scratch.path(), kSignalDelay);
    REQUIRE(outcome.exit_code == 130);
    REQUIRE(latency < kPrompt);
    REQUIRE(nothing_written(scratch.path()));
  }
}

TEST_CASE("an interrupted calibration keeps its best point, and --resume ends where an "
          "uninterrupted run ends",
          "[cli][interrupt][calibrate]") {
  TemporaryDirectory scratch("resume");
  const std::string calibrate = "calibrate " + kData + "/medium.yaml --targets " + kData +
                                "/tiny-targets.yaml --free " + kData +
                                "/medium-free.yaml -r 2 --starts 1 --max-evaluations 10 --out ";
  const fs::path whole = scratch.path() / "whole.yaml";
  const Outcome uninterrupted = run_removalsim(calibrate + whole.string(), scratch.path());
  REQUIRE(uninterrupted.exit_code == 0);
  REQUIRE_FALSE(fs::exists(whole.string() + ".checkpoint"));
  // Its record beside it, and the file's own provenance tag in its header.
  const std::string record = read(whole.string() + ".json");
  CHECK(record.find("\"interrupted\": false") != std::string::npos);
  CHECK(record.find("\"base_scenario\": ") != std::string::npos);
  CHECK(read(whole).find("\n# [calibrated: the free parameters below, fitted to ") !=
        std::string::npos);

  // Interrupted as soon as its first evaluation is recorded, whatever the machine's speed.
  const fs::path resumed = scratch.path() / "resumed.yaml";
  BackgroundCommand command(calibrate + resumed.string(), scratch.path());
  const auto give_up = std::chrono::steady_clock::now() + 120s;
  while (!fs::exists(resumed.string() + ".checkpoint") &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(10ms);
  }
  const auto sent = std::chrono::steady_clock::now();
  command.signal(SIGINT);
  const Outcome interrupted = command.wait();
  REQUIRE(interrupted.exit_code == 130);
  REQUIRE(std::chrono::steady_clock::now() - sent < kPrompt);
  REQUIRE(read(resumed).find("INTERRUPTED") != std::string::npos);
  REQUIRE(fs::exists(resumed.string() + ".checkpoint"));

  const Outcome resumed_run =
      run_removalsim(calibrate + resumed.string() + " --resume", scratch.path());
  REQUIRE(resumed_run.exit_code == 0);
  REQUIRE(resumed_run.out.find("Resuming from") != std::string::npos);
  REQUIRE(resumed_run.out.find(" 0 recorded simulation(s)") == std::string::npos);
  REQUIRE(without_comments(read(resumed)) == without_comments(read(whole)));
  REQUIRE_FALSE(fs::exists(resumed.string() + ".checkpoint"));
}

TEST_CASE("calibrate --resume refuses a missing checkpoint and one of another calibration",
          "[cli][calibrate]") {
  TemporaryDirectory scratch("resume-refused");
  const fs::path out = scratch.path() / "out.yaml";
  const std::string calibrate = "calibrate " + kData + "/tiny.yaml --targets " + kData +
                                "/tiny-targets.yaml --free " + kData +
                                "/medium-free.yaml -r 2 --starts 1 --max-evaluations 3 --out " +
                                out.string() + " --resume";
  const Outcome missing = run_removalsim(calibrate, scratch.path());
  REQUIRE(missing.exit_code == 2);
  REQUIRE(missing.err.find("removalsim: error: no checkpoint to resume from: " + out.string() +
                           ".checkpoint cannot be read\n") != std::string::npos);
  std::ofstream(out.string() + ".checkpoint")
      << "removalsim calibration checkpoint 1\nremovalsim calibrate other.yaml\n";
  const Outcome other = run_removalsim(calibrate, scratch.path());
  REQUIRE(other.exit_code == 2);
  REQUIRE(other.err.find("removalsim: error: the checkpoint " + out.string() +
                         ".checkpoint belongs to another calibration: removalsim calibrate "
                         "other.yaml\n") != std::string::npos);
  std::ofstream(out.string() + ".checkpoint") << "garbage\n";
  const Outcome damaged = run_removalsim(calibrate, scratch.path());
  REQUIRE(damaged.exit_code == 2);
  REQUIRE(damaged.err.find("removalsim: error: the checkpoint " + out.string() +
                           ".checkpoint is damaged: remove it and start the calibration again "
                           "without --resume\n") != std::string::npos);
  const Outcome no_out =
      run_removalsim("calibrate " + kData + "/tiny.yaml --targets " + kData +
                         "/tiny-targets.yaml --free " + kData + "/medium-free.yaml --resume",
                     scratch.path());
  REQUIRE(no_out.exit_code == 2);
  REQUIRE(no_out.err.find("--resume: needs --out") != std::string::npos);
}

TEST_CASE("calibrate warns when the moments' covariance has fewer replications than it needs",
          "[cli][calibrate]") {
  TemporaryDirectory scratch("covariance-warning");
  const std::string calibrate = "calibrate " + kData + "/tiny.yaml --targets " + kData +
                                "/tiny-targets.yaml --free " + kData +
                                "/medium-free.yaml -r 2 --starts 1 --max-evaluations 3";
  const std::string warning =
      "removalsim: warning: 2 replications estimate the moments' "
      "covariance poorly for 2 parameters; standard errors need at least 3\n";
  const Outcome few = run_removalsim(calibrate + " --covariance-replications 2", scratch.path());
  REQUIRE(few.exit_code == 0);
  REQUIRE(few.err.find(warning) != std::string::npos);
  // By default the estimate is simulated on 2 (d + 1) replications for the covariance.
  const Outcome enough = run_removalsim(calibrate, scratch.path());
  REQUIRE(enough.exit_code == 0);
  REQUIRE(enough.err.find("poorly") == std::string::npos);
}

TEST_CASE("a scenario issuing too many orders is refused before simulating, unless allowed",
          "[cli][limits]") {
  TemporaryDirectory scratch("limits-orders");
  const fs::path huge = scratch.path() / "huge.yaml";
  // A year of 1e9 orders a year: 365 of 365.25 days.
  std::ofstream(huge) << "start: 2023-01-01\nend: 2023-12-31\n"
                         "countries:\n  AA: {oqtf_per_year: 1e9}\n";
  const Outcome refused = run_removalsim("run " + huge.string(), scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(refused.err ==
          "removalsim: error: " + huge.string() +
              ": too large to simulate: about 9.99e+08 orders per replication (limit "
              "1e+08); raise the limit with --max-orders N, or use --no-limits\n");
  REQUIRE(refused.out.empty());

  // Lowered, the limit refuses even a small scenario (tiny.yaml: 3,000 orders).
  const Outcome lowered =
      run_removalsim("run " + kData + "/tiny.yaml --max-orders 2000", scratch.path());
  REQUIRE(lowered.exit_code == 2);
  REQUIRE(lowered.err.find("about 3e+03 orders per replication (limit 2e+03)") !=
          std::string::npos);

  // Raised or lifted, the huge scenario is simulated (and interrupted: it would take hours).
  for (const char *flag : {"--max-orders 2e9", "--no-limits"}) {
    INFO(flag);
    const auto [allowed, latency] = interrupt_removalsim("run " + huge.string() + " -r 1 " + flag,
                                                         scratch.path(), kSignalDelay);
    REQUIRE(allowed.exit_code == 130);
  }
}

TEST_CASE("replications whose counters would not fit in memory are refused", "[cli][limits]") {
  TemporaryDirectory scratch("limits-memory");
  const fs::path centuries = scratch.path() / "centuries.yaml";
  // 1,000 years of monthly counters: about 7 MB per replication.
  std::ofstream(centuries) << "start: 2000-01-01\nend: 2999-12-31\n"
                              "countries:\n  AA: {oqtf_per_year: 1}\n";
  const Outcome refused =
      run_removalsim("run " + centuries.string() + " -r 100000", scratch.path());
  REQUIRE(refused.exit_code == 2);
  REQUIRE(refused.err.find("removalsim: error: " + centuries.string() +
                           ": too large to simulate: the monthly counters of 100000 "
                           "replication(s) need about ") == 0);
  REQUIRE(refused.err.find("of memory (limit ") != std::string::npos);
  REQUIRE(refused.err.find("use fewer replications or months, or --no-limits\n") !=
          std::string::npos);
}

TEST_CASE("compare and sensitivity give identical outputs with 1 and 2 threads", "[cli]") {
  TemporaryDirectory scratch("threads-analysis");
  const std::string commands[] = {
      "compare " + kData + "/tiny.yaml --targets " + kData + "/tiny-targets.yaml -r 4",
      "sensitivity " + kData + "/tiny.yaml --params " + kData + "/long-study.yaml",
  };
  for (const auto &command : commands) {
    INFO(command);
    const fs::path one = scratch.path() / "one";
    const fs::path two = scratch.path() / "two";
    REQUIRE(
        run_removalsim(command + " --threads 1 --out " + one.string(), scratch.path()).exit_code ==
        0);
    REQUIRE(
        run_removalsim(command + " --threads 2 --out " + two.string(), scratch.path()).exit_code ==
        0);
    REQUIRE(entries(one) > 0);
    for (const auto &file : fs::directory_iterator(one)) {
      if (file.path().extension() == ".csv") {
        INFO(file.path().filename().string());
        REQUIRE(read(file.path()) == read(two / file.path().filename()));
      }
    }
    fs::remove_all(one);
    fs::remove_all(two);
  }
}

TEST_CASE("an interrupted sweep stops promptly and writes no output, only its checkpoint",
          "[cli][interrupt][sweep]") {
  TemporaryDirectory scratch("interrupt-sweep");
  const fs::path out = scratch.path() / "out";
  const auto [outcome, latency] = interrupt_removalsim(
      "sweep " + kData + "/sweep/long-sweep.yaml --threads 2 --out " + out.string(), scratch.path(),
      kSignalDelay);
  REQUIRE(outcome.exit_code == 130);
  REQUIRE(latency < kPrompt);
  REQUIRE(outcome.err.find("sweep --resume") != std::string::npos);
  for (const auto &entry : fs::directory_iterator(out)) {
    INFO(entry.path());
    REQUIRE(entry.path().filename() == "sweep.checkpoint");
  }
}

TEST_CASE("a large sensitivity design stops promptly on SIGINT while its points are prepared",
          "[cli][interrupt]") {
  // 2^18 base samples of 2 parameters: a million design points, a scenario loaded for each
  // before the first run (minutes of work that once ignored the signal).
  TemporaryDirectory scratch("interrupt-preparation");
  const auto [outcome, latency] = interrupt_removalsim(
      "sensitivity " + kData + "/tiny.yaml --params " + kData +
          "/long-study.yaml --method sobol --samples 262144 -r 1 --threads 1 --no-limits",
      scratch.path(), kSignalDelay);
  REQUIRE(outcome.exit_code == 130);
  REQUIRE(latency < kPrompt);
}
