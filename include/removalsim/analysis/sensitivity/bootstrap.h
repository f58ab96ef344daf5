#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace removalsim::analysis::sensitivity {

/// A sensitivity index (or any statistic) and its bootstrap confidence interval.
struct Estimate {
  double value = 0.0;
  double ci_low = 0.0;  ///< NaN when no resample was drawn
  double ci_high = 0.0; ///< NaN when no resample was drawn
};

/// How bootstrap intervals are drawn: `resamples` resamples of the rows with replacement from
/// engine::RandomStream(seed, 0, kBootstrapPurpose, b) for resample b, so intervals are fixed by
/// the seed; percentile intervals at `level`.
struct BootstrapOptions {
  std::size_t resamples = 1000;
  double level = 0.95;
  std::uint64_t seed = 1;
};

/// The linear-interpolation quantile (numpy's default) of `values` at probability q in [0, 1];
/// NaN values are ignored; NaN when none is left.
double quantile(std::vector<double> values, double q);

/// A statistic of a data set given as the row indices that make it up (a resample may repeat
/// rows); returns several numbers at once (e.g. one index per factor).
using RowStatistic = std::function<std::vector<double>(std::span<const std::size_t> rows)>;

/// The statistic on all `rows` rows (0..rows-1), each element with its percentile interval over
/// `options.resamples` resamples of the rows with replacement. Preconditions: rows >= 1.
std::vector<Estimate> bootstrap(std::size_t rows, const RowStatistic &statistic,
                                const BootstrapOptions &options);

} // namespace removalsim::analysis::sensitivity
