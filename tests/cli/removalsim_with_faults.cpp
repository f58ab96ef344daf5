// The removalsim command with the faults the sweep tests inject (sim/cli/sweep_faults.h), read
// from the environment so that a test, or mpirun for one rank, can set them:
// REMOVALSIM_TEST_KILL_AFTER_UNITS=N makes the coordinator SIGKILL itself once N units are in the
// checkpoint (an operator's `kill -9` at that moment); REMOVALSIM_TEST_FAIL_UNITS=1 makes every
// unit this process computes fail (a rank that breaks mid-sweep);
// REMOVALSIM_TEST_KILL_AT_OUTPUT_STEP=synced|swapped makes the command SIGKILL itself at that step
// of writing its output set (before and after the swap that puts it in place).
#include "app.h"
#include "sweep_faults.h"

#include "removalsim/analysis/output_set.h"

#include "removalsim/engine/simulation_error.h"

#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

int main(int argc, char **argv) {
  removalsim::cli::SweepFaults faults;
  if (const char *kill = std::getenv("REMOVALSIM_TEST_KILL_AFTER_UNITS")) {
    const std::size_t after = std::strtoull(kill, nullptr, 10);
    faults.after_checkpointed = [after](std::size_t checkpointed) {
      if (checkpointed == after) {
        std::raise(SIGKILL);
      }
    };
  }
  if (const char *fail = std::getenv("REMOVALSIM_TEST_FAIL_UNITS");
      fail != nullptr && std::string_view(fail) == "1") {
    faults.before_unit = [](std::size_t unit) {
      throw removalsim::SimulationError("injected failure (REMOVALSIM_TEST_FAIL_UNITS)", 0.0,
                                        static_cast<long long>(unit));
    };
  }
  removalsim::cli::set_sweep_faults(std::move(faults));
  if (const char *step = std::getenv("REMOVALSIM_TEST_KILL_AT_OUTPUT_STEP")) {
    removalsim::analysis::set_output_commit_hook(
        [kill_at = std::string(step)](std::string_view at) {
          if (at == kill_at) {
            std::raise(SIGKILL);
          }
        });
  }
  return removalsim::cli::removalsim_main(argc, argv);
}
