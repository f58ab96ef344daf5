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
#include <utility>

namespace removalsim::cli {

namespace {

/// One or two examples at the end of each command's --help (the README's tour has more).
void add_examples(CLI::App &app) {
  const std::pair<const char *, const char *> examples[] = {
      {"run",
       "  removalsim run scenarios/france.yaml -r 20 --out out/france\n"
       "  removalsim run scenarios/france.yaml --set countries.MA.lpc.delay[1].value.mean=10"},
      {"check", "  removalsim check scenarios/whatif/morocco-2021-cooperation.yaml"},
      {"compare",
       "  removalsim compare scenarios/france.yaml --targets scenarios/targets/france.yaml"},
      {"diff",
       "  removalsim diff scenarios/france.yaml scenarios/whatif/detention-3000-places.yaml\n"
       "  removalsim diff scenarios/france.yaml scenarios/france.yaml "
       "--set national.detention.max_days=210"},
      {"calibrate", "  removalsim calibrate scenarios/france-uncalibrated.yaml --targets "
                    "scenarios/targets/france.yaml --free scenarios/calibration/france-free.yaml "
                    "--out calibrated.yaml"},
      {"exact", "  removalsim exact scenarios/examples/markovian.yaml"},
      {"sensitivity", "  removalsim sensitivity scenarios/france.yaml --params "
                      "scenarios/sensitivity/levers.yaml --out out/levers"},
      {"sweep", "  removalsim sweep scenarios/sweeps/detention-places.yaml --out out/places"},
  };
  for (const auto &[command, text] : examples) {
    app.get_subcommand(command)->footer(std::string("\nExamples:\n") + text +
                                        "\n\nMetrics and their units: docs/metrics.md");
  }
}

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
  add_examples(app);
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
