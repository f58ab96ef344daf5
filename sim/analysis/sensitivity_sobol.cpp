#include "removalsim/analysis/sensitivity/sobol_indices.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace removalsim::analysis::sensitivity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The design's outputs as rows: y[block][row], blocks A, B, AB_0.., BA_0.. as in SaltelliDesign.
class Blocks {
public:
  Blocks(const SaltelliDesign &design, std::span<const double> outputs) : design_(design) {
    // Centre on the mean of A and B: the estimators' sampling error then does not grow with the
    // output's offset (SALib standardises for the same reason).
    double sum = 0.0;
    for (std::size_t r = 0; r < design.base_samples; ++r) {
      sum += outputs[design.a(r)] + outputs[design.b(r)];
    }
    const double mean = sum / static_cast<double>(2 * design.base_samples);
    // A constant output has no variance to share out; computed, it would be rounding noise.
    double lowest = outputs[design.a(0)];
    double highest = lowest;
    for (std::size_t r = 0; r < design.base_samples; ++r) {
      for (const double y : {outputs[design.a(r)], outputs[design.b(r)]}) {
        lowest = std::min(lowest, y);
        highest = std::max(highest, y);
      }
    }
    constant_ = lowest == highest;
    centred_.reserve(outputs.size());
    for (const double y : outputs) {
      centred_.push_back(y - mean);
    }
  }
  double a(std::size_t r) const { return centred_[design_.a(r)]; }
  double b(std::size_t r) const { return centred_[design_.b(r)]; }
  double ab(std::size_t i, std::size_t r) const { return centred_[design_.ab(i, r)]; }
  double ba(std::size_t i, std::size_t r) const { return centred_[design_.ba(i, r)]; }
  /// True when f(A) and f(B) are all equal.
  bool constant() const noexcept { return constant_; }

private:
  const SaltelliDesign &design_;
  std::vector<double> centred_;
  bool constant_ = false;
};

/// All indices on the rows `rows` (a resample may repeat rows), laid out as
/// [V, S1_0..S1_{D-1}, ST_0..ST_{D-1}, S2 for i < j in row-major order].
std::vector<double> estimate(const SaltelliDesign &design, const Blocks &y,
                             std::span<const std::size_t> rows) {
  const std::size_t d = design.dimension;
  const auto n = static_cast<double>(rows.size());
  double sum = 0.0;
  double sum_squares = 0.0;
  for (const std::size_t r : rows) {
    sum += y.a(r) + y.b(r);
    sum_squares += y.a(r) * y.a(r) + y.b(r) * y.b(r);
  }
  const double mean = sum / (2.0 * n);
  const double variance = y.constant() ? 0.0 : sum_squares / (2.0 * n) - mean * mean;
  std::vector<double> out;
  out.reserve(1 + 2 * d + d * (d - 1) / 2);
  out.push_back(variance);
  const bool degenerate = !(variance > 0.0);
  std::vector<double> first(d);
  std::vector<double> total(d);
  for (std::size_t i = 0; i < d; ++i) {
    double first_sum = 0.0;
    double total_sum = 0.0;
    for (const std::size_t r : rows) {
      const double difference = y.ab(i, r) - y.a(r);
      first_sum += y.b(r) * difference;
      total_sum += difference * difference;
    }
    first[i] = degenerate ? kNaN : first_sum / n / variance;
    total[i] = degenerate ? kNaN : total_sum / (2.0 * n) / variance;
  }
  out.insert(out.end(), first.begin(), first.end());
  out.insert(out.end(), total.begin(), total.end());
  if (design.second_order) {
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t j = i + 1; j < d; ++j) {
        double joint = 0.0;
        for (const std::size_t r : rows) {
          joint += y.ba(i, r) * y.ab(j, r) - y.a(r) * y.b(r);
        }
        out.push_back(degenerate ? kNaN : joint / n / variance - first[i] - first[j]);
      }
    }
  }
  return out;
}

} // namespace

SobolIndices sobol_indices(const SaltelliDesign &design, std::span<const double> outputs,
                           const BootstrapOptions &bootstrap_options) {
  if (outputs.size() != design.points.size()) {
    throw std::invalid_argument("sobol_indices: " + std::to_string(outputs.size()) +
                                " outputs for a design of " + std::to_string(design.points.size()) +
                                " points");
  }
  const Blocks y(design, outputs);
  const std::size_t d = design.dimension;
  const auto estimates = bootstrap(
      design.base_samples,
      [&](std::span<const std::size_t> rows) { return estimate(design, y, rows); },
      bootstrap_options);
  SobolIndices indices;
  indices.variance = estimates[0].value;
  indices.first_order.assign(estimates.begin() + 1, estimates.begin() + 1 + static_cast<long>(d));
  indices.total.assign(estimates.begin() + 1 + static_cast<long>(d),
                       estimates.begin() + 1 + static_cast<long>(2 * d));
  if (design.second_order) {
    indices.second_order.assign(d, std::vector<Estimate>(d, Estimate{kNaN, kNaN, kNaN}));
    auto next = estimates.begin() + 1 + static_cast<long>(2 * d);
    for (std::size_t i = 0; i < d; ++i) {
      for (std::size_t j = i + 1; j < d; ++j) {
        indices.second_order[i][j] = *next++;
      }
    }
  }
  return indices;
}

} // namespace removalsim::analysis::sensitivity
