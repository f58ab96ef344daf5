#include "command_runner.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

using removalsim::testing::Outcome;
using removalsim::testing::read;
using removalsim::testing::run_removalsim;
using removalsim::testing::TemporaryDirectory;

const std::string kData = REMOVALSIM_CLI_DATA_DIR;

} // namespace

TEST_CASE("the version flag prints the version", "[cli]") {
  TemporaryDirectory scratch("version");
  const Outcome outcome = run_removalsim("--version", scratch.path());
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.out.rfind("removalsim ", 0) == 0);
}

TEST_CASE("run writes identical outputs whatever the thread count", "[cli]") {
  TemporaryDirectory scratch("threads");
  const fs::path one = scratch.path() / "one";
  const fs::path two = scratch.path() / "two";
  const std::string common = "run " + kData + "/tiny.yaml --replications 4 --seed 9 ";
  REQUIRE(run_removalsim(common + "--threads 1 --out " + one.string(), scratch.path()).exit_code ==
          0);
  const Outcome second =
      run_removalsim(common + "--threads 2 --out " + two.string(), scratch.path());
  REQUIRE(second.exit_code == 0);
  REQUIRE(second.out.find("Flows per year") != std::string::npos);
  for (const char *file : {"monthly.csv", "summary.csv"}) {
    INFO(file);
    REQUIRE(read(one / file) == read(two / file));
  }
  const std::string monthly = read(one / "monthly.csv");
  REQUIRE(monthly.rfind("replication,month,country,profile,metric,value\n", 0) == 0);
  REQUIRE(monthly.find(",2023-06,AA,public_order,oqtf_issued,") != std::string::npos);
  REQUIRE(monthly.find(",ALL,ALL,detention_occupancy,") != std::string::npos);
  REQUIRE(
      read(one / "summary.csv").rfind("period,country,metric,mean,ci_low,ci_high,n,unit\n", 0) ==
      0);
  const std::string run_json = read(one / "run.json");
  REQUIRE(run_json.find("\"seed\": 9") != std::string::npos);
  REQUIRE(run_json.find("\"replications\": 4") != std::string::npos);
  // Nothing but the three outputs is left behind (no temporary files).
  REQUIRE(std::distance(fs::directory_iterator(one), fs::directory_iterator()) == 3);
}

TEST_CASE("the --quiet flag goes before or after the command, and silences progress only",
          "[cli][progress]") {
  TemporaryDirectory scratch("quiet");
  for (const std::string command : {"--quiet run ", "run -q "}) {
    INFO(command);
    const Outcome outcome = run_removalsim(command + kData + "/tiny.yaml -r 2", scratch.path());
    REQUIRE(outcome.exit_code == 0);
    CHECK(outcome.out.find("Flows per year") != std::string::npos);
    CHECK(outcome.err.find("elapsed") == std::string::npos);
  }
}

TEST_CASE("run ends with the headline targets of the targets file its scenario names",
          "[cli][headline]") {
  TemporaryDirectory scratch("headline");
  const Outcome outcome =
      run_removalsim("run " + kData + "/tiny-with-targets.yaml -r 3 --seed 2", scratch.path());
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const auto block = outcome.out.find("Against published figures (the headline targets of ");
  REQUIRE(block != std::string::npos);
  CHECK(outcome.out.find("aa_orders_2023", block) != std::string::npos);
  CHECK(outcome.out.find("all_lpc_rate_2023", block) != std::string::npos);
  CHECK(outcome.out.find("bb_removal_growth", block) == std::string::npos);
  CHECK(outcome.out.find("1 of 2 within tolerance — see `removalsim compare` for all\n", block) !=
        std::string::npos);

  const Outcome plain = run_removalsim("run " + kData + "/tiny.yaml -r 2", scratch.path());
  CHECK(plain.out.find("Against published figures") == std::string::npos);

  // A targets file that cannot be read stops the command before it simulates.
  const Outcome missing =
      run_removalsim("run " + kData + "/tiny-missing-targets.yaml -r 2", scratch.path());
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no-such-targets.yaml") != std::string::npos);
  CHECK(missing.out.empty());
}

