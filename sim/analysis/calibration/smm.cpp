#include "removalsim/analysis/calibration/smm.h"

#include "removalsim/analysis/calibration/least_squares.h"
#include "removalsim/analysis/calibration/smm_objective.h"

#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <stdexcept>

namespace removalsim::analysis::calibration {

namespace {

std::string status_text(nlopt::result result) {
  switch (result) {
  case nlopt::SUCCESS:
    return "converged";
  case nlopt::STOPVAL_REACHED:
    return "stopval reached";
  case nlopt::FTOL_REACHED:
    return "ftol reached";
  case nlopt::XTOL_REACHED:
    return "xtol reached";
  case nlopt::MAXEVAL_REACHED:
    return "maxeval reached";
  case nlopt::MAXTIME_REACHED:
    return "maxtime reached";
  case nlopt::ROUNDOFF_LIMITED:
    return "roundoff limited";
  default:
    return "failed (" + std::to_string(static_cast<int>(result)) + ")";
  }
}

bool converged_status(nlopt::result result) {
  return result == nlopt::SUCCESS || result == nlopt::FTOL_REACHED ||
         result == nlopt::XTOL_REACHED || result == nlopt::STOPVAL_REACHED;
}

/// The settings with every "0: derived" default resolved.
struct Plan {
  std::size_t design_points = 0;
  std::size_t design_replications = 0;
  std::size_t replications = 0;
  std::size_t polish_replications = 0;
  std::size_t polish_evaluations = 0;
  std::size_t fresh_replications = 0;
  std::size_t covariance_replications = 0;
  bool polish = false;
  std::size_t final_replications() const { return polish ? polish_replications : replications; }
};

Plan plan_of(const SmmOptions &options, std::size_t dimension) {
  Plan plan;
  plan.design_points =
      options.design_points != 0 ? options.design_points : std::max<std::size_t>(16, 8 * dimension);
  plan.replications = options.replications;
  plan.design_replications = options.design_replications != 0
                                 ? options.design_replications
                                 : std::max<std::size_t>(2, options.replications / 2);
  plan.polish_replications =
      options.polish_replications != 0 ? options.polish_replications : 2 * options.replications;
  plan.polish = plan.polish_replications > plan.replications;
  plan.polish_evaluations = options.polish_evaluations != 0
                                ? options.polish_evaluations
                                : std::max<std::size_t>(1, options.max_evaluations / 2);
  plan.fresh_replications =
      options.fresh_replications != 0 ? options.fresh_replications : plan.final_replications();
  plan.covariance_replications = options.covariance_replications != 0
                                     ? options.covariance_replications
                                     : std::max(2 * (dimension + 1), plan.final_replications());
  return plan;
}

// Runs the phases; keeps track of the best point of the current replications over all
// evaluations, so an interrupt (or an optimiser ending elsewhere than its best point) still
// yields the best point seen.
class Driver {
public:
  Driver(const ParameterSpace &space, const std::vector<Target> &targets,
         const Simulator &simulator, const SmmOptions &options)
      : space_(space), objective_(targets), simulator_(simulator), options_(options),
        plan_(plan_of(options, space.dimension())) {
    const std::size_t d = space.dimension();
    budget_ = (plan_.design_points + (options.initial_guess.empty() ? 0 : 1)) *
                  plan_.design_replications +
              options.starts * options.max_evaluations * plan_.replications +
              (plan_.polish ? plan_.polish_evaluations * plan_.polish_replications : 0) +
              2 * d * plan_.final_replications() +
              std::max(plan_.final_replications(), plan_.covariance_replications) +
              plan_.fresh_replications;
  }

