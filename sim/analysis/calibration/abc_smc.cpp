#include "removalsim/analysis/calibration/abc_smc.h"

#include "removalsim/engine/random_stream.h"

#include <Eigen/Dense>
#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace removalsim::analysis::calibration {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Purpose of the proposal streams (RandomStream's third key): proposal j of generation t reads
// stream (seed, t + 1, kProposalPurpose, j); the calibration sample is "generation" 0.
constexpr std::uint64_t kProposalPurpose = 0xABC5'0001;
// Redraws of a perturbed particle that falls outside the bounds before giving up (a kernel that
// puts almost no mass inside the bounds means a degenerate population).
constexpr int kMaxRedraws = 100'000;

double median(std::vector<double> values) {
  const std::size_t n = values.size();
  std::sort(values.begin(), values.end());
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// pyABC: weight = 1 / scale over all simulations of the generation, 0 when the scale is 0
// (np.isclose(scale, 0): every simulation gave the same value, the summary cannot discriminate).
std::vector<double> distance_weights(const std::vector<std::vector<double>> &summaries,
                                     const std::vector<bool> &fitted, ScaleFunction function) {
  const std::size_t k = fitted.size();
  std::vector<double> weights(k, 0.0);
  std::vector<double> values;
  for (std::size_t i = 0; i < k; ++i) {
    if (!fitted[i]) {
      continue;
    }
    values.clear();
    for (const auto &s : summaries) {
      if (std::isfinite(s[i])) {
        values.push_back(s[i]);
      }
    }
    if (values.empty()) {
      continue;
    }
    double scale = 0.0;
    if (function == ScaleFunction::mad) {
      const double centre = median(values);
      for (auto &v : values) {
        v = std::abs(v - centre);
      }
      scale = median(values);
    } else {
      const double mean =
          std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
      double sum = 0.0;
      for (const double v : values) {
        sum += (v - mean) * (v - mean);
      }
      scale = std::sqrt(sum / static_cast<double>(values.size()));
    }
    weights[i] = std::abs(scale) <= 1e-8 ? 0.0 : 1.0 / scale;
  }
  return weights;
}

double distance(const std::vector<double> &summary, const std::vector<Target> &targets,
                const std::vector<double> &weights, double p) {
  double total = 0.0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (weights[i] == 0.0) {
      continue;
    }
    if (!std::isfinite(summary[i])) {
      return kInfinity;
    }
    total += std::pow(std::abs(weights[i] * (summary[i] - targets[i].reported)), p);
  }
  return std::pow(total, 1.0 / p);
}

// The perturbation kernel of pyABC's MultivariateNormalTransition fitted on one population.
class Kernel {
public:
  Kernel(const std::vector<Particle> &population, const ParameterSpace &space, double scaling)
      : population_(population) {
    const auto d = static_cast<Eigen::Index>(space.dimension());
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(d);
    double sum_w2 = 0.0;
    for (const auto &p : population) {
      mean += p.weight * Eigen::Map<const Eigen::VectorXd>(p.theta.data(), d);
      sum_w2 += p.weight * p.weight;
    }
    Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(d, d);
    for (const auto &p : population) {
      const Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(p.theta.data(), d) - mean;
      cov += p.weight * x * x.transpose();
    }
    if (1.0 - sum_w2 > 1e-12) {
      cov /= 1.0 - sum_w2; // numpy's cov with aweights (ddof = 1)
    } else {
      // One particle carries all the weight: pyABC's smart_cov falls back to diag(|θ|).
      cov = mean.cwiseAbs().asDiagonal();
    }
    const double n_eff = 1.0 / sum_w2;
    const double dim = static_cast<double>(d);
    const double silverman = std::pow(4.0 / (n_eff * (dim + 2.0)), 1.0 / (dim + 4.0));
    cov *= silverman * silverman * scaling;
    // A population collapsed onto a line or a point gives a singular covariance: a jitter of
    // 1e-10 of each range² keeps the kernel a density without changing it noticeably.
    for (Eigen::Index j = 0; j < d; ++j) {
      const double range =
          space[static_cast<std::size_t>(j)].high - space[static_cast<std::size_t>(j)].low;
      cov(j, j) += 1e-10 * range * range;
    }
    llt_.compute(cov);
    if (llt_.info() != Eigen::Success) {
      throw std::runtime_error("ABC-SMC: the perturbation covariance is not positive definite");
    }
    cumulative_.resize(population.size());
    double running = 0.0;
    for (std::size_t j = 0; j < population.size(); ++j) {
      running += population[j].weight;
      cumulative_[j] = running;
    }
  }

