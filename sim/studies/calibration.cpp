#include "removalsim/studies/calibration.h"

#include "calibration_report.h"

#include "removalsim/analysis/calibration/identifiability.h"
#include "removalsim/analysis/calibration/targets.h"
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/engine/calendar.h"
#include "removalsim/engine/number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace removalsim::studies {

namespace {

namespace cal = analysis::calibration;
using report::format;
using report::identifiability_lines;
using report::name_width;
using report::phase_lines;
using report::scenario_value;

// The methods' defaults live in their options (the free file and the caller override them).
const cal::SmmOptions kSmmDefaults{};
const cal::AbcOptions kAbcDefaults{};

// The scenario's number at `key`: its own leaf, else for a country's key the national one it
// inherits; nullopt when neither is a plain number.
std::optional<double> scenario_number(const scenario::LoadedScenario &loaded,
                                      const std::string &key) {
  const auto number_at = [&](const std::string &path) -> std::optional<double> {
    const scenario::ResolvedValue *leaf = loaded.leaf(path);
    return leaf != nullptr ? scenario::finite_number(leaf->value) : std::nullopt;
  };
  if (const auto own = number_at(key)) {
    return own;
  }
  const std::string countries = "countries.";
  if (key.rfind(countries, 0) == 0) {
    const auto dot = key.find('.', countries.size());
    if (dot != std::string::npos) {
      return number_at("national" + key.substr(dot));
    }
  }
  return std::nullopt;
}

// `loaded`'s values of the free parameters, inside their bounds (the centre of the bounds where
// the scenario has no plain number), as SMM's initial guess.
std::vector<double> scenario_values(const cal::ParameterSpace &space,
                                    const scenario::LoadedScenario &loaded) {
  std::vector<double> values;
  for (const auto &p : space.parameters()) {
    const auto value = scenario_number(loaded, p.name);
    values.push_back(value ? std::clamp(*value, p.low, p.high) : 0.5 * (p.low + p.high));
  }
  return values;
}

void run_smm(const CalibrationProblem &problem, const CalibrationSettings &settings,
             const cal::Simulator &simulator, CalibrationOutcome &outcome) {
  const auto &space = problem.space;
  cal::SmmOptions options = settings.smm;
  options.initial_guess = scenario_values(space, problem.start ? *problem.start : problem.base);
  const auto &result =
      outcome.smm.emplace(cal::calibrate_smm(space, problem.targets, simulator, options));
  outcome.interrupted = result.interrupted;
  outcome.estimate = result.estimate;
  outcome.fit = result.fit;
  outcome.phases = phase_lines(result);
  outcome.summary = outcome.phases;

  const std::size_t width = name_width(space);
  char heading[400];
  std::snprintf(heading, sizeof heading, "%-*s %10s %10s %10s %12s %12s  %s",
                static_cast<int>(width), "parameter", "low", "high", "scenario", "estimate", "SE",
                "");
  outcome.parameters.title = "Parameters: name, low, high, value before, estimate, standard error";
  outcome.parameters.heading = heading;
  for (std::size_t j = 0; j < space.dimension(); ++j) {
    const auto &p = space[j];
    const std::string se =
        result.errors ? format("%.4g", result.errors->standard_errors[j]) : std::string("-");
    const bool identified = result.errors && result.errors->identified[j];
    char line[400];
    std::snprintf(line, sizeof line, "%-*s %10.4g %10.4g %10s %12.6g %12s  %s",
                  static_cast<int>(width), p.name.c_str(), p.low, p.high,
                  scenario_value(problem.base, p.name).c_str(), outcome.estimate[j], se.c_str(),
                  !result.errors ? ""
                  : identified   ? ""
                                 : "not pinned down by the targets");
    outcome.parameters.rows.push_back(line);
  }
  outcome.summary.push_back(outcome.parameters.title);
  outcome.summary.insert(outcome.summary.end(), outcome.parameters.rows.begin(),
                         outcome.parameters.rows.end());
  if (result.identifiability) {
    outcome.identifiability =
        identifiability_lines(*result.identifiability, space, problem.targets);
    outcome.summary.insert(outcome.summary.end(), outcome.identifiability.begin(),
                           outcome.identifiability.end());
  }
  if (!outcome.interrupted) {
    outcome.summary.push_back("Objective Q = " + format("%.6g", result.objective) +
                              " (fitted replications), " + format("%.6g", result.fresh_objective) +
                              " (fresh replications)");
  } else {
    outcome.summary.push_back(
        "INTERRUPTED after " + std::to_string(result.evaluations) +
        " evaluations: best point so far; Q = " + format("%.6g", result.objective));
  }
}

void run_abc(const CalibrationProblem &problem, const CalibrationSettings &settings,
             const cal::Simulator &simulator, CalibrationOutcome &outcome) {
  const auto &space = problem.space;
  const auto &result = outcome.abc.emplace(
      cal::calibrate_abc_smc(space, problem.targets, simulator, settings.abc_options));
  outcome.interrupted = result.interrupted;
  if (result.particles.empty()) {
    return;
  }
  const std::size_t width = name_width(space);
  char heading[400];
  std::snprintf(heading, sizeof heading, "%-*s %10s %10s %10s %12s %10s %12s %12s",
                static_cast<int>(width), "parameter", "low", "high", "scenario", "mean", "sd",
                "5 %", "95 %");
  outcome.parameters.title = "Posterior: name, low, high, value before, mean, sd, 90 % interval";
  outcome.parameters.heading = heading;
  for (std::size_t j = 0; j < space.dimension(); ++j) {
    const auto &p = space[j];
    const auto &s = result.summary[j];
    char line[400];
    std::snprintf(line, sizeof line, "%-*s %10.4g %10.4g %10s %12.6g %10.4g %12.6g %12.6g",
                  static_cast<int>(width), p.name.c_str(), p.low, p.high,
                  scenario_value(problem.base, p.name).c_str(), s.mean, s.sd, s.low, s.high);
    outcome.parameters.rows.push_back(line);
    outcome.estimate.push_back(s.mean);
  }
  outcome.summary.push_back(outcome.parameters.title);
  outcome.summary.insert(outcome.summary.end(), outcome.parameters.rows.begin(),
                         outcome.parameters.rows.end());
  if (outcome.interrupted) {
    outcome.summary.push_back("INTERRUPTED: posterior of the last complete generation (" +
                              std::to_string(result.generations.size()) + ")");
    return;
  }
  // The written scenario takes the posterior mean; its fit on fresh replications follows.
  outcome.fresh_replications =
      std::max<std::size_t>(settings.replications, kSmmDefaults.replications);
  const auto moments = simulator(
      {cal::SimulationRequest{outcome.estimate, settings.seed + 1, 0, outcome.fresh_replications}});
  outcome.fit = cal::fit_targets(problem.targets, moments.front());
}

} // namespace

