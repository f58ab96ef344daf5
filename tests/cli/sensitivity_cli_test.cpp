#include "command_runner.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

using removalsim::testing::Outcome;
using removalsim::testing::read;
using removalsim::testing::TemporaryDirectory;

/// Runs `removalsim sensitivity ARGUMENTS` with stdout and stderr captured in `scratch`.
Outcome sensitivity(const std::string &arguments, const fs::path &scratch) {
  return removalsim::testing::run_removalsim("sensitivity " + arguments, scratch);
}

std::size_t lines(const std::string &text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

const std::string kData = REMOVALSIM_SENSITIVITY_DATA_DIR;
const std::string kTiny = kData + "/tiny.yaml --params " + kData + "/tiny-study.yaml ";

} // namespace

TEST_CASE("sensitivity (Morris) ranks the levers and writes the same files whatever the threads",
          "[cli][sensitivity]") {
  TemporaryDirectory scratch("morris");
  const fs::path one = scratch.path() / "one";
  const fs::path two = scratch.path() / "two";
  const Outcome first = sensitivity(kTiny + "--threads 1 --out " + one.string(), scratch.path());
  REQUIRE(first.exit_code == 0);
  const Outcome second = sensitivity(kTiny + "--threads 2 --out " + two.string(), scratch.path());
  REQUIRE(second.exit_code == 0);
  REQUIRE(first.out.find("Morris screening of tiny: 3 parameters") != std::string::npos);
  REQUIRE(first.out.find("removals AA 2024") != std::string::npos);
  REQUIRE(first.out.find("replication noise:") != std::string::npos);
  for (const char *file :
       {"sensitivity.csv", "sensitivity-execution_ratio-ALL-2024.csv", "points.csv"}) {
    INFO(file);
    REQUIRE(read(one / file) == read(two / file));
  }
  const std::string csv = read(one / "sensitivity.csv");
  REQUIRE(csv.rfind("parameter,index,value,ci_low,ci_high\nlpc_issue,mu,", 0) == 0);
  REQUIRE(lines(csv) == 1 + 3 * 3);
  REQUIRE(csv.find("places,mu_star,") != std::string::npos);
  REQUIRE(lines(read(one / "points.csv")) == 1 + 4 * (3 + 1));
  REQUIRE(read(one / "sensitivity.json").find("\"replication_noise_share\"") != std::string::npos);
}

TEST_CASE("sensitivity (Sobol) writes S1 and ST rows", "[cli][sensitivity]") {
  TemporaryDirectory scratch("sobol");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome = sensitivity(kTiny +
                                          "--method sobol --samples 8 --replications 1 "
                                          "--metric removals --out " +
                                          out.string(),
                                      scratch.path());
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.out.find("Sobol indices of tiny: 3 parameters, N = 8") != std::string::npos);
  REQUIRE(outcome.out.find("not estimated (one replication per point)") != std::string::npos);
  const std::string csv = read(out / "sensitivity.csv");
  REQUIRE(lines(csv) == 1 + 3 * 2);
  REQUIRE(csv.find("\nplaces,ST,") != std::string::npos);
  // --metric replaced the file's metrics on their countries and periods.
  REQUIRE(fs::exists(out / "sensitivity-removals-ALL-2024.csv"));
  REQUIRE(!fs::exists(out / "sensitivity-execution_ratio-ALL-2024.csv"));
}

TEST_CASE("sensitivity refuses user errors with exit code 2 and writes nothing",
          "[cli][sensitivity]") {
  TemporaryDirectory scratch("errors");
  const fs::path out = scratch.path() / "out";
  const std::string to_out = " --out " + out.string();
  struct Case {
    std::string arguments;
    std::string message;
  };
  const Case cases[] = {
      {kData + "/tiny.yaml --params " + kData + "/missing.yaml" + to_out,
       "missing.yaml: cannot read the study file: no such file"},
      {kData + "/tiny.yaml --params " + kData + "/refused-study.yaml" + to_out,
       "refused-study.yaml:5:5: parameters[0]: the scenario refuses `lpc_issue` = 1.5"},
      {kData + "/missing.yaml --params " + kData + "/tiny-study.yaml" + to_out,
       "cannot read the scenario file"},
      {kTiny + "--metric removal" + to_out, "--metric: removal not in"},
      {kTiny + "--method sobol --samples 12" + to_out, "N must be a power of two, got 12"},
      {kTiny + "--method anova" + to_out, "--method: anova not in {morris,sobol}"},
  };
  for (const auto &c : cases) {
    INFO(c.arguments);
    const Outcome outcome = sensitivity(c.arguments, scratch.path());
    REQUIRE(outcome.exit_code == 2);
    INFO(outcome.err);
    REQUIRE(outcome.err.find(c.message) != std::string::npos);
    REQUIRE(!fs::exists(out));
  }
}
