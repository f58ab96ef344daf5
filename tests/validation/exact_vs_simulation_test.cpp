// The simulator against the exact absorbing chain (DESIGN.md §5) on Markovian scenarios: per-spell
// and per-case quantities from R independent replications must bracket the exact values with a
// Student-t interval at level 0.999. Needs removalsim::model and removalsim::analysis.
#include "removalsim/analysis/exact_chain.h"
#include "removalsim/engine/calendar.h"
#include "removalsim/engine/interval.h"
#include "removalsim/engine/replications.h"
#include "removalsim/model/removal_model.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

using removalsim::analysis::ExactSolution;
using removalsim::analysis::markovian_violations;
using removalsim::analysis::solve_exact;
using removalsim::engine::Calendar;
using removalsim::engine::ConfidenceInterval;
using removalsim::engine::Distribution;
using removalsim::engine::student_t_interval;
using removalsim::model::CaseParameters;
using removalsim::model::Country;
using removalsim::model::index_of;
using removalsim::model::kOutcomeCount;
using removalsim::model::Metric;
using removalsim::model::Outcome;
using removalsim::model::ReviewSchedule;
using removalsim::model::RunResult;
using removalsim::model::Scenario;

constexpr std::size_t kReplications = 16;
constexpr double kLevel = 0.999;
constexpr std::uint64_t kSeed = 20250401;

/// 20 years of one country `XX` at 2,000 orders a year; results from 2004 (four years of warm-up,
/// many case lifetimes), cohorts issued 2004–2011 (at least eight years before the horizon, so
/// hardly any case is still censored).
Scenario cohort_scenario(const CaseParameters &p) {
  Scenario scenario;
  scenario.name = "exact-vs-simulation";
  scenario.start = {2000, 1, 1};
  scenario.end = {2019, 12, 31};
  scenario.warmup_until = {2004, 1, 1};
  Country country;
  country.code = "XX";
  country.oqtf_per_year = 2000.0;
  country.profiles.front().parameters = p;
  scenario.countries.push_back(country);
  return scenario;
}

int cohort_end_month(const Scenario &scenario) {
  const Calendar calendar(scenario.start);
  return calendar.month_index(calendar.time_of({2012, 1, 1}));
}

/// What one replication says, as ratios of its counters.
struct Observation {
  double removal_share = 0.0;         // removals / detention_exits
  double mean_spell_days = 0.0;       // detention_days / detention_exits
  double judge_share = 0.0;           // released_by_judge / detention_exits
  double holders_removal_share = 0.0; // removals_holders / detention_exits_holders
  double lpc_in_time_rate = 0.0;      // lpc_issued_in_time / lpc_requested
  // Shares of the terminal outcomes of the 2004–2011 cohorts (the few cases still censored at the
  // horizon are left out, rather than counted as not removed).
  double cohort_removed = 0.0;
  double cohort_voluntary = 0.0;
  double cohort_annulled = 0.0;
  double cohort_expired = 0.0;
  double cohort_censored = 0.0; // share of all the cohorts' cases
};

Observation observe(const Scenario &scenario, const RunResult &run) {
  const auto first = static_cast<std::size_t>(run.first_reported_month);
  const auto months = static_cast<std::size_t>(run.months);
  const auto flow = [&](Metric metric) {
    return run.counters.sum(index_of(metric), first, months); // one group: series = metric
  };
  const auto cohort_last = static_cast<std::size_t>(cohort_end_month(scenario));
  std::array<double, kOutcomeCount> outcomes{};
  double issued = 0.0;
  for (std::size_t o = 0; o < kOutcomeCount; ++o) {
    outcomes[o] = run.cohorts.sum(o, first, cohort_last);
    issued += outcomes[o];
  }
  const double terminal =
      outcomes[index_of(Outcome::removed)] + outcomes[index_of(Outcome::voluntary_departure)] +
      outcomes[index_of(Outcome::annulled)] + outcomes[index_of(Outcome::expired)];
  Observation x;
  const double exits = flow(Metric::detention_exits);
  x.removal_share = flow(Metric::removals) / exits;
  x.mean_spell_days = flow(Metric::detention_days) / exits;
  x.judge_share = flow(Metric::released_by_judge) / exits;
  x.holders_removal_share = flow(Metric::removals_holders) / flow(Metric::detention_exits_holders);
  x.lpc_in_time_rate = flow(Metric::lpc_issued_in_time) / flow(Metric::lpc_requested);
  x.cohort_removed = outcomes[index_of(Outcome::removed)] / terminal;
  x.cohort_voluntary = outcomes[index_of(Outcome::voluntary_departure)] / terminal;
  x.cohort_annulled = outcomes[index_of(Outcome::annulled)] / terminal;
  x.cohort_expired = outcomes[index_of(Outcome::expired)] / terminal;
  x.cohort_censored = (issued - terminal) / issued;
  return x;
}