CalibrationSettings resolve_calibration_settings(const CalibrationChoices &choices,
                                                 const scenario::FreeParametersFile &free) {
  CalibrationSettings settings;
  settings.method = !choices.method.empty() ? choices.method : free.method.value_or("smm");
  settings.abc = settings.method == "abc-smc";
  settings.replications =
      choices.replications != 0
          ? choices.replications
          : free.replications.value_or(settings.abc ? kAbcDefaults.replications
                                                    : kSmmDefaults.replications);
  settings.seed = choices.seed
                      ? *choices.seed
                      : free.seed.value_or(settings.abc ? kAbcDefaults.seed : kSmmDefaults.seed);

  auto &smm = settings.smm;
  smm.replications = settings.replications;
  smm.starts = choices.starts != 0 ? choices.starts : free.starts.value_or(kSmmDefaults.starts);
  smm.max_evaluations = choices.max_evaluations != 0
                            ? choices.max_evaluations
                            : free.max_evaluations.value_or(kSmmDefaults.max_evaluations);
  smm.design_points = choices.design_points;
  smm.covariance_replications = choices.covariance_replications;
  for (const auto optimiser : {cal::LocalOptimiser::bobyqa, cal::LocalOptimiser::sbplx,
                               cal::LocalOptimiser::levenberg_marquardt}) {
    if (choices.optimiser == cal::local_optimiser_name(optimiser)) {
      smm.optimiser = optimiser;
    }
  }
  smm.seed = settings.seed;
  smm.fresh_seed = settings.seed + 1;

  auto &abc = settings.abc_options;
  abc.replications = settings.replications;
  if (choices.population != 0 || free.population) {
    abc.population_size = choices.population != 0 ? choices.population : *free.population;
  }
  if (choices.generations != 0 || free.generations) {
    abc.max_generations = choices.generations != 0 ? choices.generations : *free.generations;
  }
  abc.seed = settings.seed;
  return settings;
}

std::vector<scenario::Override> overrides_of(const std::vector<scenario::FreeParameterSpec> &free,
                                             std::span<const double> theta) {
  std::vector<scenario::Override> overrides;
  for (std::size_t j = 0; j < free.size(); ++j) {
    overrides.push_back(
        {free[j].key, engine::shortest_text(scenario::simulated_value(free[j], theta[j]))});
  }
  return overrides;
}

