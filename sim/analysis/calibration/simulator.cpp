#include "removalsim/analysis/calibration/simulator.h"

#include <cmath>
#include <limits>

namespace removalsim::analysis::calibration {

std::vector<double> mean_moments(const ReplicationMoments &moments) {
  if (moments.empty()) {
    return {};
  }
  const std::size_t k = moments.front().size();
  std::vector<double> sums(k, 0.0);
  std::vector<std::size_t> counts(k, 0);
  for (const auto &row : moments) {
    for (std::size_t i = 0; i < k && i < row.size(); ++i) {
      if (!std::isnan(row[i])) {
        sums[i] += row[i];
        ++counts[i];
      }
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    sums[i] = counts[i] == 0 ? std::numeric_limits<double>::quiet_NaN()
                             : sums[i] / static_cast<double>(counts[i]);
  }
  return sums;
}

} // namespace removalsim::analysis::calibration
