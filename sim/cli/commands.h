#pragma once

#include <CLI/CLI.hpp>

namespace removalsim::cli {

/// Registers `removalsim demo`: an M/M/c queue simulated by the engine next to Erlang C.
void add_demo_command(CLI::App &app);

} // namespace removalsim::cli
