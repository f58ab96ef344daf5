#include "removalsim/analysis/calibration/checkpoint.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace removalsim::analysis::calibration;
using removalsim::analysis::CheckpointError;

namespace {

fs::path scratch_file(const std::string &name) {
  const fs::path directory =
      fs::temp_directory_path() / ("removalsim-checkpoint-" + std::to_string(::getpid()));
  fs::create_directories(directory);
  const fs::path file = directory / name;
  fs::remove(file);
  return file;
}

/// Moments that are awkward to write exactly (0.1 + 0.2, a NaN), counting its calls.
struct CountingSimulator {
  std::size_t *calls;
  std::vector<ReplicationMoments> operator()(const std::vector<SimulationRequest> &requests) const {
    std::vector<ReplicationMoments> out;
    for (const auto &request : requests) {
      ++*calls;
      ReplicationMoments moments;
      for (std::size_t r = 0; r < request.replications; ++r) {
        moments.push_back({request.theta[0] + 0.1 + 0.2 * static_cast<double>(r),
                           std::numeric_limits<double>::quiet_NaN(),
                           static_cast<double>(request.seed)});
      }
      out.push_back(moments);
    }
    return out;
  }
};

bool same_bits(const std::vector<ReplicationMoments> &a, const std::vector<ReplicationMoments> &b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t q = 0; q < a.size(); ++q) {
    for (std::size_t r = 0; r < a[q].size(); ++r) {
      for (std::size_t k = 0; k < a[q][r].size(); ++k) {
        const double x = a[q][r][k];
        const double y = b[q][r][k];
        if (!(x == y || (std::isnan(x) && std::isnan(y)))) {
          return false;
        }
      }
    }
  }
  return true;
}

} // namespace

TEST_CASE("a checkpoint replays recorded simulations exactly, and simulates only the others",
          "[calibration][checkpoint]") {
  const fs::path file = scratch_file("replay.txt");
  const std::vector<SimulationRequest> first = {{{1.0 / 3.0, 2.0}, 7, 0, 3},
                                                {{0.25, 2.0}, 7, 0, 3}};
  std::size_t calls = 0;
  std::vector<ReplicationMoments> simulated;
  {
    EvaluationCheckpoint checkpoint(file, "calibrate a");
    simulated = checkpoint.wrap(CountingSimulator{&calls})(first);
  }
  REQUIRE(calls == 2);
  REQUIRE(fs::exists(file));

  EvaluationCheckpoint resumed(file, "calibrate a");
  REQUIRE(resumed.load() == 2);
  const Simulator simulator = resumed.wrap(CountingSimulator{&calls});
  REQUIRE(same_bits(simulator(first), simulated));
  REQUIRE(calls == 2);
  REQUIRE(resumed.replayed() == 2);
  // Another seed is another request.
  const SimulationRequest other{{1.0 / 3.0, 2.0}, 8, 0, 3};
  (void)simulator({first[1], other});
  REQUIRE(calls == 3);
  REQUIRE(resumed.replayed() == 3);

  EvaluationCheckpoint again(file, "calibrate a");
  REQUIRE(again.load() == 3);
  again.remove();
  REQUIRE_FALSE(fs::exists(file));
}

TEST_CASE("a checkpoint of another calibration, a damaged or a missing one is refused",
          "[calibration][checkpoint]") {
  const fs::path file = scratch_file("refused.txt");
  std::size_t calls = 0;
  {
    EvaluationCheckpoint checkpoint(file, "calibrate a");
    (void)checkpoint.wrap(CountingSimulator{&calls})({{{0.5}, 1, 0, 2}});
  }
  EvaluationCheckpoint other(file, "calibrate b");
  REQUIRE_THROWS_WITH(other.load(), "the checkpoint " + file.string() +
                                        " belongs to another calibration: calibrate a");

  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::ofstream(file) << text.substr(0, text.size() - 5);
  EvaluationCheckpoint damaged(file, "calibrate a");
  REQUIRE_THROWS_AS(damaged.load(), CheckpointError);
  try {
    damaged.load();
  } catch (const CheckpointError &error) {
    REQUIRE(error.category() == removalsim::ErrorCategory::user); // the file given to resume from
  }

  fs::remove(file);
  EvaluationCheckpoint missing(file, "calibrate a");
  REQUIRE_THROWS_WITH(missing.load(),
                      "no checkpoint to resume from: " + file.string() + " cannot be read");
}
