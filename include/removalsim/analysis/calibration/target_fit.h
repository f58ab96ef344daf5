#pragma once

#include "removalsim/analysis/calibration/simulator.h"
#include "removalsim/analysis/calibration/targets.h"
#include "removalsim/engine/interval.h"

#include <cstdio>
#include <string>
#include <vector>

namespace removalsim::analysis::calibration {

/// How well one target is met at a parameter point.
struct TargetFit {
  std::string id;
  bool held_out = false;
  double reported = 0.0;
  /// Mean of the simulated moment over the replications (NaN ones left out), with its 95 %
  /// Student-t interval.
  engine::ConfidenceInterval simulated;
  /// (simulated mean − reported) / |reported|; NaN when reported is 0.
  double relative_error = 0.0;
  /// The target's relative tolerance, and whether |simulated mean − reported| is within it.
  double tolerance = 0.0;
  bool within_tolerance = false;
};

/// The fit of every target (fitted and held out) from the moments of one request.
std::vector<TargetFit> fit_targets(const std::vector<Target> &targets,
                                   const ReplicationMoments &moments);

/// Prints a table `target, reported, simulated, 95 % interval, relative error`, fitted targets
/// first, then held-out ones under their own heading.
void print_fit_table(std::FILE *out, const std::vector<TargetFit> &fit);

} // namespace removalsim::analysis::calibration
