#include "calibration_display.h"

#include "progress.h"

#include <algorithm>
#include <cstdio>

namespace removalsim::cli {

namespace {

namespace cal = analysis::calibration;

/// Seconds as h:mm:ss.
std::string clock_text(double seconds) {
  const auto s = static_cast<long long>(seconds);
  char text[32];
  std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  return text;
}

} // namespace

void SmmReporter::operator()(const cal::SmmProgress &p) {
  if (quiet_progress()) {
    return;
  }
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
               terminal_ ? "\r" : "", clock_text(elapsed).c_str(),
               std::string(cal::smm_phase_name(p.phase)).c_str(), where, p.total_evaluations,
               p.objective, p.best_objective, clock_text(left).c_str(),
               terminal_ ? "\033[K" : "\n");
  std::fflush(stderr);
}

void AbcReporter::operator()(const cal::AbcProgress &p) const {
  if (terminal && !quiet_progress()) {
    std::fprintf(stderr, "\r%s %zu: %zu/%zu accepted of %zu simulated (epsilon %.4g)\033[K",
                 p.calibration_sample ? "calibration sample" : "generation", p.generation,
                 p.accepted, p.population_size, p.simulations, p.epsilon);
    std::fflush(stderr);
  }
}

void print_lines(const std::vector<std::string> &lines) {
  for (const auto &line : lines) {
    std::printf("%s\n", line.c_str());
  }
}

void print_smm_method(const studies::CalibrationSettings &settings, std::size_t dimension) {
  const auto &smm = settings.smm;
  std::printf("Method: simulated method of moments: a Sobol design of the bounds, then NLopt %s "
              "from its %zu best point(s), at most %zu evaluations each, %zu replications (seed "
              "%llu) per evaluation, then a polish on more replications\n\n",
              std::string(cal::local_optimiser_name(smm.optimiser)).c_str(), smm.starts,
              smm.max_evaluations, smm.replications,
              static_cast<unsigned long long>(settings.seed));
  const std::size_t covariance = smm.covariance_replications;
  if (covariance != 0 && covariance < dimension + 1) {
    std::fprintf(stderr,
                 "removalsim: warning: %zu replications estimate the moments' covariance "
                 "poorly for %zu parameters; standard errors need at least %zu\n",
                 covariance, dimension, dimension + 1);
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

} // namespace removalsim::cli
