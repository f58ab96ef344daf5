#include "removalsim/scenario/scenario_error.h"

#include "message_text.h"

#include <cstdio>
#include <utility>

namespace removalsim::scenario {

namespace {

// Messages must stay on one line whatever the user wrote (block scalars, quoted line breaks).
std::string one_line(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (const char c : text) {
    if (c == '\n') {
      result += "\\n";
    } else if (c == '\r') {
      result += "\\r";
    } else {
      result += c;
    }
  }
  return result;
}

SourceLocation one_line(SourceLocation where) {
  where.file = one_line(where.file);
  where.key_path = one_line(where.key_path);
  return where;
}

std::string format_what(const SourceLocation &where, const std::string &message) {
  std::string text = where.file;
  if (where.line > 0) {
    text += ':' + std::to_string(where.line) + ':' + std::to_string(where.column);
  }
  text += ": ";
  if (!where.key_path.empty()) {
    text += where.key_path + ": ";
  }
  return text + message;
}

using detail::did_you_mean;
using detail::quoted;

/// A bound as a user would write it: 36525, 1e+09, 30.4375.
std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return buffer;
}

ScenarioError make(const SourceLocation &where, const std::string &message,
                   std::string_view suggestion = {}) {
  return ScenarioError(where, message, std::string(suggestion));
}

} // namespace

ScenarioError::ScenarioError(SourceLocation where, const std::string &message,
                             std::string suggestion)
    : Error(ErrorCategory::user, format_what(one_line(where), one_line(message))),
      where_(one_line(std::move(where))), message_(one_line(message)),
      suggestion_(std::move(suggestion)) {}

namespace errors {

ScenarioError cannot_read_file(const SourceLocation &where, std::string_view reason,
                               std::string_view kind) {
  return make(where, "cannot read the " + std::string(kind) + " file: " + std::string(reason));
}

ScenarioError syntax_error(const SourceLocation &where, std::string_view parser_message) {
  return make(where, "YAML syntax error: " + std::string(parser_message));
}

ScenarioError several_documents(const SourceLocation &where, std::size_t count,
                                std::string_view noun) {
  return make(where, std::string(noun) + " holds one YAML document, this one holds " +
                         std::to_string(count) + " (separated by `---`)");
}

ScenarioError nested_too_deeply(const SourceLocation &where, int limit) {
  return make(where, "the document is nested more than " + std::to_string(limit) +
                         " levels deep (a recursive YAML alias?)");
}

ScenarioError too_many_values(const SourceLocation &where, std::size_t limit) {
  return make(where, "the document holds more than " + std::to_string(limit) +
                         " values, the most a file may hold (an alias counts at each use)");
}

ScenarioError invalid_key(const SourceLocation &where, std::string_view found) {
  return make(where, "a key must be a plain name, not " + std::string(found));
}

ScenarioError duplicate_key(const SourceLocation &where, std::string_view key, int first_line) {
  return make(where, "duplicate key " + quoted(key) + " (already set on line " +
                         std::to_string(first_line) + ")");
}

ScenarioError unknown_key(const SourceLocation &where, std::string_view key,
                          std::string_view suggestion) {
  return make(where, "unknown key " + quoted(key) + did_you_mean(suggestion), suggestion);
}

ScenarioError wrong_type(const SourceLocation &where, std::string_view expected,
                         std::string_view found) {
  return make(where, "expected " + std::string(expected) + ", got " + std::string(found));
}

ScenarioError missing_key(const SourceLocation &where, std::string_view key,
                          std::string_view context) {
  return make(where, "missing required key " + quoted(key) + " in " + std::string(context));
}

ScenarioError negative_value(const SourceLocation &where, std::string_view what,
                             std::string_view value_text) {
  return make(where, std::string(what) + " must be >= 0, got " + std::string(value_text));
}

ScenarioError above_maximum(const SourceLocation &where, std::string_view what, double maximum,
                            std::string_view reason, std::string_view value_text) {
  return make(where, std::string(what) + " must be at most " + number_text(maximum) + " (" +
                         std::string(reason) + "), got " + std::string(value_text));
}

ScenarioError not_whole(const SourceLocation &where, std::string_view what,
                        std::string_view value_text) {
  return make(where, std::string(what) + " must be a whole number, got " + std::string(value_text));
}

ScenarioError distribution_too_dispersed(const SourceLocation &where, std::string_view distribution,
                                         double maximum_ratio, std::string_view mean_text,
                                         std::string_view sd_text) {
  return make(where, "the " + quoted(distribution) + " distribution needs sd at most " +
                         number_text(maximum_ratio) + " times its mean, got mean " +
                         std::string(mean_text) + " and sd " + std::string(sd_text));
}

ScenarioError outside_unit_interval(const SourceLocation &where, std::string_view what,
                                    std::string_view value_text) {
  return make(where, std::string(what) + " must be in [0, 1], got " + std::string(value_text));
}

ScenarioError malformed_date(const SourceLocation &where, std::string_view value_text) {
  return make(where, quoted(value_text) + " is not a valid date (expected YYYY-MM-DD)");
}

ScenarioError empty_timeline(const SourceLocation &where) {
  return make(where, "a timeline needs at least one `{from: DATE, value: ...}` entry");
}

ScenarioError timeline_not_increasing(const SourceLocation &where, std::string_view date_text,
                                      std::string_view previous_text) {
  return make(where, "timeline dates must increase strictly: " + std::string(date_text) +
                         " is not after " + std::string(previous_text));
}

ScenarioError end_not_after_start(const SourceLocation &where, std::string_view end_text,
                                  std::string_view start_text) {
  return make(where, "the last day " + std::string(end_text) + " must be after start " +
                         std::string(start_text));
}

ScenarioError warmup_not_first_of_month(const SourceLocation &where, std::string_view date_text) {
  return make(where, quoted(date_text) + " is not the first day of a month");
}

ScenarioError warmup_outside_run(const SourceLocation &where, std::string_view date_text,
                                 std::string_view start_text, std::string_view end_text) {
  return make(where, std::string(date_text) + " is outside the run [" + std::string(start_text) +
                         ", " + std::string(end_text) + "]");
}

ScenarioError empty_countries(const SourceLocation &where) {
  return make(where, "needs at least one country");
}

ScenarioError invalid_country_code(const SourceLocation &where, std::string_view code) {
  return make(where,
              "country code " + quoted(code) +
                  " is neither an ISO 3166-1 alpha-2 code (two capital letters) nor `OTHER`");
}

ScenarioError empty_profiles(const SourceLocation &where) {
  return make(where, "needs at least one profile (or leave `profiles` out)");
}

ScenarioError profile_shares_sum(const SourceLocation &where, double sum) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.12g", sum);
  return make(where, "profile shares sum to " + std::string(buffer) + ", not 1");
}

