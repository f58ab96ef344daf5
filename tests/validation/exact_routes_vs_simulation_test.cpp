// The simulator against the exact absorbing chain (DESIGN.md §5) with every removal route of
// §3b on (tests/data/scenarios/exact_routes.yaml), without and with a release by the prefecture:
// ratios of counters, counters per order issued and cohort outcomes from R independent
// replications must bracket the exact values with a Student-t interval at level 0.999; and the
// comparison rejects a wrong parameter.
#include "removalsim/analysis/exact_chain.h"
#include "removalsim/engine/calendar.h"
#include "removalsim/engine/interval.h"
#include "removalsim/engine/replications.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using removalsim::analysis::ExactSolution;
using removalsim::analysis::markovian_violations;
using removalsim::analysis::solve_exact;
using removalsim::engine::Calendar;
using removalsim::engine::ConfidenceInterval;
using removalsim::engine::student_t_interval;
using removalsim::model::index_of;
using removalsim::model::kOutcomeCount;
using removalsim::model::Metric;
using removalsim::model::Outcome;
using removalsim::model::RunResult;
using removalsim::model::Scenario;

constexpr std::size_t kReplications = 16;
constexpr double kLevel = 0.999;
constexpr std::uint64_t kSeed = 20250402;
/// Slack for the exact solver's rounding (a quantity without variance gives [x, x]).
constexpr double kRounding = 1e-12;

/// 20 years (2000–2019) of one country at 3,000 orders a year, results from 2004; the cohorts
/// issued 2004–2011 are at least eight years old at the horizon (a case lives 200 days on average).
Scenario routes_scenario() {
  return removalsim::scenario::load_scenario(std::string(REMOVALSIM_SOURCE_DIR) +
                                             "/tests/data/scenarios/exact_routes.yaml")
      .scenario;
}

int cohort_end_month(const Scenario &scenario) {
  const Calendar calendar(scenario.start);
  return calendar.month_index(calendar.time_of({2012, 1, 1}));
}

/// One replication's observables, by name: ratios of its counters and cohort shares.
using Observation = std::vector<double>;

/// A quantity both sides know: how a replication measures it and what the chain says it is.
struct Comparison {
  std::string name;
  double (*observe)(const RunResult &, const Scenario &);
  double exact;
};

double flow(const RunResult &run, Metric metric) {
  // One group: its series are the metrics.
  return run.counters.sum(index_of(metric), static_cast<std::size_t>(run.first_reported_month),
                          static_cast<std::size_t>(run.months));
}

double ratio(const RunResult &run, Metric num, Metric den) {
  return flow(run, num) / flow(run, den);
}

/// Shares of the terminal outcomes of the 2004–2011 cohorts (the few cases still censored at the
/// horizon are left out).
std::array<double, kOutcomeCount> cohort_outcomes(const RunResult &run, const Scenario &scenario) {
  std::array<double, kOutcomeCount> outcomes{};
  for (std::size_t o = 0; o < kOutcomeCount; ++o) {
    outcomes[o] = run.cohorts.sum(o, static_cast<std::size_t>(run.first_reported_month),
                                  static_cast<std::size_t>(cohort_end_month(scenario)));
  }
  return outcomes;
}

double terminal(const std::array<double, kOutcomeCount> &o) {
  return o[index_of(Outcome::removed)] + o[index_of(Outcome::voluntary_departure)] +
         o[index_of(Outcome::annulled)] + o[index_of(Outcome::expired)];
}

template <Outcome outcome> double cohort_share(const RunResult &run, const Scenario &scenario) {
  const auto o = cohort_outcomes(run, scenario);
  return o[index_of(outcome)] / terminal(o);
}

double cohort_censored(const RunResult &run, const Scenario &scenario) {
  const auto o = cohort_outcomes(run, scenario);
  double issued = 0.0;
  for (const double x : o) {
    issued += x;
  }
  return (issued - terminal(o)) / issued;
}

template <Metric num, Metric den> double ratio_of(const RunResult &run, const Scenario &) {
  return ratio(run, num, den);
}

/// A counter per order issued: in a stationary regime (constant arrivals, a warm-up much longer
/// than a case's life) it converges to the expected count per case.
template <Metric metric> double per_order(const RunResult &run, const Scenario &) {
  return ratio(run, metric, Metric::oqtf_issued);
}

