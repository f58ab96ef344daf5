#include "removal_model_impl.h"

#include <cstdio>

namespace removalsim::model::detail {

std::string RemovalModel::locate(const SimulationError &error) const {
  char day[32];
  std::snprintf(day, sizeof day, "%g", error.time());
  const std::string when = "on " + engine::format_iso_date(calendar_.date_of(error.time())) +
                           " (day " + day + ", replication " + std::to_string(replication_) + ")";
  if (error.kind() < 0 || error.entity() < 0) {
    return when;
  }
  return subject(static_cast<EventKind>(error.kind()), static_cast<std::uint32_t>(error.entity())) +
         ", " + when;
}

std::string RemovalModel::subject(EventKind kind, std::uint32_t target) const {
  // No default: a new event kind that is not named here fails the build (-Wswitch).
  switch (kind) {
  case kMonthStart:
    return "the month start";
  case kWeekStart:
    return "the week start";
  case kOrderIssued:
    return "the next order of " + scenario_.countries[target].code;
  case kLpcDue:
    return case_text(requests_[target].slot) + ", LPC due";
  case kVoluntaryDeparture:
    return case_text(target) + ", voluntary departure";
  case kAppealJudgment:
    return case_text(target) + ", appeal judgment";
  case kEnforceable:
    return case_text(target) + ", end of the departure period";
  case kApprehension:
    return case_text(target) + ", apprehension";
  case kLapse:
    return case_text(target) + ", lapse of the order";
  case kDocumentReady:
    return case_text(target) + ", document ready";
  case kLpcRequest:
    return case_text(target) + ", LPC request";
  case kLpcLapse:
    return case_text(target) + ", LPC lapse";
  case kFlight:
    return case_text(target) + ", flight";
  case kSpellEnd:
    return case_text(target) + ", end of detention or house arrest";
  case kPrisonRelease:
    return case_text(target) + ", prison release";
  }
  return "event kind " + std::to_string(kind) + " of entity " + std::to_string(target);
}

std::string RemovalModel::case_text(std::uint32_t slot) const {
  const Case &c = cases_[slot];
  return std::string(c.backlog ? "backlog case " : "case ") +
         scenario_.countries[country_of(c)].code + '-' + std::to_string(c.stream_index);
}

} // namespace removalsim::model::detail
