#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>

namespace removalsim::cli {

/// Silences every Progress and the calibration's reporters (`--quiet`).
void set_quiet_progress(bool quiet);
/// Whether `--quiet` was given.
bool quiet_progress();

/// A duration as a person reads it: `0.4 s`, `12 s`, `3 min 05 s`, `1 h 02 min`.
std::string duration_text(double seconds);

/// Progress of a long command on stderr, with the time elapsed and an estimate of the time left.
/// Silent for the first second (short commands stay clean) and under `--quiet`; then a live line
/// on a terminal, or one line every few seconds elsewhere (logs, pipes, notebooks), and a last
/// line when the work is done. Callable as an `engine::ProgressCallback` (calls serialized).
class Progress {
public:
  using Clock = std::function<double()>; ///< seconds since any fixed origin

  explicit Progress(std::string label);
  /// For tests: writes to `out`, as to a terminal or not, with time read from `clock`.
  Progress(std::string label, std::FILE *out, bool terminal, Clock clock);

  void operator()(std::size_t done, std::size_t total) const;

  /// Seconds between two lines when the output is not a terminal.
  static constexpr double kLinePeriod = 5.0;

private:
  std::string label_;
  std::FILE *out_;
  bool terminal_;
  Clock clock_;
  double started_;
  mutable double last_shown_ = -1.0;
};

} // namespace removalsim::cli