  SmmResult run() {
    SmmResult result;
    const auto starts = design(result);
    replications_ = plan_.replications;
    for (std::size_t s = 0; s < starts.size() && !interrupted_; ++s) {
      result.starts.push_back(
          local(SmmPhase::local, s, starts[s], options_.initial_step, options_.max_evaluations));
    }
    if (plan_.polish && !interrupted_ && !best_theta_.empty()) {
      const std::vector<double> from = best_theta_;
      replications_ = plan_.polish_replications;
      best_value_ = std::numeric_limits<double>::infinity();
      result.polish =
          local(SmmPhase::polish, 0, from, options_.polish_step, plan_.polish_evaluations);
    }
    if (error_) {
      std::rethrow_exception(error_);
    }
    result.evaluations = total_evaluations_;
    result.interrupted = interrupted_;
    result.estimate = best_theta_;
    result.objective = best_value_;
    result.replications = replications_;
    const SmmStart *last = result.polish           ? &*result.polish
                           : result.starts.empty() ? nullptr
                                                   : &result.starts.back();
    result.stop_reason = interrupted_                         ? "interrupted"
                         : last != nullptr && last->converged ? "converged"
                                                              : "budget";
    if (interrupted_ || best_theta_.empty()) {
      return result;
    }
    report(SmmPhase::jacobian, 0, result.objective);
    result.errors =
        smm_standard_errors(space_, objective_.targets(), simulator_, best_theta_, options_.seed,
                            replications_, options_.jacobian_step, plan_.covariance_replications);
    simulations_ += 2 * space_.dimension() * replications_ +
                    std::max(replications_, plan_.covariance_replications);
    std::vector<double> ranges;
    for (const auto &p : space_.parameters()) {
      ranges.push_back(p.high - p.low);
    }
    result.identifiability = assess_identifiability(*result.errors, objective_.targets(),
                                                    best_means_, best_theta_, ranges);
    report(SmmPhase::fresh, 0, result.objective);
    const std::size_t fresh = plan_.fresh_replications;
    const auto moments =
        simulator_({SimulationRequest{best_theta_, options_.fresh_seed, 0, fresh}});
    check_shape(moments, 1, fresh);
    simulations_ += fresh;
    result.fit = fit_targets(objective_.targets(), moments.front());
    result.fresh_objective = objective_(mean_moments(moments.front()));
    return result;
  }

private:
  void report(SmmPhase phase, std::size_t start, double value) const {
    report(phase, start, value, best_value_);
  }
  void report(SmmPhase phase, std::size_t start, double value, double best) const {
    if (options_.progress) {
      options_.progress(SmmProgress{phase, start, options_.starts, evaluations_, total_evaluations_,
                                    simulations_, budget_, value, best});
    }
  }

  // The global phase: every design point in one batch; returns the local runs' starting points,
  // the best design points first.
  std::vector<std::vector<double>> design(SmmResult &result) {
    result.design = sobol_points(space_, plan_.design_points);
    if (!options_.initial_guess.empty()) {
      result.design.push_back(options_.initial_guess);
    }
    if (options_.stop != nullptr && options_.stop->load()) {
      interrupted_ = true;
      return {};
    }
    std::vector<SimulationRequest> requests;
    for (const auto &theta : result.design) {
      requests.push_back(SimulationRequest{theta, options_.seed, 0, plan_.design_replications});
    }
    std::vector<ReplicationMoments> moments;
    try {
      moments = simulator_(requests);
    } catch (const engine::Stopped &) {
      interrupted_ = true;
      return {};
    }
    check_shape(moments, requests.size(), plan_.design_replications);
    simulations_ += requests.size() * plan_.design_replications;
    total_evaluations_ += requests.size();
    for (const auto &m : moments) {
      result.design_objectives.push_back(objective_(mean_moments(m)));
    }
    if (!options_.initial_guess.empty()) {
      result.initial_guess_objective = result.design_objectives.back();
    }
    std::vector<std::size_t> order(result.design.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return result.design_objectives[a] < result.design_objectives[b];
    });
    const double best = result.design_objectives[order.front()];
    report(SmmPhase::design, 0, best, best);
    std::vector<std::vector<double>> starts;
    for (std::size_t i = 0; i < std::min(options_.starts, order.size()); ++i) {
      starts.push_back(result.design[order[i]]);
    }
    return starts;
  }

  void check_shape(const std::vector<ReplicationMoments> &moments, std::size_t requests,
                   std::size_t replications) const {
    if (moments.size() != requests) {
      throw std::invalid_argument("the simulator returned " + std::to_string(moments.size()) +
                                  " results for " + std::to_string(requests) + " requests");
    }
    for (const auto &m : moments) {
      if (m.size() != replications) {
        throw std::invalid_argument("the simulator returned " + std::to_string(m.size()) +
                                    " replications instead of " + std::to_string(replications));
      }
      for (const auto &row : m) {
        if (row.size() != objective_.targets().size()) {
          throw std::invalid_argument("the simulator returned " + std::to_string(row.size()) +
                                      " moments for " +
                                      std::to_string(objective_.targets().size()) + " targets");
        }
      }
    }
  }

