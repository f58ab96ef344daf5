#include "removalsim/analysis/sensitivity/index_table.h"

#include "removalsim/analysis/run_output.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace removalsim::analysis::sensitivity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

IndexRow row(const std::string &parameter, std::string index, const Estimate &estimate) {
  return {parameter, std::move(index), estimate.value, estimate.ci_low, estimate.ci_high};
}

} // namespace

std::vector<IndexRow> index_rows(std::span<const Factor> factors, const SobolIndices &indices) {
  std::vector<IndexRow> rows;
  const std::size_t d = factors.size();
  for (std::size_t i = 0; i < d; ++i) {
    rows.push_back(row(factors[i].name, "S1", indices.first_order.at(i)));
    rows.push_back(row(factors[i].name, "ST", indices.total.at(i)));
    if (!indices.second_order.empty()) {
      for (std::size_t j = 0; j < d; ++j) {
        if (j != i) {
          const Estimate &pair = indices.second_order.at(std::min(i, j)).at(std::max(i, j));
          rows.push_back(row(factors[i].name, "S2:" + factors[j].name, pair));
        }
      }
    }
  }
  return rows;
}

std::vector<IndexRow> index_rows(std::span<const Factor> factors,
                                 const std::vector<MorrisFactor> &measures) {
  std::vector<IndexRow> rows;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const MorrisFactor &m = measures.at(i);
    rows.push_back({factors[i].name, "mu", m.mu, kNaN, kNaN});
    rows.push_back(row(factors[i].name, "mu_star", m.mu_star));
    rows.push_back({factors[i].name, "sigma", m.sigma, kNaN, kNaN});
  }
  return rows;
}

void write_sensitivity_csv(std::ostream &out, const std::vector<IndexRow> &rows) {
  out << "parameter,index,value,ci_low,ci_high\n";
  for (const auto &r : rows) {
    out << csv_field(r.parameter) << ',' << csv_field(r.index) << ',' << format_number(r.value)
        << ',' << format_number(r.ci_low) << ',' << format_number(r.ci_high) << '\n';
  }
}

std::vector<std::size_t> rank_by(std::span<const Factor> factors, const std::vector<IndexRow> &rows,
                                 const std::string &index) {
  std::vector<double> key(factors.size(), kNaN);
  for (std::size_t i = 0; i < factors.size(); ++i) {
    for (const auto &r : rows) {
      if (r.parameter == factors[i].name && r.index == index) {
        key[i] = r.value;
        break;
      }
    }
  }
  std::vector<std::size_t> order(factors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (std::isnan(key[y])) {
      return !std::isnan(key[x]);
    }
    return !std::isnan(key[x]) && key[x] > key[y];
  });
  return order;
}

} // namespace removalsim::analysis::sensitivity
