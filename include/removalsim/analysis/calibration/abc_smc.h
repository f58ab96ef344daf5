#pragma once

#include "removalsim/analysis/calibration/parameter_space.h"
#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/targets.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace removalsim::analysis::calibration {

/// How the adaptive distance measures the spread of each simulated summary (its weight is
/// 1 / scale).
enum class ScaleFunction {
  mad, ///< median absolute deviation from the median (pyABC's default `mad`)
  sd,  ///< standard deviation (pyABC's `standard_deviation`)
};

/// Where an ABC-SMC run stands, after each batch of simulations.
struct AbcProgress {
  std::size_t generation = 0; ///< 0-based; the calibration sample is reported as generation 0
  bool calibration_sample = false;
  std::size_t accepted = 0;
  std::size_t population_size = 0;
  std::size_t simulations = 0; ///< in this generation
  double epsilon = 0.0;
};

/// Settings of `calibrate_abc_smc`. Defaults follow pyABC's ABCSMC with AdaptivePNormDistance,
/// QuantileEpsilon and MultivariateNormalTransition, except where noted.
struct AbcOptions {
  /// Accepted particles per generation (pyABC: 100).
  std::size_t population_size = 200;
  /// Generations to run, the first sampled from the prior (pyABC: unlimited).
  std::size_t max_generations = 8;
  /// Stop once a generation's epsilon is at or below this (pyABC's minimum_epsilon).
  double min_epsilon = 0.0;
  /// Stop, keeping the last complete generation, when a generation would need more than
  /// population_size / min_acceptance_rate simulations (pyABC: 0, i.e. never; a bound on run
  /// time).
  double min_acceptance_rate = 0.01;
  /// Replications averaged into one particle's summary (1: plain ABC).
  std::size_t replications = 1;
  /// Exponent of the weighted p-norm distance (pyABC's AdaptivePNormDistance: p = 1).
  double p = 1.0;
  ScaleFunction scale = ScaleFunction::mad;
  /// Quantile of the previous generation's weighted distances that becomes epsilon (0.5: the
  /// median, pyABC's QuantileEpsilon default).
  double alpha = 0.5;
  /// Multiplies the perturbation covariance (pyABC's `scaling`, default 1).
  double kernel_scaling = 1.0;
  /// Proposals simulated per simulator call (0: population_size); any value gives the same result.
  std::size_t batch_size = 0;
  std::uint64_t seed = 1;
  /// Checked between batches; when set, the run stops and returns the last complete generation.
  /// A batch the simulator ends by throwing engine::Stopped is abandoned the same way.
  const StopFlag *stop = nullptr;
  std::function<void(const AbcProgress &)> progress;
};

/// One accepted parameter point.
struct Particle {
  std::vector<double> theta;   ///< natural units
  double weight = 0.0;         ///< normalised importance weight (the weights sum to 1)
  double distance = 0.0;       ///< with the distance weights of its generation
  std::vector<double> moments; ///< mean simulated moment of every target
};

/// Weighted summary of one parameter's posterior.
struct ParameterSummary {
  double mean = 0.0;
  double sd = 0.0;
  double median = 0.0;
  double low = 0.0;  ///< 5 % weighted quantile
  double high = 0.0; ///< 95 % weighted quantile
};

/// One complete generation.
struct AbcGeneration {
  double epsilon = 0.0;
  std::size_t simulations = 0;
  double acceptance_rate = 0.0;
  /// Effective sample size 1 / Σ w² of the importance weights.
  double effective_sample_size = 0.0;
  std::vector<ParameterSummary> summary;
};

/// The result of `calibrate_abc_smc`.
struct AbcResult {
  /// The last complete generation (empty when stopped before one was complete).
  std::vector<Particle> particles;
  std::vector<ParameterSummary> summary;
  std::vector<AbcGeneration> generations;
  /// The distance weights (1 / scale) in force for the last generation, per target (0 for
  /// held-out).
  std::vector<double> distance_weights;
  std::size_t simulations = 0; ///< in total, calibration sample included
  bool interrupted = false;
  std::string
      stop_reason; ///< `max generations`, `min epsilon`, `min acceptance rate`, `interrupted`
};

/// ABC-SMC (Del Moral et al.; Beaumont et al.) as pyABC does it:
/// - a calibration sample of population_size prior draws sets the first distance weights and
///   epsilon_0 (the alpha-quantile of its distances, pyABC's initial_epsilon = 'from_sample');
/// - distance d(s, y) = (Σ_i |w_i (s_i − y_i)|^p)^(1/p) over the fitted targets, with w_i = 1 /
///   scale_i refitted after every generation on all its simulations, accepted or rejected
///   (AdaptivePNormDistance; a scale of 0 gives weight 0);
/// - epsilon_{t+1} = weighted alpha-quantile of generation t's distances recomputed with the new
///   weights (QuantileEpsilon, weighted);
/// - proposals: a particle of generation t drawn by weight, perturbed by a normal kernel whose
///   covariance is the weighted sample covariance × Silverman's factor² (4 / (n_eff (d + 2)))^(2 /
///   (d + 4)) × kernel_scaling (MultivariateNormalTransition), redrawn until within the bounds;
/// - importance weights prior(θ) / Σ_j w_j K(θ | θ_j), normalised.
/// Proposals are drawn from streams keyed by (seed, generation, index) and accepted in index
/// order, so the result does not depend on the batch size or the thread count. Proposal j of
/// generation t is simulated on replications ((t + 1) << 32) + j·R + [0, R) of `seed` (the
/// calibration sample on [0, ...)): its own noise, no common random numbers, as ABC needs.
/// Throws std::invalid_argument for inconsistent options or targets; lets the simulator's
/// exceptions through.
AbcResult calibrate_abc_smc(const ParameterSpace &space, const std::vector<Target> &targets,
                            const Simulator &simulator, const AbcOptions &options);

/// The weighted alpha-quantile of `values` as pyABC computes it: sort, accumulate the normalised
/// weights, and interpolate alpha linearly on (cumulative weight − weight / 2). Precondition: the
/// same non-zero number of values and weights, weights >= 0 with a positive sum.
double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double alpha);

/// Weighted mean, sd, median and 90 % interval (5 % and 95 % weighted quantiles) of each
/// parameter over `particles`.
std::vector<ParameterSummary> summarise_posterior(const std::vector<Particle> &particles,
                                                  std::size_t dimension);

/// The same summary of each simulated moment (`Particle::moments`, NaN values left out): the
/// posterior predictive of every target, held-out ones included.
std::vector<ParameterSummary> summarise_predictive(const std::vector<Particle> &particles,
                                                   std::size_t moments);

} // namespace removalsim::analysis::calibration
