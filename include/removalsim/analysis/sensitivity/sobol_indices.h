#pragma once

#include "removalsim/analysis/sensitivity/bootstrap.h"
#include "removalsim/analysis/sensitivity/sampling.h"

#include <span>
#include <vector>

namespace removalsim::analysis::sensitivity {

/// Sobol indices of one output with 95 % (or `BootstrapOptions::level`) percentile intervals.
struct SobolIndices {
  std::vector<Estimate> first_order; ///< S1_i, Saltelli et al. (2010)
  std::vector<Estimate> total;       ///< ST_i, Jansen (1999)
  /// S2_ij for i < j at [i][j] (Saltelli 2002); empty without second order. [i][j] for i >= j is
  /// unused (NaN).
  std::vector<std::vector<Estimate>> second_order;
  double variance = 0.0; ///< variance of the outputs on A and B together
};

/// The estimators of SALib's `sobol.analyze` on the outputs of `design` (`outputs[k]` is the
/// model's value at `design.points[k]`), with V = Var(f(A) ∪ f(B)):
///   S1_i  = mean(f(B) (f(AB_i) - f(A))) / V
///   ST_i  = mean((f(A) - f(AB_i))^2) / (2 V)
///   S2_ij = mean(f(BA_i) f(AB_j) - f(A) f(B)) / V - S1_i - S1_j
/// Outputs are centred first (the estimators are then exact for constant shifts). Intervals
/// resample the N rows (each row carries its A, B, AB and BA values). A zero variance gives NaN
/// indices. Throws std::invalid_argument when `outputs` does not match the design.
SobolIndices sobol_indices(const SaltelliDesign &design, std::span<const double> outputs,
                           const BootstrapOptions &bootstrap_options = {});

} // namespace removalsim::analysis::sensitivity
