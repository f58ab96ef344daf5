// docs/metrics.md is the one place where metrics are documented: it must list every metric.
#include "removalsim/analysis/metric_evaluation.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

TEST_CASE("docs/metrics.md gives each metric the unit the program writes", "[analysis][metrics]") {
  std::ifstream in(REMOVALSIM_SOURCE_DIR "/docs/metrics.md");
  REQUIRE(in);
  std::size_t checked = 0;
  for (std::string line; std::getline(in, line);) {
    // A row `| `name` | definition | unit | published figures |` of the metric tables.
    if (!line.starts_with("| `")) {
      continue;
    }
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) {
      const auto first = cell.find_first_not_of(' ');
      const auto last = cell.find_last_not_of(' ');
      cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    }
    const std::string name = cells[0].substr(1, cells[0].size() - 2);
    if (cells.size() != 4 || !removalsim::analysis::is_metric(name)) {
      continue;
    }
    INFO(name);
    CHECK(cells[2] == removalsim::analysis::metric_unit(name));
    ++checked;
  }
  CHECK(checked >= 45); // the rows of the counter and derived-metric tables were read
}
