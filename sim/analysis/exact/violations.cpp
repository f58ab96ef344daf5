// Why a scenario is not Markovian: one reason per parameter, each naming its YAML key path.
#include "exact_internal.h"

#include "removalsim/model/parameter_catalogue.h"

#include <algorithm>
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

// The YAML key path of a parameter under `prefix` (`countries.MA.`, `national.`), from the one
// parameter catalogue.
std::string key_of(const std::string &prefix, model::ParameterMember member) {
  return prefix + std::string(model::parameter_key(member));
}

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

// The checks of one set of per-case parameters, each naming its key under `prefix`.
class CaseChecker {
public:
  CaseChecker(const CaseParameters &p, std::string prefix, std::vector<std::string> &out)
      : p_(p), prefix_(std::move(prefix)), out_(out), check_(out) {}

  template <class T> void constant(Timeline<T> CaseParameters::*member) {
    check_.constant(p_.*member, key(member));
  }
  void unlimited_days(Timeline<double> CaseParameters::*member) {
    check_.unlimited(p_.*member, key(member), "days",
                     " (a deadline measured from issuance is not Markovian)");
  }
  void delay_in_detention(Timeline<Distribution> CaseParameters::*member) {
    check_.delay_in_detention(p_.*member, key(member));
  }

  /// Whether a share is positive at some time (the switch of an optional block).
  bool positive(Timeline<double> CaseParameters::*member) const {
    const auto &segments = (p_.*member).segments();
    return std::any_of(segments.begin(), segments.end(),
                       [](const auto &segment) { return segment.value > 0.0; });
  }

  /// `member` must be exponential while the share `when` is positive somewhere.
  void exponential_when(Timeline<Distribution> CaseParameters::*member,
                        Timeline<double> CaseParameters::*when, const char *what) {
    constant(member);
    for (const auto &segment : (p_.*member).segments()) {
      if (segment.value.kind() != Distribution::Kind::exponential) {
        out_.push_back(key(member) + " is " + describe(segment.value) + "; with " + key(when) +
                       " positive the exact chain needs " + what);
        return;
      }
    }
  }

  /// `member` must be 0 while the share `when` is positive somewhere.
  void zero_when(Timeline<double> CaseParameters::*member, Timeline<double> CaseParameters::*when,
                 const char *why) {
    for (const auto &segment : (p_.*member).segments()) {
      if (segment.value != 0.0) {
        out_.push_back(key(member) + " is " + number(segment.value) + " days; with " + key(when) +
                       " positive the exact chain needs it 0" + why);
        return;
      }
    }
  }

  /// The appeal's judgment competes with an exponential release: E[exp(−D/m)] must have a closed
  /// form when both shares are positive somewhere.
  void judgment_against_release() {
    using P = CaseParameters;
    if (!positive(&P::appeal_share)) {
      return;
    }
    for (const auto &segment : p_.appeal_duration.segments()) {
      if (!has_transform(segment.value)) {
        out_.push_back(key(&P::appeal_duration) + " is " + describe(segment.value) + "; with " +
                       key(&P::prison_share) + " and " + key(&P::appeal_share) +
                       " positive the judgment competes with the release and the exact chain "
                       "needs a law whose E[exp(-D/m)] it knows (fixed, exponential, uniform, "
                       "gamma or empirical)");
        return;
      }
    }
  }

private:
  std::string key(model::ParameterMember member) const { return key_of(prefix_, member); }

  const CaseParameters &p_;
  std::string prefix_;
  std::vector<std::string> &out_;
  Checker check_;
};

void case_violations(const CaseParameters &p, const std::string &prefix,
                     std::vector<std::string> &out) {
  using P = CaseParameters;
  CaseChecker check(p, prefix, out);
  check.constant(&P::voluntary_share);
  check.constant(&P::no_delay_share);
  check.constant(&P::detained_at_issuance_share);
  check.constant(&P::departure_period_days);
  check.constant(&P::appeal_share);
  check.constant(&P::appeal_duration);
  check.constant(&P::appeal_annulment_share);
  check.unlimited_days(&P::validity_days);
  check.constant(&P::apprehension_rate_per_year);
  check.constant(&P::detention_max_days);
  check.constant(&P::detention_reviews);
  // The prefecture's release: a hazard in every detention spell, any constant value.
  check.constant(&P::detention_release_rate_per_month);
  check.delay_in_detention(&P::document_check_days);
  check.delay_in_detention(&P::lpc_request_delay);
  check.delay_in_detention(&P::booking_delay);
  check.constant(&P::boarding_success);
  check.constant(&P::redetention_gap_days);
  check.constant(&P::document_share);
  check.constant(&P::lpc_issue_probability);
  check.delay_in_detention(&P::lpc_delay);
  check.unlimited_days(&P::lpc_validity_days);
  // Prison release (DESIGN.md §3b): an exponential release, the LPC requested at the release.
  check.constant(&P::prison_share);
  if (check.positive(&P::prison_share)) {
    check.exponential_when(&P::prison_remaining_days, &P::prison_share,
                           "an exponential remaining sentence");
    check.constant(&P::prison_lpc_lead_days);
    check.zero_when(&P::prison_lpc_lead_days, &P::prison_share,
                    " (an LPC requested before the release would race against it)");
    check.constant(&P::prison_removal_success);
    check.judgment_against_release();
  }
  // House arrest: a deterministic term (a checkpoint like detention.max_days), a constant abscond
  // hazard. `share_when_no_place` never applies: a detention place is always free.
  check.constant(&P::house_arrest_share);
  if (check.positive(&P::house_arrest_share)) {
    check.constant(&P::house_arrest_max_days);
    check.constant(&P::house_arrest_boarding_success);
    check.constant(&P::house_arrest_abscond_rate_per_month);
  }
}

} // namespace

void shared_violations(const model::Scenario &scenario, std::vector<std::string> &out) {
  Checker(out).unlimited(scenario.detention_capacity,
                         key_of("national.", &model::Scenario::detention_capacity), "places",
                         " (admissions would depend on the other cases)");
}

void country_violations(const model::Country &country, std::vector<std::string> &out) {
  Checker check(out);
  const std::string prefix = "countries." + country.code + ".";
  check.unlimited(country.lpc_monthly_capacity,
                  key_of(prefix, &model::Country::lpc_monthly_capacity), "LPCs a month",
                  " (issuance would depend on the other cases)");
  check.unlimited(country.seats_per_week, key_of(prefix, &model::Country::seats_per_week),
                  "seats a week", " (boarding would depend on the other cases)");
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
    : Error(ErrorCategory::user, "the exact chain does not represent this scenario:\n  - " +
                                     exact::join(violations, "\n  - ")),
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
