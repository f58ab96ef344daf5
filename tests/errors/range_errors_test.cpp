// Errors about values beyond the range a user could mean (the parameter catalogue's ranges):
// values that would make a run endless (a rate that stops the clock), meaningless (monthly factors
// summing to infinity) or fail mid-run (a delay whose moments overflow).
#include "error_check.h"

#include <string>

using error_check::check;
using error_check::error_of;
using error_check::kHead;

namespace {

// A head without countries: the document below gives them on line 3.
const std::string kDates = "start: 2019-01-01\n"
                           "end: 2025-12-31\n";

} // namespace

TEST_CASE("scenario error: a rate so high the clock cannot advance", "[errors][ranges]") {
  check(error_of(kHead + "national: {apprehension: {rate_per_year: 1e308}}\n"), 4, 42,
        "national.apprehension.rate_per_year",
        "a rate per year must be at most 365.25 (once a day), got 1e308");
}

TEST_CASE("scenario error: a rate per month beyond once a day", "[errors][ranges]") {
  check(error_of(kHead + "national: {detention: {release_rate_per_month: 1e5}}\n"), 4, 48,
        "national.detention.release_rate_per_month",
        "a rate per month must be at most 30.4375 (once a day), got 1e5");
}

TEST_CASE("scenario error: a fraction of a place", "[errors][ranges]") {
  check(error_of(kHead + "national: {detention: {capacity: 1500.5}}\n"), 4, 34,
        "national.detention.capacity", "a capacity must be a whole number, got 1500.5");
}

TEST_CASE("scenario error: a delay beyond a century", "[errors][ranges]") {
  check(error_of(
            kHead +
            "national: {appeal: {share: 0.5, duration: {dist: lognormal, mean: 90, sd: 1e160}}}\n"),
        4, 75, "national.appeal.duration.sd",
        "a delay must be at most 36525 (100 years, in days), got 1e160");
}

TEST_CASE("scenario error: a validity beyond a century", "[errors][ranges]") {
  check(error_of(kHead + "national: {validity_days: 1e9}\n"), 4, 27, "national.validity_days",
        "a number of days must be at most 36525 (100 years; or unlimited), got 1e9");
}

TEST_CASE("scenario error: a delay too dispersed to be represented", "[errors][ranges]") {
  check(
      error_of(kHead +
               "national: {appeal: {share: 0.5, duration: {dist: gamma, mean: 1e-300, sd: 1}}}\n"),
      4, 75, "national.appeal.duration.sd",
      "the `gamma` distribution needs sd at most 1000 times its mean, got mean 1e-300 and sd 1");
}

TEST_CASE("scenario error: a review on day 10^9", "[errors][ranges]") {
  check(error_of(kHead +
                 "national: {detention: {reviews: [{day: 1e9, release_probability: 0.5}]}}\n"),
        4, 40, "national.detention.reviews[0].day",
        "a review day must be at most 36525 (100 years), got 1e9");
}

TEST_CASE("scenario error: an empirical weight beyond a billion", "[errors][ranges]") {
  check(error_of(kHead + "national: {document_check_days: {dist: empirical, values: [1, 2], "
                         "weights: [1, 1e300]}}\n"),
        4, 80, "national.document_check_days.weights[1]",
        "a weight must be at most 1000000000 (a billion), got 1e300");
}

TEST_CASE("scenario error: monthly factors whose sum is infinite", "[errors][ranges]") {
  check(error_of(kDates + "countries: {MA: {oqtf_per_year: 9500, monthly_factors: [1e308, 1e308, "
                          "1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}}\n"),
        3, 57, "countries.MA.monthly_factors[0]",
        "a monthly factor must be at most 1000000 (a million), got 1e308");
}

TEST_CASE("scenario error: a backlog beyond a billion cases", "[errors][ranges]") {
  check(error_of(kDates + "countries: {MA: {oqtf_per_year: 9500, initial_at_large: 2e9}}\n"), 3, 57,
        "countries.MA.initial_at_large",
        "a number of cases must be at most 1000000000 (a billion), got 2e9");
}