  /// A perturbed particle within the bounds.
  std::vector<double> propose(engine::RandomStream &stream, const ParameterSpace &space) const {
    const auto d = static_cast<Eigen::Index>(space.dimension());
    boost::random::normal_distribution<double> normal;
    Eigen::VectorXd z(d);
    for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
      const double u = stream.uniform01() * cumulative_.back();
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      const std::size_t j = std::min<std::size_t>(
          static_cast<std::size_t>(it - cumulative_.begin()), population_.size() - 1);
      for (Eigen::Index c = 0; c < d; ++c) {
        z(c) = normal(stream);
      }
      const Eigen::VectorXd x =
          Eigen::Map<const Eigen::VectorXd>(population_[j].theta.data(), d) + llt_.matrixL() * z;
      std::vector<double> theta(x.data(), x.data() + d);
      if (space.log_prior(theta) > -kInfinity) {
        return theta;
      }
    }
    throw std::runtime_error("ABC-SMC: the perturbation kernel keeps leaving the bounds");
  }

  /// log Σ_j w_j K(θ | θ_j), up to a constant common to every θ.
  double log_mixture_density(const std::vector<double> &theta) const {
    const auto d = static_cast<Eigen::Index>(theta.size());
    const Eigen::Map<const Eigen::VectorXd> x(theta.data(), d);
    std::vector<double> terms;
    terms.reserve(population_.size());
    double top = -kInfinity;
    for (const auto &p : population_) {
      if (p.weight <= 0.0) {
        continue;
      }
      const Eigen::VectorXd delta = x - Eigen::Map<const Eigen::VectorXd>(p.theta.data(), d);
      const double q = llt_.matrixL().solve(delta).squaredNorm();
      terms.push_back(std::log(p.weight) - 0.5 * q);
      top = std::max(top, terms.back());
    }
    double sum = 0.0;
    for (const double t : terms) {
      sum += std::exp(t - top);
    }
    return top + std::log(sum);
  }

private:
  const std::vector<Particle> &population_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  std::vector<double> cumulative_;
};

void normalise(std::vector<Particle> &particles, const std::vector<double> &log_weights) {
  const double top = *std::max_element(log_weights.begin(), log_weights.end());
  double sum = 0.0;
  for (std::size_t j = 0; j < particles.size(); ++j) {
    particles[j].weight = std::exp(log_weights[j] - top);
    sum += particles[j].weight;
  }
  for (auto &p : particles) {
    p.weight /= sum;
  }
}

double effective_sample_size(const std::vector<Particle> &particles) {
  double sum_w2 = 0.0;
  for (const auto &p : particles) {
    sum_w2 += p.weight * p.weight;
  }
  return 1.0 / sum_w2;
}