void check_free_parameters(const std::string &scenario_file,
                           const std::vector<scenario::FreeParameterSpec> &free) {
  // The point in between is 1/π of the way: a key that only takes whole numbers fails there.
  for (const double fraction : {0.0, 1.0, std::numbers::inv_pi}) {
    std::vector<double> theta;
    for (const auto &p : free) {
      theta.push_back(fraction == 1.0 ? p.high : p.low + fraction * (p.high - p.low));
    }
    const auto overrides = overrides_of(free, theta);
    try {
      scenario::load_scenario(scenario_file, overrides);
    } catch (const scenario::ScenarioError &error) {
      if (error.file() != "override" || error.line() < 1 ||
          static_cast<std::size_t>(error.line()) > free.size()) {
        throw;
      }
      const auto &p = free[static_cast<std::size_t>(error.line() - 1)];
      // The override is the line `KEY.PATH: VALUE`: a column within the key path blames the key
      // (unknown, malformed), one in the value blames the bound that was tried.
      const bool blames_key = error.column() <= static_cast<int>(p.key.size());
      const bool at_bound = fraction == 0.0 || fraction == 1.0;
      const auto &where = blames_key || !at_bound ? p.key_location
                          : fraction == 0.0       ? p.low_location
                                                  : p.high_location;
      throw scenario::errors::free_parameter_rejected(
          where, p.key, overrides[static_cast<std::size_t>(error.line() - 1)].value,
          error.message());
    }
  }
}

std::vector<cal::Target> calibration_targets(const std::vector<scenario::Target> &targets,
                                             const scenario::FreeParametersFile &free) {
  std::vector<cal::Target> out;
  for (const auto &t : targets) {
    const bool held_out =
        std::find(free.hold_out.begin(), free.hold_out.end(), t.id) != free.hold_out.end();
    out.push_back(cal::Target{t.id, t.value, t.sd, t.weight, held_out, t.tolerance});
  }
  return out;
}

cal::ParameterSpace parameter_space_of(const std::vector<scenario::FreeParameterSpec> &free) {
  std::vector<cal::FreeParameter> parameters;
  for (const auto &p : free) {
    parameters.push_back({p.key, p.low, p.high, p.prior});
  }
  return cal::ParameterSpace(std::move(parameters));
}

CalibrationProblem
prepare_calibration(scenario::LoadedScenario base, const std::string &scenario_file,
                    const std::string &targets_file, const scenario::FreeParametersFile &free,
                    const std::string &free_file,
                    const std::function<void(const std::vector<std::string> &)> &on_left_out) {
  check_free_parameters(scenario_file, free.parameters);
  auto file_targets = scenario::load_targets(targets_file, analysis::metric_names());
  scenario::check_target_countries(file_targets, base.scenario);
  scenario::check_hold_out(free, file_targets, targets_file);
  // A target outside the months the scenario reports (warm-up, or beyond the run) is never
  // simulated: it is left out.
  std::vector<analysis::Observable> observables;
  std::vector<std::string> left_out;
  std::erase_if(file_targets, [&](const scenario::Target &t) {
    const analysis::Observable observable{t.metric, t.countries, t.period, t.base_period};
    if (analysis::bind(observable, base.scenario).in_reported_months) {
      observables.push_back(observable);
      return false;
    }
    left_out.push_back(t.id);
    return true;
  });
  if (!left_out.empty() && on_left_out) {
    on_left_out(left_out);
  }
  if (file_targets.empty()) {
    const auto month = [](const engine::Date &date) {
      return engine::format_iso_date(date).substr(0, 7);
    };
    throw scenario::errors::no_target_in_reported_months(
        scenario::SourceLocation{targets_file, 0, 0, "targets"},
        month(base.scenario.warmup_until) + ".." + month(base.scenario.end));
  }
  auto targets = calibration_targets(file_targets, free);
  if (cal::fitted_count(targets) == 0) {
    throw scenario::errors::everything_held_out(
        scenario::SourceLocation{free_file, 0, 0, "hold_out"}, targets.size());
  }
  auto space = parameter_space_of(free.parameters);
  return CalibrationProblem{
      std::move(base),    free.parameters,     std::move(space), std::move(observables),
      std::move(targets), std::move(left_out), std::nullopt};
}

CalibrationOutcome run_calibration(const CalibrationProblem &problem,
                                   const CalibrationSettings &settings,
                                   const cal::Simulator &simulator) {
  CalibrationOutcome outcome;
  if (settings.abc) {
    run_abc(problem, settings, simulator, outcome);
  } else {
    run_smm(problem, settings, simulator, outcome);
  }
  return outcome;
}

} // namespace removalsim::studies
