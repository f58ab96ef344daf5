#pragma once

#include "removalsim/engine/error.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// Where a scenario error lies: the file as the user named it (a relative path stays relative),
/// the 1-based line and column (0 when unknown) and the dotted key path of the offending value
/// (e.g. `countries.MA.lpc.issue_probability`, `national.validity_days[1].from`; empty when none).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key_path;
};

/// The user's scenario is invalid (syntax, unknown key, wrong value...). `what()` is one line,
/// `FILE:LINE:COLUMN: KEY.PATH: message`; `:LINE:COLUMN` is left out when the line is unknown
/// and `KEY.PATH: ` when there is no key path.
class ScenarioError : public Error {
public:
  /// `message` is the bare message; line breaks in it are shown as `\n`. `suggestion` is the
  /// name the message proposes instead of a misspelt one (empty when none), for front ends that
  /// offer it apart from the message (the Python package's exception attribute).
  ScenarioError(SourceLocation where, const std::string &message, std::string suggestion = {});

  /// The file as the user named it.
  const std::string &file() const noexcept { return where_.file; }
  /// 1-based line, 0 when unknown.
  int line() const noexcept { return where_.line; }
  /// 1-based column, 0 when unknown.
  int column() const noexcept { return where_.column; }
  /// Dotted key path of the offending value, empty when none.
  const std::string &key_path() const noexcept { return where_.key_path; }
  /// The message without its location.
  const std::string &message() const noexcept { return message_; }
  /// File, line, column and key path together.
  const SourceLocation &where() const noexcept { return where_; }
  /// The known name closest to a misspelt one (`did you mean ...?`), empty when none.
  const std::string &suggestion() const noexcept { return suggestion_; }

private:
  SourceLocation where_;
  std::string message_;
  std::string suggestion_;
};

