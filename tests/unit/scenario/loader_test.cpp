#include "printing.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using removalsim::engine::Date;
using removalsim::model::Distribution;
using removalsim::model::kUnlimited;
using removalsim::model::Review;
using removalsim::model::ReviewSchedule;
using removalsim::model::Timeline;
using removalsim::scenario::load_scenario;
using removalsim::scenario::load_scenario_from_string;

namespace {

const std::string kData = REMOVALSIM_TEST_DATA_DIR "/scenarios/";

std::vector<Timeline<double>::Segment> segments(const Timeline<double> &timeline) {
  return timeline.segments();
}

using Numbers = std::vector<Timeline<double>::Segment>;

} // namespace

TEST_CASE("scenario: a full document loads into the expected dates and shared parameters",
          "[scenario][loader]") {
  const auto loaded = load_scenario(kData + "full.yaml");
  const auto &s = loaded.scenario;
  REQUIRE(s.name == "France 2019-2025");
  REQUIRE(s.start == Date{2019, 1, 1});
  REQUIRE(s.end == Date{2025, 12, 31});
  REQUIRE(s.warmup_until == Date{2022, 1, 1});
  // 2024-01-01 is 1826 days after 2019-01-01 (one leap day, 2020).
  REQUIRE(segments(s.detention_capacity) == Numbers{{0.0, 1500.0}, {1826.0, 1959.0}});
  REQUIRE(s.detention_priority_reserve == Timeline<double>(50.0));
  REQUIRE(s.countries.size() == 3);
  REQUIRE(s.countries[0].code == "MA");
  REQUIRE(s.countries[1].code == "DZ");
  REQUIRE(s.countries[2].code == "OTHER");
  REQUIRE(loaded.files == std::vector<std::string>{kData + "full.yaml"});
}

