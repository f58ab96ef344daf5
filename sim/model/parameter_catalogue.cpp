#include "removalsim/model/parameter_catalogue.h"

#include "removalsim/engine/overloaded.h"

#include <algorithm>

namespace removalsim::model {

namespace {

using P = CaseParameters;
using engine::Overloaded;
using enum BlockRole;

// Section order is the order of DESIGN.md §3 and §3b; within a block, the order of its table.
constexpr std::array kCatalogue{
    ParameterDef{"voluntary_share", &P::voluntary_share, kShare},
    ParameterDef{"no_delay_share", &P::no_delay_share, kShare},
    ParameterDef{"detained_at_issuance_share", &P::detained_at_issuance_share, kShare},
    ParameterDef{"departure_period_days", &P::departure_period_days, kDays},
    ParameterDef{"appeal.share", &P::appeal_share, kShare},
    ParameterDef{"appeal.duration", &P::appeal_duration, {}},
    ParameterDef{"appeal.annulment_share", &P::appeal_annulment_share, kShare},
    ParameterDef{"validity_days", &P::validity_days, kDaysOrUnlimited},
    ParameterDef{"apprehension.rate_per_year", &P::apprehension_rate_per_year, kRatePerYear},
    ParameterDef{"detention.capacity", &Scenario::detention_capacity, kCapacity},
    ParameterDef{"detention.priority_reserve", &Scenario::detention_priority_reserve, kPlaces},
    ParameterDef{"detention.centres", &Scenario::detention_centres, {}},
    ParameterDef{"detention.max_days", &P::detention_max_days, kDays},
    ParameterDef{"detention.reviews", &P::detention_reviews, {}},
    ParameterDef{"detention.release_rate_per_month", &P::detention_release_rate_per_month,
                 kRatePerMonth},
    ParameterDef{"document_check_days", &P::document_check_days, {}},
    ParameterDef{"lpc.request_delay", &P::lpc_request_delay, {}},
    ParameterDef{"lpc.issue_probability", &P::lpc_issue_probability, kProbability},
    ParameterDef{"lpc.delay", &P::lpc_delay, {}},
    ParameterDef{"lpc.validity_days", &P::lpc_validity_days, kDaysOrUnlimited},
    ParameterDef{"lpc.monthly_capacity", &Country::lpc_monthly_capacity, kCapacity},
    ParameterDef{"flights.booking_delay", &P::booking_delay, {}},
    ParameterDef{"flights.boarding_success", &P::boarding_success, kProbability},
    ParameterDef{"flights.seats_per_week", &Country::seats_per_week, kCapacity},
    ParameterDef{"redetention_gap_days", &P::redetention_gap_days, kDays},
    ParameterDef{"document_share", &P::document_share, kShare},
    ParameterDef{"prison.share", &P::prison_share, kShare, block_switch},
    ParameterDef{"prison.remaining_days", &P::prison_remaining_days, {}, required},
    ParameterDef{"prison.lpc_lead_days", &P::prison_lpc_lead_days, kDays, required},
    ParameterDef{"prison.removal_success", &P::prison_removal_success, kProbability, required},
    ParameterDef{"house_arrest.share", &P::house_arrest_share, kShare, block_switch},
    ParameterDef{"house_arrest.share_when_no_place", &P::house_arrest_share_when_no_place, kShare,
                 block_switch},
    ParameterDef{"house_arrest.max_days", &P::house_arrest_max_days, kDays, required},
    ParameterDef{"house_arrest.boarding_success", &P::house_arrest_boarding_success, kProbability,
                 required},
    ParameterDef{"house_arrest.abscond_rate_per_month", &P::house_arrest_abscond_rate_per_month,
                 kRatePerMonth, required},
    ParameterDef{"oqtf_per_year", &Country::oqtf_per_year, kOrdersPerYear},
    ParameterDef{"monthly_factors", &Country::monthly_factors, {}},
    ParameterDef{"initial_at_large", &Country::initial_at_large, kCases},
    ParameterDef{"profiles", &Country::profiles, {}},
    ParameterDef{"share", &Profile::share, kShare},
    ParameterDef{"priority", &Profile::priority, {}},
};
static_assert(kCatalogue.size() <= kMaxParameters);

} // namespace

ParameterLevel ParameterDef::level() const noexcept {
  return std::visit(Overloaded{
                        [](auto CaseParameters::*) { return ParameterLevel::per_case; },
                        [](auto Scenario::*) { return ParameterLevel::shared; },
                        [](auto Country::*) { return ParameterLevel::country_only; },
                        [](auto Profile::*) { return ParameterLevel::profile_only; },
                    },
                    member);
}

std::string_view ParameterDef::block() const noexcept { return key.substr(0, key.find('.')); }

std::span<const ParameterDef> parameter_catalogue() noexcept { return kCatalogue; }

const ParameterDef *find_parameter(std::string_view key) noexcept {
  const auto def = std::find_if(kCatalogue.begin(), kCatalogue.end(),
                                [&](const ParameterDef &d) { return d.key == key; });
  return def == kCatalogue.end() ? nullptr : &*def;
}

std::size_t parameter_index(const ParameterDef &def) noexcept {
  return static_cast<std::size_t>(&def - kCatalogue.data());
}

bool switched_on(const Timeline<double> &share) noexcept {
  const auto &segments = share.segments();
  return std::any_of(segments.begin(), segments.end(), [](const auto &s) { return s.value > 0.0; });
}

std::string_view parameter_key(ParameterMember member) noexcept {
  const auto def = std::find_if(kCatalogue.begin(), kCatalogue.end(),
                                [&](const ParameterDef &d) { return d.member == member; });
  return def == kCatalogue.end() ? std::string_view() : def->key;
}

} // namespace removalsim::model
