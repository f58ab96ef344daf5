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