TEST_CASE("scenario: national parameters reach every case, with timelines in days from start",
          "[scenario][loader]") {
  const auto loaded = load_scenario(kData + "full.yaml");
  const auto &s = loaded.scenario;
  const auto &p = s.countries[2].profiles.at(0).parameters; // OTHER: national values only
  REQUIRE(p.voluntary_share == Timeline<double>(0.1));
  REQUIRE(p.no_delay_share == Timeline<double>(0.2));
  REQUIRE(p.detained_at_issuance_share == Timeline<double>(0.05));
  REQUIRE(p.departure_period_days == Timeline<double>(30.0));
  REQUIRE(p.appeal_share == Timeline<double>(0.3));
  REQUIRE(p.appeal_duration == Timeline<Distribution>(Distribution::lognormal(120.0, 60.0)));
  REQUIRE(p.appeal_annulment_share == Timeline<double>(0.15));
  // 2024-01-28 is day 1853.
  REQUIRE(segments(p.validity_days) == Numbers{{0.0, 365.0}, {1853.0, 1095.0}});
  REQUIRE(p.apprehension_rate_per_year == Timeline<double>(0.4));
  REQUIRE(p.detention_max_days == Timeline<double>(90.0));
  // 2024-07-15 is day 2022.
  using Schedules = std::vector<Timeline<ReviewSchedule>::Segment>;
  REQUIRE(p.detention_reviews.segments() ==
          Schedules{{0.0, ReviewSchedule{Review{2.0, 0.1}, Review{30.0, 0.2}}},
                    {2022.0, ReviewSchedule{Review{4.0, 0.1}}}});
  REQUIRE(p.document_check_days == Timeline<Distribution>(Distribution::fixed(2.0)));
  REQUIRE(p.lpc_request_delay == Timeline<Distribution>(Distribution::fixed(1.0)));
  REQUIRE(p.lpc_issue_probability == Timeline<double>(0.5));
  REQUIRE(p.lpc_delay == Timeline<Distribution>(Distribution::gamma(20.0, 10.0)));
  REQUIRE(p.lpc_validity_days == Timeline<double>(30.0));
  REQUIRE(p.booking_delay == Timeline<Distribution>(Distribution::exponential(5.0)));
  REQUIRE(p.boarding_success == Timeline<double>(0.9));
  REQUIRE(p.redetention_gap_days == Timeline<double>(7.0));
  REQUIRE(p.document_share == Timeline<double>(0.3));

  const auto &other = s.countries[2];
  REQUIRE(other.oqtf_per_year == Timeline<double>(100000.0));
  REQUIRE(other.monthly_factors == std::array<double, 12>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  REQUIRE(other.initial_at_large == 0);
  REQUIRE(other.lpc_monthly_capacity == Timeline<double>(kUnlimited));
  REQUIRE(other.seats_per_week == Timeline<double>(kUnlimited));
  REQUIRE(other.profiles.size() == 1);
  REQUIRE(other.profiles[0].name == "ALL");
  REQUIRE(other.profiles[0].share == 1.0);
  REQUIRE_FALSE(other.profiles[0].priority);
}

TEST_CASE("scenario: precedence is national <- country <- profile", "[scenario][loader]") {
  const auto loaded = load_scenario(kData + "full.yaml");
  const auto &ma = loaded.scenario.countries[0];
  REQUIRE(ma.oqtf_per_year == Timeline<double>(9500.0));
  REQUIRE(ma.monthly_factors == std::array<double, 12>{1, 1, 1, 1, 1, 1, 0.5, 0.5, 1, 1, 1, 2});
  REQUIRE(ma.initial_at_large == 20000);
  REQUIRE(ma.lpc_monthly_capacity == Timeline<double>(kUnlimited));
  REQUIRE(ma.seats_per_week == Timeline<double>(60.0));
  REQUIRE(ma.profiles.size() == 2);

  const auto &public_order = ma.profiles[0];
  REQUIRE(public_order.name == "public_order");
  REQUIRE(public_order.share == 0.3);
  REQUIRE(public_order.priority);
  // Profile override.
  REQUIRE(public_order.parameters.apprehension_rate_per_year == Timeline<double>(2.0));
  // Country overrides (2024-10-28 is day 2127).
  REQUIRE(public_order.parameters.document_share == Timeline<double>(0.35));
  REQUIRE(segments(public_order.parameters.lpc_issue_probability) ==
          Numbers{{0.0, 0.25}, {2127.0, 0.52}});
  // National values.
  REQUIRE(public_order.parameters.voluntary_share == Timeline<double>(0.1));
  REQUIRE(public_order.parameters.lpc_delay ==
          Timeline<Distribution>(Distribution::gamma(20.0, 10.0)));

  const auto &other = ma.profiles[1];
  REQUIRE(other.name == "other");
  REQUIRE(other.share == 0.7);
  REQUIRE_FALSE(other.priority);
  REQUIRE(other.parameters.apprehension_rate_per_year == Timeline<double>(0.4));
  REQUIRE(other.parameters.document_share == Timeline<double>(0.35));
}

TEST_CASE("scenario: dates before the start, distribution timelines and `unlimited`",
          "[scenario][loader]") {
  const auto loaded = load_scenario(kData + "full.yaml");
  const auto &dz = loaded.scenario.countries[1];
  // 2018-07-01 is 184 days before the start; 2023-01-01 is day 1461.
  REQUIRE(segments(dz.oqtf_per_year) == Numbers{{-184.0, 20000.0}, {1461.0, 25000.0}});
  // 2025-04-01 is day 2282.
  REQUIRE(segments(dz.lpc_monthly_capacity) == Numbers{{0.0, 100.0}, {2282.0, 0.0}});
  const auto &p = dz.profiles.at(0).parameters;
  REQUIRE(p.validity_days == Timeline<double>(kUnlimited));
  REQUIRE(p.lpc_validity_days == Timeline<double>(kUnlimited));
  REQUIRE(p.lpc_issue_probability == Timeline<double>(0.1));
  using Laws = std::vector<Timeline<Distribution>::Segment>;
  REQUIRE(p.lpc_delay.segments() ==
          Laws{{0.0, Distribution::uniform(10.0, 40.0)}, {2282.0, Distribution::fixed(45.0)}});
  REQUIRE(p.booking_delay ==
          Timeline<Distribution>(Distribution::empirical({3, 7, 14}, {0.5, 0.3, 0.2})));
  REQUIRE(p.detention_reviews == Timeline<ReviewSchedule>(ReviewSchedule{}));
  REQUIRE(p.appeal_duration == Timeline<Distribution>(Distribution::lognormal(120.0, 60.0)));
}

TEST_CASE("scenario: a minimal document takes the model's defaults", "[scenario][loader]") {
  const auto loaded = load_scenario_from_string("start: 2019-03-15\n"
                                                "end: 2019-12-31\n"
                                                "countries:\n"
                                                "  MA: {oqtf_per_year: 9500}\n",
                                                "scenarios/minimal.yaml");
  const auto &s = loaded.scenario;
  REQUIRE(s.name == "minimal"); // the file's stem when `name` is absent
  REQUIRE(s.warmup_until == Date{2019, 3, 15});
  REQUIRE(s.detention_capacity == Timeline<double>(kUnlimited));
  REQUIRE(s.detention_priority_reserve == Timeline<double>(0.0));
  REQUIRE(s.countries.size() == 1);
  const auto &profile = s.countries[0].profiles.at(0);
  REQUIRE(profile.name == "ALL");
  REQUIRE(profile.parameters == removalsim::model::CaseParameters{});
}

TEST_CASE("scenario: distributions of every kind, plain numbers as fixed delays",
          "[scenario][loader]") {
  const auto loaded = load_scenario_from_string(
      "start: 2019-01-01\n"
      "end: 2019-12-31\n"
      "national:\n"
      "  appeal: {duration: {dist: fixed, value: 12.5}}\n"
      "  document_check_days: 0\n"
      "  lpc: {request_delay: {dist: lognormal, mean: 3, sd: 0}, delay: {dist: gamma, mean: 18, "
      "sd: 0}}\n"
      "  flights: {booking_delay: {dist: uniform, low: 2, high: 2}}\n"
      "countries:\n"
      "  MA: {oqtf_per_year: 0}\n",
      "inline.yaml");
  const auto &p = loaded.scenario.countries[0].profiles[0].parameters;
  REQUIRE(p.appeal_duration == Timeline<Distribution>(Distribution::fixed(12.5)));
  REQUIRE(p.document_check_days == Timeline<Distribution>(Distribution::fixed(0.0)));
  REQUIRE(p.lpc_request_delay == Timeline<Distribution>(Distribution::lognormal(3.0, 0.0)));
  REQUIRE(p.lpc_delay == Timeline<Distribution>(Distribution::gamma(18.0, 0.0)));
  REQUIRE(p.booking_delay == Timeline<Distribution>(Distribution::uniform(2.0, 2.0)));
}

TEST_CASE("scenario: booleans, quoted numbers and a profile share at the 1e-9 tolerance",
          "[scenario][loader]") {
  const auto loaded = load_scenario_from_string("start: 2019-01-01\n"
                                                "end: 2019-12-31\n"
                                                "countries:\n"
                                                "  NO:\n" // Norway, not a YAML boolean
                                                "    oqtf_per_year: '120'\n"
                                                "    profiles:\n"
                                                "      a: {share: 0.1, priority: yes}\n"
                                                "      b: {share: 0.2, priority: false}\n"
                                                "      c: {share: 0.7}\n",
                                                "inline.yaml");
  const auto &no = loaded.scenario.countries.at(0);
  REQUIRE(no.code == "NO");
  REQUIRE(no.oqtf_per_year == Timeline<double>(120.0));
  REQUIRE(no.profiles.size() == 3);
  REQUIRE(no.profiles[0].priority);
  REQUIRE_FALSE(no.profiles[1].priority);
  REQUIRE_FALSE(no.profiles[2].priority);
}

TEST_CASE("scenario: the route blocks and detention centres load with their precedence",
          "[scenario][loader]") {
  using removalsim::model::Distribution;
  const auto loaded = load_scenario(kData + "routes.yaml");
  const auto &scenario = loaded.scenario;
  REQUIRE(scenario.detention_centres.size() == 2);
  REQUIRE(scenario.detention_centres[0].name == "north");
  REQUIRE(scenario.detention_centres[0].capacity_share == Timeline<double>(0.6));
  REQUIRE(segments(scenario.detention_centres[1].apprehension_share) ==
          Numbers{{0.0, 0.5}, {1826.0, 0.5}});
  const auto &ma = scenario.countries[0];
  const auto &a = ma.profiles[0].parameters;
  const auto &b = ma.profiles[1].parameters;
  REQUIRE(a.prison_share == Timeline<double>(0.3));
  REQUIRE(a.prison_remaining_days == Timeline<Distribution>(Distribution::exponential(120.0)));
  REQUIRE(a.prison_lpc_lead_days == Timeline<double>(30.0));
  REQUIRE(a.prison_removal_success == Timeline<double>(0.9));
  REQUIRE(a.house_arrest_share == Timeline<double>(0.0));
  REQUIRE(b.house_arrest_share == Timeline<double>(0.1));
  REQUIRE(b.house_arrest_share_when_no_place == Timeline<double>(0.5));
  REQUIRE(segments(b.house_arrest_max_days) == Numbers{{0.0, 90.0}, {1853.0, 135.0}});
  REQUIRE(b.house_arrest_boarding_success == Timeline<double>(0.6));
  REQUIRE(b.house_arrest_abscond_rate_per_month == Timeline<double>(0.2));
  const auto &eu = scenario.countries[1].profiles[0].parameters;
  REQUIRE(eu.prison_share == Timeline<double>(0.2));
  REQUIRE(eu.document_share == Timeline<double>(1.0));
}

TEST_CASE("scenario: without route blocks every route is off", "[scenario][loader]") {
  const auto loaded = load_scenario(kData + "full.yaml");
  REQUIRE(loaded.scenario.detention_centres.empty());
  for (const auto &country : loaded.scenario.countries) {
    for (const auto &profile : country.profiles) {
      REQUIRE(profile.parameters.prison_share == Timeline<double>(0.0));
      REQUIRE(profile.parameters.house_arrest_share == Timeline<double>(0.0));
      REQUIRE(profile.parameters.house_arrest_share_when_no_place == Timeline<double>(0.0));
    }
  }
}
