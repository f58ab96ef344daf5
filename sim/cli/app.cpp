#include "app.h"
#include "commands.h"
#include "execution.h"
#include "exit_codes.h"
#include "interrupt.h"
#include "run_limits.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/checkpoint_error.h"
#include "removalsim/analysis/exact_chain.h"
#include "removalsim/engine/error.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/model/model_error.h"
#include "removalsim/scenario/scenario_error.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

namespace removalsim::cli {

namespace {

int interrupted_exit(int signal) {
  std::fprintf(stderr, "removalsim: interrupted by %s\n", signal == SIGTERM ? "SIGTERM" : "SIGINT");
  return kInterruptedBase + signal;
}

/// Parses the command line and runs the command; maps every error to its exit code and one line
/// on stderr (prefixed with the rank in an MPI job: any rank may fail).
int run_command(int argc, char **argv) {
  const std::string rank = Execution::rank_prefix();
  CLI::App app{"removalsim: discrete-event simulation of removal-procedure throughput"};
  app.set_version_flag("--version", std::string("removalsim ") + REMOVALSIM_VERSION);
  app.require_subcommand(1);
  add_run_command(app);
  add_check_command(app);
  add_compare_command(app);
  add_diff_command(app);
  add_calibrate_command(app);
  add_exact_command(app);
  add_sensitivity_command(app);
  add_sweep_command(app);
  add_demo_command(app);
  try {
    app.parse(argc, argv);
    if (interrupting_signal() != 0) {
      // The command finished what it could (calibrate writes its best point so far).
      return interrupted_exit(interrupting_signal());
    }
  } catch (const removalsim::engine::Stopped &) {
    return interrupted_exit(interrupting_signal() != 0 ? interrupting_signal() : SIGINT);
  } catch (const CLI::ParseError &error) {
    return app.exit(error) == 0 ? kSuccess : kUserError;
  } catch (const removalsim::scenario::ScenarioError &error) {
    std::fprintf(stderr, "removalsim: %serror: %s\n", rank.c_str(), error.what());
    return kUserError;
  } catch (const RunTooLargeError &error) {
    std::fprintf(stderr, "removalsim: %serror: %s\n", rank.c_str(), error.what());
    return kUserError;
  } catch (const removalsim::analysis::CheckpointError &error) {
    std::fprintf(stderr, "removalsim: %serror: %s\n", rank.c_str(), error.what());
    return kUserError;
  } catch (const removalsim::analysis::NotMarkovianError &error) {
    std::fprintf(stderr, "removalsim: %sthe exact chain does not represent this scenario:\n",
                 rank.c_str());
    for (const auto &reason : error.violations()) {
      std::fprintf(stderr, "  - %s\n", reason.c_str());
    }
    return kUserError;
  } catch (const removalsim::analysis::OutputError &error) {
    std::fprintf(stderr, "removalsim: %serror: %s\n", rank.c_str(), error.what());
    return kOutputError;
  } catch (const removalsim::SimulationError &error) {
    std::fprintf(stderr, "removalsim: %ssimulation error at day %g (entity %lld): %s\n",
                 rank.c_str(), error.time(), error.entity(), error.what());
    return kSimulationError;
  } catch (const removalsim::ModelError &error) {
    std::fprintf(stderr, "removalsim: %smodel error: %s\n", rank.c_str(), error.what());
    return kSimulationError;
  } catch (const std::exception &error) {
    std::fprintf(stderr, "removalsim: %sinternal error (please report): %s\n", rank.c_str(),
                 error.what());
    return kInternalError;
  }
  return kSuccess;
}

} // namespace

int removalsim_main(int argc, char **argv) {
  std::optional<Execution> execution;
  try {
    execution.emplace(argc, argv);
  } catch (const std::exception &error) {
    std::fprintf(stderr, "removalsim: error: %s\n", error.what());
    return kUserError;
  }
  const int code = run_command(argc, argv);
  if (code != kSuccess) {
    Execution::end_job_after_failure(code);
  }
  return code;
}

} // namespace removalsim::cli
