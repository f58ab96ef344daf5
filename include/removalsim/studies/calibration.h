#pragma once

#include "removalsim/analysis/calibration/abc_smc.h"
#include "removalsim/analysis/calibration/parameter_space.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/smm.h"
#include "removalsim/analysis/calibration/target_fit.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/scenario/free_parameters.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/targets.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace removalsim::studies {

// The calibration of a scenario's free parameters (FREE.yaml) to published figures (a targets
// file), by SMM or ABC-SMC: the study behind `removalsim calibrate`, without its printing.

/// The settings a caller chose (the command line's options); 0 or empty: not given.
struct CalibrationChoices {
  std::string method; ///< `smm` or `abc-smc`; empty: the free file's, else `smm`
  std::size_t replications = 0;
  std::optional<std::uint64_t> seed;
  std::size_t starts = 0;                  ///< SMM
  std::size_t max_evaluations = 0;         ///< SMM
  std::size_t design_points = 0;           ///< SMM (0: SmmOptions' default)
  std::size_t covariance_replications = 0; ///< SMM (0: SmmOptions' default)
  std::string optimiser;       ///< SMM: `lm`, `sbplx` or `bobyqa`; empty: SmmOptions' default
  std::size_t population = 0;  ///< ABC-SMC
  std::size_t generations = 0; ///< ABC-SMC
};

/// The settings a calibration runs with. Each comes from the caller's choice, else the free
/// file's, else the method's default (SmmOptions, AbcOptions).
struct CalibrationSettings {
  std::string method; ///< `smm` or `abc-smc`
  bool abc = false;   ///< method == `abc-smc`
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  /// SMM's options (fresh replications on seed + 1); `stop` and `progress` left for the caller.
  analysis::calibration::SmmOptions smm;
  /// ABC-SMC's options; `stop` and `progress` left for the caller.
  analysis::calibration::AbcOptions abc_options;
};

/// The precedence of settings: `choices`, else `free`'s, else the method's defaults. Does not
/// validate them (e.g. SMM with fewer than 2 replications): that is the caller's to refuse.
CalibrationSettings resolve_calibration_settings(const CalibrationChoices &choices,
                                                 const scenario::FreeParametersFile &free);

/// The free parameters at `theta` (natural units, parallel to `free`) as overrides of the
/// scenario, each value in the shortest text that reads back as the same double: the calibrated
/// file reproduces exactly what was simulated.
std::vector<scenario::Override> overrides_of(const std::vector<scenario::FreeParameterSpec> &free,
                                             std::span<const double> theta);

/// Loads `scenario_file` with every free parameter at its low bound, at its high bound, and at a
/// non-round point in between, so that an unknown key or a bound the key refuses is reported
/// before any simulation, at the free file's line (scenario::errors::free_parameter_rejected).
/// Other scenario errors are rethrown as they are.
void check_free_parameters(const std::string &scenario_file,
                           const std::vector<scenario::FreeParameterSpec> &free);

/// The targets as calibration sees them, those named in `free.hold_out` held out.
std::vector<analysis::calibration::Target>
calibration_targets(const std::vector<scenario::Target> &targets,
                    const scenario::FreeParametersFile &free);

/// The free parameters as a parameter space, each with its prior (uniform unless FREE.yaml says).
analysis::calibration::ParameterSpace
parameter_space_of(const std::vector<scenario::FreeParameterSpec> &free);

/// What a calibration fits: the scenario, its free parameters, the targets it can simulate.
struct CalibrationProblem {
  scenario::LoadedScenario base;                 ///< the scenario at its own values
  std::vector<scenario::FreeParameterSpec> free; ///< the free parameters, as FREE.yaml gives them
  analysis::calibration::ParameterSpace space;
  std::vector<analysis::Observable> observables;      ///< parallel to `targets`
  std::vector<analysis::calibration::Target> targets; ///< fitted and held out
  std::vector<std::string> left_out; ///< ids of targets outside the months the scenario reports
  /// SMM: the scenario whose values of the free parameters compete with the design as a start
  /// (e.g. an earlier fit); none: `base`'s own values.
  std::optional<scenario::LoadedScenario> start;
};

/// Checks the free parameters against the scenario (`check_free_parameters`), loads the targets
/// and checks their countries and the free file's `hold_out`, and leaves out (naming them in
/// `left_out`, and to `on_left_out` when some are) the targets outside the months the scenario
/// reports. Throws ScenarioError, also when every target left is held out (located at
/// `free_file`'s `hold_out`; after `on_left_out`, so that a warning comes before the error).
CalibrationProblem
prepare_calibration(scenario::LoadedScenario base, const std::string &scenario_file,
                    const std::string &targets_file, const scenario::FreeParametersFile &free,
                    const std::string &free_file,
                    const std::function<void(const std::vector<std::string> &)> &on_left_out = {});

/// A table of parameters: its heading and its rows (both without indentation).
struct ParameterTable {
  std::string title; ///< the line introducing the rows in the calibrated file's header
  std::string heading;
  std::vector<std::string> rows;
};

/// The outcome of a calibration, with the lines that report it.
struct CalibrationOutcome {
  std::optional<analysis::calibration::SmmResult> smm; ///< when the method is SMM
  std::optional<analysis::calibration::AbcResult> abc; ///< when the method is ABC-SMC
  bool interrupted = false;
  /// The estimate (SMM) or the posterior mean (ABC-SMC); empty when no ABC generation completed.
  std::vector<double> estimate;
  /// The fit of every target at `estimate` on fresh replications; empty when interrupted (ABC).
  std::vector<analysis::calibration::TargetFit> fit;
  /// ABC-SMC: replications of the fit at the posterior mean (seed + 1).
  std::size_t fresh_replications = 0;
  std::vector<std::string> phases;          ///< SMM: how each phase went, and why it stopped
  ParameterTable parameters;                ///< estimates (SMM) or the posterior (ABC-SMC)
  std::vector<std::string> identifiability; ///< SMM, when the report could be computed
  /// What the calibrated file's header says of the calibration (phases, parameters,
  /// identifiability, objective), before the fit.
  std::vector<std::string> summary;
};

/// Runs the calibration of `problem` with `settings` (and their `stop` and `progress`), through
/// `simulator` (e.g. a ScenarioSimulator of the problem, maybe wrapped by a checkpoint).
CalibrationOutcome run_calibration(const CalibrationProblem &problem,
                                   const CalibrationSettings &settings,
                                   const analysis::calibration::Simulator &simulator);

/// Lines giving the fit of every target (fitted, then held out) and how many are within their
/// tolerance.
std::vector<std::string> fit_lines(const std::vector<analysis::calibration::TargetFit> &fit);

/// The ABC-SMC particles of the last generation as CSV: weight, distance, one column per
/// parameter.
std::string posterior_csv(const analysis::calibration::ParameterSpace &space,
                          const std::vector<analysis::calibration::Particle> &particles);

/// The calibrated scenario: YAML extending `scenario_file` (relative to `out`) with the estimate;
/// its header comment is `preamble` (whole lines), the outcome's summary and fit.
std::string calibrated_scenario_text(const std::string &scenario_file, const std::string &out,
                                     const std::vector<scenario::FreeParameterSpec> &free,
                                     const CalibrationOutcome &outcome,
                                     const std::string &preamble);

} // namespace removalsim::studies
