#include "commands.h"
#include "exit_codes.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/exact_chain.h"
#include "removalsim/engine/error.h"
#include "removalsim/model/model_error.h"
#include "removalsim/scenario/scenario_error.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char **argv) {
  using namespace removalsim::cli;
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
  add_demo_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &error) {
    return app.exit(error) == 0 ? kSuccess : kUserError;
  } catch (const removalsim::scenario::ScenarioError &error) {
    std::fprintf(stderr, "removalsim: error: %s\n", error.what());
    return kUserError;
  } catch (const removalsim::analysis::NotMarkovianError &error) {
    std::fprintf(stderr, "removalsim: the exact chain does not represent this scenario:\n");
    for (const auto &reason : error.violations()) {
      std::fprintf(stderr, "  - %s\n", reason.c_str());
    }
    return kUserError;
  } catch (const removalsim::analysis::OutputError &error) {
    std::fprintf(stderr, "removalsim: error: %s\n", error.what());
    return kOutputError;
  } catch (const removalsim::SimulationError &error) {
    std::fprintf(stderr, "removalsim: simulation error at day %g (entity %lld): %s\n", error.time(),
                 error.entity(), error.what());
    return kSimulationError;
  } catch (const removalsim::ModelError &error) {
    std::fprintf(stderr, "removalsim: model error: %s\n", error.what());
    return kSimulationError;
  } catch (const std::exception &error) {
    std::fprintf(stderr, "removalsim: internal error (please report): %s\n", error.what());
    return kInternalError;
  }
  return kSuccess;
}
