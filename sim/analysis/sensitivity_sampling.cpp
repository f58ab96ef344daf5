#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/sampling.h"
#include "removalsim/engine/random_stream.h"

#include <boost/random/sobol.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace removalsim::analysis::sensitivity {

namespace {

// Purpose number of the Morris design's random streams ("Morris" in ASCII), distinct from the
// model's purposes so a design never shares numbers with the runs it drives.
constexpr std::uint64_t kMorrisPurpose = 0x4d6f72726973ULL;
// Boost's Sobol table has direction numbers for this many dimensions.
constexpr std::size_t kMaxSobolDimension = 3667;

bool is_power_of_two(std::size_t n) noexcept { return n != 0 && (n & (n - 1)) == 0; }

} // namespace

std::vector<double> scale_to_bounds(std::span<const double> unit, std::span<const Factor> factors) {
  if (unit.size() != factors.size()) {
    throw std::invalid_argument("scale_to_bounds: " + std::to_string(unit.size()) +
                                " coordinates for " + std::to_string(factors.size()) + " factors");
  }
  std::vector<double> scaled(unit.size());
  for (std::size_t i = 0; i < unit.size(); ++i) {
    scaled[i] = factors[i].low + unit[i] * (factors[i].high - factors[i].low);
  }
  return scaled;
}

PointSet sobol_sequence(std::size_t count, std::size_t dimension, std::size_t skip) {
  if (dimension == 0 || dimension > kMaxSobolDimension) {
    throw std::invalid_argument("sobol_sequence: dimension " + std::to_string(dimension) +
                                " outside 1.." + std::to_string(kMaxSobolDimension));
  }
  boost::random::sobol engine(dimension);
  engine.discard(static_cast<boost::uintmax_t>(skip) * dimension);
  PointSet points(count, std::vector<double>(dimension));
  for (auto &point : points) {
    for (auto &x : point) {
      // Boost's sobol fills all 64 bits of its result: scale by 2^-64 to [0, 1).
      x = std::ldexp(static_cast<double>(engine()), -64);
    }
  }
  return points;
}

SaltelliDesign saltelli_design(std::size_t base_samples, std::size_t dimension, bool second_order,
                               std::size_t skip) {
  if (!is_power_of_two(base_samples) || base_samples < 2) {
    throw std::invalid_argument("saltelli_design: N = " + std::to_string(base_samples) +
                                " is not a power of two >= 2");
  }
  if (dimension == 0 || 2 * dimension > kMaxSobolDimension) {
    throw std::invalid_argument("saltelli_design: " + std::to_string(dimension) +
                                " factors, expected 1.." + std::to_string(kMaxSobolDimension / 2));
  }
  const PointSet base = sobol_sequence(base_samples, 2 * dimension, skip);
  SaltelliDesign design;
  design.base_samples = base_samples;
  design.dimension = dimension;
  design.second_order = second_order;
  const std::size_t blocks = second_order ? 2 * dimension + 2 : dimension + 2;
  design.points.assign(blocks * base_samples, std::vector<double>(dimension));
  for (std::size_t row = 0; row < base_samples; ++row) {
    const auto &sobol = base[row];
    auto &a = design.points[design.a(row)];
    auto &b = design.points[design.b(row)];
    for (std::size_t j = 0; j < dimension; ++j) {
      a[j] = sobol[j];
      b[j] = sobol[dimension + j];
    }
    for (std::size_t i = 0; i < dimension; ++i) {
      auto &ab = design.points[design.ab(i, row)];
      ab = a;
      ab[i] = b[i];
      if (second_order) {
        auto &ba = design.points[design.ba(i, row)];
        ba = b;
        ba[i] = a[i];
      }
    }
  }
  return design;
}

MorrisDesign morris_design(std::size_t dimension, std::size_t trajectories, std::size_t levels,
                           std::uint64_t seed) {
  if (dimension == 0) {
    throw std::invalid_argument("morris_design: no factor");
  }
  if (trajectories < 2) {
    throw std::invalid_argument("morris_design: " + std::to_string(trajectories) +
                                " trajectories, at least 2 are needed");
  }
  if (levels < 2 || levels % 2 != 0) {
    throw std::invalid_argument("morris_design: " + std::to_string(levels) +
                                " levels, expected an even number >= 2");
  }
  // On the grid of `levels` levels, the jump delta = p / (2 (p - 1)) is p/2 grid steps: work in
  // whole grid steps so that every coordinate is exactly a level.
  const std::size_t steps = levels - 1;
  const std::size_t jump = levels / 2;
  MorrisDesign design;
  design.trajectories = trajectories;
  design.dimension = dimension;
  design.levels = levels;
  design.delta = static_cast<double>(jump) / static_cast<double>(steps);
  design.points.reserve(trajectories * (dimension + 1));
  design.changed.reserve(trajectories * dimension);
  std::vector<std::size_t> grid(dimension);
  std::vector<int> direction(dimension);
  std::vector<std::size_t> order(dimension);
  for (std::size_t t = 0; t < trajectories; ++t) {
    engine::RandomStream stream(seed, t, kMorrisPurpose);
    // Base levels leave room for the jump: level + jump <= steps.
    boost::random::uniform_int_distribution<std::size_t> base_level(0, steps - jump);
    boost::random::uniform_int_distribution<int> coin(0, 1);
    for (std::size_t j = 0; j < dimension; ++j) {
      const std::size_t base = base_level(stream);
      direction[j] = coin(stream) == 1 ? 1 : -1;
      grid[j] = direction[j] > 0 ? base : base + jump;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t k = dimension; k > 1; --k) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, k - 1);
      std::swap(order[k - 1], order[pick(stream)]);
    }
    auto add_point = [&] {
      std::vector<double> point(dimension);
      for (std::size_t j = 0; j < dimension; ++j) {
        point[j] = static_cast<double>(grid[j]) / static_cast<double>(steps);
      }
      design.points.push_back(std::move(point));
    };
    add_point();
    for (const std::size_t factor : order) {
      grid[factor] = direction[factor] > 0 ? grid[factor] + jump : grid[factor] - jump;
      design.changed.push_back(factor);
      add_point();
    }
  }
  return design;
}

} // namespace removalsim::analysis::sensitivity
