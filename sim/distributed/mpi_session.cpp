#include "removalsim/distributed/mpi_session.h"
#include "removalsim/engine/error.h"

#include <mpi.h>

#include <cstdlib>

namespace removalsim::distributed {

MpiSession::MpiSession(int &argc, char **&argv) {
  int provided = MPI_THREAD_SINGLE;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    // The user's to fix: launch with an MPI library built with thread support.
    throw Error(ErrorCategory::user, "the MPI library does not allow threads beside the MPI "
                                     "calls (MPI_THREAD_FUNNELED)");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &ranks_on_node_);
  MPI_Comm_free(&node);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::abort(int code) const noexcept {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code); // MPI_Abort does not return; this only satisfies [[noreturn]].
}

} // namespace removalsim::distributed
