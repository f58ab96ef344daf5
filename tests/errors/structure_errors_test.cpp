// Errors about the scenario's structure: required keys, dates, countries, profiles, and keys
// set where they do not belong.
#include "error_check.h"

#include <string>

using error_check::check;
using error_check::error_of;

TEST_CASE("scenario error: missing start", "[errors][structure]") {
  check(error_of("end: 2025-12-31\n"
                 "countries: {MA: {oqtf_per_year: 9500}}\n"),
        1, 1, "start", "missing required key `start` in the scenario");
}

TEST_CASE("scenario error: missing end", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "countries: {MA: {oqtf_per_year: 9500}}\n"),
        1, 1, "end", "missing required key `end` in the scenario");
}

TEST_CASE("scenario error: missing countries", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"),
        1, 1, "countries", "missing required key `countries` in the scenario");
}

TEST_CASE("scenario error: missing oqtf_per_year", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA: {document_share: 0.3}\n"),
        4, 3, "countries.MA.oqtf_per_year", "missing required key `oqtf_per_year` in country `MA`");
}

TEST_CASE("scenario error: a profile without its share", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    profiles:\n"
                 "      public_order: {priority: true}\n"),
        7, 7, "countries.MA.profiles.public_order.share",
        "missing required key `share` in profile `public_order`");
}

TEST_CASE("scenario error: end before start", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2018-12-31\n"),
        2, 6, "end", "the last day 2018-12-31 must be after start 2019-01-01");
}

TEST_CASE("scenario error: warmup_until not the first of a month", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "warmup_until: 2022-01-15\n"),
        3, 15, "warmup_until", "`2022-01-15` is not the first day of a month");
}

TEST_CASE("scenario error: warmup_until outside the run", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "warmup_until: 2026-01-01\n"),
        3, 15, "warmup_until", "2026-01-01 is outside the run [2019-01-01, 2025-12-31]");
}

TEST_CASE("scenario error: an empty countries map", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries: {}\n"),
        3, 1, "countries", "needs at least one country");
}

TEST_CASE("scenario error: countries that are not a map", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries: [MA, DZ]\n"),
        3, 12, "countries", "expected a map of countries by ISO code, got a list");
}

TEST_CASE("scenario error: a country code that is not ISO", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  Morocco: {oqtf_per_year: 9500}\n"),
        4, 3, "countries.Morocco",
        "country code `Morocco` is neither an ISO 3166-1 alpha-2 code (two capital letters) nor "
        "`OTHER`");
}

TEST_CASE("scenario error: a section that is not a map", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "national:\n"
                 "  lpc: 0.5\n"),
        4, 8, "national.lpc", "expected a map of `lpc` parameters, got `0.5`");
}

TEST_CASE("scenario error: an unknown parameter, with a suggestion", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "national:\n"
                 "  voluntry_share: 0.1\n"),
        4, 3, "national.voluntry_share",
        "unknown key `voluntry_share`; did you mean `voluntary_share`?");
}

TEST_CASE("scenario error: an unknown parameter, nothing close", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    lpc: {consulate_mood: 3}\n"),
        6, 11, "countries.MA.lpc.consulate_mood", "unknown key `consulate_mood`");
}

TEST_CASE("scenario error: profile shares that do not sum to 1", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    profiles:\n"
                 "      public_order: {share: 0.3, priority: true}\n"
                 "      other: {share: 0.6}\n"),
        6, 5, "countries.MA.profiles", "profile shares sum to 0.9, not 1");
}

TEST_CASE("scenario error: an empty profiles map", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA: {oqtf_per_year: 9500, profiles: {}}\n"),
        4, 29, "countries.MA.profiles", "needs at least one profile (or leave `profiles` out)");
}

TEST_CASE("scenario error: a shared key overridden in a country", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    detention: {capacity: 300}\n"),
        6, 17, "countries.MA.detention.capacity",
        "`detention.capacity` is national, shared by all countries: set it under `national`, "
        "not in a country");
}

TEST_CASE("scenario error: a shared key overridden in a profile", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    profiles:\n"
                 "      public_order:\n"
                 "        share: 1\n"
                 "        detention: {priority_reserve: 20}\n"),
        9, 21, "countries.MA.profiles.public_order.detention.priority_reserve",
        "`detention.priority_reserve` is national, shared by all countries: set it under "
        "`national`, not in a profile");
}

TEST_CASE("scenario error: a country-only key under national", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "national:\n"
                 "  oqtf_per_year: 9500\n"),
        4, 3, "national.oqtf_per_year",
        "`oqtf_per_year` is a country-only key: set it under each country in `countries`, not "
        "under `national`");
}

TEST_CASE("scenario error: a country-only key in a profile", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    profiles:\n"
                 "      other: {share: 1, lpc: {monthly_capacity: 100}}\n"),
        7, 31, "countries.MA.profiles.other.lpc.monthly_capacity",
        "`lpc.monthly_capacity` is a country-only key: set it on the country; a profile "
        "overrides per-case parameters only");
}

TEST_CASE("scenario error: a profile key outside a profile", "[errors][structure]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA: {oqtf_per_year: 9500, priority: true}\n"),
        4, 29, "countries.MA.priority",
        "`priority` is a profile key: it is only allowed in `countries.CODE.profiles.NAME`");
}
