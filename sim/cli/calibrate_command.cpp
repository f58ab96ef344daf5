#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "progress.h"
#include "run_limits.h"
#include "simulation_options.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/calibration/abc_smc.h"
#include "removalsim/analysis/calibration/checkpoint.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/smm.h"
#include "removalsim/analysis/calibration/targets.h"
#include "removalsim/scenario/free_parameters.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/calibration.h"
#include "removalsim/studies/scenario_simulator.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
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

/// Progress of an ABC-SMC calibration on stderr: a live line on a terminal, nothing otherwise.
struct AbcReporter {
  bool terminal;

  void operator()(const cal::AbcProgress &p) const {
    if (terminal) {
      std::fprintf(stderr, "\r%s %zu: %zu/%zu accepted of %zu simulated (epsilon %.4g)\033[K",
                   p.calibration_sample ? "calibration sample" : "generation", p.generation,
                   p.accepted, p.population_size, p.simulations, p.epsilon);
      std::fflush(stderr);
    }
  }
};

void print_smm_method(const studies::CalibrationSettings &settings, std::size_t dimension) {
  const auto &smm = settings.smm;
  std::printf("Method: simulated method of moments: a Sobol design of the bounds, then NLopt %s "
              "from its %zu best point(s), at most %zu evaluations each, %zu replications (seed "
              "%llu) per evaluation, then a polish on more replications\n\n",
              std::string(cal::local_optimiser_name(smm.optimiser)).c_str(), smm.starts,
              smm.max_evaluations, smm.replications,
              static_cast<unsigned long long>(settings.seed));
  if (settings.replications < dimension + 1) {
    std::fprintf(stderr,
                 "removalsim: warning: %zu replications estimate the moments' covariance "
                 "poorly for %zu parameters; standard errors need at least %zu\n",
                 settings.replications, dimension, dimension + 1);
  }
}

void print_smm_outcome(const studies::CalibrationOutcome &outcome, std::uint64_t seed) {
  const auto &result = *outcome.smm;
  print_lines(outcome.phases);
  std::printf("\nParameters (SE: standard error from the Jacobian, sandwich formula):\n");
  std::printf("  %s\n", outcome.parameters.heading.c_str());
  for (const auto &row : outcome.parameters.rows) {
    std::printf("  %s\n", row.c_str());
  }
  if (!outcome.identifiability.empty()) {
    std::printf("\n");
    print_lines(outcome.identifiability);
  }
  std::printf("\nObjective Q = %.6g on the %zu fitted replications", result.objective,
              result.replications);
  if (!outcome.interrupted) {
    std::printf(", %.6g on %zu fresh ones (seed %llu)\n\n", result.fresh_objective,
                result.replications, static_cast<unsigned long long>(seed + 1));
  } else {
    std::printf(" (interrupted after %zu evaluations: best point so far, no standard errors)\n\n",
                result.evaluations);
  }
}

void print_abc_outcome(const studies::CalibrationOutcome &outcome,
                       const std::vector<cal::Target> &targets) {
  const auto &result = *outcome.abc;
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
  std::printf("\nPosterior (weighted over the last generation):\n");
  std::printf("  %s\n", outcome.parameters.heading.c_str());
  for (const auto &row : outcome.parameters.rows) {
    std::printf("  %s\n", row.c_str());
  }
  const auto predictive = cal::summarise_predictive(result.particles, targets.size());
  std::printf("\nPosterior predictive of each target (90 %% interval over the particles):\n");
  for (std::size_t i = 0; i < targets.size(); ++i) {
    std::printf("  %-32s %12.6g  [%12.6g, %12.6g]%s\n", targets[i].id.c_str(), targets[i].reported,
                predictive[i].low, predictive[i].high, targets[i].held_out ? "  (held out)" : "");
  }
}

// --- The command ---------------------------------------------------------------------------

