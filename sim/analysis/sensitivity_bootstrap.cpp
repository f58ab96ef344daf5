#include "removalsim/analysis/sensitivity/bootstrap.h"
#include "removalsim/engine/random_stream.h"

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace removalsim::analysis::sensitivity {

namespace {

// Purpose number of the bootstrap's random streams ("Boot" in ASCII).
constexpr std::uint64_t kBootstrapPurpose = 0x426f6f74ULL;

} // namespace

double quantile(std::vector<double> values, double q) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  if (values.empty()) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  std::sort(values.begin(), values.end());
  const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (values[above] - values[below]);
}

std::vector<Estimate> bootstrap(std::size_t rows, const RowStatistic &statistic,
                                const BootstrapOptions &options) {
  if (rows == 0) {
    throw std::invalid_argument("bootstrap: no row");
  }
  if (!(options.level > 0.0 && options.level < 1.0)) {
    throw std::invalid_argument("bootstrap: the level must lie in (0, 1)");
  }
  std::vector<std::size_t> all(rows);
  std::iota(all.begin(), all.end(), std::size_t{0});
  const std::vector<double> full = statistic(all);
  std::vector<std::vector<double>> draws(full.size());
  for (auto &d : draws) {
    d.reserve(options.resamples);
  }
  std::vector<std::size_t> resample(rows);
  boost::random::uniform_int_distribution<std::size_t> pick(0, rows - 1);
  for (std::size_t b = 0; b < options.resamples; ++b) {
    engine::RandomStream stream(options.seed, 0, kBootstrapPurpose, b);
    for (auto &row : resample) {
      row = pick(stream);
    }
    const std::vector<double> values = statistic(resample);
    for (std::size_t k = 0; k < full.size(); ++k) {
      draws[k].push_back(values.at(k));
    }
  }
  const double tail = (1.0 - options.level) / 2.0;
  std::vector<Estimate> estimates(full.size());
  for (std::size_t k = 0; k < full.size(); ++k) {
    estimates[k].value = full[k];
    estimates[k].ci_low = quantile(draws[k], tail);
    estimates[k].ci_high = quantile(draws[k], 1.0 - tail);
  }
  return estimates;
}

} // namespace removalsim::analysis::sensitivity
