#include "removalsim/engine/counter_table.h"

#include <algorithm>
#include <stdexcept>

namespace removalsim::engine {

double CounterTable::sum(std::size_t series, std::size_t first, std::size_t last) const noexcept {
  double total = 0.0;
  for (std::size_t bin = first; bin < last; ++bin) {
    total += at(bin, series);
  }
  return total;
}

void CounterTable::merge(const CounterTable &other) {
  if (other.series_ != series_ || other.values_.size() != values_.size()) {
    throw std::invalid_argument("CounterTable::merge: tables differ in shape");
  }
  std::transform(values_.begin(), values_.end(), other.values_.begin(), values_.begin(),
                 [](double a, double b) { return a + b; });
}

void CounterTable::zero() noexcept { std::fill(values_.begin(), values_.end(), 0.0); }

void CounterTable::zero_bins(std::size_t first, std::size_t last) noexcept {
  const auto begin = values_.begin() + static_cast<std::ptrdiff_t>(first * series_);
  const auto end = values_.begin() + static_cast<std::ptrdiff_t>(last * series_);
  std::fill(begin, end, 0.0);
}

} // namespace removalsim::engine