std::vector<Comparison> comparisons(const ExactSolution &exact) {
  const auto &r = exact.long_run;
  const auto &c = exact.from_issuance;
  using M = Metric;
  return {
      {"removals_from_detention / detention_exits",
       ratio_of<M::removals_from_detention, M::detention_exits>, r.detention_removal_rate},
      {"detention_days / detention_exits", ratio_of<M::detention_days, M::detention_exits>,
       r.detention_mean_days},
      {"released_by_judge / detention_exits", ratio_of<M::released_by_judge, M::detention_exits>,
       r.released_by_judge_share},
      {"released_by_prefecture / detention_exits",
       ratio_of<M::released_by_prefecture, M::detention_exits>, r.released_by_prefecture_share},
      {"removals_holders / detention_exits_holders",
       ratio_of<M::removals_holders, M::detention_exits_holders>, r.removal_share_document_holders},
      {"lpc_issued_in_time / lpc_requested", ratio_of<M::lpc_issued_in_time, M::lpc_requested>,
       r.lpc_in_time_rate},
      {"lpc_issued / lpc_requested", ratio_of<M::lpc_issued, M::lpc_requested>, r.lpc_issue_rate},
      {"removals_from_house_arrest / house_arrest_exits",
       ratio_of<M::removals_from_house_arrest, M::house_arrest_exits>, r.house_arrest_removal_rate},
      {"house_arrest_days / house_arrest_exits",
       ratio_of<M::house_arrest_days, M::house_arrest_exits>, r.house_arrest_mean_days},
      {"house_arrest_absconded / house_arrest_exits",
       ratio_of<M::house_arrest_absconded, M::house_arrest_exits>, r.house_arrest_absconded_share},
      {"removals_at_prison_release / prison_releases",
       ratio_of<M::removals_at_prison_release, M::prison_releases>, r.prison_release_removal_rate},
      {"detention_entries_from_prison / detention_entries",
       ratio_of<M::detention_entries_from_prison, M::detention_entries>,
       r.detention_entries_from_prison_share},
      {"removals per order", per_order<M::removals>, c.removed},
      {"removals_from_detention per order", per_order<M::removals_from_detention>,
       c.removed_from_detention},
      {"removals_from_house_arrest per order", per_order<M::removals_from_house_arrest>,
       c.removed_from_house_arrest},
      {"removals_at_prison_release per order", per_order<M::removals_at_prison_release>,
       c.removed_at_prison_release},
      {"prison_releases per order", per_order<M::prison_releases>, c.expected_prison_releases},
      {"detention_entries_from_prison per order", per_order<M::detention_entries_from_prison>,
       c.expected_detention_entries_from_prison},
      {"detention_entries per order", per_order<M::detention_entries>, c.expected_spells},
      {"detention_exits per order", per_order<M::detention_exits>, c.expected_detention_exits},
      {"detention_days per order", per_order<M::detention_days>, c.expected_detention_days},
      {"released_by_judge per order", per_order<M::released_by_judge>,
       c.expected_released_by_judge},
      {"released_by_prefecture per order", per_order<M::released_by_prefecture>,
       c.expected_released_by_prefecture},
      {"released_end_of_term per order", per_order<M::released_end_of_term>,
       c.expected_released_end_of_term},
      {"house_arrest_entries per order", per_order<M::house_arrest_entries>,
       c.expected_house_arrest_entries},
      {"house_arrest_exits per order", per_order<M::house_arrest_exits>,
       c.expected_house_arrest_exits},
      {"house_arrest_days per order", per_order<M::house_arrest_days>,
       c.expected_house_arrest_days},
      {"house_arrest_absconded per order", per_order<M::house_arrest_absconded>,
       c.expected_house_arrest_absconded},
      {"house_arrest_ended per order", per_order<M::house_arrest_ended>,
       c.expected_house_arrest_ended},
      {"apprehensions per order", per_order<M::apprehensions>, c.expected_apprehensions},
      {"boarding_failures per order", per_order<M::boarding_failures>,
       c.expected_boarding_failures},
      {"lpc_requested per order", per_order<M::lpc_requested>, c.expected_lpc_requests},
      {"lpc_issued_in_time per order", per_order<M::lpc_issued_in_time>,
       c.expected_lpc_issued_in_time},
      {"cohort share removed", cohort_share<Outcome::removed>, c.removed},
      {"cohort share voluntary_departure", cohort_share<Outcome::voluntary_departure>,
       c.voluntary_departure},
      {"cohort share annulled", cohort_share<Outcome::annulled>, c.annulled},
  };
}

/// Every comparison's value for each replication (one row per replication).
std::vector<Observation> replicate(const Scenario &scenario,
                                   const std::vector<Comparison> &wanted) {
  return removalsim::engine::run_replications(kReplications, 0, [&](std::size_t r) {
    const RunResult run = removalsim::model::simulate(scenario, kSeed, r);
    Observation x;
    for (const auto &c : wanted) {
      x.push_back(c.observe(run, scenario));
    }
    x.push_back(cohort_censored(run, scenario));
    return x;
  });
}

