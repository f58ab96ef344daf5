#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace removalsim::cli {

/// Scenario of `run` and `compare` when the command line names none.
inline constexpr const char *kDefaultScenario = "scenarios/france.yaml";
/// Replications of `run`, `compare` and `diff` when the command line does not say.
inline constexpr std::size_t kDefaultReplications = 10;
/// Seed of `run`, `compare`, `diff` and `demo` when the command line does not say.
inline constexpr std::uint64_t kDefaultSeed = 1;

/// The options the simulating commands share: how many replications, from which seed, on how
/// many threads, and where the results go. A command's options derive from it.
struct SimulationOptions {
  std::size_t replications = kDefaultReplications;
  std::uint64_t seed = kDefaultSeed;
  unsigned threads = 0; ///< 0: all cores
  std::string out;      ///< empty: no files written
};

/// Which of the shared options a command takes and what it says of them: an empty help text
/// leaves the option out.
struct SimulationOptionsSpec {
  std::string replications = "Independent replications";
  /// The value without `--replications` (0: the command's file or method decides).
  std::size_t default_replications = kDefaultReplications;
  std::size_t min_replications = 1;
  std::size_t max_replications = 1'000'000;
  std::string seed = "Random seed";
  std::string threads = "Worker threads (0: all cores)";
  std::string out{}; // `{}`: GCC warns of designated initializers that omit a member without one
  /// Shows the defaults of `--replications` and `--seed` in the help (false where a file the
  /// command reads supplies them, as its help text says).
  bool show_defaults = true;
};

/// Adds `--replications,-r N`, `--seed S`, `--threads T` and `--out PATH` to `command` as `spec`
/// says, bound to `options` (whose replications become `spec.default_replications`).
void add_simulation_options(CLI::App &command, SimulationOptions &options,
                            const SimulationOptionsSpec &spec);

} // namespace removalsim::cli
