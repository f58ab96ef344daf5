#include "removalsim/analysis/calibration/smm.h"

#include "removalsim/analysis/calibration/smm_objective.h"

#include <nlopt.hpp>

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

// Runs the optimisation; keeps track of the best point over all evaluations, so an interrupt (or
// an optimiser ending elsewhere than its best point) still yields the best point seen.
class Driver {
public:
  Driver(const ParameterSpace &space, const std::vector<Target> &targets,
         const Simulator &simulator, const SmmOptions &options)
      : space_(space), objective_(targets), simulator_(simulator), options_(options) {}

  SmmResult run() {
    SmmResult result;
    const auto starts = sobol_points(space_, options_.starts);
    for (std::size_t s = 0; s < starts.size() && !interrupted_; ++s) {
      result.starts.push_back(local(s, starts[s]));
    }
    if (error_) {
      std::rethrow_exception(error_);
    }
    result.evaluations = total_evaluations_;
    result.interrupted = interrupted_;
    result.estimate = best_theta_;
    result.objective = best_value_;
    if (interrupted_ || best_theta_.empty()) {
      return result;
    }
    result.errors =
        smm_standard_errors(space_, objective_.targets(), simulator_, best_theta_, options_.seed,
                            options_.replications, options_.jacobian_step);
    const std::size_t fresh =
        options_.fresh_replications == 0 ? options_.replications : options_.fresh_replications;
    const auto moments =
        simulator_({SimulationRequest{best_theta_, options_.fresh_seed, 0, fresh}});
    check_shape(moments, 1, fresh);
    result.fit = fit_targets(objective_.targets(), moments.front());
    result.fresh_objective = objective_(mean_moments(moments.front()));
    return result;
  }

private:
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

  double evaluate(std::span<const double> unit, std::size_t start) {
    if (options_.stop != nullptr && options_.stop->load()) {
      interrupted_ = true;
      throw nlopt::forced_stop();
    }
    const std::vector<double> theta = space_.from_unit(unit);
    double value = 0.0;
    try {
      const auto moments =
          simulator_({SimulationRequest{theta, options_.seed, 0, options_.replications}});
      check_shape(moments, 1, options_.replications);
      value = objective_(mean_moments(moments.front()));
    } catch (const engine::Stopped &) {
      // Stopped during the evaluation: it is abandoned, the best point so far stands.
      interrupted_ = true;
      throw nlopt::forced_stop();
    } catch (...) {
      // NLopt would swallow the exception into a bare "nlopt failure": keep it and stop.
      error_ = std::current_exception();
      throw nlopt::forced_stop();
    }
    ++evaluations_;
    ++total_evaluations_;
    if (value < start_best_value_) {
      start_best_value_ = value;
      start_best_theta_ = theta;
    }
    if (value < best_value_) {
      best_value_ = value;
      best_theta_ = theta;
    }
    if (options_.progress) {
      options_.progress(SmmProgress{start, options_.starts, evaluations_, total_evaluations_, value,
                                    best_value_});
    }
    return value;
  }

  SmmStart local(std::size_t index, const std::vector<double> &start) {
    const std::size_t d = space_.dimension();
    // Powell's BOBYQA needs at least two variables; in one dimension use Sbplx.
    const bool bobyqa = options_.optimiser == LocalOptimiser::bobyqa && d >= 2;
    nlopt::opt opt(bobyqa ? nlopt::LN_BOBYQA : nlopt::LN_SBPLX, static_cast<unsigned>(d));
    opt.set_lower_bounds(std::vector<double>(d, 0.0));
    opt.set_upper_bounds(std::vector<double>(d, 1.0));
    opt.set_xtol_abs(options_.xtol);
    opt.set_ftol_rel(options_.ftol_rel);
    opt.set_maxeval(static_cast<int>(options_.max_evaluations));
    opt.set_initial_step(options_.initial_step);
    struct Context {
      Driver *driver;
      std::size_t start;
    } context{this, index};
    opt.set_min_objective(
        [](unsigned n, const double *x, double *, void *data) {
          auto *c = static_cast<Context *>(data);
          return c->driver->evaluate(std::span<const double>(x, n), c->start);
        },
        &context);
    evaluations_ = 0;
    start_best_value_ = std::numeric_limits<double>::infinity();
    start_best_theta_.clear();
    std::vector<double> x = space_.to_unit(start);
    double value = 0.0;
    SmmStart out;
    out.start = start;
    try {
      out.status = status_text(opt.optimize(x, value));
    } catch (const nlopt::forced_stop &) {
      out.status = error_ ? "failed" : "interrupted";
    } catch (const nlopt::roundoff_limited &) {
      out.status = "roundoff limited";
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
  std::exception_ptr error_;
  bool interrupted_ = false;
  std::size_t evaluations_ = 0;
  std::size_t total_evaluations_ = 0;
  double start_best_value_ = std::numeric_limits<double>::infinity();
  std::vector<double> start_best_theta_;
  double best_value_ = std::numeric_limits<double>::infinity();
  std::vector<double> best_theta_;
};

} // namespace

std::string_view local_optimiser_name(LocalOptimiser optimiser) {
  return optimiser == LocalOptimiser::sbplx ? "sbplx" : "bobyqa";
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
  return Driver(space, targets, simulator, options).run();
}

} // namespace removalsim::analysis::calibration