ConfidenceInterval interval(const std::vector<Observation> &runs, std::size_t column) {
  std::vector<double> samples;
  samples.reserve(runs.size());
  for (const auto &run : runs) {
    samples.push_back(run[column]);
  }
  return student_t_interval(samples, kLevel);
}

bool brackets(const ConfidenceInterval &ci, double exact) {
  return ci.low - kRounding <= exact && exact <= ci.high + kRounding;
}

} // namespace

namespace {

void require_agreement(const Scenario &scenario) {
  REQUIRE(markovian_violations(scenario).empty());
  const ExactSolution exact = solve_exact(scenario, 0, 0);
  REQUIRE(exact.from_issuance.absorption_certain);
  const auto wanted = comparisons(exact);
  const auto runs = replicate(scenario, wanted);
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const auto ci = interval(runs, i);
    INFO(wanted[i].name << ": exact " << wanted[i].exact << ", simulated " << ci.mean << " ["
                        << ci.low << ", " << ci.high << "] over " << ci.n << " replications");
    CHECK(brackets(ci, wanted[i].exact));
  }
  CHECK(interval(runs, wanted.size()).mean < 1e-3); // the cohorts are (almost) all absorbed
}

} // namespace

TEST_CASE("simulation matches the exact chain with every route on: prison release, house arrest, "
          "detention centres",
          "[analysis][exact][simulation][routes]") {
  require_agreement(routes_scenario());
}

TEST_CASE("simulation matches the exact chain: LPCs issued at once (in hand at the release), "
          "uniform appeal, half of the apprehensions to house arrest",
          "[analysis][exact][simulation][routes]") {
  Scenario scenario = routes_scenario();
  auto &p = scenario.countries.front().profiles.front().parameters;
  p.lpc_delay = removalsim::engine::Distribution::fixed(0.0);
  p.appeal_duration = removalsim::engine::Distribution::uniform(20.0, 120.0);
  p.house_arrest_share = 0.5;
  require_agreement(scenario);
}

TEST_CASE("simulation matches the exact chain with a release by the prefecture in every "
          "detention spell, fresh or from prison",
          "[analysis][exact][simulation][routes][prefecture]") {
  Scenario scenario = routes_scenario();
  scenario.countries.front().profiles.front().parameters.detention_release_rate_per_month = 0.5;
  require_agreement(scenario);
}

namespace {

/// The replications of `simulated` reject, for each comparison named, the exact value of `wrong`.
void require_rejected(const Scenario &simulated, const Scenario &wrong,
                      const std::vector<std::string> &names) {
  const auto wanted = comparisons(solve_exact(simulated, 0, 0));
  const auto runs = replicate(simulated, wanted);
  const auto wrong_exact = comparisons(solve_exact(wrong, 0, 0));
  for (const auto &name : names) {
    const auto found = std::find_if(wanted.begin(), wanted.end(),
                                    [&](const Comparison &c) { return c.name == name; });
    REQUIRE(found != wanted.end());
    const auto i = static_cast<std::size_t>(found - wanted.begin());
    const auto ci = interval(runs, i);
    INFO(name << ": wrong exact " << wrong_exact[i].exact << ", simulated " << ci.mean << " ["
              << ci.low << ", " << ci.high << "]");
    CHECK_FALSE(brackets(ci, wrong_exact[i].exact));
  }
}

} // namespace

TEST_CASE("the routes comparison has power: a wrong abscond rate and a wrong escort success are "
          "rejected",
          "[analysis][exact][simulation][routes]") {
  const Scenario scenario = routes_scenario();
  Scenario wrong = scenario;
  auto &p = wrong.countries.front().profiles.front().parameters;
  p.house_arrest_abscond_rate_per_month = 0.4; // simulated with 0.3
  p.prison_removal_success = 0.75;             // simulated with 0.8
  require_rejected(scenario, wrong,
                   {"house_arrest_absconded / house_arrest_exits",
                    "house_arrest_days / house_arrest_exits",
                    "removals_at_prison_release / prison_releases"});
}

TEST_CASE("the comparison has power: a wrong release rate of the prefecture is rejected",
          "[analysis][exact][simulation][routes][prefecture]") {
  Scenario scenario = routes_scenario();
  scenario.countries.front().profiles.front().parameters.detention_release_rate_per_month = 0.5;
  Scenario wrong = scenario;
  wrong.countries.front().profiles.front().parameters.detention_release_rate_per_month = 0.6;
  require_rejected(scenario, wrong,
                   {"released_by_prefecture / detention_exits", "detention_days / detention_exits",
                    "released_by_prefecture per order"});
}