ScenarioError block_key_missing(const SourceLocation &where, std::string_view missing_key,
                                std::string_view switch_key) {
  return make(where, "a positive " + quoted(switch_key) + " needs " + quoted(missing_key) +
                         " (national, in the country or in the profile)");
}

ScenarioError empty_centres(const SourceLocation &where) {
  return make(where, "needs at least one centre (or leave `centres` out for one national pool)");
}

ScenarioError duplicate_centre(const SourceLocation &where, std::string_view name) {
  return make(where, "a second centre named " + quoted(name));
}

ScenarioError centre_shares_sum(const SourceLocation &where, std::string_view share_key, double sum,
                                std::string_view date_text) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.12g", sum);
  return make(where, "the centres' " + quoted(share_key) + " sum to " + std::string(buffer) +
                         " from " + std::string(date_text) + ", not 1");
}

ScenarioError missing_distribution_name(const SourceLocation &where) {
  return make(where, "a distribution map needs `dist:` (one of fixed, exponential, uniform, "
                     "lognormal, gamma, empirical)");
}

ScenarioError unknown_distribution(const SourceLocation &where, std::string_view name,
                                   std::string_view suggestion) {
  return make(where,
              "unknown distribution " + quoted(name) + did_you_mean(suggestion) +
                  " (known: fixed, exponential, uniform, lognormal, gamma, empirical)",
              suggestion);
}

ScenarioError missing_distribution_parameter(const SourceLocation &where,
                                             std::string_view distribution,
                                             std::string_view parameter) {
  return make(where, "the " + quoted(distribution) + " distribution needs " + quoted(parameter));
}

ScenarioError unknown_distribution_parameter(const SourceLocation &where,
                                             std::string_view distribution,
                                             std::string_view parameter,
                                             std::string_view parameters,
                                             std::string_view suggestion) {
  return make(where,
              quoted(parameter) + " is not a parameter of the " + quoted(distribution) +
                  " distribution (it takes " + std::string(parameters) + ")" +
                  did_you_mean(suggestion),
              suggestion);
}

ScenarioError distribution_mean_not_positive(const SourceLocation &where,
                                             std::string_view distribution,
                                             std::string_view value_text) {
  return make(where, "the " + quoted(distribution) + " distribution needs mean > 0, got " +
                         std::string(value_text));
}

