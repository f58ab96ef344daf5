// Errors about the removal routes of DESIGN.md §3b: optional blocks switched on without their
// keys, and detention centres.
#include "error_check.h"

#include <string>

using error_check::check;
using error_check::error_of;
using error_check::kHead;

TEST_CASE("scenario error: a prison share without the block's other keys", "[errors][routes]") {
  check(error_of(kHead + "national:\n"
                         "  prison: {share: 0.2, lpc_lead_days: 30, removal_success: 0.9}\n"),
        5, 12, "national.prison.share",
        "a positive `prison.share` needs `prison.remaining_days` (national, in the country or in "
        "the profile)");
}

TEST_CASE("scenario error: a house-arrest share positive only in a profile, keys missing",
          "[errors][routes]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "national: {house_arrest: {max_days: 45, boarding_success: 0.5}}\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    profiles:\n"
                 "      a: {share: 0.5}\n"
                 "      b: {share: 0.5, house_arrest: {share_when_no_place: [{from: 2019-01-01, "
                 "value: 0}, {from: 2024-01-01, value: 0.3}]}}\n"),
        9, 38, "countries.MA.profiles.b.house_arrest.share_when_no_place",
        "a positive `house_arrest.share_when_no_place` needs "
        "`house_arrest.abscond_rate_per_month` (national, in the country or in the profile)");
}

TEST_CASE("scenario error: a misspelt key in a route block", "[errors][routes]") {
  check(error_of(kHead + "national: {prison: {remaining_day: 30}}\n"), 4, 21,
        "national.prison.remaining_day",
        "unknown key `remaining_day`; did you mean `remaining_days`?");
}

TEST_CASE("scenario error: detention centres set in a country", "[errors][routes]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries: {MA: {oqtf_per_year: 9500, detention: {centres: []}}}\n"),
        3, 51, "countries.MA.detention.centres",
        "`detention.centres` is national, shared by all countries: set it under `national`, not "
        "in a country");
}

TEST_CASE("scenario error: detention centres that are not a list, or an empty list",
          "[errors][routes]") {
  check(error_of(kHead + "national: {detention: {centres: {a: 1}}}\n"), 4, 33,
        "national.detention.centres",
        "expected a list of centres `{name, capacity_share, apprehension_share}`, got a map");
  check(error_of(kHead + "national: {detention: {centres: []}}\n"), 4, 33,
        "national.detention.centres",
        "needs at least one centre (or leave `centres` out for one national pool)");
}

TEST_CASE("scenario error: a centre without a name, with an unknown key, or named twice",
          "[errors][routes]") {
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    centres:\n"
                         "      - {capacity_share: 1, apprehension_share: 1}\n"),
        7, 9, "national.detention.centres[0].name", "missing required key `name` in a centre");
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    centres:\n"
                         "      - {name: a, capacity_shar: 1, apprehension_share: 1}\n"),
        7, 19, "national.detention.centres[0].capacity_shar",
        "unknown key `capacity_shar`; did you mean `capacity_share`?");
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    centres:\n"
                         "      - {name: a, capacity_share: 0.5, apprehension_share: 0.5}\n"
                         "      - {name: a, capacity_share: 0.5, apprehension_share: 0.5}\n"),
        8, 16, "national.detention.centres[1].name", "a second centre named `a`");
}

TEST_CASE("scenario error: centre shares that do not sum to 1 at some date", "[errors][routes]") {
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    centres:\n"
                         "      - {name: a, capacity_share: 0.6, apprehension_share: 0.5}\n"
                         "      - {name: b, capacity_share: 0.5, apprehension_share: 0.5}\n"),
        7, 7, "national.detention.centres",
        "the centres' `capacity_share` sum to 1.1 from the start, not 1");
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    centres:\n"
                         "      - name: a\n"
                         "        capacity_share: 0.5\n"
                         "        apprehension_share: [{from: 2019-01-01, value: 0.5}, "
                         "{from: 2023-03-01, value: 0.7}]\n"
                         "      - {name: b, capacity_share: 0.5, apprehension_share: 0.5}\n"),
        7, 7, "national.detention.centres",
        "the centres' `apprehension_share` sum to 1.2 from 2023-03-01, not 1");
}

TEST_CASE("scenario error: a centre share outside [0, 1]", "[errors][routes]") {
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    centres:\n"
                         "      - {name: a, capacity_share: 1.5, apprehension_share: 1}\n"),
        7, 35, "national.detention.centres[0].capacity_share",
        "a share must be in [0, 1], got 1.5");
}
