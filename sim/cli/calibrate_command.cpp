#include "calibration_display.h"
#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "invocation.h"
#include "number_options.h"
#include "output_directory.h"
#include "progress.h"
#include "run_limits.h"
#include "simulation_options.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/calibration/abc_smc.h"
#include "removalsim/analysis/calibration/checkpoint.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/smm.h"
#include "removalsim/analysis/calibration/targets.h"
#include "removalsim/engine/replications.h"
#include "removalsim/scenario/free_parameters.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/calibration.h"
#include "removalsim/studies/output_record.h"
#include "removalsim/studies/scenario_simulator.h"

#include <chrono>
#include <cstdio>
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
  std::size_t covariance_replications = 0;
  std::string start;     // empty: the scenario's own values
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
  if (!o.start.empty()) {
    text += " --start " + o.start;
  }
  if (o.covariance_replications != 0) {
    text += " --covariance-replications " + std::to_string(o.covariance_replications);
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

// --- The command ---------------------------------------------------------------------------

void calibrate(const CalibrateOptions &options) {
  const auto started = std::chrono::steady_clock::now();
  // Refused now rather than after the whole fit.
  for (const std::string *file : {&options.out, &options.posterior}) {
    if (!file->empty() && Execution::is_coordinator()) {
      check_output_file(*file);
    }
  }
  const auto free = scenario::load_free_parameters(options.free);
  studies::CalibrationChoices choices{
      .method = options.method,
      .replications = options.replications,
      .seed = options.seed_given ? std::optional<std::uint64_t>(options.seed) : std::nullopt,
      .starts = options.starts,
      .max_evaluations = options.max_evaluations,
      .design_points = options.design_points,
      .covariance_replications = options.covariance_replications,
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
  auto problem = studies::prepare_calibration(
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
  if (!options.start.empty()) {
    problem.start = scenario::load_scenario(options.start);
  }
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
      studies::ScenarioSimulator(problem.base, problem.free, problem.observables,
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
                         studies::utc_timestamp() + " (" + elapsed + " s)\n";
  preamble += "Command: " + command_line(options, settings.method, replications, seed) + '\n';
  preamble += "Targets: " + options.targets + " (" + std::to_string(fitted) + " fitted, " +
              std::to_string(targets.size() - fitted) +
              " held out); free parameters: " + options.free + '\n';
  // The file's own provenance tag (scenarios/README.md): every value it states was fitted.
  preamble += "[calibrated: the free parameters below, fitted to " + options.targets + "]\n";
  analysis::write_file_atomically(
      options.out, studies::calibrated_scenario_text(options.scenario, options.out, free.parameters,
                                                     outcome, preamble));
  nlohmann::ordered_json record = studies::output_record(invocation());
  studies::add_scenario(record, scenario::load_scenario(options.out), options.out);
  record["base_scenario"] = options.scenario;
  record["targets"] = options.targets;
  record["free"] = options.free;
  record["method"] = settings.method;
  record["seed"] = seed;
  record["replications"] = replications;
  record["threads"] = options.threads == 0 ? engine::default_thread_count() : options.threads;
  record["interrupted"] = outcome.interrupted;
  record["wall_seconds"] = seconds;
  analysis::write_file_atomically(options.out + ".json", studies::record_text(record));
  std::fprintf(stderr, "wrote %s and %s.json%s\n", options.out.c_str(), options.out.c_str(),
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
      ->check(kWholeNumber)
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  command->add_option("--start", options->start,
                      "SMM: a scenario whose values of the free parameters compete with the "
                      "design as a start, e.g. an earlier fit (default: SCENARIO's own)");
  command
      ->add_option("--covariance-replications", options->covariance_replications,
                   "SMM: replications of the estimate for the moments' covariance in the "
                   "standard errors (default 2 (d + 1) for d parameters, at least the polish's)")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::size_t{2}, std::size_t{100'000}));
  command
      ->add_option("--optimiser", options->optimiser,
                   "SMM: local optimiser, lm (default: Levenberg-Marquardt on the weighted "
                   "residuals, Jacobians in parallel batches), sbplx or bobyqa")
      ->check(CLI::IsMember({"lm", "sbplx", "bobyqa"}));
  command
      ->add_option("--starts", options->starts,
                   "SMM: local runs, from the best design points (default " +
                       std::to_string(kSmmDefaults.starts) + ")")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000}));
  command
      ->add_option("--max-evaluations", options->max_evaluations,
                   "SMM: evaluations per local run (default " +
                       std::to_string(kSmmDefaults.max_evaluations) + ")")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  command
      ->add_option("--population", options->population,
                   "ABC-SMC: particles (default " + std::to_string(kAbcDefaults.population_size) +
                       ")")
      ->check(kWholeNumber)
      ->check(CLI::Range(std::size_t{2}, std::size_t{1'000'000}));
  command
      ->add_option("--generations", options->generations,
                   "ABC-SMC: generations (default " + std::to_string(kAbcDefaults.max_generations) +
                       ")")
      ->check(kWholeNumber)
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
