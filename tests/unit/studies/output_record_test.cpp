#include "removalsim/scenario/loader.h"
#include "removalsim/studies/output_record.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace removalsim;

namespace {

const std::string kTiny = std::string(REMOVALSIM_STUDIES_TEST_DATA_DIR) + "/tiny.yaml";

nlohmann::json parsed(const nlohmann::ordered_json &record) {
  return nlohmann::json::parse(studies::record_text(record));
}

} // namespace

TEST_CASE("output_record opens with the command line, version, commit and UTC creation time") {
  const auto record = parsed(studies::output_record(
      {.command_line = {"removalsim", "run", "s.yaml"}, .version = "1.2.3", .git_commit = "abc"}));
  CHECK(record["command_line"] == nlohmann::json({"removalsim", "run", "s.yaml"}));
  CHECK(record["version"] == "1.2.3");
  CHECK(record["git_commit"] == "abc");
  const std::string created = record["created"];
  REQUIRE(created.size() == 20);
  CHECK(created[4] == '-');
  CHECK(created[10] == 'T');
  CHECK(created.back() == 'Z');
  CHECK(parsed(studies::output_record({}))["git_commit"].is_null());
}

TEST_CASE("add_scenario records the files, a content hash and every resolved value") {
  auto loaded = scenario::load_scenario(kTiny);
  nlohmann::ordered_json record;
  studies::add_scenario(record, loaded, kTiny);
  const auto first = parsed(record);
  CHECK(first["scenario"] == kTiny);
  CHECK(first["scenario_files"] == nlohmann::json({kTiny}));
  CHECK(first["parameters"]["national.detention.capacity"] == 60);
  CHECK(first["parameters"]["national.detention.capacity"].is_number_integer());
  CHECK(first["parameters"]["national.apprehension.rate_per_year"] == 1.5);
  CHECK(first["parameters"]["start"] == "2023-01-01");
  CHECK(first["parameters"]["countries.AA.profiles.public_order.priority"] == "true");

  loaded.set("national.detention.capacity", 61);
  nlohmann::ordered_json changed;
  studies::add_scenario(changed, loaded, kTiny);
  CHECK(parsed(changed)["parameters"]["national.detention.capacity"] == 61);
  CHECK(parsed(changed)["scenario_hash"] != first["scenario_hash"]);
}

TEST_CASE("record_text writes text that is not UTF-8 as valid JSON") {
  const auto text = studies::record_text(studies::output_record(
      {.command_line = {"removalsim", std::string("caf\xe9.yaml")}, .version = "x"}));
  CHECK(text.back() == '\n');
  CHECK(nlohmann::json::parse(text)["command_line"][1] == "caf\xef\xbf\xbd.yaml");
}
