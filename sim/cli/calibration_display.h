#pragma once

#include "removalsim/analysis/calibration/abc_smc.h"
#include "removalsim/analysis/calibration/smm.h"
#include "removalsim/analysis/calibration/targets.h"
#include "removalsim/studies/calibration.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace removalsim::cli {

/// What `removalsim calibrate` shows of a calibration: its progress on stderr and its report on
/// stdout.

/// Progress of an SMM calibration on stderr, with the elapsed time and an upper bound of the time
/// left (from the simulations still in the budget): a live line on a terminal; otherwise one line
/// at each phase and every 20 evaluations, so that logs and notebooks show it too.
class SmmReporter {
public:
  explicit SmmReporter(bool terminal)
      : terminal_(terminal), started_(std::chrono::steady_clock::now()) {}

  void operator()(const analysis::calibration::SmmProgress &p);

private:
  bool terminal_;
  std::chrono::steady_clock::time_point started_;
  std::optional<analysis::calibration::SmmPhase> phase_;
  std::size_t next_line_ = 0;
};

/// Progress of an ABC-SMC calibration on stderr: a live line on a terminal, nothing otherwise.
struct AbcReporter {
  bool terminal;

  void operator()(const analysis::calibration::AbcProgress &p) const;
};

/// Prints each line of `lines` on stdout.
void print_lines(const std::vector<std::string> &lines);

/// The SMM method line on stdout, and a warning on stderr when the replications are too few for
/// the moments' covariance of `dimension` parameters.
void print_smm_method(const studies::CalibrationSettings &settings, std::size_t dimension);

/// An SMM outcome on stdout: phases, parameters, identifiability, objective (fresh on seed + 1).
void print_smm_outcome(const studies::CalibrationOutcome &outcome, std::uint64_t seed);

/// An ABC-SMC outcome on stdout: generations, then (when one completed) the posterior and the
/// posterior predictive of each target.
void print_abc_outcome(const studies::CalibrationOutcome &outcome,
                       const std::vector<analysis::calibration::Target> &targets);

} // namespace removalsim::cli
