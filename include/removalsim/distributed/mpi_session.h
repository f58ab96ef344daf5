#pragma once

namespace removalsim::distributed {

/// MPI for the life of the object: MPI_Init_thread at construction, MPI_Finalize at destruction.
/// Only the thread that created the session calls MPI (MPI_THREAD_FUNNELED): compute threads
/// never do. One session per process.
class MpiSession {
public:
  /// Initialises MPI; throws a user error (removalsim::Error) when the library cannot give FUNNELED
  /// threads.
  MpiSession(int &argc, char **&argv);
  MpiSession(const MpiSession &) = delete;
  MpiSession &operator=(const MpiSession &) = delete;
  ~MpiSession();

  /// This process's rank in MPI_COMM_WORLD, 0 the coordinator.
  int rank() const noexcept { return rank_; }
  /// The number of processes in the job.
  int size() const noexcept { return size_; }
  /// The number of ranks on this node (sharing its memory): a default thread count per rank of
  /// cores / ranks_on_node() does not oversubscribe the node.
  int ranks_on_node() const noexcept { return ranks_on_node_; }

  /// Ends every process of the job with exit code `code` (MPI_Abort). After a failure on one
  /// rank the others would otherwise wait forever for its messages.
  [[noreturn]] void abort(int code) const noexcept;

private:
  int rank_ = 0;
  int size_ = 1;
  int ranks_on_node_ = 1;
};

} // namespace removalsim::distributed
