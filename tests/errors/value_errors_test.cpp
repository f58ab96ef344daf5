// Errors about values: types, ranges, dates, timelines, distributions, reviews, monthly factors.
#include "error_check.h"

#include <string>

using error_check::check;
using error_check::error_of;
using error_check::kHead;

TEST_CASE("scenario error: a string where a number is expected", "[errors][values]") {
  check(error_of(kHead + "national: {voluntary_share: often}\n"), 4, 29, "national.voluntary_share",
        "expected a number, got `often`");
}

TEST_CASE("scenario error: a map where a number or a timeline is expected", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  apprehension:\n"
                         "    rate_per_year: {from: 2019-01-01, value: 0.4}\n"),
        6, 20, "national.apprehension.rate_per_year",
        "expected a number or a timeline list, got a map");
}

TEST_CASE("scenario error: `unlimited` where a limit is required", "[errors][values]") {
  check(error_of(kHead + "national: {detention: {max_days: unlimited}}\n"), 4, 34,
        "national.detention.max_days",
        "expected a number, got `unlimited` (only capacities and validity periods may be "
        "unlimited)");
}

TEST_CASE("scenario error: a non-number in a capacity", "[errors][values]") {
  check(error_of(kHead + "national: {detention: {capacity: lots}}\n"), 4, 34,
        "national.detention.capacity", "expected a number or `unlimited`, got `lots`");
}

TEST_CASE("scenario error: a whole number is expected", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries: {MA: {oqtf_per_year: 9500, initial_at_large: 12.5}}\n"),
        3, 57, "countries.MA.initial_at_large", "expected a whole number, got `12.5`");
}

TEST_CASE("scenario error: a boolean is expected", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    profiles: {a: {share: 1, priority: maybe}}\n"),
        6, 40, "countries.MA.profiles.a.priority", "expected `true` or `false`, got `maybe`");
}

TEST_CASE("scenario error: a negative rate", "[errors][values]") {
  check(error_of(kHead + "national: {apprehension: {rate_per_year: -0.4}}\n"), 4, 42,
        "national.apprehension.rate_per_year", "a rate per year must be >= 0, got -0.4");
}

TEST_CASE("scenario error: a negative delay", "[errors][values]") {
  check(error_of(kHead + "national: {document_check_days: -1}\n"), 4, 33,
        "national.document_check_days", "a delay must be >= 0, got -1");
}

TEST_CASE("scenario error: a negative number of days", "[errors][values]") {
  check(error_of(kHead + "national: {redetention_gap_days: -7}\n"), 4, 34,
        "national.redetention_gap_days", "a number of days must be >= 0, got -7");
}

TEST_CASE("scenario error: a negative capacity", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    capacity: [{from: 2019-01-01, value: 1500}, {from: 2024-01-01, "
                         "value: -5}]\n"),
        6, 75, "national.detention.capacity[1].value", "a capacity must be >= 0, got -5");
}

TEST_CASE("scenario error: a negative number of orders", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries: {MA: {oqtf_per_year: -1}}\n"),
        3, 33, "countries.MA.oqtf_per_year", "a number of orders per year must be >= 0, got -1");
}

TEST_CASE("scenario error: a probability above 1", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    lpc: {issue_probability: 1.2}\n"),
        6, 30, "countries.MA.lpc.issue_probability", "a probability must be in [0, 1], got 1.2");
}

TEST_CASE("scenario error: a negative share", "[errors][values]") {
  check(error_of(kHead + "national: {appeal: {annulment_share: -0.1}}\n"), 4, 38,
        "national.appeal.annulment_share", "a share must be in [0, 1], got -0.1");
}

TEST_CASE("scenario error: a malformed date", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-02-30\n"),
        2, 6, "end", "`2025-02-30` is not a valid date (expected YYYY-MM-DD)");
}

TEST_CASE("scenario error: a malformed date in a timeline", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  validity_days:\n"
                         "    - {from: 2019-1-1, value: 365}\n"),
        6, 14, "national.validity_days[0].from",
        "`2019-1-1` is not a valid date (expected YYYY-MM-DD)");
}

TEST_CASE("scenario error: timeline dates not strictly increasing", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  validity_days:\n"
                         "    - {from: 2024-01-28, value: 1095}\n"
                         "    - {from: 2024-01-28, value: 365}\n"),
        7, 14, "national.validity_days[1].from",
        "timeline dates must increase strictly: 2024-01-28 is not after 2024-01-28");
}

TEST_CASE("scenario error: an empty timeline", "[errors][values]") {
  check(error_of(kHead + "national: {voluntary_share: []}\n"), 4, 29, "national.voluntary_share",
        "a timeline needs at least one `{from: DATE, value: ...}` entry");
}

TEST_CASE("scenario error: a timeline entry that is not a map", "[errors][values]") {
  check(error_of(kHead + "national: {validity_days: [365, 1095]}\n"), 4, 28,
        "national.validity_days[0]",
        "expected a timeline entry `{from: DATE, value: ...}`, got `365`");
}

TEST_CASE("scenario error: a timeline entry without its value", "[errors][values]") {
  check(error_of(kHead + "national: {validity_days: [{from: 2019-01-01}]}\n"), 4, 28,
        "national.validity_days[0].value", "missing required key `value` in a timeline entry");
}

TEST_CASE("scenario error: a misspelt timeline key", "[errors][values]") {
  check(error_of(kHead + "national: {validity_days: [{form: 2019-01-01, value: 365}]}\n"), 4, 29,
        "national.validity_days[0].form", "unknown key `form`; did you mean `from`?");
}