ScenarioError distribution_sd_negative(const SourceLocation &where, std::string_view distribution,
                                       std::string_view value_text) {
  return make(where, "the " + quoted(distribution) + " distribution needs sd >= 0, got " +
                         std::string(value_text));
}

ScenarioError uniform_bounds(const SourceLocation &where, std::string_view low_text,
                             std::string_view high_text) {
  return make(where, "the `uniform` distribution needs low <= high, got low " +
                         std::string(low_text) + " and high " + std::string(high_text));
}

ScenarioError empirical_empty(const SourceLocation &where) {
  return make(where, "the `empirical` distribution needs at least one value");
}

ScenarioError empirical_size_mismatch(const SourceLocation &where, std::size_t values,
                                      std::size_t weights) {
  return make(where,
              "the `empirical` distribution needs one weight per value: " + std::to_string(values) +
                  " values but " + std::to_string(weights) + " weights");
}

ScenarioError empirical_zero_weights(const SourceLocation &where) {
  return make(where, "the `empirical` distribution needs weights with a positive sum");
}

ScenarioError reviews_not_increasing(const SourceLocation &where, std::string_view day_text,
                                     std::string_view previous_text) {
  return make(where, "review days must increase strictly: day " + std::string(day_text) +
                         " comes after day " + std::string(previous_text));
}

ScenarioError monthly_factors_count(const SourceLocation &where, std::size_t count) {
  return make(where, "needs 12 numbers (January to December), got " + std::to_string(count));
}

ScenarioError monthly_factor_negative(const SourceLocation &where, std::string_view month,
                                      std::string_view value_text) {
  return make(where, "the factor for " + std::string(month) + " must be >= 0, got " +
                         std::string(value_text));
}

ScenarioError monthly_factors_zero_sum(const SourceLocation &where) {
  return make(where, "monthly factors must have a positive sum");
}

ScenarioError shared_key_overridden(const SourceLocation &where, std::string_view key,
                                    std::string_view scope) {
  return make(where, quoted(key) +
                         " is national, shared by all countries: set it under `national`, "
                         "not in " +
                         std::string(scope));
}

ScenarioError country_only_key_in_national(const SourceLocation &where, std::string_view key) {
  return make(where, quoted(key) + " is a country-only key: set it under each country in "
                                   "`countries`, not under `national`");
}

ScenarioError country_only_key_in_profile(const SourceLocation &where, std::string_view key) {
  return make(where, quoted(key) + " is a country-only key: set it on the country; a profile "
                                   "overrides per-case parameters only");
}

ScenarioError profile_only_key(const SourceLocation &where, std::string_view key) {
  return make(where, quoted(key) + " is a profile key: it is only allowed in "
                                   "`countries.CODE.profiles.NAME`");
}

ScenarioError extends_not_found(const SourceLocation &where, std::string_view named,
                                std::string_view resolved) {
  return make(where, "`extends:` file " + quoted(named) + " not found (looked for " +
                         quoted(resolved) + ")");
}

ScenarioError extends_not_a_file(const SourceLocation &where, std::string_view named,
                                 std::string_view resolved, std::string_view what) {
  return make(where, "`extends:` file " + quoted(named) + " is " + std::string(what) +
                         ", not a scenario file (" + quoted(resolved) + ")");
}

ScenarioError extends_cycle(const SourceLocation &where, const std::vector<std::string> &cycle) {
  std::string chain;
  for (const auto &file : cycle) {
    chain += (chain.empty() ? "" : " -> ") + file;
  }
  return make(where, "`extends:` cycle: " + chain);
}

ScenarioError override_malformed_path(const SourceLocation &where, std::string_view path_text) {
  return make(where, quoted(path_text) +
                         " is not a key path (names separated by `.`, list items as `[i]`, e.g. "
                         "`countries.MA.lpc.issue_probability[1].value`)");
}

ScenarioError override_of_extends(const SourceLocation &where) {
  return make(where, "`extends` cannot be overridden: overrides apply to the document once "
                     "`extends:` is resolved");
}

ScenarioError override_key_not_in_map(const SourceLocation &where, std::string_view key,
                                      std::string_view found) {
  return make(where, "cannot set " + quoted(key) + " inside " + std::string(found) +
                         ", only inside a map");
}

ScenarioError override_index_not_in_list(const SourceLocation &where, std::size_t index,
                                         std::string_view found) {
  return make(where, "cannot take item [" + std::to_string(index) + "] of " + std::string(found) +
                         ", only of a list");
}