std::vector<Observation> replicate(const Scenario &scenario) {
  return removalsim::engine::run_replications(kReplications, 0, [&](std::size_t r) {
    return observe(scenario, removalsim::model::simulate(scenario, kSeed, r));
  });
}

/// Slack for the exact solver's rounding (a certain outcome may come out as 1 − 1e-16, and a
/// quantity without variance gives the interval [x, x]).
constexpr double kRounding = 1e-12;

bool brackets(const ConfidenceInterval &ci, double exact) {
  return ci.low - kRounding <= exact && exact <= ci.high + kRounding;
}

ConfidenceInterval interval(const std::vector<Observation> &runs, double Observation::*field) {
  std::vector<double> samples;
  samples.reserve(runs.size());
  for (const auto &run : runs) {
    samples.push_back(run.*field);
  }
  return student_t_interval(samples, kLevel);
}

/// One comparison: the replications' interval and the exact value, for the report and the check.
struct Comparison {
  const char *name;
  double Observation::*field;
  double exact;
};

std::vector<Comparison> comparisons(const ExactSolution &exact) {
  std::vector<Comparison> out = {
      {"removals / detention_exits", &Observation::removal_share,
       exact.long_run.detention_removal_rate},
      {"detention_days / detention_exits", &Observation::mean_spell_days,
       exact.long_run.detention_mean_days},
      {"released_by_judge / detention_exits", &Observation::judge_share,
       exact.long_run.released_by_judge_share},
      {"cohort share removed", &Observation::cohort_removed, exact.from_issuance.removed},
      {"cohort share voluntary_departure", &Observation::cohort_voluntary,
       exact.from_issuance.voluntary_departure},
      {"cohort share annulled", &Observation::cohort_annulled, exact.from_issuance.annulled}};
  if (exact.document_share > 0.0) {
    out.push_back({"removals_holders / detention_exits_holders",
                   &Observation::holders_removal_share,
                   exact.long_run.removal_share_document_holders});
  }
  if (exact.document_share < 1.0) {
    out.push_back({"lpc_issued_in_time / lpc_requested", &Observation::lpc_in_time_rate,
                   exact.long_run.lpc_in_time_rate});
  }
  return out;
}

/// Every exact value inside its interval; the cohorts are old enough to be (almost) all absorbed.
void require_agreement(const CaseParameters &p) {
  const Scenario scenario = cohort_scenario(p);
  REQUIRE(markovian_violations(scenario).empty());
  const ExactSolution exact = solve_exact(scenario, 0, 0);
  REQUIRE(exact.from_issuance.absorption_certain);
  const auto runs = replicate(scenario);
  for (const auto &c : comparisons(exact)) {
    const auto ci = interval(runs, c.field);
    INFO(c.name << ": exact " << c.exact << ", simulated " << ci.mean << " [" << ci.low << ", "
                << ci.high << "] over " << ci.n << " replications");
    CHECK(brackets(ci, c.exact));
  }
  CHECK(interval(runs, &Observation::cohort_expired).mean == 0.0);
  CHECK(interval(runs, &Observation::cohort_censored).mean < 1e-3);
}

