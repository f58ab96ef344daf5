#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "progress.h"
#include "run_limits.h"
#include "simulation_options.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/calibration/abc_smc.h"
#include "removalsim/analysis/calibration/checkpoint.h"
#include "removalsim/analysis/calibration/parameter_space.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/smm.h"
#include "removalsim/analysis/calibration/target_fit.h"
#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/analysis/observable.h"
#include "removalsim/analysis/run_output.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/free_parameters.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/targets.h"
#include "removalsim/studies/scenario_simulator.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <numbers>
#include <sstream>
#include <unistd.h>

namespace removalsim::cli {

namespace {

namespace cal = analysis::calibration;

/// Replications 0: the free file's, else the method's default; the seed is the free file's, else
/// the methods' default, unless `seed_given`.
struct CalibrateOptions : SimulationOptions {
  std::string scenario;
  std::string targets;
  std::string free;
  std::string method; // empty: the free file's, else smm
  std::size_t starts = 0;
  std::size_t max_evaluations = 0;
  std::size_t design_points = 0;
  std::string optimiser; // empty: SmmOptions' default
  std::size_t population = 0;
  std::size_t generations = 0;
  bool seed_given = false;
  std::string posterior;
  bool resume = false;
  RunLimits limits;
};

// The methods' defaults live in their options (the free file and the command line override them).
const cal::SmmOptions kSmmDefaults{};
const cal::AbcOptions kAbcDefaults{};

// --- The simulator seen by calibration --------------------------------------------------------

/// A number as the shortest text that reads back as the same double (CSV outputs).
std::string exact_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

/// The free parameters at `theta` as overrides of the scenario, each value in the shortest text
/// that reads back as the same double: the calibrated file reproduces exactly what was simulated.
std::vector<scenario::Override> overrides_of(const std::vector<scenario::FreeParameterSpec> &free,
                                             std::span<const double> theta) {
  std::vector<scenario::Override> overrides;
  for (std::size_t j = 0; j < free.size(); ++j) {
    overrides.push_back({free[j].key, exact_text(theta[j])});
  }
  return overrides;
}

// --- Checks against the scenario and the targets ------------------------------------------

/// Loads the scenario with every free parameter at its low bound, at its high bound, and at a
/// non-round point in between (1/π of the way: a key that only takes whole numbers fails there),
/// so that an unknown key or a bound the key refuses is reported now, at the FREE.yaml line.
void check_free_parameters(const std::string &file,
                           const std::vector<scenario::FreeParameterSpec> &free) {
  for (const double fraction : {0.0, 1.0, std::numbers::inv_pi}) {
    std::vector<double> theta;
    for (const auto &p : free) {
      theta.push_back(fraction == 1.0 ? p.high : p.low + fraction * (p.high - p.low));
    }
    const auto overrides = overrides_of(free, theta);
    try {
      scenario::load_scenario(file, overrides);
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

// --- Printing ------------------------------------------------------------------------------

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string command_line(const CalibrateOptions &o, const std::string &method, std::size_t r,
                         std::uint64_t seed) {
  std::string text = "removalsim calibrate " + o.scenario + " --targets " + o.targets + " --free " +
                     o.free + " --method " + method + " --replications " + std::to_string(r) +
                     " --seed " + std::to_string(seed);
  if (o.starts != 0) {
    text += " --starts " + std::to_string(o.starts);
  }
  if (o.max_evaluations != 0) {
    text += " --max-evaluations " + std::to_string(o.max_evaluations);
  }
  if (o.design_points != 0) {
    text += " --design-points " + std::to_string(o.design_points);
  }
  if (!o.optimiser.empty()) {
    text += " --optimiser " + o.optimiser;
  }
  if (o.population != 0) {
    text += " --population " + std::to_string(o.population);
  }
  if (o.generations != 0) {
    text += " --generations " + std::to_string(o.generations);
  }
  if (!o.out.empty()) {
    text += " --out " + o.out;
  }
  if (!o.posterior.empty()) {
    text += " --posterior " + o.posterior;
  }
  return text;
}

std::string format(const char *pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string scenario_value(const scenario::LoadedScenario &loaded, const std::string &key) {
  for (const auto &leaf : loaded.provenance) {
    if (leaf.key_path == key) {
      return leaf.value;
    }
  }
  return "(inherited)";
}

/// Lines (also used in the calibrated file's header) giving the fit of every target.
std::vector<std::string> fit_lines(const std::vector<cal::TargetFit> &fit) {
  std::vector<std::string> lines;
  std::size_t width = 6;
  for (const auto &f : fit) {
    width = std::max(width, f.id.size());
  }
  std::size_t within = 0, fitted = 0, held_within = 0, held = 0;
  for (const bool held_out : {false, true}) {
    bool first = true;
    for (const auto &f : fit) {
      if (f.held_out != held_out) {
        continue;
      }
      if (first) {
        lines.push_back(held_out ? "Held-out targets (not fitted):" : "Fitted targets:");
        char head[200];
        std::snprintf(head, sizeof head, "  %-*s %12s %12s %27s %9s %5s", static_cast<int>(width),
                      "target", "reported", "simulated", "95 % interval", "rel.err", "tol.");
        lines.push_back(head);
        first = false;
      }
      (held_out ? held_within : within) += f.within_tolerance ? 1 : 0;
      (held_out ? held : fitted) += 1;
      char line[300];
      std::snprintf(line, sizeof line, "  %-*s %12.6g %12.6g [%12.6g, %12.6g] %+8.1f%% %4.0f%%%s",
                    static_cast<int>(width), f.id.c_str(), f.reported, f.simulated.mean,
                    f.simulated.low, f.simulated.high, 100.0 * f.relative_error,
                    100.0 * f.tolerance, f.within_tolerance ? "" : "  *");
      lines.push_back(line);
    }
  }
  lines.push_back("(* not within its tolerance)");
  lines.push_back(std::to_string(within) + " of " + std::to_string(fitted) +
                  " fitted targets within tolerance" +
                  (held == 0 ? std::string()
                             : "; " + std::to_string(held_within) + " of " + std::to_string(held) +
                                   " held-out targets"));
  return lines;
}

void print_lines(const std::vector<std::string> &lines) {
  for (const auto &line : lines) {
    std::printf("%s\n", line.c_str());
  }
}

/// Progress of an SMM calibration on stderr, with the elapsed time and an upper bound of the time
/// left (from the simulations still in the budget): a live line on a terminal; otherwise one line
/// at each phase and every 20 evaluations, so that logs and notebooks show it too.
class SmmReporter {
public:
  explicit SmmReporter(bool terminal)
      : terminal_(terminal), started_(std::chrono::steady_clock::now()) {}

  void operator()(const cal::SmmProgress &p) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double left = p.simulations == 0
                            ? 0.0
                            : elapsed / static_cast<double>(p.simulations) *
                                  static_cast<double>(p.simulation_budget -
                                                      std::min(p.simulations, p.simulation_budget));
    const bool new_phase = !phase_ || *phase_ != p.phase;
    phase_ = p.phase;
    if (!terminal_ && !new_phase && p.total_evaluations < next_line_) {
      return;
    }
    next_line_ = p.total_evaluations + 20;
    char where[64] = "";
    if (p.phase == cal::SmmPhase::local) {
      std::snprintf(where, sizeof where, " %zu/%zu", p.start + 1, p.starts);
    }
    std::fprintf(stderr, "%s[%s] %s%s: %zu evaluations, Q = %.6g (best %.6g); at most %s left%s",
                 terminal_ ? "\r" : "", clock(elapsed).c_str(),
                 std::string(cal::smm_phase_name(p.phase)).c_str(), where, p.total_evaluations,
                 p.objective, p.best_objective, clock(left).c_str(), terminal_ ? "\033[K" : "\n");
    std::fflush(stderr);
  }

private:
  static std::string clock(double seconds) {
    const auto s = static_cast<long long>(seconds);
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    return text;
  }

  bool terminal_;
  std::chrono::steady_clock::time_point started_;
  std::optional<cal::SmmPhase> phase_;
  std::size_t next_line_ = 0;
};

/// How each phase went, and why the calibration stopped.
std::vector<std::string> phase_lines(const cal::SmmResult &result) {
  std::vector<std::string> lines;
  if (!result.design.empty()) {
    const double best =
        *std::min_element(result.design_objectives.begin(), result.design_objectives.end());
    lines.push_back("Global design: " + std::to_string(result.design.size()) +
                    " Sobol points, best Q = " + format("%.6g", best));
  }
  for (std::size_t s = 0; s < result.starts.size(); ++s) {
    const auto &start = result.starts[s];
    lines.push_back("Local run " + std::to_string(s + 1) +
                    ": Q = " + format("%.6g", start.objective) + " after " +
                    std::to_string(start.evaluations) + " evaluations on " +
                    std::to_string(start.replications) + " replications (" + start.status + ")");
  }
  if (result.polish) {
    lines.push_back("Polish: Q = " + format("%.6g", result.polish->objective) + " after " +
                    std::to_string(result.polish->evaluations) + " evaluations on " +
                    std::to_string(result.polish->replications) + " replications (" +
                    result.polish->status + ")");
  }
  lines.push_back(
      "Stopped: " +
      std::string(result.stop_reason == "converged" ? "converged (the last local run met its "
                                                      "tolerance)"
                  : result.stop_reason == "budget"
                      ? "on its evaluation budget, not on convergence (raise --max-evaluations)"
                      : "interrupted") +
      "; " + std::to_string(result.evaluations) + " evaluations in all");
  return lines;
}

/// The identifiability report: singular values, parameters not pinned down, strong
/// correlations, and targets that pull against each other.
std::vector<std::string> identifiability_lines(const cal::Identifiability &report,
                                               const cal::ParameterSpace &space,
                                               const std::vector<cal::Target> &targets) {
  std::vector<std::string> lines{"Identifiability (parameters scaled to their bounds):"};
  std::string values = "  singular values of the weighted Jacobian:";
  for (const double v : report.singular_values) {
    values += ' ' + format("%.3g", v);
  }
  lines.push_back(values);
  std::string weak = "  not pinned down by the targets (SE above half the estimate):";
  for (const std::size_t j : report.weak_parameters) {
    weak += ' ' + space[j].name;
  }
  lines.push_back(report.weak_parameters.empty() ? "  every parameter is pinned down" : weak);
  for (std::size_t a = 0; a < space.dimension(); ++a) {
    for (std::size_t b = a + 1; b < space.dimension(); ++b) {
      const double r = report.correlation[a][b];
      if (std::abs(r) >= 0.8) {
        lines.push_back("  correlated estimates (" + format("%+.2f", r) + "): " + space[a].name +
                        " and " + space[b].name);
      }
    }
  }
  constexpr std::size_t kShown = 10;
  for (std::size_t c = 0; c < std::min(kShown, report.conflicts.size()); ++c) {
    const auto &conflict = report.conflicts[c];
    lines.push_back("  targets pulling against each other (cosine " +
                    format("%+.2f", conflict.cosine) + "): " + targets[conflict.first].id +
                    " and " + targets[conflict.second].id);
  }
  if (report.conflicts.size() > kShown) {
    lines.push_back("  ... and " + std::to_string(report.conflicts.size() - kShown) +
                    " more pairs");
  }
  return lines;
}

// --- The command ---------------------------------------------------------------------------

void calibrate(const CalibrateOptions &options) {
  const auto started = std::chrono::steady_clock::now();
  const auto free = scenario::load_free_parameters(options.free);
  const std::string method = !options.method.empty() ? options.method : free.method.value_or("smm");
  const bool abc = method == "abc-smc";
  if (options.resume && options.out.empty()) {
    throw CLI::ValidationError("--resume", "needs --out (the checkpoint is OUT.checkpoint)");
  }
  if (!abc && !options.posterior.empty()) {
    throw CLI::ValidationError("--posterior", "posterior samples come from --method abc-smc only");
  }
  const std::size_t replications =
      options.replications != 0
          ? options.replications
          : free.replications.value_or(abc ? kAbcDefaults.replications : kSmmDefaults.replications);
  if (!abc && replications < 2) {
    throw CLI::ValidationError("--replications",
                               "SMM needs at least 2 replications (for its standard errors)");
  }
  const std::uint64_t seed = options.seed_given
                                 ? options.seed
                                 : free.seed.value_or(abc ? kAbcDefaults.seed : kSmmDefaults.seed);

  const scenario::LoadedScenario base = scenario::load_scenario(options.scenario);
  // Checked at the scenario's own values: each evaluation reduces its runs to the targets' values.
  check_run_size(base.scenario, options.scenario, 0, options.threads, options.limits);
  check_free_parameters(options.scenario, free.parameters);
  auto file_targets = scenario::load_targets(options.targets, analysis::metric_names());
  scenario::check_target_countries(file_targets, base.scenario);
  scenario::check_hold_out(free, file_targets, options.targets);
  // A target outside the months the scenario reports (warm-up, or beyond the run) is never
  // simulated: it is left out, with a word.
  std::vector<analysis::Observable> observables;
  std::string outside;
  std::erase_if(file_targets, [&](const scenario::Target &t) {
    const analysis::Observable observable{t.metric, t.countries, t.period, t.base_period};
    if (analysis::bind(observable, base.scenario).in_reported_months) {
      observables.push_back(observable);
      return false;
    }
    outside += (outside.empty() ? "" : ", ") + t.id;
    return true;
  });
  if (!outside.empty()) {
    std::fprintf(stderr,
                 "removalsim: warning: left out, outside the months the scenario reports: %s\n",
                 outside.c_str());
  }
  auto targets = calibration_targets(file_targets, free);
  if (cal::fitted_count(targets) == 0) {
    throw scenario::errors::everything_held_out(
        scenario::SourceLocation{options.free, 0, 0, "hold_out"}, targets.size());
  }

  std::vector<cal::FreeParameter> parameters;
  for (const auto &p : free.parameters) {
    cal::Prior prior;
    prior.kind = p.prior.kind == scenario::FreePrior::Kind::normal ? cal::Prior::Kind::normal
                 : p.prior.kind == scenario::FreePrior::Kind::lognormal
                     ? cal::Prior::Kind::lognormal
                     : cal::Prior::Kind::uniform;
    prior.mean = p.prior.mean;
    prior.sd = p.prior.sd;
    parameters.push_back({p.key, p.low, p.high, prior});
  }
  const cal::ParameterSpace space(std::move(parameters));
  // Under MPI, Ctrl-C goes to mpirun, which ends the job: a stop flag seen by some ranks and not
  // others would make them run different batches.
  std::optional<InterruptGuard> interrupt_guard;
  if (!Execution::is_distributed()) {
    interrupt_guard.emplace(
        "\nremovalsim: interrupted: stopping now and keeping the best point so far (interrupt "
        "again to abort)\n");
  }
  const engine::StopFlag *stop = interrupt_guard ? interrupt_guard->stop_flag() : nullptr;
  std::vector<std::string> keys;
  for (const auto &p : free.parameters) {
    keys.push_back(p.key);
  }
  cal::Simulator simulator = studies::ScenarioSimulator(
      base, keys, observables, Execution::executor(options.threads, stop), stop);
  // Every completed simulation is recorded beside the output, for --resume (by rank 0 of an MPI
  // job; every rank reads it back, so that all answer the same requests from it).
  std::optional<cal::EvaluationCheckpoint> checkpoint;
  if (!options.out.empty()) {
    checkpoint.emplace(options.out + ".checkpoint",
                       command_line(options, method, replications, seed),
                       Execution::is_coordinator());
    if (options.resume) {
      const std::size_t recorded = checkpoint->load();
      std::printf("Resuming from %s.checkpoint: %zu recorded simulation(s)\n", options.out.c_str(),
                  recorded);
    }
    simulator = checkpoint->wrap(std::move(simulator));
  }

  const std::size_t fitted = cal::fitted_count(targets);
  std::printf("Calibrating %s on %s: %zu free parameter(s), %zu fitted target(s), %zu held out\n",
              options.scenario.c_str(), options.targets.c_str(), space.dimension(), fitted,
              targets.size() - fitted);

  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  std::vector<double> estimate;
  std::vector<std::string> summary; // for the calibrated file's header
  std::vector<cal::TargetFit> fit;
  bool interrupted = false;

  if (!abc) {
    cal::SmmOptions smm;
    smm.replications = replications;
    smm.starts = options.starts != 0 ? options.starts : free.starts.value_or(kSmmDefaults.starts);
    smm.max_evaluations = options.max_evaluations != 0
                              ? options.max_evaluations
                              : free.max_evaluations.value_or(kSmmDefaults.max_evaluations);
    smm.design_points = options.design_points;
    for (const auto optimiser : {cal::LocalOptimiser::bobyqa, cal::LocalOptimiser::sbplx,
                                 cal::LocalOptimiser::levenberg_marquardt}) {
      if (options.optimiser == cal::local_optimiser_name(optimiser)) {
        smm.optimiser = optimiser;
      }
    }
    smm.seed = seed;
    smm.fresh_seed = seed + 1;
    smm.stop = stop;
    smm.progress = SmmReporter(terminal);
    std::printf("Method: simulated method of moments: a Sobol design of the bounds, then NLopt %s "
                "from its %zu best point(s), at most %zu evaluations each, %zu replications (seed "
                "%llu) per evaluation, then a polish on more replications\n\n",
                std::string(cal::local_optimiser_name(smm.optimiser)).c_str(), smm.starts,
                smm.max_evaluations, smm.replications, static_cast<unsigned long long>(seed));
    if (replications < space.dimension() + 1) {
      std::fprintf(stderr,
                   "removalsim: warning: %zu replications estimate the moments' covariance "
                   "poorly for %zu parameters; standard errors need at least %zu\n",
                   replications, space.dimension(), space.dimension() + 1);
    }
    const auto result = cal::calibrate_smm(space, targets, simulator, smm);
    if (terminal) {
      std::fprintf(stderr, "\r\033[K");
    }
    interrupted = result.interrupted;
    estimate = result.estimate;
    fit = result.fit;
    const auto phases = phase_lines(result);
    print_lines(phases);
    summary.insert(summary.end(), phases.begin(), phases.end());
    std::printf("\nParameters (SE: standard error from the Jacobian, sandwich formula):\n");
    std::size_t width = 9;
    for (const auto &p : space.parameters()) {
      width = std::max(width, p.name.size());
    }
    std::printf("  %-*s %10s %10s %10s %12s %12s  %s\n", static_cast<int>(width), "parameter",
                "low", "high", "scenario", "estimate", "SE", "");
    for (std::size_t j = 0; j < space.dimension(); ++j) {
      const auto &p = space[j];
      const std::string se =
          result.errors ? format("%.4g", result.errors->standard_errors[j]) : std::string("-");
      const bool identified = result.errors && result.errors->identified[j];
      char line[400];
      std::snprintf(line, sizeof line, "%-*s %10.4g %10.4g %10s %12.6g %12s  %s",
                    static_cast<int>(width), p.name.c_str(), p.low, p.high,
                    scenario_value(base, p.name).c_str(), estimate[j], se.c_str(),
                    !result.errors ? ""
                    : identified   ? ""
                                   : "not pinned down by the targets");
      std::printf("  %s\n", line);
      summary.push_back(line);
    }
    summary.insert(summary.end() - static_cast<std::ptrdiff_t>(space.dimension()),
                   "Parameters: name, low, high, value before, estimate, standard error");
    if (result.identifiability) {
      const auto lines = identifiability_lines(*result.identifiability, space, targets);
      std::printf("\n");
      print_lines(lines);
      summary.insert(summary.end(), lines.begin(), lines.end());
    }
    std::printf("\nObjective Q = %.6g on the %zu fitted replications", result.objective,
                result.replications);
    if (!interrupted) {
      std::printf(", %.6g on %zu fresh ones (seed %llu)\n\n", result.fresh_objective,
                  result.replications, static_cast<unsigned long long>(seed + 1));
      summary.push_back("Objective Q = " + format("%.6g", result.objective) +
                        " (fitted replications), " + format("%.6g", result.fresh_objective) +
                        " (fresh replications)");
    } else {
      std::printf(" (interrupted after %zu evaluations: best point so far, no standard errors)\n\n",
                  result.evaluations);
      summary.push_back("INTERRUPTED after " + std::to_string(result.evaluations) +
                        " evaluations: best point so far; Q = " + format("%.6g", result.objective));
    }
  } else {
    cal::AbcOptions abc_options;
    abc_options.replications = replications;
    if (options.population != 0 || free.population) {
      abc_options.population_size = options.population != 0 ? options.population : *free.population;
    }
    if (options.generations != 0 || free.generations) {
      abc_options.max_generations =
          options.generations != 0 ? options.generations : *free.generations;
    }
    abc_options.seed = seed;
    abc_options.stop = stop;
    abc_options.progress = [terminal](const cal::AbcProgress &p) {
      if (terminal) {
        std::fprintf(stderr, "\r%s %zu: %zu/%zu accepted of %zu simulated (epsilon %.4g)\033[K",
                     p.calibration_sample ? "calibration sample" : "generation", p.generation,
                     p.accepted, p.population_size, p.simulations, p.epsilon);
        std::fflush(stderr);
      }
    };
    std::printf("Method: ABC-SMC, population %zu, at most %zu generations, %zu replication(s) "
                "per particle, seed %llu\n\n",
                abc_options.population_size, abc_options.max_generations, replications,
                static_cast<unsigned long long>(seed));
    const auto result = cal::calibrate_abc_smc(space, targets, simulator, abc_options);
    if (terminal) {
      std::fprintf(stderr, "\r\033[K");
    }
    interrupted = result.interrupted;
    std::printf("Generations (stopped: %s):\n", result.stop_reason.c_str());
    std::printf("  %3s %12s %11s %10s %8s\n", "gen", "epsilon", "simulations", "acceptance", "ESS");
    for (std::size_t t = 0; t < result.generations.size(); ++t) {
      const auto &g = result.generations[t];
      std::printf("  %3zu %12.6g %11zu %10.3f %8.1f\n", t, g.epsilon, g.simulations,
                  g.acceptance_rate, g.effective_sample_size);
    }
    if (result.particles.empty()) {
      std::printf("\nNo generation was complete: nothing to write.\n");
      return;
    }
    std::size_t width = 9;
    for (const auto &p : space.parameters()) {
      width = std::max(width, p.name.size());
    }
    std::printf("\nPosterior (weighted over the last generation):\n");
    std::printf("  %-*s %10s %10s %10s %12s %10s %12s %12s\n", static_cast<int>(width), "parameter",
                "low", "high", "scenario", "mean", "sd", "5 %", "95 %");
    summary.push_back("Posterior: name, low, high, value before, mean, sd, 90 % interval");
    for (std::size_t j = 0; j < space.dimension(); ++j) {
      const auto &p = space[j];
      const auto &s = result.summary[j];
      char line[400];
      std::snprintf(line, sizeof line, "%-*s %10.4g %10.4g %10s %12.6g %10.4g %12.6g %12.6g",
                    static_cast<int>(width), p.name.c_str(), p.low, p.high,
                    scenario_value(base, p.name).c_str(), s.mean, s.sd, s.low, s.high);
      std::printf("  %s\n", line);
      summary.push_back(line);
      estimate.push_back(s.mean);
    }
    const auto predictive = cal::summarise_predictive(result.particles, targets.size());
    std::printf("\nPosterior predictive of each target (90 %% interval over the particles):\n");
    for (std::size_t i = 0; i < targets.size(); ++i) {
      std::printf("  %-32s %12.6g  [%12.6g, %12.6g]%s\n", targets[i].id.c_str(),
                  targets[i].reported, predictive[i].low, predictive[i].high,
                  targets[i].held_out ? "  (held out)" : "");
    }
    if (interrupted) {
      summary.push_back("INTERRUPTED: posterior of the last complete generation (" +
                        std::to_string(result.generations.size()) + ")");
    }
    if (!options.posterior.empty() && Execution::is_coordinator()) {
      std::ostringstream csv;
      csv << "weight,distance";
      for (const auto &p : space.parameters()) {
        csv << ',' << analysis::csv_field(p.name);
      }
      csv << '\n';
      for (const auto &particle : result.particles) {
        csv << exact_text(particle.weight) << ',' << exact_text(particle.distance);
        for (const double v : particle.theta) {
          csv << ',' << exact_text(v);
        }
        csv << '\n';
      }
      analysis::write_file_atomically(options.posterior, csv.str());
      std::fprintf(stderr, "wrote %s (%zu particles)\n", options.posterior.c_str(),
                   result.particles.size());
    }
    // The written scenario takes the posterior mean; its fit on fresh replications follows.
    if (!interrupted) {
      const std::size_t fresh = std::max<std::size_t>(replications, kSmmDefaults.replications);
      const auto moments = simulator({cal::SimulationRequest{estimate, seed + 1, 0, fresh}});
      fit = cal::fit_targets(targets, moments.front());
      std::printf("\nFit at the posterior mean, %zu fresh replications (seed %llu):\n", fresh,
                  static_cast<unsigned long long>(seed + 1));
    }
  }

  std::vector<std::string> lines;
  if (!fit.empty()) {
    lines = fit_lines(fit);
    print_lines(lines);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("\n%.1f s\n", seconds);
  if (options.out.empty() || !Execution::is_coordinator()) {
    return;
  }
  std::string header = "Calibrated scenario written by removalsim " REMOVALSIM_VERSION " on " +
                       utc_now() + " (" + format("%.0f", seconds) + " s)\n";
  header += "Command: " + command_line(options, method, replications, seed) + '\n';
  header += "Targets: " + options.targets + " (" + std::to_string(fitted) + " fitted, " +
            std::to_string(targets.size() - fitted) +
            " held out); free parameters: " + options.free + '\n';
  for (const auto &line : summary) {
    header += line + '\n';
  }
  if (!lines.empty()) {
    header += "Fit on fresh replications:\n";
    for (const auto &line : lines) {
      header += line + '\n';
    }
  }
  const std::string yaml = scenario::calibrated_scenario_yaml(
      options.scenario, options.out, overrides_of(free.parameters, estimate), header);
  analysis::write_file_atomically(options.out, yaml);
  std::fprintf(stderr, "wrote %s%s\n", options.out.c_str(),
               interrupted ? " (interrupted: best point so far)" : "");
  if (interrupted) {
    std::fprintf(stderr, "completed simulations kept in %s.checkpoint: add --resume to go on\n",
                 options.out.c_str());
  } else {
    checkpoint->remove();
  }
}

} // namespace

void add_calibrate_command(CLI::App &app) {
  auto options = std::make_shared<CalibrateOptions>();
  CLI::App *command = app.add_subcommand(
      "calibrate", "Fit free scenario parameters to published figures (SMM or ABC-SMC)");
  command->add_option("scenario", options->scenario, "Scenario YAML file")->required();
  command->add_option("--targets", options->targets, "Targets YAML file")->required();
  command->add_option("--free", options->free, "Free-parameters YAML file (FREE.yaml)")->required();
  command->add_option("--method", options->method, "smm (default) or abc-smc")
      ->check(CLI::IsMember({"smm", "abc-smc"}));
  add_simulation_options(
      *command, *options,
      {.replications = "Replications per evaluation (SMM, default " +
                       std::to_string(kSmmDefaults.replications) +
                       "; the design uses half, the polish twice) or per particle (ABC, " +
                       std::to_string(kAbcDefaults.replications) + ")",
       .default_replications = 0,
       .max_replications = 100'000,
       .seed =
           "Random seed (default: the free file's, else " + std::to_string(kSmmDefaults.seed) + ")",
       .out = "Calibrated scenario to write (YAML extending SCENARIO; atomically)",
       .show_defaults = false});
  command
      ->add_option("--design-points", options->design_points,
                   "SMM: points of the global Sobol design (default 8 per parameter, at least 16)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  command
      ->add_option("--optimiser", options->optimiser,
                   "SMM: local optimiser, lm (default: Levenberg-Marquardt on the weighted "
                   "residuals, Jacobians in parallel batches), sbplx or bobyqa")
      ->check(CLI::IsMember({"lm", "sbplx", "bobyqa"}));
  command
      ->add_option("--starts", options->starts,
                   "SMM: local runs, from the best design points (default " +
                       std::to_string(kSmmDefaults.starts) + ")")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000}));
  command
      ->add_option("--max-evaluations", options->max_evaluations,
                   "SMM: evaluations per local run (default " +
                       std::to_string(kSmmDefaults.max_evaluations) + ")")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  command
      ->add_option("--population", options->population,
                   "ABC-SMC: particles (default " + std::to_string(kAbcDefaults.population_size) +
                       ")")
      ->check(CLI::Range(std::size_t{2}, std::size_t{1'000'000}));
  command
      ->add_option("--generations", options->generations,
                   "ABC-SMC: generations (default " + std::to_string(kAbcDefaults.max_generations) +
                       ")")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000}));
  command->add_flag("--resume", options->resume,
                    "Go on from OUT.checkpoint, left by an interrupted run of the same command "
                    "(the result is that of an uninterrupted run)");
  command->add_option("--posterior", options->posterior,
                      "ABC-SMC: CSV of the last generation's weighted particles");
  add_limit_options(*command, options->limits);
  command->callback([options, command] {
    options->seed_given = command->count("--seed") > 0;
    calibrate(*options);
  });
}

} // namespace removalsim::cli
