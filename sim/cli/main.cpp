#include "commands.h"

#include "removalsim/engine/error.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char **argv) {
  CLI::App app{"removalsim: discrete-event simulation of removal-procedure throughput"};
  app.set_version_flag("--version", std::string("removalsim ") + REMOVALSIM_VERSION);
  app.require_subcommand(1);
  removalsim::cli::add_demo_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &error) {
    return app.exit(error);
  } catch (const removalsim::SimulationError &error) {
    std::fprintf(stderr, "removalsim: simulation error at t=%g: %s\n", error.time(), error.what());
    return 3;
  } catch (const removalsim::Error &error) {
    std::fprintf(stderr, "removalsim: %s\n", error.what());
    return 3;
  } catch (const std::exception &error) {
    std::fprintf(stderr, "removalsim: internal error: %s\n", error.what());
    return 4;
  }
  return 0;
}