std::vector<ParameterSummary> summarise(const std::vector<Particle> &particles, std::size_t count,
                                        const std::vector<double> &(*select)(const Particle &)) {
  std::vector<ParameterSummary> out(count);
  std::vector<double> values;
  std::vector<double> weights;
  for (std::size_t i = 0; i < count; ++i) {
    values.clear();
    weights.clear();
    for (const auto &p : particles) {
      const double v = select(p).at(i);
      if (!std::isnan(v) && p.weight > 0.0) {
        values.push_back(v);
        weights.push_back(p.weight);
      }
    }
    ParameterSummary &s = out[i];
    if (values.empty()) {
      s.mean = s.sd = s.median = s.low = s.high = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    double mean = 0.0;
    for (std::size_t j = 0; j < values.size(); ++j) {
      mean += weights[j] * values[j] / total;
    }
    double variance = 0.0;
    for (std::size_t j = 0; j < values.size(); ++j) {
      variance += weights[j] * (values[j] - mean) * (values[j] - mean) / total;
    }
    s.mean = mean;
    s.sd = std::sqrt(variance);
    s.median = weighted_quantile(values, weights, 0.5);
    s.low = weighted_quantile(values, weights, 0.05);
    s.high = weighted_quantile(values, weights, 0.95);
  }
  return out;
}

class Sampler {
public:
  Sampler(const ParameterSpace &space, const std::vector<Target> &targets,
          const Simulator &simulator, const AbcOptions &options)
      : space_(space), targets_(targets), simulator_(simulator), options_(options) {
    for (const auto &t : targets) {
      fitted_.push_back(!t.held_out);
    }
  }

  AbcResult run() {
    const std::size_t n = options_.population_size;
    const std::size_t batch = options_.batch_size == 0 ? n : options_.batch_size;
    AbcResult result;

    // Calibration sample: prior draws that set the first weights and epsilon.
    if (stopped()) {
      return finish(std::move(result), "interrupted");
    }
    std::vector<std::vector<double>> thetas;
    for (std::size_t j = 0; j < n; ++j) {
      engine::RandomStream stream(options_.seed, 0, kProposalPurpose, j);
      thetas.push_back(space_.sample_prior(stream));
    }
    std::vector<std::vector<double>> calibration;
    try {
      calibration = simulate(thetas, 0, 0);
    } catch (const engine::Stopped &) {
      return finish(std::move(result), "interrupted");
    }
    result.simulations += n;
    weights_ = distance_weights(calibration, fitted_, options_.scale);
    std::vector<double> distances;
    for (const auto &s : calibration) {
      const double d = distance(s, targets_, weights_, options_.p);
      if (std::isfinite(d)) {
        distances.push_back(d);
      }
    }
    if (distances.empty()) {
      throw std::invalid_argument(
          "ABC-SMC: no prior draw gave finite values of the fitted targets");
    }
    double epsilon =
        weighted_quantile(distances, std::vector<double>(distances.size(), 1.0), options_.alpha);
    report(0, true, n, n, epsilon);

    std::vector<Particle> previous;
    for (std::size_t t = 0; t < options_.max_generations; ++t) {
      std::vector<Particle> accepted;
      std::vector<std::vector<double>> summaries; // every simulation up to the n-th acceptance
      std::size_t simulated = 0;
      std::size_t next = 0;
      std::optional<Kernel> kernel;
      if (t > 0) {
        kernel.emplace(previous, space_, options_.kernel_scaling);
      }
      while (accepted.size() < n) {
        if (stopped()) {
          return finish(std::move(result), "interrupted");
        }
        if (options_.min_acceptance_rate > 0.0 &&
            static_cast<double>(simulated) * options_.min_acceptance_rate >
                static_cast<double>(n)) {
          return finish(std::move(result), "min acceptance rate");
        }
        thetas.clear();
        for (std::size_t j = next; j < next + batch; ++j) {
          engine::RandomStream stream(options_.seed, t + 1, kProposalPurpose, j);
          thetas.push_back(kernel ? kernel->propose(stream, space_) : space_.sample_prior(stream));
        }
        std::vector<std::vector<double>> moments;
        try {
          moments = simulate(thetas, t + 1, next);
        } catch (const engine::Stopped &) {
          // The batch is abandoned; the last complete generation stands.
          return finish(std::move(result), "interrupted");
        }
        next += batch;
        simulated += batch;
        result.simulations += batch;
        for (std::size_t j = 0; j < batch && accepted.size() < n; ++j) {
          summaries.push_back(moments[j]);
          const double d = distance(moments[j], targets_, weights_, options_.p);
          if (d <= epsilon) {
            accepted.push_back(Particle{thetas[j], 0.0, d, moments[j]});
          }
        }
        report(t, false, accepted.size(), simulated, epsilon);
      }
      std::vector<double> log_weights;
      for (const auto &p : accepted) {
        log_weights.push_back(
            kernel ? space_.log_prior(p.theta) - kernel->log_mixture_density(p.theta) : 0.0);
      }
      normalise(accepted, log_weights);

      AbcGeneration generation;
      generation.epsilon = epsilon;
      generation.simulations = simulated;
      generation.acceptance_rate = static_cast<double>(n) / static_cast<double>(summaries.size());
      generation.effective_sample_size = effective_sample_size(accepted);
      generation.summary = summarise_posterior(accepted, space_.dimension());
      result.generations.push_back(std::move(generation));
      previous = std::move(accepted);
      result.particles = previous;
      result.distance_weights = weights_;

      if (epsilon <= options_.min_epsilon) {
        return finish(std::move(result), "min epsilon");
      }
      // Next generation's distance: weights refitted on all of this generation's simulations,
      // epsilon the weighted quantile of this generation's distances under the new weights.
      weights_ = distance_weights(summaries, fitted_, options_.scale);
      std::vector<double> recomputed;
      std::vector<double> importance;
      for (const auto &p : previous) {
        const double d = distance(p.moments, targets_, weights_, options_.p);
        if (std::isfinite(d) && p.weight > 0.0) {
          recomputed.push_back(d);
          importance.push_back(p.weight);
        }
      }
      if (recomputed.empty()) {
        return finish(std::move(result), "min epsilon");
      }
      epsilon = weighted_quantile(recomputed, importance, options_.alpha);
    }
    return finish(std::move(result), "max generations");
  }

private:
  bool stopped() const { return options_.stop != nullptr && options_.stop->load(); }

  void report(std::size_t generation, bool calibration, std::size_t accepted,
              std::size_t simulations, double epsilon) const {
    if (options_.progress) {
      options_.progress(AbcProgress{generation, calibration, accepted, options_.population_size,
                                    simulations, epsilon});
    }
  }

  AbcResult finish(AbcResult result, const char *reason) const {
    result.stop_reason = reason;
    result.interrupted = result.stop_reason == "interrupted";
    result.summary = summarise_posterior(result.particles, space_.dimension());
    return result;
  }

  // Mean moments of each theta. Proposal j of generation key g (0: the calibration sample, t + 1:
  // generation t) uses replications (g << 32) + j·R + [0, R) of the seed: its own noise, named by
  // the proposal alone, so that simulating more proposals than needed (the tail of a batch)
  // changes nothing after it.
  std::vector<std::vector<double>> simulate(const std::vector<std::vector<double>> &thetas,
                                            std::uint64_t generation_key,
                                            std::uint64_t first_proposal) const {
    std::vector<SimulationRequest> requests;
    requests.reserve(thetas.size());
    const std::uint64_t r = options_.replications;
    for (std::size_t j = 0; j < thetas.size(); ++j) {
      requests.push_back(SimulationRequest{thetas[j], options_.seed,
                                           (generation_key << 32) + (first_proposal + j) * r, r});
    }
    const auto results = simulator_(requests);
    if (results.size() != requests.size()) {
      throw std::invalid_argument("the simulator returned a wrong number of results");
    }
    std::vector<std::vector<double>> means;
    means.reserve(results.size());
    for (const auto &result : results) {
      if (result.size() != r || result.front().size() != targets_.size()) {
        throw std::invalid_argument("the simulator returned results of the wrong shape");
      }
      means.push_back(mean_moments(result));
    }
    return means;
  }

  const ParameterSpace &space_;
  const std::vector<Target> &targets_;
  const Simulator &simulator_;
  const AbcOptions &options_;
  std::vector<bool> fitted_;
  std::vector<double> weights_;
};

const std::vector<double> &theta_of(const Particle &p) { return p.theta; }
const std::vector<double> &moments_of(const Particle &p) { return p.moments; }

} // namespace