  double evaluate(std::span<const double> unit, SmmPhase phase, std::size_t start) {
    if (options_.stop != nullptr && options_.stop->load()) {
      interrupted_ = true;
      throw nlopt::forced_stop();
    }
    const std::vector<double> theta = space_.from_unit(unit);
    double value = 0.0;
    std::vector<double> means;
    try {
      const auto moments = simulator_({SimulationRequest{theta, options_.seed, 0, replications_}});
      check_shape(moments, 1, replications_);
      means = mean_moments(moments.front());
      value = objective_(means);
    } catch (const engine::Stopped &) {
      // Stopped during the evaluation: it is abandoned, the best point so far stands.
      interrupted_ = true;
      throw nlopt::forced_stop();
    } catch (...) {
      // NLopt would swallow the exception into a bare "nlopt failure": keep it and stop.
      error_ = std::current_exception();
      throw nlopt::forced_stop();
    }
    simulations_ += replications_;
    record(theta, std::move(means), value);
    report(phase, start, value);
    return value;
  }

  void record(const std::vector<double> &theta, std::vector<double> means, double value) {
    ++evaluations_;
    ++total_evaluations_;
    if (value < start_best_value_) {
      start_best_value_ = value;
      start_best_theta_ = theta;
    }
    if (value < best_value_) {
      best_value_ = value;
      best_theta_ = theta;
      best_means_ = std::move(means);
    }
  }

  /// Thrown from a batch of the Levenberg–Marquardt run to end it on a stop request.
  struct Interrupted {};

  /// The weighted residuals √w_i (m̄_i − y_i) of several unit-cube points, simulated in one batch;
  /// Q is their sum of squares (a non-finite moment gets SmmObjective's penalty).
  std::vector<std::vector<double>> residuals(const std::vector<std::vector<double>> &points,
                                             SmmPhase phase, std::size_t start) {
    if (options_.stop != nullptr && options_.stop->load()) {
      interrupted_ = true;
      throw Interrupted{};
    }
    std::vector<SimulationRequest> requests;
    std::vector<std::vector<double>> thetas;
    for (const auto &unit : points) {
      thetas.push_back(space_.from_unit(unit));
      requests.push_back(SimulationRequest{thetas.back(), options_.seed, 0, replications_});
    }
    std::vector<ReplicationMoments> moments;
    try {
      moments = simulator_(requests);
    } catch (const engine::Stopped &) {
      interrupted_ = true;
      throw Interrupted{};
    }
    check_shape(moments, requests.size(), replications_);
    simulations_ += requests.size() * replications_;
    const auto &weights = objective_.weights();
    const auto &targets = objective_.targets();
    std::vector<std::vector<double>> out;
    for (std::size_t p = 0; p < points.size(); ++p) {
      std::vector<double> means = mean_moments(moments[p]);
      std::vector<double> r(targets.size(), 0.0);
      for (std::size_t i = 0; i < targets.size(); ++i) {
        const double y = targets[i].reported;
        r[i] = std::sqrt(weights[i]) *
               (std::isfinite(means[i]) ? means[i] - y : 10.0 * (std::abs(y) + 1.0));
      }
      const double value = objective_(means);
      record(thetas[p], std::move(means), value);
      out.push_back(std::move(r));
    }
    report(phase, start, best_value_);
    return out;
  }

  SmmStart least_squares(SmmPhase phase, std::size_t index, const std::vector<double> &start,
                         std::size_t max_evaluations) {
    SmmStart out;
    out.start = start;
    out.replications = replications_;
    evaluations_ = 0;
    start_best_value_ = std::numeric_limits<double>::infinity();
    start_best_theta_.clear();
    try {
      const auto run = levenberg_marquardt(
          space_.to_unit(start), objective_.targets().size(),
          [&](const std::vector<std::vector<double>> &points) {
            return residuals(points, phase, index);
          },
          max_evaluations);
      out.status = run.status;
      out.converged = run.converged;
    } catch (const Interrupted &) {
      out.status = "interrupted";
    } catch (...) {
      error_ = std::current_exception();
      interrupted_ = true;
      out.status = "failed";
    }
    out.optimum = start_best_theta_.empty() ? start : start_best_theta_;
    out.objective = start_best_value_;
    out.evaluations = evaluations_;
    return out;
  }