void calibrate(const CalibrateOptions &options) {
  const auto started = std::chrono::steady_clock::now();
  const auto free = scenario::load_free_parameters(options.free);
  studies::CalibrationChoices choices{
      .method = options.method,
      .replications = options.replications,
      .seed = options.seed_given ? std::optional<std::uint64_t>(options.seed) : std::nullopt,
      .starts = options.starts,
      .max_evaluations = options.max_evaluations,
      .design_points = options.design_points,
      .optimiser = options.optimiser,
      .population = options.population,
      .generations = options.generations};
  auto settings = studies::resolve_calibration_settings(choices, free);
  const std::size_t replications = settings.replications;
  const std::uint64_t seed = settings.seed;
  if (options.resume && options.out.empty()) {
    throw CLI::ValidationError("--resume", "needs --out (the checkpoint is OUT.checkpoint)");
  }
  if (!settings.abc && !options.posterior.empty()) {
    throw CLI::ValidationError("--posterior", "posterior samples come from --method abc-smc only");
  }
  if (!settings.abc && replications < 2) {
    throw CLI::ValidationError("--replications",
                               "SMM needs at least 2 replications (for its standard errors)");
  }

  scenario::LoadedScenario base = scenario::load_scenario(options.scenario);
  // Checked at the scenario's own values: each evaluation reduces its runs to the targets' values.
  check_run_size(base.scenario, options.scenario, 0, options.threads, options.limits);
  const auto problem = studies::prepare_calibration(
      std::move(base), options.scenario, options.targets, free, options.free,
      [](const std::vector<std::string> &left_out) {
        std::string outside;
        for (const auto &id : left_out) {
          outside += (outside.empty() ? "" : ", ") + id;
        }
        std::fprintf(stderr,
                     "removalsim: warning: left out, outside the months the scenario reports: %s\n",
                     outside.c_str());
      });
  const auto &space = problem.space;
  const auto &targets = problem.targets;
  // Under MPI, Ctrl-C goes to mpirun, which ends the job: a stop flag seen by some ranks and not
  // others would make them run different batches.
  std::optional<InterruptGuard> interrupt_guard;
  if (!Execution::is_distributed()) {
    interrupt_guard.emplace(
        "\nremovalsim: interrupted: stopping now and keeping the best point so far (interrupt "
        "again to abort)\n");
  }
  const engine::StopFlag *stop = interrupt_guard ? interrupt_guard->stop_flag() : nullptr;
  cal::Simulator simulator =
      studies::ScenarioSimulator(problem.base, problem.keys, problem.observables,
                                 Execution::executor(options.threads, stop), stop);
  // Every completed simulation is recorded beside the output, for --resume (by rank 0 of an MPI
  // job; every rank reads it back, so that all answer the same requests from it).
  std::optional<cal::EvaluationCheckpoint> checkpoint;
  if (!options.out.empty()) {
    checkpoint.emplace(options.out + ".checkpoint",
                       command_line(options, settings.method, replications, seed),
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
  if (!settings.abc) {
    settings.smm.stop = stop;
    settings.smm.progress = SmmReporter(terminal);
    print_smm_method(settings, space.dimension());
  } else {
    settings.abc_options.stop = stop;
    settings.abc_options.progress = AbcReporter{terminal};
    std::printf("Method: ABC-SMC, population %zu, at most %zu generations, %zu replication(s) "
                "per particle, seed %llu\n\n",
                settings.abc_options.population_size, settings.abc_options.max_generations,
                replications, static_cast<unsigned long long>(seed));
  }
  const auto outcome = studies::run_calibration(problem, settings, simulator);
  if (terminal) {
    std::fprintf(stderr, "\r\033[K");
  }
  if (outcome.smm) {
    print_smm_outcome(outcome, seed);
  } else {
    const auto &result = *outcome.abc;
    print_abc_outcome(outcome, targets);
    if (result.particles.empty()) {
      return;
    }
    if (!options.posterior.empty() && Execution::is_coordinator()) {
      analysis::write_file_atomically(options.posterior,
                                      studies::posterior_csv(space, result.particles));
      std::fprintf(stderr, "wrote %s (%zu particles)\n", options.posterior.c_str(),
                   result.particles.size());
    }
    if (!outcome.interrupted) {
      std::printf("\nFit at the posterior mean, %zu fresh replications (seed %llu):\n",
                  outcome.fresh_replications, static_cast<unsigned long long>(seed + 1));
    }
  }

  if (!outcome.fit.empty()) {
    print_lines(studies::fit_lines(outcome.fit));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("\n%.1f s\n", seconds);
  if (options.out.empty() || !Execution::is_coordinator()) {
    return;
  }
  char elapsed[64];
  std::snprintf(elapsed, sizeof elapsed, "%.0f", seconds);
  std::string preamble = "Calibrated scenario written by removalsim " REMOVALSIM_VERSION " on " +
                         utc_now() + " (" + elapsed + " s)\n";
  preamble += "Command: " + command_line(options, settings.method, replications, seed) + '\n';
  preamble += "Targets: " + options.targets + " (" + std::to_string(fitted) + " fitted, " +
              std::to_string(targets.size() - fitted) +
              " held out); free parameters: " + options.free + '\n';
  analysis::write_file_atomically(
      options.out, studies::calibrated_scenario_text(options.scenario, options.out, free.parameters,
                                                     outcome, preamble));
  std::fprintf(stderr, "wrote %s%s\n", options.out.c_str(),
               outcome.interrupted ? " (interrupted: best point so far)" : "");
  if (outcome.interrupted) {
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
