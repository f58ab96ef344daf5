#pragma once

#include <CLI/CLI.hpp>

namespace removalsim::cli {

/// Registers `removalsim demo`: an M/M/c queue simulated by the engine next to Erlang C.
void add_demo_command(CLI::App &app);

/// Registers `removalsim run`: replications of a scenario, a yearly summary, CSV/JSON outputs.
void add_run_command(CLI::App &app);

/// Registers `removalsim exact`: the absorbing-chain solution of a Markovian scenario.
void add_exact_command(CLI::App &app);

/// Registers `removalsim calibrate`: fits free scenario parameters to published figures.
void add_calibrate_command(CLI::App &app);

/// Registers `removalsim check`: validates a scenario and prints it resolved, with provenance.
void add_check_command(CLI::App &app);

/// Registers `removalsim sensitivity`: Morris screening or Sobol indices of a scenario's outputs.
void add_sensitivity_command(CLI::App &app);

/// Registers `removalsim compare`: a scenario's replications against a targets file.
void add_compare_command(CLI::App &app);

/// Registers `removalsim diff`: paired differences of a what-if from a base scenario.
void add_diff_command(CLI::App &app);

/// Registers `removalsim sweep`: a design's points x replications, on threads or MPI ranks.
void add_sweep_command(CLI::App &app);

} // namespace removalsim::cli
