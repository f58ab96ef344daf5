#include "removalsim/scenario/calibrated_scenario.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace removalsim::scenario;

namespace {

const std::string kData = REMOVALSIM_CALIBRATION_TEST_DATA_DIR;
const std::string kSmall = kData + "/small.yaml";

std::string value_of(const LoadedScenario &loaded, const std::string &key) {
  const ResolvedValue *leaf = loaded.leaf(key);
  return leaf != nullptr ? leaf->value : "(absent)";
}

} // namespace

TEST_CASE("The calibrated scenario extends the base and restates fitted lists whole",
          "[calibration][free][yaml]") {
  const std::vector<Override> fitted{{"national.lpc.issue_probability[1].value", "0.62"},
                                     {"national.detention.reviews[0].release_probability", "0.1"},
                                     {"national.apprehension.rate_per_year", "2.25"},
                                     {"countries.AA.document_share", "0.35"},
                                     {"national.lpc.delay.mean", "12"}};
  const std::string out = kData + "/calibrated.yaml";
  const std::string text = calibrated_scenario_yaml(kSmall, out, fitted, "line one\n\nline three");
  CHECK(text == "# line one\n"
                "#\n"
                "# line three\n"
                "extends: small.yaml\n"
                "national:\n"
                "  apprehension:\n"
                "    rate_per_year: 2.25\n"
                "  detention:\n"
                "    reviews:\n"
                "      - day: 2\n"
                "        release_probability: 0.1\n"
                "      - day: 30\n"
                "        release_probability: 0.3\n"
                "  lpc:\n"
                "    issue_probability:\n"
                "      - from: 2023-01-01\n"
                "        value: 0.5\n"
                "      - from: 2024-01-01\n"
                "        value: 0.62\n"
                "    delay:\n"
                "      mean: 12\n"
                "countries:\n"
                "  AA:\n"
                "    document_share: 0.35\n");
  // Read back from where it is meant to be written, it is the calibrated scenario.
  const auto back = load_scenario_from_string(text, out);
  const auto direct = load_scenario(kSmall, fitted);
  for (const auto &override : fitted) {
    CHECK(value_of(back, override.key_path) == override.value);
  }
  CHECK(value_of(back, "national.lpc.delay.dist") == "gamma");
  CHECK(value_of(back, "national.lpc.delay.sd") == "5");
  CHECK(back.provenance.size() == direct.provenance.size());
}

TEST_CASE("The calibrated scenario finds its base from another directory",
          "[calibration][free][yaml]") {
  const auto directory = std::filesystem::temp_directory_path() / "removalsim-calibration-test";
  const std::string out = (directory / "nested" / "cal.yaml").string();
  const std::string text =
      calibrated_scenario_yaml(kSmall, out, {{"national.document_share", "0.25"}}, "");
  CHECK(text.starts_with("extends: "));
  CHECK(text.find("small.yaml\n") != std::string::npos);
  CHECK(value_of(load_scenario_from_string(text, out), "national.document_share") == "0.25");
  // A fitted value the scenario refuses is the scenario's error.
  CHECK_THROWS_AS(calibrated_scenario_yaml(kSmall, out, {{"national.document_share", "1.5"}}, ""),
                  ScenarioError);
}
