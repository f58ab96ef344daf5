#include "simulation_options.h"
#include "number_options.h"

namespace removalsim::cli {

namespace {

/// `--out ""` (an unset shell variable) would otherwise mean "no output", silently.
const CLI::Validator kNotEmpty(
    [](std::string &text) -> std::string {
      return text.empty() ? "expected a path, got an empty one" : std::string();
    },
    "PATH", "not empty");

} // namespace

void add_simulation_options(CLI::App &command, SimulationOptions &options,
                            const SimulationOptionsSpec &spec) {
  options.replications = spec.default_replications;
  if (!spec.replications.empty()) {
    CLI::Option *replications =
        command.add_option("--replications,-r", options.replications, spec.replications)
            ->check(kWholeNumber)
            ->check(CLI::Range(spec.min_replications, spec.max_replications));
    if (spec.show_defaults) {
      replications->capture_default_str();
    }
  }
  if (!spec.seed.empty()) {
    CLI::Option *seed = command.add_option("--seed", options.seed, spec.seed)->check(kWholeNumber);
    if (spec.show_defaults) {
      seed->capture_default_str();
    }
  }
  if (!spec.threads.empty()) {
    command.add_option("--threads", options.threads, spec.threads)
        ->check(kWholeNumber)
        ->capture_default_str();
  }
  if (!spec.out.empty()) {
    command.add_option("--out", options.out, spec.out)->check(kNotEmpty);
  }
}

} // namespace removalsim::cli
