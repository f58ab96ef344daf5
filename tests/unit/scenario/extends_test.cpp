#include "printing.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using removalsim::engine::Date;
using removalsim::model::Distribution;
using removalsim::model::Timeline;
using removalsim::scenario::load_scenario;
using removalsim::scenario::load_scenario_from_string;
using removalsim::scenario::LoadedScenario;
using removalsim::scenario::ResolvedValue;

namespace {

const std::string kData = REMOVALSIM_TEST_DATA_DIR "/scenarios/";

// The provenance entry of `key_path` (a failed REQUIRE when absent).
ResolvedValue origin(const LoadedScenario &loaded, const std::string &key_path) {
  const auto found = std::find_if(loaded.provenance.begin(), loaded.provenance.end(),
                                  [&](const ResolvedValue &v) { return v.key_path == key_path; });
  REQUIRE(found != loaded.provenance.end());
  return *found;
}

bool listed(const LoadedScenario &loaded, const std::string &key_path) {
  return std::any_of(loaded.provenance.begin(), loaded.provenance.end(),
                     [&](const ResolvedValue &v) { return v.key_path == key_path; });
}

// Restores the working directory when a test changed it.
class WorkingDirectory {
public:
  explicit WorkingDirectory(const std::filesystem::path &to)
      : saved_(std::filesystem::current_path()) {
    std::filesystem::current_path(to);
  }
  ~WorkingDirectory() { std::filesystem::current_path(saved_); }
  WorkingDirectory(const WorkingDirectory &) = delete;
  WorkingDirectory &operator=(const WorkingDirectory &) = delete;

private:
  std::filesystem::path saved_;
};

} // namespace

TEST_CASE("scenario extends: maps merge key by key, other values replace the parent's",
          "[scenario][extends]") {
  const auto loaded = load_scenario(kData + "child.yaml");
  const auto &s = loaded.scenario;
  REQUIRE(loaded.files == std::vector<std::string>{kData + "child.yaml", kData + "base.yaml"});
  REQUIRE(s.name == "child");
  REQUIRE(s.start == Date{2019, 1, 1});
  REQUIRE(s.end == Date{2025, 12, 31});
  REQUIRE(s.detention_capacity == Timeline<double>(1959.0));
  // Countries merge by code, in the parent's order, then the child's new ones.
  REQUIRE(s.countries.size() == 3);
  REQUIRE(s.countries[0].code == "MA");
  REQUIRE(s.countries[1].code == "TN");
  REQUIRE(s.countries[2].code == "DZ");
  REQUIRE(s.countries[2].oqtf_per_year == Timeline<double>(20000.0));

  const auto &p = s.countries[1].profiles.at(0).parameters; // TN: national values
  REQUIRE(p.voluntary_share == Timeline<double>(0.1));      // parent only
  REQUIRE(p.appeal_share == Timeline<double>(0.3));         // parent's, beside a child's key
  REQUIRE(p.appeal_duration == Timeline<Distribution>(Distribution::fixed(90.0))); // replaced
  REQUIRE(p.lpc_delay == Timeline<Distribution>(Distribution::gamma(18.0, 10.0))); // merged
  REQUIRE(p.lpc_issue_probability == Timeline<double>(0.5));
  REQUIRE(p.validity_days == Timeline<double>(1095.0)); // a timeline replaced by a constant
  REQUIRE(p.detention_max_days == Timeline<double>(90.0));

  // Profiles merge by name.
  const auto &ma = s.countries[0];
  REQUIRE(ma.profiles.size() == 2);
  REQUIRE(ma.profiles[0].name == "public_order");
  REQUIRE(ma.profiles[0].share == 0.3);
  REQUIRE(ma.profiles[0].priority);
  REQUIRE(ma.profiles[0].parameters.apprehension_rate_per_year == Timeline<double>(2.0));
  REQUIRE(ma.profiles[0].parameters.document_share == Timeline<double>(0.3));
  REQUIRE(ma.profiles[1].name == "other");
  REQUIRE(ma.profiles[1].parameters.apprehension_rate_per_year == Timeline<double>(0.0));
}

TEST_CASE("scenario extends: provenance names the file and line of every resolved leaf",
          "[scenario][extends]") {
  const auto loaded = load_scenario(kData + "child.yaml");
  const std::string base = kData + "base.yaml";
  const std::string child = kData + "child.yaml";
  REQUIRE(origin(loaded, "name") == ResolvedValue{"name", "child", child, 3, 7});
  REQUIRE(origin(loaded, "start") == ResolvedValue{"start", "2019-01-01", base, 3, 8});
  REQUIRE(origin(loaded, "national.appeal.share") ==
          ResolvedValue{"national.appeal.share", "0.3", base, 7, 19});
  REQUIRE(origin(loaded, "national.appeal.duration") ==
          ResolvedValue{"national.appeal.duration", "90", child, 5, 22});
  REQUIRE(origin(loaded, "national.lpc.delay.dist") ==
          ResolvedValue{"national.lpc.delay.dist", "gamma", base, 8, 23});
  REQUIRE(origin(loaded, "national.lpc.delay.mean") ==
          ResolvedValue{"national.lpc.delay.mean", "18", child, 6, 23});
  REQUIRE(origin(loaded, "national.lpc.delay.sd").file == base);
  REQUIRE(origin(loaded, "national.validity_days") ==
          ResolvedValue{"national.validity_days", "1095", child, 7, 18});
  REQUIRE_FALSE(listed(loaded, "national.validity_days[0].from"));
  REQUIRE(origin(loaded, "countries.MA.profiles.public_order.apprehension.rate_per_year").file ==
          child);
  REQUIRE(origin(loaded, "countries.MA.profiles.public_order.share").file == base);
  REQUIRE(origin(loaded, "countries.DZ.oqtf_per_year").file == child);
  REQUIRE_FALSE(listed(loaded, "extends"));
}

TEST_CASE("scenario extends: chains across directories resolve each path from its own file",
          "[scenario][extends]") {
  const auto loaded = load_scenario(kData + "chain/grandchild.yaml");
  REQUIRE(loaded.files == std::vector<std::string>{kData + "chain/grandchild.yaml",
                                                   kData + "child.yaml", kData + "base.yaml"});
  REQUIRE(loaded.scenario.end == Date{2024, 12, 31});
  REQUIRE(loaded.scenario.name == "child");
  REQUIRE(origin(loaded, "end").file == kData + "chain/grandchild.yaml");
  REQUIRE(origin(loaded, "name").file == kData + "child.yaml");
}

TEST_CASE("scenario extends: a distribution map with `dist:` replaces the parent's whole",
          "[scenario][extends]") {
  const auto loaded = load_scenario_from_string(
      "extends: base.yaml\nnational: {lpc: {delay: {dist: exponential, mean: 7}}}\n",
      kData + "virtual.yaml");
  const auto &p = loaded.scenario.countries.at(0).profiles.at(0).parameters;
  REQUIRE(p.lpc_delay == Timeline<Distribution>(Distribution::exponential(7.0)));
  REQUIRE_FALSE(listed(loaded, "national.lpc.delay.sd"));
  REQUIRE(loaded.files == std::vector<std::string>{kData + "virtual.yaml", kData + "base.yaml"});
}

TEST_CASE("scenario extends: relative file names stay relative", "[scenario][extends]") {
  const WorkingDirectory here(kData);
  const auto loaded = load_scenario("chain/grandchild.yaml");
  REQUIRE(loaded.files ==
          std::vector<std::string>{"chain/grandchild.yaml", "child.yaml", "base.yaml"});
  REQUIRE(origin(loaded, "start").file == "base.yaml");
}