  SmmStart local(SmmPhase phase, std::size_t index, const std::vector<double> &start, double step,
                 std::size_t max_evaluations) {
    if (options_.optimiser == LocalOptimiser::levenberg_marquardt) {
      return least_squares(phase, index, start, max_evaluations);
    }
    const std::size_t d = space_.dimension();
    // Powell's BOBYQA needs at least two variables; in one dimension use Sbplx.
    const bool bobyqa = options_.optimiser == LocalOptimiser::bobyqa && d >= 2;
    nlopt::opt opt(bobyqa ? nlopt::LN_BOBYQA : nlopt::LN_SBPLX, static_cast<unsigned>(d));
    opt.set_lower_bounds(std::vector<double>(d, 0.0));
    opt.set_upper_bounds(std::vector<double>(d, 1.0));
    opt.set_xtol_abs(options_.xtol);
    opt.set_ftol_rel(options_.ftol_rel);
    opt.set_maxeval(static_cast<int>(max_evaluations));
    opt.set_initial_step(step);
    struct Context {
      Driver *driver;
      SmmPhase phase;
      std::size_t start;
    } context{this, phase, index};
    opt.set_min_objective(
        [](unsigned n, const double *x, double *, void *data) {
          auto *c = static_cast<Context *>(data);
          return c->driver->evaluate(std::span<const double>(x, n), c->phase, c->start);
        },
        &context);
    evaluations_ = 0;
    start_best_value_ = std::numeric_limits<double>::infinity();
    start_best_theta_.clear();
    std::vector<double> x = space_.to_unit(start);
    double value = 0.0;
    SmmStart out;
    out.start = start;
    out.replications = replications_;
    try {
      const nlopt::result status = opt.optimize(x, value);
      out.status = status_text(status);
      out.converged = converged_status(status);
    } catch (const nlopt::forced_stop &) {
      out.status = error_ ? "failed" : "interrupted";
    } catch (const nlopt::roundoff_limited &) {
      out.status = "roundoff limited";
      out.converged = true; // no better point can be told apart at this precision
    } catch (const std::runtime_error &failure) {
      out.status = std::string("failed: ") + failure.what();
    }
    out.optimum = start_best_theta_.empty() ? start : start_best_theta_;
    out.objective = start_best_value_;
    out.evaluations = evaluations_;
    if (error_) {
      interrupted_ = true; // no further start: the error is rethrown by run()
    }
    return out;
  }

  const ParameterSpace &space_;
  SmmObjective objective_;
  const Simulator &simulator_;
  const SmmOptions &options_;
  Plan plan_;
  std::size_t budget_ = 0;
  std::size_t simulations_ = 0;
  std::size_t replications_ = 0;
  std::exception_ptr error_;
  bool interrupted_ = false;
  std::size_t evaluations_ = 0;
  std::size_t total_evaluations_ = 0;
  double start_best_value_ = std::numeric_limits<double>::infinity();
  std::vector<double> start_best_theta_;
  double best_value_ = std::numeric_limits<double>::infinity();
  std::vector<double> best_theta_;
  std::vector<double> best_means_;
};

} // namespace

std::string_view smm_phase_name(SmmPhase phase) {
  switch (phase) {
  case SmmPhase::design:
    return "design";
  case SmmPhase::local:
    return "local";
  case SmmPhase::polish:
    return "polish";
  case SmmPhase::jacobian:
    return "jacobian";
  case SmmPhase::fresh:
    return "fresh";
  }
  return "?";
}

std::string_view local_optimiser_name(LocalOptimiser optimiser) {
  switch (optimiser) {
  case LocalOptimiser::bobyqa:
    return "bobyqa";
  case LocalOptimiser::sbplx:
    return "sbplx";
  case LocalOptimiser::levenberg_marquardt:
    return "lm";
  }
  return "?";
}

SmmResult calibrate_smm(const ParameterSpace &space, const std::vector<Target> &targets,
                        const Simulator &simulator, const SmmOptions &options) {
  if (fitted_count(targets) == 0) {
    throw std::invalid_argument("SMM: every target is held out; nothing to fit");
  }
  if (options.replications < 2) {
    throw std::invalid_argument("SMM: at least two replications per evaluation are needed");
  }
  if (options.starts == 0 || options.max_evaluations == 0) {
    throw std::invalid_argument("SMM: at least one start and one evaluation are needed");
  }
  if (!(options.initial_step > 0.0 && options.initial_step <= 0.5) || !(options.xtol > 0.0)) {
    throw std::invalid_argument("SMM: initial step must lie in (0, 0.5] and xtol be > 0");
  }
  if (!options.initial_guess.empty() && options.initial_guess.size() != space.dimension()) {
    throw std::invalid_argument("SMM: an initial guess needs one value per parameter (" +
                                std::to_string(space.dimension()) + "), not " +
                                std::to_string(options.initial_guess.size()));
  }
  return Driver(space, targets, simulator, options).run();
}

} // namespace removalsim::analysis::calibration
