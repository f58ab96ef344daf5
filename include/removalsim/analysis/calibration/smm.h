#pragma once

#include "removalsim/analysis/calibration/identifiability.h"
#include "removalsim/analysis/calibration/parameter_space.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/standard_errors.h"
#include "removalsim/analysis/calibration/target_fit.h"
#include "removalsim/analysis/calibration/targets.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::analysis::calibration {

/// NLopt's derivative-free local optimisers offered for SMM.
enum class LocalOptimiser {
  bobyqa, ///< NLopt LN_BOBYQA: quadratic trust-region models; fast on smooth objectives
  sbplx,  ///< NLopt LN_SBPLX: Rowan's subplex (Nelder-Mead on subspaces); sturdier on rough
          ///< objectives
  levenberg_marquardt, ///< Levenberg–Marquardt on the weighted residuals (`levenberg_marquardt`):
                       ///< uses Q's least-squares form; each Jacobian's d + 1 points in one
                       ///< batch; the default
};

/// `bobyqa`, `sbplx` or `lm`.
std::string_view local_optimiser_name(LocalOptimiser optimiser);

/// The phases of an SMM calibration, in order.
enum class SmmPhase {
  design,   ///< global: a Sobol design of the bounds, simulated in one batch
  local,    ///< BOBYQA (or Sbplx) from the best design points
  polish,   ///< one more local run from the best point, with more replications
  jacobian, ///< finite differences for the standard errors, in one batch
  fresh,    ///< the fit at the estimate on fresh replications
};

/// `design`, `local`, `polish`, `jacobian` or `fresh`.
std::string_view smm_phase_name(SmmPhase phase);

/// Where an SMM calibration stands, after each objective evaluation (or batch).
struct SmmProgress {
  SmmPhase phase = SmmPhase::design;
  std::size_t start = 0;       ///< 0-based index of the current local run (local phase)
  std::size_t starts = 0;      ///< number of local runs
  std::size_t evaluations = 0; ///< evaluations so far in this run (or points of this batch)
  std::size_t total_evaluations = 0;
  /// Simulations (replications) run so far, and at most how many the calibration will run: the
  /// ratio gives an upper bound of the time left.
  std::size_t simulations = 0;
  std::size_t simulation_budget = 0;
  double objective = 0.0;      ///< value just computed (the batch's best for a design)
  double best_objective = 0.0; ///< lowest value so far at the current replications
};

/// Settings of `calibrate_smm`: the one place where their defaults are set (the command line and
/// the free-parameter file only override them).
struct SmmOptions {
  /// Levenberg–Marquardt: Q is a sum of squares, and the simulator's objective is rough even on
  /// common random numbers (counts jump as a parameter moves cases from one path to another).
  /// On the France recovery test (4 parameters, from the centre) it reached Q = 0.039 in 49
  /// evaluations, Sbplx 0.044 in about 110, and BOBYQA stopped at 1.42 (the truth has 0.15): its
  /// quadratic models shrink their trust region on the noise.
  LocalOptimiser optimiser = LocalOptimiser::levenberg_marquardt;
  /// Global phase: a Sobol design of this many points of the bounds (0: 8 per parameter, at least
  /// 16), each simulated on `design_replications` (0: half of `replications`, at least 2), all in
  /// one batch so that they run in parallel.
  std::size_t design_points = 0;
  std::size_t design_replications = 0;
  /// A point (natural units) simulated with the design and ranked among its points: the
  /// scenario's own values, so that a researcher's sourced guesses compete with the Sobol points
  /// as a start. Empty: none. The France recovery run from the best Sobol point twice ended in
  /// the same wrong basin (Q 82 and 97 against 8 at the truth).
  std::vector<double> initial_guess;
  /// Local phase: this many local optimisations, from the best design points (the centre of the
  /// box when there is no design).
  std::size_t starts = 2;
  /// Replications per objective evaluation of the local phase: always replications [0, R) of
  /// `seed` (common random numbers).
  std::size_t replications = 8;
  /// Polish: one more local optimisation from the best point, on `polish_replications` (0: twice
  /// `replications`; equal to `replications`: no polish), with a step of `polish_step`, at most
  /// `polish_evaluations` (0: half of `max_evaluations`). Its replications are also those of the
  /// standard errors.
  std::size_t polish_replications = 0;
  double polish_step = 0.03;
  std::size_t polish_evaluations = 0;
  std::uint64_t seed = 1;
  /// The fresh-seed re-evaluation of the winner: replications [0, R') of `fresh_seed`, R' =
  /// `fresh_replications` (0: the same as `replications`).
  std::uint64_t fresh_seed = 2;
  std::size_t fresh_replications = 0;
  /// Replications of the estimate from which the standard errors take the moments' covariance Ω
  /// (0: 2 · (d + 1), and at least the polish's). Ω estimated from n replications has rank n − 1
  /// at most: with n ≤ d the sandwich sees no noise along some directions of the parameters, and
  /// their standard errors come out too small.
  std::size_t covariance_replications = 0;
  /// Stop a local optimisation when a step changes every unit-cube coordinate by less than this.
  double xtol = 1e-3;
  /// ... or when the objective changes by less than this fraction of its value.
  double ftol_rel = 1e-8;
  /// ... or after this many evaluations (per start).
  std::size_t max_evaluations = 150;
  /// First step of each local optimisation, in unit-cube coordinates (a fraction of each range).
  double initial_step = 0.1;
  /// Step of the finite differences of the Jacobian, as a fraction of each range.
  double jacobian_step = 0.01;
  /// Checked before every evaluation; when set, the calibration stops and returns the best point
  /// evaluated so far (without standard errors or fresh fit). An evaluation the simulator ends by
  /// throwing engine::Stopped is abandoned the same way.
  const StopFlag *stop = nullptr;
  std::function<void(const SmmProgress &)> progress;
};

