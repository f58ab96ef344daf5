#include "execution.h"

#include "removalsim/engine/error.h"

#include <CLI/CLI.hpp>

#ifdef REMOVALSIM_WITH_MPI
#include "removalsim/distributed/mpi_executor.h"
#include "removalsim/distributed/mpi_session.h"
#endif

#include <cstdio>
#include <cstdlib>
#include <optional>

namespace removalsim::cli {

namespace {

/// Whether an MPI launcher started this process: OpenMPI's mpirun, PMIx launchers (OpenMPI 5,
/// `srun --mpi=pmix`) and PMI-1/2 launchers (MPICH's Hydra, `srun --mpi=pmi2`) each set one of
/// these in every process they start. A plain command line never starts MPI, so it stays as fast
/// and quiet as a build without MPI.
bool launched_by_mpi() noexcept {
  for (const char *variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"}) {
    if (std::getenv(variable) != nullptr) {
      return true;
    }
  }
  return false;
}

#ifdef REMOVALSIM_WITH_MPI
std::optional<distributed::MpiSession> g_session;

bool distributed_run() noexcept { return g_session.has_value() && g_session->size() > 1; }
#endif

} // namespace

Execution::Execution([[maybe_unused]] int &argc, [[maybe_unused]] char **&argv) {
  if (!launched_by_mpi()) {
    return;
  }
#ifdef REMOVALSIM_WITH_MPI
  g_session.emplace(argc, argv);
  if (g_session->rank() != 0 && std::freopen("/dev/null", "w", stdout) == nullptr) {
    throw Error(ErrorCategory::output, "rank " + std::to_string(g_session->rank()) +
                                           " cannot silence its standard output");
  }
#else
  throw Error(ErrorCategory::user,
              "this removalsim was built without MPI (REMOVALSIM_WITH_MPI=OFF): run it without "
              "mpirun/srun, or rebuild it with MPI");
#endif
}

Execution::~Execution() {
#ifdef REMOVALSIM_WITH_MPI
  g_session.reset();
#endif
}

std::unique_ptr<analysis::UnitExecutor> Execution::executor(unsigned threads,
                                                            const engine::StopFlag *stop) {
#ifdef REMOVALSIM_WITH_MPI
  if (distributed_run()) {
    return std::make_unique<distributed::MpiExecutor>(*g_session, threads);
  }
#endif
  return std::make_unique<analysis::ThreadExecutor>(threads, stop);
}

bool Execution::is_distributed() noexcept {
#ifdef REMOVALSIM_WITH_MPI
  return distributed_run();
#else
  return false;
#endif
}

void Execution::require_single_process(const std::string &command) {
  if (is_distributed()) {
    throw CLI::ValidationError(command, "does not spread over MPI ranks: run it without "
                                        "mpirun/srun (`sweep`, `calibrate`, `sensitivity` and "
                                        "`compare` do)");
  }
}

bool Execution::is_coordinator() noexcept {
#ifdef REMOVALSIM_WITH_MPI
  return !g_session.has_value() || g_session->rank() == 0;
#else
  return true;
#endif
}

std::string Execution::rank_prefix() {
#ifdef REMOVALSIM_WITH_MPI
  if (distributed_run()) {
    return "rank " + std::to_string(g_session->rank()) + " of " +
           std::to_string(g_session->size()) + ": ";
  }
#endif
  return {};
}

void Execution::end_job_after_failure([[maybe_unused]] int code) noexcept {
#ifdef REMOVALSIM_WITH_MPI
  if (distributed_run()) {
    std::fflush(stderr);
    g_session->abort(code);
  }
#endif
}

} // namespace removalsim::cli