TEST_CASE("the --set option puts values on the scenario without a file", "[cli][set]") {
  TemporaryDirectory scratch("set");
  const fs::path out = scratch.path() / "out";
  const Outcome run = run_removalsim("run " + kData +
                                         "/tiny.yaml -r 2 --set national.detention.capacity=61 "
                                         "--set national.document_share=0.25 --out " +
                                         out.string(),
                                     scratch.path());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string record = read(out / "run.json");
  CHECK(record.find("\"national.detention.capacity\": 61,") != std::string::npos);
  CHECK(record.find("\"national.document_share\": 0.25,") != std::string::npos);

  // The what-if side of diff only: the same scenario with one value changed differs.
  const fs::path diff_out = scratch.path() / "diff";
  const Outcome diff = run_removalsim("diff " + kData + "/tiny.yaml " + kData +
                                          "/tiny.yaml -r 3 --set national.detention.capacity=5 "
                                          "--out " +
                                          diff_out.string(),
                                      scratch.path());
  REQUIRE(diff.exit_code == 0);
  const std::string differences = read(diff_out / "diff.csv");
  const auto row = differences.find("\n2023,ALL,detention_entries,");
  REQUIRE(row != std::string::npos);
  // Fewer places, fewer detentions: the paired difference is not zero.
  CHECK(differences.substr(row + 1, differences.find('\n', row + 1) - row - 1).find(",0,0,0") ==
        std::string::npos);

  const Outcome check = run_removalsim(
      "check " + kData + "/tiny.yaml --set national.detention.capacity=62", scratch.path());
  REQUIRE(check.exit_code == 0);
  CHECK(check.out.find("national.detention.capacity: 62") != std::string::npos);

  const Outcome typo = run_removalsim(
      "run " + kData + "/tiny.yaml -r 2 --set national.detention.capcity=5", scratch.path());
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("override:1:") != std::string::npos);
  CHECK(typo.err.find("capacity") != std::string::npos);

  const Outcome malformed =
      run_removalsim("run " + kData + "/tiny.yaml -r 2 --set capacity", scratch.path());
  CHECK(malformed.exit_code == 2);
  CHECK(malformed.err.find("`capacity` is not KEY=VALUE") != std::string::npos);
}

TEST_CASE("a scenario error exits with 2, names the place and writes nothing", "[cli]") {
  TemporaryDirectory scratch("bad");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome =
      run_removalsim("run " + kData + "/bad-key.yaml --out " + out.string(), scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("bad-key.yaml:7:") != std::string::npos);
  REQUIRE(outcome.err.find("issue_probability") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out));
}

TEST_CASE("a missing scenario file exits with 2", "[cli]") {
  TemporaryDirectory scratch("missing");
  const Outcome outcome = run_removalsim("run " + kData + "/no-such-file.yaml", scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("no-such-file.yaml") != std::string::npos);
}

TEST_CASE("an unwritable output directory exits with 3 before simulating", "[cli]") {
  TemporaryDirectory scratch("unwritable");
  const fs::path blocker = scratch.path() / "file";
  std::ofstream(blocker) << "not a directory";
  const Outcome outcome = run_removalsim(
      "run " + kData + "/tiny.yaml --out " + (blocker / "out").string(), scratch.path());
  REQUIRE(outcome.exit_code == 3);
  REQUIRE(outcome.err.find("cannot create output directory") != std::string::npos);
  REQUIRE(outcome.out.empty());
}

TEST_CASE("a scenario the model cannot simulate exits with 4 as a model error", "[cli]") {
  // Valid for the loader and small enough for the limits, but beyond what a case record holds.
  TemporaryDirectory scratch("model-error");
  const fs::path scenario = scratch.path() / "scenario.yaml";
  SECTION("2,800 years of months: a case keeps its month of issuance in 16 bits") {
    std::ofstream(scenario) << "start: 2000-01-01\nend: 4799-12-31\n"
                               "countries:\n  AA: {oqtf_per_year: 1}\n";
    const Outcome outcome =
        run_removalsim("run " + scenario.string() + " -r 1 --threads 1", scratch.path());
    REQUIRE(outcome.exit_code == 4);
    REQUIRE(outcome.err ==
            "removalsim: model error: the scenario has too many profiles or months\n");
  }
  SECTION("256 detention centres: a case keeps its centre in 8 bits") {
    std::ofstream file(scenario);
    file << "start: 2023-01-01\nend: 2023-12-31\nnational:\n  detention:\n    capacity: 1000\n"
            "    centres:\n";
    for (int centre = 0; centre < 256; ++centre) {
      // 1/256 is exact in binary: the shares sum to exactly 1.
      file << "      - {name: c" << centre
           << ", capacity_share: 0.00390625, apprehension_share: 0.00390625}\n";
    }
    file << "countries:\n  AA: {oqtf_per_year: 10}\n";
    file.close();
    const Outcome outcome =
        run_removalsim("run " + scenario.string() + " -r 1 --threads 1", scratch.path());
    REQUIRE(outcome.exit_code == 4);
    REQUIRE(outcome.err == "removalsim: model error: more than 255 detention centres\n");
  }
}