TEST_CASE("scenario error: an unknown distribution, with a suggestion", "[errors][values]") {
  check(error_of(kHead + "national: {lpc: {delay: {dist: lognormale, mean: 20, sd: 5}}}\n"), 4, 32,
        "national.lpc.delay.dist",
        "unknown distribution `lognormale`; did you mean `lognormal`? (known: fixed, "
        "exponential, uniform, lognormal, gamma, empirical)");
}

TEST_CASE("scenario error: a distribution map without `dist:`", "[errors][values]") {
  check(error_of(kHead + "national: {lpc: {delay: {mean: 20}}}\n"), 4, 25,
        "national.lpc.delay.dist",
        "a distribution map needs `dist:` (one of fixed, exponential, uniform, lognormal, "
        "gamma, empirical)");
}

TEST_CASE("scenario error: a missing distribution parameter", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  appeal: {duration: {dist: lognormal, mean: 120}}\n"),
        5, 22, "national.appeal.duration.sd", "the `lognormal` distribution needs `sd`");
}

TEST_CASE("scenario error: a parameter the distribution does not take", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  flights: {booking_delay: {dist: exponential, mean: 5, sd: 2}}\n"),
        5, 57, "national.flights.booking_delay.sd",
        "`sd` is not a parameter of the `exponential` distribution (it takes `mean`)");
}

TEST_CASE("scenario error: a lognormal mean <= 0", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  appeal: {duration: {dist: lognormal, mean: 0, sd: 60}}\n"),
        5, 46, "national.appeal.duration.mean",
        "the `lognormal` distribution needs mean > 0, got 0");
}

TEST_CASE("scenario error: a gamma sd < 0", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc: {delay: {dist: gamma, mean: 20, sd: -1}}\n"),
        5, 44, "national.lpc.delay.sd", "the `gamma` distribution needs sd >= 0, got -1");
}

TEST_CASE("scenario error: an exponential mean <= 0", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc: {request_delay: {dist: exponential, mean: -2}}\n"),
        5, 50, "national.lpc.request_delay.mean",
        "the `exponential` distribution needs mean > 0, got -2");
}

TEST_CASE("scenario error: a uniform high below its low", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc: {delay: {dist: uniform, low: 10, high: 5}}\n"),
        5, 47, "national.lpc.delay.high",
        "the `uniform` distribution needs low <= high, got low 10 and high 5");
}

TEST_CASE("scenario error: empirical values and weights of different sizes", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc: {delay: {dist: empirical, values: [3, 7], weights: [1]}}\n"),
        5, 59, "national.lpc.delay.weights",
        "the `empirical` distribution needs one weight per value: 2 values but 1 weights");
}

TEST_CASE("scenario error: an empirical distribution without values", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc: {delay: {dist: empirical, values: [], weights: []}}\n"),
        5, 42, "national.lpc.delay.values",
        "the `empirical` distribution needs at least one value");
}

TEST_CASE("scenario error: empirical weights that are all 0", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc: {delay: {dist: empirical, values: [3], weights: [0]}}\n"),
        5, 56, "national.lpc.delay.weights",
        "the `empirical` distribution needs weights with a positive sum");
}

TEST_CASE("scenario error: a negative empirical weight", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc: {delay: {dist: empirical, values: [3, 4], weights: [1, -1]}}\n"),
        5, 63, "national.lpc.delay.weights[1]", "a weight must be >= 0, got -1");
}

TEST_CASE("scenario error: a list where a delay is expected", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  lpc:\n"
                         "    delay:\n"
                         "      - {from: 2019-01-01, value: [3, 4]}\n"),
        7, 35, "national.lpc.delay[0].value",
        "expected a number of days or a distribution map `{dist: ...}`, got a list");
}

TEST_CASE("scenario error: review days not increasing", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    reviews: [{day: 30, release_probability: 0.2}, {day: 2, "
                         "release_probability: 0.1}]\n"),
        6, 58, "national.detention.reviews[1].day",
        "review days must increase strictly: day 2 comes after day 30");
}

TEST_CASE("scenario error: a review without its release probability", "[errors][values]") {
  check(error_of(kHead + "national:\n"
                         "  detention:\n"
                         "    reviews:\n"
                         "      - from: 2019-01-01\n"
                         "        value: [{day: 2}]\n"),
        8, 17, "national.detention.reviews[0].value[0].release_probability",
        "missing required key `release_probability` in a review");
}

TEST_CASE("scenario error: reviews that are not a list", "[errors][values]") {
  check(error_of(kHead + "national: {detention: {reviews: 30}}\n"), 4, 33,
        "national.detention.reviews",
        "expected a list of hearings `{day: D, release_probability: P}`, got `30`");
}

TEST_CASE("scenario error: monthly_factors without 12 numbers", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    monthly_factors: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
        6, 22, "countries.MA.monthly_factors", "needs 12 numbers (January to December), got 11");
}

TEST_CASE("scenario error: a negative monthly factor", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    monthly_factors: [1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"),
        6, 29, "countries.MA.monthly_factors[2]", "the factor for March must be >= 0, got -1");
}

TEST_CASE("scenario error: monthly factors that are all 0", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries:\n"
                 "  MA:\n"
                 "    oqtf_per_year: 9500\n"
                 "    monthly_factors: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n"),
        6, 22, "countries.MA.monthly_factors", "monthly factors must have a positive sum");
}

TEST_CASE("scenario error: monthly factors that are not a list", "[errors][values]") {
  check(error_of("start: 2019-01-01\n"
                 "end: 2025-12-31\n"
                 "countries: {MA: {oqtf_per_year: 9500, monthly_factors: 1}}\n"),
        3, 56, "countries.MA.monthly_factors",
        "expected a list of 12 numbers (January to December), got `1`");
}
