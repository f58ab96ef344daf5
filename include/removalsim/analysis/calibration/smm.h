#pragma once

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
  bobyqa, ///< NLopt LN_BOBYQA: quadratic trust-region models; the default
  sbplx,  ///< NLopt LN_SBPLX: Rowan's subplex (Nelder-Mead on subspaces); sturdier on rough
          ///< objectives
};

/// `bobyqa` or `sbplx`.
std::string_view local_optimiser_name(LocalOptimiser optimiser);

/// Where an SMM calibration stands, after each objective evaluation.
struct SmmProgress {
  std::size_t start = 0;       ///< 0-based index of the current starting point
  std::size_t starts = 0;      ///< number of starting points
  std::size_t evaluations = 0; ///< evaluations so far from this start
  std::size_t total_evaluations = 0;
  double objective = 0.0;      ///< value just computed
  double best_objective = 0.0; ///< lowest value so far, over every start
};

/// Settings of `calibrate_smm`.
struct SmmOptions {
  LocalOptimiser optimiser = LocalOptimiser::bobyqa;
  /// Local optimisations, each from a Sobol point of the bounds (`sobol_points`).
  std::size_t starts = 4;
  /// Replications per objective evaluation: always replications [0, R) of `seed` (common random
  /// numbers).
  std::size_t replications = 20;
  std::uint64_t seed = 1;
  /// The fresh-seed re-evaluation of the winner: replications [0, R') of `fresh_seed`, R' =
  /// `fresh_replications` (0: the same as `replications`).
  std::uint64_t fresh_seed = 2;
  std::size_t fresh_replications = 0;
  /// Stop a local optimisation when a step changes every unit-cube coordinate by less than this.
  double xtol = 1e-3;
  /// ... or when the objective changes by less than this fraction of its value.
  double ftol_rel = 1e-8;
  /// ... or after this many evaluations (per start).
  std::size_t max_evaluations = 200;
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

/// One local optimisation.
struct SmmStart {
  std::vector<double> start;   ///< natural units
  std::vector<double> optimum; ///< best point of this run, natural units
  double objective = 0.0;      ///< Q at `optimum`
  std::size_t evaluations = 0;
  std::string status; ///< how NLopt stopped (`xtol reached`, `maxeval reached`, `interrupted`...)
};

/// The result of `calibrate_smm`.
struct SmmResult {
  /// The best point over every start (natural units) and Q there, on the fixed replications.
  std::vector<double> estimate;
  double objective = 0.0;
  std::vector<SmmStart> starts;
  std::size_t evaluations = 0;
  /// True when the stop flag ended the calibration: `estimate` is the best point so far and
  /// neither `errors` nor the fresh fit were computed.
  bool interrupted = false;
  std::optional<StandardErrors> errors;
  /// Every target at `estimate` on fresh replications (`fresh_seed`), and Q there: a Q far above
  /// `objective` means the fit leaned on the particular replications it was tuned on.
  std::vector<TargetFit> fit;
  double fresh_objective = 0.0;
};

/// Simulated method of moments: minimises `SmmObjective` over `space` with NLopt from
/// `options.starts` Sobol starting points, the objective of θ being the weighted distance of the
/// mean moments over the fixed replications; then standard errors at the winner
/// (`smm_standard_errors`) and a fresh-seed re-evaluation of every target. Each evaluation is one
/// simulator call. Throws std::invalid_argument when no target is fitted, when there are fewer
/// than two replications, or when the targets and the simulator disagree on the number of
/// moments; lets the simulator's exceptions through.
SmmResult calibrate_smm(const ParameterSpace &space, const std::vector<Target> &targets,
                        const Simulator &simulator, const SmmOptions &options);

} // namespace removalsim::analysis::calibration