/// Common ground: orders enforceable at once, apprehended six times a year on average, a week's
/// gap after a release, the judge's schedule of the small model scenario, 90 days at most.
CaseParameters base_parameters() {
  CaseParameters p;
  p.no_delay_share = 1.0;
  p.apprehension_rate_per_year = 6.0;
  p.redetention_gap_days = 7.0;
  p.detention_max_days = 90.0;
  p.detention_reviews = ReviewSchedule{{2.0, 0.1}, {30.0, 0.2}, {60.0, 0.2}};
  p.booking_delay = Distribution::exponential(5.0);
  return p;
}

CaseParameters holders_only() {
  CaseParameters p = base_parameters();
  p.document_share = 1.0;
  p.voluntary_share = 0.1;
  p.document_check_days = Distribution::exponential(2.0);
  p.boarding_success = 0.9;
  return p;
}

CaseParameters non_holders() {
  CaseParameters p = base_parameters();
  p.document_share = 0.0;
  p.appeal_share = 0.2;
  p.appeal_duration = Distribution::exponential(90.0);
  p.appeal_annulment_share = 0.5;
  p.lpc_request_delay = Distribution::exponential(1.0);
  p.lpc_issue_probability = 0.5;
  p.lpc_delay = Distribution::exponential(20.0);
  p.detention_reviews = ReviewSchedule{{2.0, 0.1}, {30.0, 0.2}, {60.0, 0.25}};
  return p;
}

CaseParameters mixed() {
  CaseParameters p = base_parameters();
  p.document_share = 0.4;
  p.voluntary_share = 0.15;
  p.detained_at_issuance_share = 0.2;
  p.no_delay_share = 0.3;
  p.departure_period_days = 30.0;
  p.appeal_share = 0.3;
  p.appeal_duration = Distribution::lognormal(60.0, 40.0);
  p.appeal_annulment_share = 0.2;
  p.apprehension_rate_per_year = 4.0;
  p.document_check_days = Distribution::exponential(1.0);
  p.lpc_request_delay = Distribution::exponential(2.0);
  p.lpc_issue_probability = 0.6;
  p.lpc_delay = Distribution::exponential(18.0);
  p.booking_delay = Distribution::exponential(4.0);
  p.boarding_success = 0.85;
  return p;
}

} // namespace

TEST_CASE("simulation matches the exact chain: holders only, some voluntary departures",
          "[analysis][exact][simulation]") {
  require_agreement(holders_only());
}

TEST_CASE("simulation matches the exact chain: non-holders, LPC issued half the time, appeals",
          "[analysis][exact][simulation]") {
  require_agreement(non_holders());
}

TEST_CASE("simulation matches the exact chain: mixed, with appeals and voluntary departures",
          "[analysis][exact][simulation]") {
  require_agreement(mixed());
}

TEST_CASE("the comparison has power: a wrong issue probability is rejected",
          "[analysis][exact][simulation]") {
  // Simulate with q = 0.5, compare with the exact values for q = 0.4.
  const auto runs = replicate(cohort_scenario(non_holders()));
  CaseParameters wrong = non_holders();
  wrong.lpc_issue_probability = 0.4;
  const ExactSolution exact = solve_exact(cohort_scenario(wrong), 0, 0);
  const auto removal = interval(runs, &Observation::removal_share);
  const auto judge = interval(runs, &Observation::judge_share);
  INFO("removal share: wrong exact " << exact.long_run.detention_removal_rate << ", simulated "
                                     << removal.mean << " [" << removal.low << ", " << removal.high
                                     << "]");
  CHECK_FALSE(brackets(removal, exact.long_run.detention_removal_rate));
  CHECK_FALSE(brackets(judge, exact.long_run.released_by_judge_share));
  // Every case is removed in the end whatever q: the cohorts' removal share cannot tell.
  CHECK(brackets(interval(runs, &Observation::cohort_removed), exact.from_issuance.removed));
}
