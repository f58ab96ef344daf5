// Every input the fuzzer once failed on (tests/fuzz/regressions/) loads or is refused with a
// ScenarioError: load_both lets any other exception escape, which fails the test.
#include "fuzz_input.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("every fuzzer regression input loads or is refused with a ScenarioError", "[fuzz]") {
  std::vector<fs::path> inputs;
  for (const auto &entry : fs::directory_iterator(REMOVALSIM_FUZZ_REGRESSIONS_DIR)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE_FALSE(inputs.empty());
  for (const auto &input : inputs) {
    INFO(input.filename().string());
    std::ifstream in(input, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_NOTHROW(removalsim::fuzz::load_both(text));
  }
}