ScenarioError override_index_out_of_range(const SourceLocation &where, std::size_t index,
                                          std::size_t size) {
  return make(where, "item [" + std::to_string(index) + "] does not exist: the list has " +
                         std::to_string(size) + (size == 1 ? " item" : " items") +
                         " (an override cannot add list items)");
}

ScenarioError empty_targets(const SourceLocation &where) {
  return make(where, "needs at least one target");
}

ScenarioError invalid_target_id(const SourceLocation &where, std::string_view id) {
  return make(where, "target id " + quoted(id) +
                         " must be non-empty and use only letters, digits, `_`, `-` and `.`");
}

ScenarioError duplicate_target_id(const SourceLocation &where, std::string_view id,
                                  int first_line) {
  return make(where, "duplicate target id " + quoted(id) + " (already used on line " +
                         std::to_string(first_line) + ")");
}

ScenarioError unknown_metric(const SourceLocation &where, std::string_view name,
                             std::string_view suggestion, std::string_view known) {
  if (!suggestion.empty()) {
    return make(where, "unknown metric " + quoted(name) + did_you_mean(suggestion), suggestion);
  }
  return make(where, "unknown metric " + quoted(name) + " (known: " + std::string(known) + ")");
}

ScenarioError malformed_period(const SourceLocation &where, std::string_view period_text) {
  return make(where, quoted(period_text) +
                         " is not a period (a year `2024`, a quarter `2024-Q4`, a month "
                         "`2025-04` or a month range `2025-01..2025-04`, first month first)");
}

ScenarioError ratio_needs_two_periods(const SourceLocation &where, std::string_view period_text) {
  return make(where, "a `ratio:` target needs two periods `A / B` (the metric over A divided by "
                     "the metric over B), got " +
                         quoted(period_text));
}

ScenarioError two_periods_need_ratio(const SourceLocation &where, std::string_view metric) {
  return make(where, "two periods `A / B` need a ratio metric: write `metric: ratio:" +
                         std::string(metric) + "`");
}

ScenarioError invalid_target_country(const SourceLocation &where, std::string_view code) {
  return make(where, "country " + quoted(code) +
                         " is neither a country code of the scenario (two capital letters, or "
                         "`OTHER`) nor `FR`/`ALL` (national)");
}

ScenarioError unknown_target_country(const SourceLocation &where, std::string_view code,
                                     std::string_view countries) {
  return make(where, "country " + quoted(code) + " is not in the scenario (its countries: " +
                         std::string(countries) + "; `FR` or `ALL` for national figures)");
}

ScenarioError uncertainty_bounds(const SourceLocation &where, std::string_view low_text,
                                 std::string_view high_text) {
  return make(where, "a reported range needs low <= high, got low " + std::string(low_text) +
                         " and high " + std::string(high_text));
}

ScenarioError value_outside_range(const SourceLocation &where, std::string_view value_text,
                                  std::string_view low_text, std::string_view high_text) {
  return make(where, "the reported value " + std::string(value_text) +
                         " is outside its reported range [" + std::string(low_text) + ", " +
                         std::string(high_text) + "]");
}

ScenarioError empty_target_countries(const SourceLocation &where) {
  return make(where, "a set of countries needs at least one country code");
}

ScenarioError duplicate_target_country(const SourceLocation &where, std::string_view code,
                                       std::size_t first_index) {
  return make(where, "country " + quoted(code) + " is already in the set (item " +
                         std::to_string(first_index) + ")");
}

ScenarioError national_in_country_set(const SourceLocation &where, std::string_view code) {
  return make(where, quoted(code) +
                         " (national) cannot be part of a set of countries: write it alone, "
                         "`country: " +
                         std::string(code) + "`");
}

ScenarioError tolerance_out_of_range(const SourceLocation &where, std::string_view value_text) {
  return make(where, "a tolerance must be in (0, 1], got " + std::string(value_text));
}

ScenarioError calendar_differs(const SourceLocation &where, std::string_view key,
                               std::string_view date_text, std::string_view base_text,
                               std::string_view base_file) {
  return make(where, quoted(key) + " is " + std::string(date_text) + " here but " +
                         std::string(base_text) + " in the base scenario " +
                         std::string(base_file) +
                         ": a paired comparison needs the same `start`, `end` and `warmup_until`");
}

ScenarioError countries_differ(const SourceLocation &where, std::string_view codes,
                               std::string_view base_codes, std::string_view base_file) {
  return make(where, "the countries are " + std::string(codes) + " here but " +
                         std::string(base_codes) + " in the base scenario " +
                         std::string(base_file) + ": a paired comparison needs the same countries");
}

} // namespace errors

} // namespace removalsim::scenario