double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double alpha) {
  if (values.empty() || values.size() != weights.size()) {
    throw std::invalid_argument("weighted quantile: need as many weights as values (at least one)");
  }
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (!(total > 0.0)) {
    throw std::invalid_argument("weighted quantile: the weights sum to 0");
  }
  // np.interp(alpha, cumsum(w) − w / 2, sorted values): clamped at both ends.
  double cumulative = 0.0;
  double previous_x = 0.0;
  double previous_y = 0.0;
  for (std::size_t r = 0; r < order.size(); ++r) {
    const double w = weights[order[r]] / total;
    cumulative += w;
    const double x = cumulative - 0.5 * w;
    const double y = values[order[r]];
    if (alpha <= x) {
      if (r == 0 || x == previous_x) {
        return y;
      }
      return previous_y + (y - previous_y) * (alpha - previous_x) / (x - previous_x);
    }
    previous_x = x;
    previous_y = y;
  }
  return previous_y;
}

std::vector<ParameterSummary> summarise_posterior(const std::vector<Particle> &particles,
                                                  std::size_t dimension) {
  return summarise(particles, dimension, theta_of);
}

std::vector<ParameterSummary> summarise_predictive(const std::vector<Particle> &particles,
                                                   std::size_t moments) {
  return summarise(particles, moments, moments_of);
}

AbcResult calibrate_abc_smc(const ParameterSpace &space, const std::vector<Target> &targets,
                            const Simulator &simulator, const AbcOptions &options) {
  if (fitted_count(targets) == 0) {
    throw std::invalid_argument("ABC-SMC: every target is held out; nothing to fit");
  }
  if (options.population_size < 2 || options.max_generations == 0 || options.replications == 0) {
    throw std::invalid_argument(
        "ABC-SMC: population size >= 2, generations >= 1 and replications >= 1 are needed");
  }
  if (!(options.p >= 1.0) || !(options.alpha > 0.0 && options.alpha <= 1.0) ||
      !(options.kernel_scaling > 0.0) ||
      !(options.min_acceptance_rate >= 0.0 && options.min_acceptance_rate < 1.0)) {
    throw std::invalid_argument("ABC-SMC: p >= 1, 0 < alpha <= 1, kernel scaling > 0 and "
                                "0 <= min acceptance rate < 1 are needed");
  }
  return Sampler(space, targets, simulator, options).run();
}

} // namespace removalsim::analysis::calibration
