#pragma once

#include <cstddef>
#include <vector>

namespace removalsim::engine {

/// A dense table of counters: `bins` rows (e.g. months) × `series` columns (e.g. one per
/// (group, metric)), stored row-major in one array so updates are an index computation and an add.
class CounterTable {
public:
  CounterTable() = default;
  /// A table of zeros.
  CounterTable(std::size_t bins, std::size_t series) : series_(series), values_(bins * series) {}
  std::size_t bins() const noexcept { return series_ == 0 ? 0 : values_.size() / series_; }
  std::size_t series() const noexcept { return series_; }
  /// Adds `amount` to cell (bin, series). Preconditions: bin < bins(), series < series().
  void add(std::size_t bin, std::size_t series, double amount = 1.0) noexcept {
    values_[bin * series_ + series] += amount;
  }
  /// The value of cell (bin, series).
  double at(std::size_t bin, std::size_t series) const noexcept {
    return values_[bin * series_ + series];
  }
  /// Sum of one series over bins [first, last).
  double sum(std::size_t series, std::size_t first, std::size_t last) const noexcept;
  /// Adds every cell of `other` (same shape) to this table.
  void merge(const CounterTable &other);
  /// Sets every cell to zero.
  void zero() noexcept;
  /// Sets every cell of bins [first, last) to zero.
  void zero_bins(std::size_t first, std::size_t last) noexcept;

private:
  std::size_t series_ = 0;
  std::vector<double> values_;
};

} // namespace removalsim::engine
