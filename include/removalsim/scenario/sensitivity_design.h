#pragma once

#include "removalsim/engine/period.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// A scenario parameter varied by a sensitivity study, uniformly over [low, high].
struct StudyParameter {
  /// The label in outputs; the key path (the first one) when the file gives none. Unique.
  std::string name;
  /// Scenario key paths (provenance syntax) all set to the parameter's value at each design
  /// point, e.g. both values of a capacity timeline.
  std::vector<std::string> keys;
  double low = 0.0;
  double high = 1.0;
  /// `low` and `high` are factors: each key is set to its base value times the factor (a
  /// timeline or review schedule keeps its shape).
  bool scale = false;
  /// Values are rounded to the nearest whole number (places, days, seats).
  bool integer = false;
  SourceLocation where; ///< the parameter's entry in the study file
};

/// An output of a sensitivity study: one metric of one country (or `ALL`) over one period.
struct StudyOutput {
  std::string metric;
  std::string country = "ALL";
  engine::Period period;
  std::string period_text; ///< as written (`2025`, `2025-01..2025-02`)
  SourceLocation metric_where;
  SourceLocation country_where;
  SourceLocation period_where;

  /// `metric country period`, e.g. `removals MA 2025`.
  std::string label() const { return metric + ' ' + country + ' ' + period_text; }
};

/// The screening or variance-based method.
enum class StudyMethod : std::uint8_t { morris, sobol };

/// A sensitivity study file (PARAMS.yaml): what to vary, what to measure, and how.
///
/// ```yaml
/// method: morris                 # or sobol (default morris)
/// replications: 4                # replications per design point, common random numbers
/// seed: 1                        # of the replications (the design and bootstrap have their own)
/// morris: {trajectories: 20, levels: 4, seed: 1}
/// sobol: {samples: 256, second_order: false}
/// bootstrap: {resamples: 1000, seed: 1}
/// outputs:
///   - {metric: removals, country: MA, period: 2025}
/// parameters:
///   - {name: lpc_ma, key: countries.MA.lpc.issue_probability[1].value, low: 0.2, high: 0.9}
///   - {name: places, keys: [a.b[2].value, a.b[3].value], low: 1200, high: 3000, integer: true}
///   - {name: judges, keys: [...], low: 0.5, high: 1.5, scale: true}
/// ```
struct SensitivityDesign {
  std::string file; ///< as the user named it
  std::vector<StudyParameter> parameters;
  std::vector<StudyOutput> outputs;
  StudyMethod method = StudyMethod::morris;
  std::size_t replications = 4;
  std::uint64_t seed = 1;
  std::size_t trajectories = 20;  ///< Morris r
  std::size_t levels = 4;         ///< Morris p, even
  std::uint64_t design_seed = 1;  ///< of the Morris trajectories
  std::size_t base_samples = 256; ///< Sobol N, a power of two
  bool second_order = false;
  std::size_t bootstrap_resamples = 1000;
  std::uint64_t bootstrap_seed = 1;
  SourceLocation method_where;
};

/// Reads and validates a study file (structure, types, ranges: low < high, N a power of two,
/// even levels, unique names). What needs the scenario (countries, periods, metrics, whether
/// the keys take the values) is checked by `check_design`. Throws ScenarioError.
SensitivityDesign load_sensitivity_design(const std::filesystem::path &file);

/// As `load_sensitivity_design`, from YAML text; `file_name` is used in messages.
SensitivityDesign load_sensitivity_design_from_string(std::string_view yaml,
                                                      const std::string &file_name);

/// The value a parameter takes at `value` (rounded when `integer`), as YAML text, for each of
/// its keys: `value` itself, or each key's base value times `value` when `scale`. Base values
/// are read from `base.provenance`.
std::vector<Override> parameter_overrides(const StudyParameter &parameter, double value,
                                          const LoadedScenario &base);

/// The overrides of one design point: `values[i]` for `design.parameters[i]`, in order.
std::vector<Override> point_overrides(const SensitivityDesign &design,
                                      std::span<const double> values, const LoadedScenario &base);

/// Checks a study against its base scenario before any run: each output's country is one of
/// the scenario's (or `ALL`), its period lies within the reported months (from `warmup_until`
/// to `end`), its metric is in `metrics`; no parameter changes the calendar (`start`, `end`,
/// `warmup_until`); a scaled key has a numeric base value; and the scenario loads with each
/// parameter at its low and at its high value (`load_scenario(scenario_file, overrides)`).
/// Throws ScenarioError located in the study file.
void check_design(const SensitivityDesign &design, const std::filesystem::path &scenario_file,
                  const LoadedScenario &base, std::span<const std::string> metrics);

/// Messages of the study file that the scenario layer's own factories do not cover.
namespace sensitivity_errors {

/// `method:` names no known method.
ScenarioError unknown_method(const SourceLocation &where, std::string_view method,
                             std::string_view suggestion);
/// A count below its minimum (`what`: "replications", "trajectories"...).
ScenarioError too_small(const SourceLocation &where, std::string_view what,
                        std::string_view value_text, std::size_t minimum);
/// Sobol `samples` that is not a power of two.
ScenarioError not_power_of_two(const SourceLocation &where, std::string_view value_text);
/// Morris `levels` that is not even.
ScenarioError levels_not_even(const SourceLocation &where, std::string_view value_text);
/// A parameter whose `low` is not below its `high`.
ScenarioError low_not_below_high(const SourceLocation &where, std::string_view low_text,
                                 std::string_view high_text);
/// A parameter with both `key` and `keys`, or with neither.
ScenarioError key_or_keys(const SourceLocation &where);
/// Two parameters with the same name.
ScenarioError duplicate_parameter(const SourceLocation &where, std::string_view name,
                                  int first_line);
/// `parameters` or `outputs` given as an empty list.
ScenarioError empty_list(const SourceLocation &where, std::string_view what);
/// A period that `engine::parse_period` refuses.
ScenarioError malformed_period(const SourceLocation &where, std::string_view text);
/// A metric name the analysis layer does not know.
ScenarioError unknown_metric(const SourceLocation &where, std::string_view name,
                             std::string_view suggestion);
/// A country code that is not in the scenario; `known` lists the scenario's codes.
ScenarioError unknown_country(const SourceLocation &where, std::string_view code,
                              std::string_view known);
/// A period outside the reported months of the scenario.
ScenarioError period_outside_run(const SourceLocation &where, std::string_view period,
                                 std::string_view first, std::string_view last);
/// A scaled key whose base value is missing or not a number.
ScenarioError no_base_value(const SourceLocation &where, std::string_view key,
                            std::string_view found);
/// A parameter that would change the calendar (`start`, `end`, `warmup_until`).
ScenarioError calendar_varied(const SourceLocation &where, std::string_view key);
/// The scenario refused a parameter's value; `inner` is the scenario's own message.
ScenarioError value_refused(const SourceLocation &where, std::string_view parameter,
                            std::string_view value_text, std::string_view inner);

} // namespace sensitivity_errors

} // namespace removalsim::scenario
