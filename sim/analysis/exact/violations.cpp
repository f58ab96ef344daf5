// Why a scenario is not Markovian: one reason per parameter, each naming its YAML key path.
#include "exact_internal.h"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace removalsim::analysis {

namespace exact {

std::string join(const std::vector<std::string> &items, const char *separator) {
  std::string out;
  for (const auto &item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

namespace {

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string describe(const Distribution &law) {
  switch (law.kind()) {
  case Distribution::Kind::fixed:
    return "fixed at " + number(law.first()) + " days";
  case Distribution::Kind::exponential:
    return "exponential";
  case Distribution::Kind::uniform:
    return "uniform";
  case Distribution::Kind::lognormal:
    return "lognormal";
  case Distribution::Kind::gamma:
    return "gamma";
  case Distribution::Kind::empirical:
    return "empirical";
  }
  return "of an unknown law";
}

bool instant(const Distribution &law) { return law.is_degenerate() && law.mean() == 0.0; }

class Checker {
public:
  explicit Checker(std::vector<std::string> &out) : out_(out) {}

  template <class T> void constant(const Timeline<T> &timeline, const std::string &key) {
    if (!timeline.is_constant()) {
      out_.push_back(key + " changes over time (" + std::to_string(timeline.segments().size()) +
                     " segments); the exact chain needs constant parameters");
    }
  }

  // An unlimited value is the same in every segment, so a finite one also covers "not constant".
  void unlimited(const Timeline<double> &timeline, const std::string &key, const char *unit,
                 const char *why) {
    for (const auto &segment : timeline.segments()) {
      if (std::isfinite(segment.value)) {
        out_.push_back(key + " is finite (" + number(segment.value) + " " + unit +
                       "); the exact chain needs it unlimited" + why);
        return;
      }
    }
  }

  void delay_in_detention(const Timeline<Distribution> &timeline, const std::string &key) {
    constant(timeline, key);
    for (const auto &segment : timeline.segments()) {
      if (segment.value.kind() != Distribution::Kind::exponential && !instant(segment.value)) {
        out_.push_back(key + " is " + describe(segment.value) +
                       "; the exact chain needs exponential delays (or fixed at 0) inside "
                       "detention");
        return;
      }
    }
  }

private:
  std::vector<std::string> &out_;
};

void case_violations(const CaseParameters &p, const std::string &prefix,
                     std::vector<std::string> &out) {
  Checker check(out);
  check.constant(p.voluntary_share, prefix + "voluntary_share");
  check.constant(p.no_delay_share, prefix + "no_delay_share");
  check.constant(p.detained_at_issuance_share, prefix + "detained_at_issuance_share");
  check.constant(p.departure_period_days, prefix + "departure_period_days");
  check.constant(p.appeal_share, prefix + "appeal.share");
  check.constant(p.appeal_duration, prefix + "appeal.duration");
  check.constant(p.appeal_annulment_share, prefix + "appeal.annulment_share");
  check.unlimited(p.validity_days, prefix + "validity_days", "days",
                  " (a deadline measured from issuance is not Markovian)");
  check.constant(p.apprehension_rate_per_year, prefix + "apprehension.rate_per_year");
  check.constant(p.detention_max_days, prefix + "detention.max_days");
  check.constant(p.detention_reviews, prefix + "detention.reviews");
  check.delay_in_detention(p.document_check_days, prefix + "document_check_days");
  check.delay_in_detention(p.lpc_request_delay, prefix + "lpc.request_delay");
  check.delay_in_detention(p.booking_delay, prefix + "flights.booking_delay");
  check.constant(p.boarding_success, prefix + "flights.boarding_success");
  check.constant(p.redetention_gap_days, prefix + "redetention_gap_days");
  check.constant(p.document_share, prefix + "document_share");
  check.constant(p.lpc_issue_probability, prefix + "lpc.issue_probability");
  check.delay_in_detention(p.lpc_delay, prefix + "lpc.delay");
  check.unlimited(p.lpc_validity_days, prefix + "lpc.validity_days", "days",
                  " (a deadline measured from issuance is not Markovian)");
}

} // namespace

void shared_violations(const model::Scenario &scenario, std::vector<std::string> &out) {
  Checker(out).unlimited(scenario.detention_capacity, "national.detention.capacity", "places",
                         " (admissions would depend on the other cases)");
}

void country_violations(const model::Country &country, std::vector<std::string> &out) {
  Checker check(out);
  const std::string prefix = "countries." + country.code + ".";
  check.unlimited(country.lpc_monthly_capacity, prefix + "lpc.monthly_capacity", "LPCs a month",
                  " (issuance would depend on the other cases)");
  check.unlimited(country.seats_per_week, prefix + "flights.seats_per_week", "seats a week",
                  " (boarding would depend on the other cases)");
}

void profile_violations(const model::Country &country, std::size_t profile,
                        std::vector<std::string> &out) {
  const auto &chosen = country.profiles.at(profile);
  const std::string prefix = country.profiles.size() > 1
                                 ? "countries." + country.code + ".profiles." + chosen.name + "."
                                 : "countries." + country.code + ".";
  case_violations(chosen.parameters, prefix, out);
}

} // namespace exact

NotMarkovianError::NotMarkovianError(std::vector<std::string> violations)
    : Error("the exact chain does not represent this scenario: " + exact::join(violations, "; ")),
      violations_(std::move(violations)) {}

std::vector<std::string> markovian_violations(const model::Scenario &scenario) {
  using namespace exact;
  std::vector<std::string> out;
  shared_violations(scenario, out);
  for (const auto &country : scenario.countries) {
    country_violations(country, out);
    for (std::size_t p = 0; p < country.profiles.size(); ++p) {
      profile_violations(country, p, out);
    }
  }
  return out;
}

std::vector<std::string> markovian_violations(const model::Scenario &scenario, std::size_t country,
                                              std::size_t profile) {
  const model::Country &chosen = scenario.countries.at(country);
  if (profile >= chosen.profiles.size()) {
    throw std::out_of_range("markovian_violations: no profile " + std::to_string(profile) +
                            " in country " + chosen.code);
  }
  using namespace exact;
  std::vector<std::string> out;
  shared_violations(scenario, out);
  country_violations(chosen, out);
  profile_violations(chosen, profile, out);
  return out;
}

} // namespace removalsim::analysis
