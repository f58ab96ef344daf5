#pragma once

#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/stop_flag.h"

#include <memory>
#include <string>

namespace removalsim::cli {

/// How this process runs batches of work units, for the whole command: the ranks of an MPI job
/// when an MPI launcher (`mpirun`, `srun`) started it, else threads of this process. Under MPI,
/// every rank runs the command; only rank 0 prints to stdout and writes outputs (the others'
/// stdout goes to /dev/null). `main` creates one before parsing the command line.
class Execution {
public:
  /// Starts MPI when launched by an MPI launcher. Throws a user error when launched so by a build
  /// without MPI (each rank would run the whole command and write the same outputs).
  Execution(int &argc, char **&argv);
  Execution(const Execution &) = delete;
  Execution &operator=(const Execution &) = delete;
  ~Execution();

  /// An executor with `threads` threads per process (0: the cores, shared among a node's ranks).
  /// On one process it starts no further unit once `stop` is set; an MPI job is stopped by its
  /// launcher instead (stopping some ranks only would make them run different batches).
  static std::unique_ptr<analysis::UnitExecutor> executor(unsigned threads,
                                                          const engine::StopFlag *stop = nullptr);
  /// Whether several processes (MPI ranks) run the command together.
  static bool is_distributed() noexcept;
  /// Refuses (CLI::ValidationError, exit code 2) to run `command` in an MPI job of several ranks:
  /// for commands that do not spread their work, each rank would run all of it and write the same
  /// files.
  static void require_single_process(const std::string &command);
  /// Whether this process prints results and writes outputs.
  static bool is_coordinator() noexcept;
  /// `rank R of N: ` in a job of several processes (to prefix error messages), else empty.
  static std::string rank_prefix();
  /// After a failure this process has reported: ends every process of an MPI job with `code`
  /// (they would otherwise wait for this one forever). Does nothing without MPI.
  static void end_job_after_failure(int code) noexcept;
};

} // namespace removalsim::cli
