#include "removalsim/model/parameter_catalogue.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <variant>

using namespace removalsim::model;

TEST_CASE("parameter catalogue: keys are unique and each finds its own row", "[model][catalogue]") {
  std::set<std::string_view> keys;
  for (const ParameterDef &def : parameter_catalogue()) {
    CAPTURE(def.key);
    REQUIRE(keys.insert(def.key).second);
    REQUIRE(find_parameter(def.key) == &def);
    REQUIRE(&parameter_catalogue()[parameter_index(def)] == &def);
    REQUIRE(parameter_key(def.member) == def.key);
  }
  REQUIRE(parameter_catalogue().size() <= kMaxParameters);
  REQUIRE(find_parameter("lpc") == nullptr);
  REQUIRE(find_parameter("lpc.dealy") == nullptr);
}

TEST_CASE("parameter catalogue: a row names the member it sets and who may set it",
          "[model][catalogue]") {
  const ParameterDef *delay = find_parameter("lpc.delay");
  REQUIRE(delay != nullptr);
  REQUIRE(std::get<Timeline<Distribution> CaseParameters::*>(delay->member) ==
          &CaseParameters::lpc_delay);
  REQUIRE(delay->level() == ParameterLevel::per_case);
  REQUIRE(delay->block() == "lpc");
  REQUIRE(find_parameter("detention.capacity")->level() == ParameterLevel::shared);
  REQUIRE(find_parameter("detention.centres")->level() == ParameterLevel::shared);
  REQUIRE(find_parameter("lpc.monthly_capacity")->level() == ParameterLevel::country_only);
  REQUIRE(find_parameter("oqtf_per_year")->level() == ParameterLevel::country_only);
  REQUIRE(find_parameter("priority")->level() == ParameterLevel::profile_only);
  REQUIRE(find_parameter("voluntary_share")->block() == "voluntary_share");
  REQUIRE(parameter_key(&CaseParameters::prison_lpc_lead_days) == "prison.lpc_lead_days");
  REQUIRE(parameter_key(&Scenario::detention_capacity) == "detention.capacity");
}

TEST_CASE("parameter catalogue: ranges are those the model reads", "[model][catalogue]") {
  REQUIRE(find_parameter("voluntary_share")->range.bound == ValueRange::Bound::unit_interval);
  REQUIRE(find_parameter("flights.boarding_success")->range.noun == "a probability");
  REQUIRE(find_parameter("validity_days")->range.unlimited);
  REQUIRE_FALSE(find_parameter("detention.max_days")->range.unlimited);
  REQUIRE(find_parameter("detention.capacity")->range.unlimited);
  REQUIRE(find_parameter("house_arrest.abscond_rate_per_month")->range.noun == "a rate per month");
}

TEST_CASE("parameter catalogue: each optional block has switches and required keys",
          "[model][catalogue]") {
  std::set<std::string_view> switched;
  std::set<std::string_view> required;
  for (const ParameterDef &def : parameter_catalogue()) {
    if (def.role == BlockRole::block_switch) {
      switched.insert(def.block());
      // A switch is a share: zero throughout means the block is off.
      REQUIRE(def.range.bound == ValueRange::Bound::unit_interval);
    } else if (def.role == BlockRole::required) {
      required.insert(def.block());
    }
  }
  REQUIRE(switched == std::set<std::string_view>{"house_arrest", "prison"});
  REQUIRE(required == switched);
}