TEST_CASE("exact refuses a scenario it does not represent with exit code 2, one reason a line",
          "[cli]") {
  TemporaryDirectory scratch("not-markovian");
  const Outcome outcome = run_removalsim("exact " + kData + "/tiny.yaml", scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err ==
          "removalsim: error: the exact chain does not represent this scenario:\n"
          "  - national.detention.capacity is finite (60 places); the exact chain needs it "
          "unlimited (admissions would depend on the other cases)\n");
  REQUIRE(outcome.out.empty());
}

TEST_CASE("a command-line mistake exits with 2", "[cli]") {
  TemporaryDirectory scratch("usage");
  REQUIRE(run_removalsim("frobnicate", scratch.path()).exit_code == 2);
  REQUIRE(run_removalsim("run --replications 0", scratch.path()).exit_code == 2);
}

TEST_CASE("check prints every resolved value with its file", "[cli]") {
  TemporaryDirectory scratch("check");
  const Outcome outcome = run_removalsim("check " + kData + "/tiny.yaml", scratch.path());
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.out.find("countries.AA.oqtf_per_year: 2000") != std::string::npos);
  REQUIRE(outcome.out.find("tiny.yaml:") != std::string::npos);
  REQUIRE(outcome.out.find("valid (2 countries)") != std::string::npos);
}

namespace {

/// The lines of `text`.
std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

/// The comma-separated fields of a CSV line without quotes.
std::vector<std::string> fields_of(const std::string &line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) {
    fields.push_back(field);
  }
  return fields;
}

} // namespace

TEST_CASE("compare prints a table, the counts within tolerance and inside, and writes "
          "comparison.csv",
          "[cli]") {
  TemporaryDirectory scratch("compare");
  const fs::path out = scratch.path() / "out";
  const std::string common =
      "compare " + kData + "/tiny.yaml --targets " + kData + "/tiny-targets.yaml -r 6 --seed 3 ";
  const Outcome outcome =
      run_removalsim(common + "--threads 1 --out " + out.string(), scratch.path());
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const auto lines = lines_of(outcome.out);
  REQUIRE_FALSE(lines.empty());
  // Four targets are simulated; the 2022 one lies before the run. The headline: the orders of AA
  // (within 5 %) and of AA + BB (within 10 %) are met, the made-up LPC rate (0.9 against 0.5) is
  // not; the ratio of two halves may or may not be. Then "N of 4 targets inside their interval"
  // with N from 0 to 4 (no std::regex: GCC 12 warns inside it under the sanitizers).
  REQUIRE(lines.size() >= 2);
  const std::string &headline = lines[lines.size() - 2];
  REQUIRE(headline.size() == std::string("2 of 4 targets within tolerance").size());
  REQUIRE(headline.front() >= '2');
  REQUIRE(headline.front() <= '3');
  REQUIRE(headline.substr(1) == " of 4 targets within tolerance");
  const std::string &last = lines.back();
  REQUIRE(last.size() == std::string("0 of 4 targets inside their interval").size());
  REQUIRE(last.front() >= '0');
  REQUIRE(last.front() <= '4');
  REQUIRE(last.substr(1) == " of 4 targets inside their interval");
  REQUIRE(outcome.out.find("within?") != std::string::npos);
  REQUIRE(outcome.out.find("tol.") != std::string::npos);
  REQUIRE(outcome.out.find("aa_orders_2022") != std::string::npos);
  REQUIRE(outcome.out.find("outside the run (2023-01-01 to 2023-12-31): aa_orders_2022") !=
          std::string::npos);
  REQUIRE(outcome.out.find("outside") != std::string::npos); // the made-up 0.9 LPC rate

  const auto csv = lines_of(read(out / "comparison.csv"));
  REQUIRE(csv.size() == 6);
  const std::string record = read(out / "compare.json");
  CHECK(record.find("\"targets_within_tolerance\": ") != std::string::npos);
  CHECK(record.find("\"scenario_hash\": ") != std::string::npos);
  // The columns of before, then the tolerance and whether the mean is within it, at the end.
  REQUIRE(csv[0] == "id,metric,country,period,reported,sim_mean,ci_low,ci_high,rel_error,inside,"
                    "tolerance,within_tolerance");
  REQUIRE(csv[1].rfind("aa_orders_2023,oqtf_issued,AA,2023,2000,", 0) == 0);
  const auto orders = fields_of(csv[1]);
  REQUIRE(orders.size() == 12);
  REQUIRE(orders[10] == "0.05"); // its own tolerance
  REQUIRE(orders[11] == "true");
  REQUIRE(std::abs(std::stod(orders[5]) - 2000.0) <= 0.05 * 2000.0);
  const auto rate = fields_of(csv[2]);
  REQUIRE(rate.size() == 12);
  REQUIRE(rate[1] == "lpc_issue_rate");
  REQUIRE(rate[9] == "false");
  REQUIRE(rate[10] == "0.1"); // the file's tolerance
  REQUIRE(rate[11] == "false");
  REQUIRE(std::stod(rate[6]) <= std::stod(rate[5]));
  REQUIRE(std::stod(rate[5]) <= std::stod(rate[7]));
  REQUIRE(csv[3].rfind("bb_removal_growth,ratio:removals,BB,2023-07..2023-12 / 2023-01..2023-06,"
                       "1.2,",
                       0) == 0);
  // A set of countries is one field, `AA+BB`; its orders are those of the two countries.
  const auto both = fields_of(csv[4]);
  REQUIRE(both.size() == 12);
  REQUIRE(both[0] == "aa_bb_orders_2023");
  REQUIRE(both[2] == "AA+BB");
  REQUIRE(both[11] == "true");
  REQUIRE(std::abs(std::stod(both[5]) - 3000.0) <= 0.1 * 3000.0);
  REQUIRE(csv[5] == "aa_orders_2022,oqtf_issued,AA,2022,2000,NA,NA,NA,NA,NA,0.1,NA");
  REQUIRE(std::distance(fs::directory_iterator(out), fs::directory_iterator()) ==
          2); // comparison.csv, compare.json

  // The same seed gives the same file whatever the thread count.
  const fs::path two = scratch.path() / "two";
  REQUIRE(run_removalsim(common + "--threads 2 --out " + two.string(), scratch.path()).exit_code ==
          0);
  REQUIRE(read(two / "comparison.csv") == read(out / "comparison.csv"));
}

