// The removalsim command with the faults the sweep tests inject (sim/cli/sweep_faults.h), read
// from the environment so that a test, or mpirun for one rank, can set them:
// REMOVALSIM_TEST_KILL_AFTER_UNITS=N makes the coordinator SIGKILL itself once N units are in the
// checkpoint (an operator's `kill -9` at that moment); REMOVALSIM_TEST_FAIL_UNITS=1 makes every
// unit this process computes fail (a rank that breaks mid-sweep).
#include "app.h"
#include "sweep_faults.h"

#include "removalsim/engine/simulation_error.h"

#include <csignal>
#include <cstddef>
#include <cstdlib>
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
  return removalsim::cli::removalsim_main(argc, argv);
}
