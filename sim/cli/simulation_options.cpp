#include "simulation_options.h"

namespace removalsim::cli {

void add_simulation_options(CLI::App &command, SimulationOptions &options,
                            const SimulationOptionsSpec &spec) {
  options.replications = spec.default_replications;
  if (!spec.replications.empty()) {
    CLI::Option *replications =
        command.add_option("--replications,-r", options.replications, spec.replications)
            ->check(CLI::Range(spec.min_replications, spec.max_replications));
    if (spec.show_defaults) {
      replications->capture_default_str();
    }
  }
  if (!spec.seed.empty()) {
    CLI::Option *seed = command.add_option("--seed", options.seed, spec.seed);
    if (spec.show_defaults) {
      seed->capture_default_str();
    }
  }
  if (!spec.threads.empty()) {
    command.add_option("--threads", options.threads, spec.threads)->capture_default_str();
  }
  if (!spec.out.empty()) {
    command.add_option("--out", options.out, spec.out);
  }
}

} // namespace removalsim::cli
