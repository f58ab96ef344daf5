#pragma once

#include "removalsim/engine/prior.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"
#include "removalsim/scenario/targets.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// One `parameters:` item: a scenario key path to fit (override syntax, e.g.
/// `countries.MA.lpc.issue_probability[0].value`), its bounds and its prior, with where each was
/// written (for errors found later, against the scenario).
struct FreeParameterSpec {
  std::string key;
  double low = 0.0;
  double high = 0.0;
  /// As written: `{dist: uniform}` (the default), `{dist: normal, mean: M, sd: S}` or
  /// `{dist: lognormal, mean: M, sd: S}` (mean and sd of the parameter itself).
  engine::Prior prior;
  /// `integer: true`: the key takes whole numbers only (places, seats); the fit moves a real
  /// value, and the nearest whole number is what is simulated and written.
  bool integer = false;
  SourceLocation key_location;
  SourceLocation low_location;
  SourceLocation high_location;
};

/// A free-parameters file (FREE.yaml; format in scenarios/README.md):
/// ```yaml
/// parameters:
///   - {key: countries.MA.lpc.issue_probability[0].value, low: 0.05, high: 0.6}
///   - {key: national.apprehension.rate_per_year, low: 0.02, high: 0.5,
///      prior: {dist: lognormal, mean: 0.12, sd: 0.08}}
///   - {key: national.detention.capacity[1].value, low: 1400, high: 1959, integer: true}
/// hold_out: [ma_removals_2023]     # target ids reported but not fitted
/// method: smm                      # or abc-smc
/// replications: 8                  # optional settings; the command line overrides them
/// starts: 4
/// max_evaluations: 60
/// population: 200
/// generations: 6
/// seed: 1
/// ```
struct FreeParametersFile {
  std::vector<FreeParameterSpec> parameters;
  std::vector<std::string> hold_out;
  std::vector<SourceLocation> hold_out_locations; ///< parallel to `hold_out`
  std::optional<std::string> method;              ///< `smm` or `abc-smc`
  std::optional<std::size_t> replications;        ///< >= 2
  std::optional<std::size_t> starts;              ///< >= 1
  std::optional<std::size_t> max_evaluations;     ///< >= 1
  std::optional<std::size_t> population;          ///< >= 2
  std::optional<std::size_t> generations;         ///< >= 1
  std::optional<std::uint64_t> seed;
};

/// The value the scenario gets when the fit is at `x`: `x`, or its nearest whole number for an
/// `integer` parameter.
double simulated_value(const FreeParameterSpec &parameter, double x);

/// Reads and validates a free-parameters file: known keys only, at least one parameter, keys
/// written once, bounds >= 0 with low < high, priors as above, hold-out ids written once. Keys and
/// hold-out ids are not checked against a scenario or a targets file here (the caller does).
/// Throws ScenarioError naming file, line, column and key path (`parameters[1].high`).
FreeParametersFile load_free_parameters(const std::filesystem::path &file);

/// As `load_free_parameters`, from YAML text; `file_name` is the name used in messages.
FreeParametersFile load_free_parameters_from_string(std::string_view yaml,
                                                    const std::string &file_name);

/// Throws ScenarioError (at the `hold_out` item) for a held-out id that no target of `targets`
/// (read from `targets_file`) has, suggesting the closest id; or (at `hold_out`) when every target
/// is held out.
void check_hold_out(const FreeParametersFile &free, const std::vector<Target> &targets,
                    std::string_view targets_file);

/// The messages of free-parameters files (the wording lives here only).
namespace errors {

/// `parameters` is an empty list.
ScenarioError empty_free_parameters(const SourceLocation &where);
/// A free parameter whose `high` is not above its `low`.
ScenarioError free_bounds_order(const SourceLocation &where, std::string_view low_text,
                                std::string_view high_text);
/// The same key twice in `parameters`.
ScenarioError duplicate_free_parameter(const SourceLocation &where, std::string_view key,
                                       int first_line);
/// A prior `dist:` that is not uniform, normal or lognormal.
ScenarioError unknown_prior(const SourceLocation &where, std::string_view name,
                            std::string_view suggestion);
/// A normal or lognormal prior without an sd > 0, or a lognormal prior with a mean <= 0.
ScenarioError prior_parameter_not_positive(const SourceLocation &where, std::string_view what,
                                           std::string_view value_text);
/// A `method:` that is neither `smm` nor `abc-smc`.
ScenarioError unknown_method(const SourceLocation &where, std::string_view name,
                             std::string_view suggestion);
/// A setting below its minimum (`what`: "replications", "starts"...).
ScenarioError setting_too_small(const SourceLocation &where, std::string_view what,
                                std::size_t minimum, std::string_view value_text);
/// The same target id twice in `hold_out`.
ScenarioError duplicate_hold_out(const SourceLocation &where, std::string_view id);
/// A `hold_out` id that the targets file does not have; `suggestion` empty when none is close.
ScenarioError unknown_hold_out(const SourceLocation &where, std::string_view id,
                               std::string_view targets_file, std::string_view suggestion);
/// Every target is held out: nothing is left to fit.
ScenarioError everything_held_out(const SourceLocation &where, std::size_t count);
/// No target of the targets file lies in the months the scenario reports (`reported`,
/// `YYYY-MM..YYYY-MM`): nothing to fit.
ScenarioError no_target_in_reported_months(const SourceLocation &where, std::string_view reported);
/// The scenario refused a free parameter set to one of its bounds (`value_text`): an unknown key,
/// a value the key does not accept... `reason` is the scenario's own message.
ScenarioError free_parameter_rejected(const SourceLocation &where, std::string_view key,
                                      std::string_view value_text, std::string_view reason);

} // namespace errors

} // namespace removalsim::scenario
