#pragma once

namespace removalsim::cli {

/// The `removalsim` command: starts MPI when an MPI launcher started the process, parses the
/// command line, runs the command, and maps every error to its exit code (exit_codes.h) and one
/// line on stderr. `main` of the removalsim executable and of its test build (tests/cli).
int removalsim_main(int argc, char **argv);

} // namespace removalsim::cli