TEST_CASE("compare refuses bad targets with exit code 2 and writes nothing", "[cli]") {
  TemporaryDirectory scratch("compare-bad");
  const fs::path out = scratch.path() / "out";
  const Outcome misspelt = run_removalsim("compare " + kData + "/tiny.yaml --targets " + kData +
                                              "/bad-targets.yaml --out " + out.string(),
                                          scratch.path());
  REQUIRE(misspelt.exit_code == 2);
  REQUIRE(misspelt.err.find("bad-targets.yaml:5:13: targets[0].metric: unknown metric `remvals`; "
                            "did you mean `removals`?") != std::string::npos);
  REQUIRE(misspelt.out.empty());
  REQUIRE_FALSE(fs::exists(out));
  // The shipped French targets name MA, DZ and TN, which tiny.yaml does not have.
  const Outcome countries =
      run_removalsim("compare " + kData + "/tiny.yaml --targets " + kData +
                         "/../../../scenarios/targets/france.yaml --out " + out.string(),
                     scratch.path());
  REQUIRE(countries.exit_code == 2);
  REQUIRE(countries.err.find("country `MA` is not in the scenario (its countries: AA, BB;") !=
          std::string::npos);
  REQUIRE_FALSE(fs::exists(out));
  const Outcome missing = run_removalsim("compare " + kData + "/tiny.yaml --targets " + kData +
                                             "/no-such-targets.yaml --out " + out.string(),
                                         scratch.path());
  REQUIRE(missing.exit_code == 2);
  REQUIRE(missing.err.find("cannot read the targets file: no such file") != std::string::npos);
  REQUIRE_FALSE(fs::exists(out));
  REQUIRE(run_removalsim("compare " + kData + "/tiny.yaml", scratch.path()).exit_code == 2);
}

