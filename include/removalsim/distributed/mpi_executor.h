#pragma once

#include "removalsim/analysis/unit_executor.h"
#include "removalsim/distributed/mpi_session.h"

#include <cstdint>

namespace removalsim::distributed {

/// Spreads each batch of units over the ranks of an MPI job, with threads inside each rank.
///
/// Every rank runs the same command (SPMD) and calls `run` with the same units and an equivalent
/// body; only unit indices and results travel. Rank 0 computes units on its own threads and, on
/// its main thread, hands out contiguous chunks of units (as many as a rank has threads) to the
/// other ranks as they ask for them — dynamic scheduling, so a slow chunk does not stall the
/// rest. The main thread polls with short sleeps instead of blocking in MPI: OpenMPI's blocking
/// calls spin, and a spinning dispatcher would take a core from the workers. When every unit is
/// done, rank 0 sends all results to every rank, so each rank returns the same result.
///
/// A unit that throws on rank 0 makes `run` rethrow there; on another rank the exception leaves
/// `run` there. Either way the caller must end the job (MpiSession::abort), since the other ranks
/// wait for messages that will not come.
class MpiExecutor final : public analysis::UnitExecutor {
public:
  /// `threads` compute threads per rank; 0: the node's cores divided among its ranks (at least 1).
  MpiExecutor(const MpiSession &session, unsigned threads);

  std::vector<analysis::UnitResult> run(std::size_t units, const analysis::UnitBody &body,
                                        const analysis::UnitDone &done = {}) override;
  std::vector<double> share(std::vector<double> values) override;
  bool is_coordinator() const noexcept override { return session_.rank() == 0; }

  /// Compute threads on this rank.
  unsigned threads() const noexcept { return threads_; }

private:
  std::vector<analysis::UnitResult> coordinate(std::size_t units, const analysis::UnitBody &body,
                                               const analysis::UnitDone &done);
  std::vector<analysis::UnitResult> serve(std::size_t units, const analysis::UnitBody &body);

  const MpiSession &session_;
  unsigned threads_;
  /// Batches run so far: ranks check that they are all in the same one.
  std::uint64_t batch_ = 0;
};

} // namespace removalsim::distributed