/// Named factories of every message the scenario layer shows a user: the wording lives here only.
/// Arguments named `*_text` are the values as the user wrote them.
namespace errors {

/// The file cannot be opened or read; `reason` says why; `kind` names the file ("scenario",
/// "targets").
ScenarioError cannot_read_file(const SourceLocation &where, std::string_view reason,
                               std::string_view kind = "scenario");
/// yaml-cpp refused the document; `parser_message` is its message.
ScenarioError syntax_error(const SourceLocation &where, std::string_view parser_message);
/// A file holding more than one YAML document (`---` separators); `noun` names what holds them
/// ("a scenario file", "a targets file", "an override value").
ScenarioError several_documents(const SourceLocation &where, std::size_t count,
                                std::string_view noun = "a scenario file");
/// Nesting deeper than any scenario needs (usually a recursive YAML alias).
ScenarioError nested_too_deeply(const SourceLocation &where, int limit);
/// More values than any scenario needs, counting each use of an alias (usually aliases of
/// aliases, which would expand beyond memory).
ScenarioError too_many_values(const SourceLocation &where, std::size_t limit);
/// A map key that is not a plain name (a list, a map or null used as a key).
ScenarioError invalid_key(const SourceLocation &where, std::string_view found);
/// The same key twice in one map.
ScenarioError duplicate_key(const SourceLocation &where, std::string_view key, int first_line);
/// A key the format does not know at this place; `suggestion` is empty when none is close.
ScenarioError unknown_key(const SourceLocation &where, std::string_view key,
                          std::string_view suggestion);
/// A value of the wrong kind: `expected` and `found` are short descriptions.
ScenarioError wrong_type(const SourceLocation &where, std::string_view expected,
                         std::string_view found);
/// A required key is absent; `context` names the map that lacks it.
ScenarioError missing_key(const SourceLocation &where, std::string_view key,
                          std::string_view context);
/// A negative number where `what` (e.g. "a rate per year") must be >= 0.
ScenarioError negative_value(const SourceLocation &where, std::string_view what,
                             std::string_view value_text);
/// A number above the largest `what` a user could mean (`maximum`, and `reason` in words).
ScenarioError above_maximum(const SourceLocation &where, std::string_view what, double maximum,
                            std::string_view reason, std::string_view value_text);
/// A fraction where `what` (places, seats) only comes in whole numbers.
ScenarioError not_whole(const SourceLocation &where, std::string_view what,
                        std::string_view value_text);
/// A lognormal or gamma delay so skewed (sd / mean beyond `maximum_ratio`) that its parameters are
/// not representable.
ScenarioError distribution_too_dispersed(const SourceLocation &where, std::string_view distribution,
                                         double maximum_ratio, std::string_view mean_text,
                                         std::string_view sd_text);
/// A probability or share outside [0, 1]; `what` is "a probability" or "a share".
ScenarioError outside_unit_interval(const SourceLocation &where, std::string_view what,
                                    std::string_view value_text);
/// Not a strict ISO date `YYYY-MM-DD` of a real day.
ScenarioError malformed_date(const SourceLocation &where, std::string_view value_text);
/// A timeline given as an empty list.
ScenarioError empty_timeline(const SourceLocation &where);
/// A timeline entry whose date is not after the previous entry's.
ScenarioError timeline_not_increasing(const SourceLocation &where, std::string_view date_text,
                                      std::string_view previous_text);
/// `end` on or before `start`.
ScenarioError end_not_after_start(const SourceLocation &where, std::string_view end_text,
                                  std::string_view start_text);
/// `warmup_until` is not the first day of a month.
ScenarioError warmup_not_first_of_month(const SourceLocation &where, std::string_view date_text);
/// `warmup_until` before `start` or after `end`.
ScenarioError warmup_outside_run(const SourceLocation &where, std::string_view date_text,
                                 std::string_view start_text, std::string_view end_text);
/// `countries` has no entry.
ScenarioError empty_countries(const SourceLocation &where);
/// A country code that is neither two capital letters (ISO 3166-1 alpha-2) nor `OTHER`.
ScenarioError invalid_country_code(const SourceLocation &where, std::string_view code);
/// `profiles` has no entry.
ScenarioError empty_profiles(const SourceLocation &where);
/// Profile shares whose sum is not 1 (within 1e-9).
ScenarioError profile_shares_sum(const SourceLocation &where, double sum);
/// A block switched on by `switch_key` (a positive share, written at `where`) lacks `missing_key`.
ScenarioError block_key_missing(const SourceLocation &where, std::string_view missing_key,
                                std::string_view switch_key);
/// `detention.centres` is empty.
ScenarioError empty_centres(const SourceLocation &where);
/// Two centres with the same name.
ScenarioError duplicate_centre(const SourceLocation &where, std::string_view name);
/// Centre shares (`share_key`) whose sum is not 1 (within 1e-9) from `date_text` on.
ScenarioError centre_shares_sum(const SourceLocation &where, std::string_view share_key, double sum,
                                std::string_view date_text);
/// A distribution map without `dist:`.
ScenarioError missing_distribution_name(const SourceLocation &where);
/// `dist:` names no known distribution; `suggestion` is empty when none is close.
ScenarioError unknown_distribution(const SourceLocation &where, std::string_view name,
                                   std::string_view suggestion);
/// A parameter the distribution needs is absent.
ScenarioError missing_distribution_parameter(const SourceLocation &where,
                                             std::string_view distribution,
                                             std::string_view parameter);
/// A key that is not a parameter of this distribution; `parameters` lists the valid ones.
ScenarioError unknown_distribution_parameter(const SourceLocation &where,
                                             std::string_view distribution,
                                             std::string_view parameter,
                                             std::string_view parameters,
                                             std::string_view suggestion);
/// An exponential, lognormal or gamma mean that is not > 0.
ScenarioError distribution_mean_not_positive(const SourceLocation &where,
                                             std::string_view distribution,
                                             std::string_view value_text);
/// A lognormal or gamma sd below 0.
ScenarioError distribution_sd_negative(const SourceLocation &where, std::string_view distribution,
                                       std::string_view value_text);
/// A uniform distribution whose `high` is below its `low`.
ScenarioError uniform_bounds(const SourceLocation &where, std::string_view low_text,
                             std::string_view high_text);
/// An empirical distribution with no value.
ScenarioError empirical_empty(const SourceLocation &where);
/// An empirical distribution with not as many weights as values.
ScenarioError empirical_size_mismatch(const SourceLocation &where, std::size_t values,
                                      std::size_t weights);
/// An empirical distribution whose weights are all 0.
ScenarioError empirical_zero_weights(const SourceLocation &where);
/// Review days that do not increase strictly.
ScenarioError reviews_not_increasing(const SourceLocation &where, std::string_view day_text,
                                     std::string_view previous_text);
/// `monthly_factors` without exactly 12 numbers.
ScenarioError monthly_factors_count(const SourceLocation &where, std::size_t count);
/// A negative monthly factor; `month` is the month's English name.
ScenarioError monthly_factor_negative(const SourceLocation &where, std::string_view month,
                                      std::string_view value_text);
/// Monthly factors that are all 0.
ScenarioError monthly_factors_zero_sum(const SourceLocation &where);
/// A national shared key (`detention.capacity`, `detention.priority_reserve`) set in a country or
/// a profile; `scope` is "a country" or "a profile".
ScenarioError shared_key_overridden(const SourceLocation &where, std::string_view key,
                                    std::string_view scope);
/// A country-only key under `national`.
ScenarioError country_only_key_in_national(const SourceLocation &where, std::string_view key);
/// A country-only key in a profile.
ScenarioError country_only_key_in_profile(const SourceLocation &where, std::string_view key);
/// A profile-only key (`share`, `priority`) outside a profile.
ScenarioError profile_only_key(const SourceLocation &where, std::string_view key);
/// The file named by `extends:` does not exist; `resolved` is where it was looked for.
ScenarioError extends_not_found(const SourceLocation &where, std::string_view named,
                                std::string_view resolved);
/// `extends:` names something that is not a regular file: `what` is "a directory" or "a device, a
/// pipe or a socket".
ScenarioError extends_not_a_file(const SourceLocation &where, std::string_view named,
                                 std::string_view resolved, std::string_view what);
/// `extends:` files that extend each other; `cycle` lists the files, the first one repeated last.
ScenarioError extends_cycle(const SourceLocation &where, const std::vector<std::string> &cycle);

/// An override whose key path is not `name(.name|[index])*`.
ScenarioError override_malformed_path(const SourceLocation &where, std::string_view path_text);
/// An override of `extends`, which is resolved before overrides apply.
ScenarioError override_of_extends(const SourceLocation &where);
/// An override path that names a key inside something that is not a map; `found` describes it.
ScenarioError override_key_not_in_map(const SourceLocation &where, std::string_view key,
                                      std::string_view found);
/// An override path that takes an item `[index]` of something that is not a list.
ScenarioError override_index_not_in_list(const SourceLocation &where, std::size_t index,
                                         std::string_view found);
/// An override path with a list index past the end of the list (overrides never add items).
ScenarioError override_index_out_of_range(const SourceLocation &where, std::size_t index,
                                          std::size_t size);

/// A targets file whose `targets` list is empty.
ScenarioError empty_targets(const SourceLocation &where);
/// A target id that is empty or holds characters other than letters, digits, `_`, `-`, `.`.
ScenarioError invalid_target_id(const SourceLocation &where, std::string_view id);
/// The same target id twice in one file.
ScenarioError duplicate_target_id(const SourceLocation &where, std::string_view id, int first_line);
/// A metric name that is not known; `suggestion` is empty when none is close, and then `known`
/// (every metric name, comma-separated) is listed.
ScenarioError unknown_metric(const SourceLocation &where, std::string_view name,
                             std::string_view suggestion, std::string_view known);
/// A period that is not a year, a quarter, a month or a month range (or runs backwards).
ScenarioError malformed_period(const SourceLocation &where, std::string_view period_text);
/// A `ratio:` target whose period is not `A / B`.
ScenarioError ratio_needs_two_periods(const SourceLocation &where, std::string_view period_text);
/// A period `A / B` on a target whose metric is not `ratio:`.
ScenarioError two_periods_need_ratio(const SourceLocation &where, std::string_view metric);
/// A target country that is not an ISO alpha-2 code, `OTHER`, `FR` or `ALL`.
ScenarioError invalid_target_country(const SourceLocation &where, std::string_view code);
/// A target country that the scenario compared with does not have; `countries` lists the
/// scenario's codes, comma-separated.
ScenarioError unknown_target_country(const SourceLocation &where, std::string_view code,
                                     std::string_view countries);
/// A reported range `{low, high}` with high below low.
ScenarioError uncertainty_bounds(const SourceLocation &where, std::string_view low_text,
                                 std::string_view high_text);
/// A reported value outside its own reported range.
ScenarioError value_outside_range(const SourceLocation &where, std::string_view value_text,
                                  std::string_view low_text, std::string_view high_text);
/// A target's `country: []`: a set needs at least one code.
ScenarioError empty_target_countries(const SourceLocation &where);
/// A country code listed twice in a target's set; `first_index` is its first item.
ScenarioError duplicate_target_country(const SourceLocation &where, std::string_view code,
                                       std::size_t first_index);
/// `FR` or `ALL` (national) inside a set of several countries.
ScenarioError national_in_country_set(const SourceLocation &where, std::string_view code);
/// A relative tolerance (a target's or the targets file's `tolerance:`) of 0 or above 1.
ScenarioError tolerance_out_of_range(const SourceLocation &where, std::string_view value_text);

/// Two scenarios compared replication by replication whose `key` (`start`, `end`,
/// `warmup_until`) differs; the texts are ISO dates; `base_file` names the other scenario.
ScenarioError calendar_differs(const SourceLocation &where, std::string_view key,
                               std::string_view date_text, std::string_view base_text,
                               std::string_view base_file);
/// Two scenarios compared replication by replication whose country codes differ; `codes` and
/// `base_codes` are comma-separated.
ScenarioError countries_differ(const SourceLocation &where, std::string_view codes,
                               std::string_view base_codes, std::string_view base_file);

} // namespace errors

} // namespace removalsim::scenario
