#include "app.h"
#include "commands.h"
#include "execution.h"
#include "exit_codes.h"
#include "failure_report.h"
#include "interrupt.h"
#include "invocation.h"
#include "progress.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/engine/stop_flag.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

namespace removalsim::cli {

namespace {

void add_commands(CLI::App &app) {
  app.set_version_flag("--version", std::string("removalsim ") + REMOVALSIM_VERSION);
  app.add_flag_callback(
      "--quiet,-q", [] { set_quiet_progress(true); },
      "No progress lines on stderr (errors and the names of files written still appear)");
  // Subcommands inherit fallthrough: `--quiet` may follow the command (`removalsim run -q`).
  app.fallthrough();
  app.require_subcommand(1);
  add_run_command(app);
  add_check_command(app);
  add_compare_command(app);
  add_diff_command(app);
  add_calibrate_command(app);
  add_exact_command(app);
  add_sensitivity_command(app);
  add_sweep_command(app);
  add_demo_command(app);
}

/// What a command printed reaches its reader only if the standard output took it: a full disk
/// behind `> file` is an output failure, like one of `--out`.
void check_standard_output() {
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout) {
    throw analysis::OutputError("cannot write the standard output (disk full?); what was "
                                "printed is incomplete");
  }
}

/// The signal that stopped the command; SIGINT when a stop came without one.
int stopping_signal() { return interrupting_signal() != 0 ? interrupting_signal() : SIGINT; }

} // namespace

int removalsim_main(int argc, char **argv) {
  CLI::App app{"removalsim: discrete-event simulation of removal-procedure throughput"};
  add_commands(app);
  // Beyond a file size limit (`ulimit -f`), a write fails (an output error, exit 3, the previous
  // outputs kept) instead of the process being killed without a word.
  std::signal(SIGXFSZ, SIG_IGN);
  std::optional<Execution> execution;
  int code = kSuccess;
  remember_command_line(argc, argv);
  try {
    execution.emplace(argc, argv);
    app.parse(argc, argv);
    if (interrupting_signal() != 0) {
      // The command finished what it could (calibrate writes its best point so far).
      throw engine::Stopped();
    }
    check_standard_output();
  } catch (const CLI::ParseError &error) {
    // CLI11 prints its own messages, and --help and --version arrive as "errors" meaning success.
    code = app.exit(error) == 0 ? kSuccess : exit_code(ErrorCategory::user, 0);
  } catch (...) {
    code = report_failure(std::current_exception(), Execution::rank_prefix(), stopping_signal());
  }
  if (code != kSuccess) {
    Execution::end_job_after_failure(code);
  }
  return code;
}

} // namespace removalsim::cli
