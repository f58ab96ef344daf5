// docs/metrics.md is the one place where metrics are documented: it must list every metric.
#include "removalsim/analysis/metric_evaluation.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

TEST_CASE("docs/metrics.md documents every metric the program knows", "[analysis][metrics]") {
  std::ifstream in(REMOVALSIM_SOURCE_DIR "/docs/metrics.md");
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  for (const std::string &name : removalsim::analysis::metric_names()) {
    INFO(name);
    CHECK(doc.find('`' + name + '`') != std::string::npos);
  }
}
