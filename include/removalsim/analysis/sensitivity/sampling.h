#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace removalsim::analysis::sensitivity {

/// Points of the unit hypercube, one row per point.
using PointSet = std::vector<std::vector<double>>;

/// The first `count` points of the `dimension`-dimensional Sobol low-discrepancy sequence in
/// [0, 1)^dimension, after skipping `skip` points, from Boost.Random's `sobol` engine (Joe and Kuo
/// direction numbers). Boost's sequence starts at its second point (0.5, ..., 0.5): the origin is
/// never returned. Preconditions: 1 <= dimension <= 3667 (Boost's table).
PointSet sobol_sequence(std::size_t count, std::size_t dimension, std::size_t skip = 0);

/// Saltelli's design for Sobol indices, as in SALib's `saltelli`/`sobol` samplers: matrices A and
/// B are the two halves of a 2D-dimensional Sobol sequence of N points; AB_i is A with column i
/// taken from B; BA_i (second order only) is B with column i taken from A.
///
/// `points` holds the blocks one after the other, each N rows: A, B, AB_0..AB_{D-1}, then
/// BA_0..BA_{D-1} when `second_order` — N(D + 2) points, or N(2D + 2) with second order. A model
/// output vector in the same order is what `sobol_indices` analyses.
struct SaltelliDesign {
  std::size_t base_samples = 0; ///< N, a power of two
  std::size_t dimension = 0;    ///< D
  bool second_order = false;
  PointSet points;

  /// Index in `points` of row `row` of A, B, AB_i and BA_i.
  std::size_t a(std::size_t row) const noexcept { return row; }
  std::size_t b(std::size_t row) const noexcept { return base_samples + row; }
  std::size_t ab(std::size_t factor, std::size_t row) const noexcept {
    return (2 + factor) * base_samples + row;
  }
  std::size_t ba(std::size_t factor, std::size_t row) const noexcept {
    return (2 + dimension + factor) * base_samples + row;
  }
};

/// The Saltelli design of `base_samples` (N) rows for `dimension` (D) factors, from the Sobol
/// sequence of dimension 2D after `skip` points. Throws std::invalid_argument unless N is a power
/// of two (>= 2) and 1 <= D <= 1833.
SaltelliDesign saltelli_design(std::size_t base_samples, std::size_t dimension,
                               bool second_order = false, std::size_t skip = 0);

/// Morris's design of `trajectories` one-at-a-time trajectories on a `levels`-level grid
/// {0, 1/(p-1), ..., 1}, with the jump delta = p / (2 (p - 1)) (SALib's defaults: 4 levels, jump
/// 2/3). Trajectory t occupies points t(D+1) .. t(D+1)+D; point k+1 differs from point k in the
/// factor `changed[t * D + k]` only, by +delta or -delta. Each factor changes exactly once per
/// trajectory, in a random order and direction from a random base point (Morris 1991,
/// Campolongo et al. 2007), drawn from engine::RandomStream(seed, t, ...): the design depends only
/// on its arguments.
struct MorrisDesign {
  std::size_t trajectories = 0; ///< r
  std::size_t dimension = 0;    ///< D
  std::size_t levels = 0;       ///< p
  double delta = 0.0;           ///< the jump, in unit-cube coordinates
  PointSet points;              ///< r (D + 1) points
  std::vector<std::size_t> changed;

  /// Index in `points` of point `step` (0..D) of trajectory `trajectory`.
  std::size_t point(std::size_t trajectory, std::size_t step) const noexcept {
    return trajectory * (dimension + 1) + step;
  }
};

/// The Morris design. Throws std::invalid_argument unless trajectories >= 2, dimension >= 1 and
/// levels is even and >= 2.
MorrisDesign morris_design(std::size_t dimension, std::size_t trajectories = 20,
                           std::size_t levels = 4, std::uint64_t seed = 1);

} // namespace removalsim::analysis::sensitivity