/// One local optimisation (a start of the local phase, or the polish).
struct SmmStart {
  std::vector<double> start;   ///< natural units
  std::vector<double> optimum; ///< best point of this run, natural units
  double objective = 0.0;      ///< Q at `optimum`
  std::size_t evaluations = 0;
  std::string status; ///< how NLopt stopped (`xtol reached`, `maxeval reached`, `interrupted`...)
  std::size_t replications = 0; ///< per evaluation
  /// True when it stopped on a tolerance (xtol, ftol), false on its evaluation budget or a failure.
  bool converged = false;
};

/// The result of `calibrate_smm`.
struct SmmResult {
  /// The best point over every start (natural units) and Q there, on the fixed replications.
  std::vector<double> estimate;
  double objective = 0.0;
  /// The global design: its points (natural units) and Q at each, on `design_replications`;
  /// `initial_guess`, when given, is the last point.
  std::vector<std::vector<double>> design;
  std::vector<double> design_objectives;
  /// Q at `initial_guess` (the design's last point), when one was given.
  std::optional<double> initial_guess_objective;
  std::vector<SmmStart> starts;
  /// The polish run, when there was one.
  std::optional<SmmStart> polish;
  /// Replications of `objective`, of the standard errors and of the fit (`fresh_replications`).
  std::size_t replications = 0;
  std::size_t evaluations = 0;
  /// `converged` when the last local run (the polish when there was one) stopped on a tolerance;
  /// `budget` when it used up its evaluations; `interrupted`.
  std::string stop_reason;
  /// True when the stop flag ended the calibration: `estimate` is the best point so far and
  /// neither `errors` nor the fresh fit were computed.
  bool interrupted = false;
  std::optional<StandardErrors> errors;
  /// What the targets say about the parameters at the estimate (with `errors`).
  std::optional<Identifiability> identifiability;
  /// Every target at `estimate` on fresh replications (`fresh_seed`), and Q there: a Q far above
  /// `objective` means the fit leaned on the particular replications it was tuned on.
  std::vector<TargetFit> fit;
  double fresh_objective = 0.0;
};

/// Simulated method of moments: minimises `SmmObjective` over `space`, the objective of θ being
/// the weighted distance of the mean moments over fixed replications (common random numbers).
/// Global then local: a Sobol design of the bounds in one batch, NLopt local runs from its best
/// points, then a polish from the winner on more replications; then standard errors and the
/// identifiability report at the estimate (`smm_standard_errors`, `assess_identifiability`) and a
/// fresh-seed re-evaluation of every target. Throws std::invalid_argument when no target is fitted,
/// when there are fewer than two replications, or when the targets and the simulator disagree on
/// the number of moments; lets the simulator's exceptions through.
SmmResult calibrate_smm(const ParameterSpace &space, const std::vector<Target> &targets,
                        const Simulator &simulator, const SmmOptions &options);

} // namespace removalsim::analysis::calibration
