#pragma once

#include "removalsim/analysis/checkpoint_error.h"
#include "removalsim/analysis/unit_executor.h"

#include <cstdint>
#include <filesystem>
#include <map>

namespace removalsim::analysis {

/// The finished units of a sweep, logged in its output directory so that a sweep that was
/// interrupted (killed) can resume where it stopped.
///
/// An append-only log, not a file rewritten at each unit: a header line with the design's
/// fingerprint, then one line per finished unit, `unit count value...`, values in their shortest
/// round-trip form so that a resumed sweep's outputs are byte-identical to an uninterrupted one's.
/// Each line goes out in one write(2), so a killed process leaves at most a torn last line (no
/// line break), which reading ignores; appending costs the same at the millionth unit as at the
/// first, where a rewritten file would grow quadratically.
class SweepCheckpoint {
public:
  /// The units finished so far according to `file`: none when it does not exist. Throws
  /// CheckpointError when it was written for another fingerprint or a complete line is malformed.
  static std::map<std::size_t, UnitResult> read(const std::filesystem::path &file,
                                                std::uint64_t fingerprint);

  /// Starts the log at `file` for `fingerprint` with the units already `finished` (written to a
  /// temporary file renamed over `file`), then keeps it open for `append`. Throws OutputError.
  SweepCheckpoint(std::filesystem::path file, std::uint64_t fingerprint,
                  const std::map<std::size_t, UnitResult> &finished);
  SweepCheckpoint(const SweepCheckpoint &) = delete;
  SweepCheckpoint &operator=(const SweepCheckpoint &) = delete;
  ~SweepCheckpoint();

  /// Logs a finished unit. Throws OutputError when the write fails.
  void append(std::size_t unit, const UnitResult &result);
  /// Closes and deletes the log: the sweep's outputs are complete.
  void remove();

private:
  std::filesystem::path file_;
  int descriptor_ = -1;
};

} // namespace removalsim::analysis