TEST_CASE("compare checks the output directory before simulating", "[cli]") {
  TemporaryDirectory scratch("compare-unwritable");
  const fs::path blocker = scratch.path() / "file";
  std::ofstream(blocker) << "not a directory";
  const Outcome outcome =
      run_removalsim("compare " + kData + "/tiny.yaml --targets " + kData +
                         "/tiny-targets.yaml --out " + (blocker / "out").string(),
                     scratch.path());
  REQUIRE(outcome.exit_code == 3);
  REQUIRE(outcome.out.empty());
}

TEST_CASE("diff of a scenario with itself is exactly zero", "[cli]") {
  TemporaryDirectory scratch("diff-self");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome = run_removalsim("diff " + kData + "/tiny.yaml " + kData +
                                             "/tiny.yaml -r 4 --seed 5 --out " + out.string(),
                                         scratch.path());
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  REQUIRE(outcome.out.find("2023   AA") != std::string::npos);
  REQUIRE(outcome.out.find("0 ± 0") != std::string::npos);
  const auto csv = lines_of(read(out / "diff.csv"));
  REQUIRE(csv.size() > 1);
  const std::string record = read(out / "diff.json");
  CHECK(record.find("\"whatif\": {") != std::string::npos);
  CHECK(record.find("\"replications\": 4") != std::string::npos);
  REQUIRE(csv[0] == "period,country,metric,base_mean,whatif_mean,diff_mean,ci_low,ci_high");
  for (std::size_t i = 1; i < csv.size(); ++i) {
    INFO(csv[i]);
    const auto fields = fields_of(csv[i]);
    REQUIRE(fields.size() == 8);
    REQUIRE(fields[3] == fields[4]); // the same means
    for (std::size_t f = 5; f < 8; ++f) {
      REQUIRE((fields[f] == "0" || fields[f] == "NA"));
    }
  }
  REQUIRE(std::distance(fs::directory_iterator(out), fs::directory_iterator()) ==
          2); // diff.csv, diff.json
}

TEST_CASE("diff shows the effect of a what-if", "[cli]") {
  TemporaryDirectory scratch("diff-whatif");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome = run_removalsim("diff " + kData + "/tiny.yaml " + kData +
                                             "/tiny-whatif.yaml -r 4 --out " + out.string(),
                                         scratch.path());
  REQUIRE(outcome.exit_code == 0);
  const std::string csv = read(out / "diff.csv");
  // More LPCs issued: a positive difference of LPCs issued in every replication's total.
  const auto at = csv.find("\n2023,ALL,lpc_issued,");
  REQUIRE(at != std::string::npos);
  const auto fields = fields_of(csv.substr(at + 1, csv.find('\n', at + 1) - at - 1));
  REQUIRE(std::stod(fields[5]) > 0.0);
  REQUIRE(std::stod(fields[4]) > std::stod(fields[3]));
}

TEST_CASE("diff refuses scenarios that cannot be paired with exit code 2", "[cli]") {
  TemporaryDirectory scratch("diff-bad");
  const fs::path out = scratch.path() / "out";
  const Outcome outcome = run_removalsim("diff " + kData + "/tiny.yaml " + kData +
                                             "/tiny-three-countries.yaml --out " + out.string(),
                                         scratch.path());
  REQUIRE(outcome.exit_code == 2);
  REQUIRE(outcome.err.find("tiny-three-countries.yaml:4:") != std::string::npos);
  REQUIRE(outcome.err.find("the countries are AA, BB, CC here but AA, BB in the base scenario") !=
          std::string::npos);
  REQUIRE(outcome.out.empty());
  REQUIRE_FALSE(fs::exists(out));
  REQUIRE(run_removalsim("diff " + kData + "/tiny.yaml", scratch.path()).exit_code == 2);
}

TEST_CASE("each command's help ends with examples whose files exist", "[cli][help]") {
  TemporaryDirectory scratch("help");
  for (const std::string command :
       {"run", "check", "compare", "diff", "calibrate", "exact", "sensitivity", "sweep"}) {
    INFO(command);
    const Outcome help = run_removalsim(command + " --help", scratch.path());
    REQUIRE(help.exit_code == 0);
    const auto examples = help.out.find("\nExamples:\n  removalsim " + command + ' ');
    REQUIRE(examples != std::string::npos);
    std::istringstream words(help.out.substr(examples));
    std::size_t files = 0;
    for (std::string word; words >> word;) {
      if (word.starts_with("scenarios/") && word.ends_with(".yaml")) {
        CHECK(fs::exists(fs::path(REMOVALSIM_SOURCE_DIR) / word));
        ++files;
      }
    }
    CHECK(files > 0);
  }
}
