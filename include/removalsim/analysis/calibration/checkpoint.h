#pragma once

#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/checkpoint_error.h"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace removalsim::analysis::calibration {

/// The simulations a calibration has completed, recorded in a file so that an interrupted
/// calibration can resume. A simulator's result depends on its request only (common random
/// numbers), and SMM and ABC-SMC are deterministic given those results: a resumed calibration
/// starts over, gets every recorded request answered from the file at once, and goes on from
/// where the interrupted one stopped, to a result identical to an uninterrupted run's.
class EvaluationCheckpoint {
public:
  /// Records into `file`; `identity` names the calibration (e.g. its command line), and a file
  /// written under another identity is refused by `load`. With `writes_file` false the record is
  /// read and kept in memory but never written: for the other processes of an MPI job, which must
  /// answer the same requests from the record as the one that writes it.
  EvaluationCheckpoint(std::filesystem::path file, std::string identity, bool writes_file = true);

  /// Reads the simulations recorded by an earlier run of the same calibration and returns how
  /// many there are; throws CheckpointError when the file is missing, malformed or of another
  /// calibration.
  std::size_t load();

  /// `simulator` with the record in front: recorded requests are answered from it, the others
  /// are simulated and recorded, and the file is rewritten atomically (temporary file, then
  /// rename) after every batch, so an interrupt never leaves it half-written. The checkpoint must
  /// outlive the returned simulator.
  Simulator wrap(Simulator simulator);

  /// Removes the file (once the calibration has finished).
  void remove() const;

  /// Requests answered from the record so far.
  std::size_t replayed() const noexcept { return replayed_; }

private:
  void save() const;

  std::filesystem::path file_;
  std::string identity_;
  bool writes_file_;
  /// Request (as its exact text) → its replications' moments.
  std::map<std::string, ReplicationMoments> record_;
  std::size_t replayed_ = 0;
};

} // namespace removalsim::analysis::calibration
