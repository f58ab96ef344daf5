#pragma once
// Test functions of global sensitivity analysis with their analytic Sobol indices.

#include <cmath>
#include <numbers>
#include <span>
#include <vector>

namespace removalsim::test {

/// Ishigami and Homma (1990): f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi).
struct Ishigami {
  double a = 7.0;
  double b = 0.1;

  double operator()(std::span<const double> x) const {
    return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) +
           b * std::pow(x[2], 4) * std::sin(x[0]);
  }
  double variance() const {
    const double pi4 = std::pow(std::numbers::pi, 4);
    const double pi8 = pi4 * pi4;
    return 0.5 + a * a / 8.0 + b * pi4 / 5.0 + b * b * pi8 / 18.0;
  }
  /// V1, V2, V3 over the variance.
  std::vector<double> first_order() const {
    const double pi4 = std::pow(std::numbers::pi, 4);
    const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
    return {v1 / variance(), a * a / 8.0 / variance(), 0.0};
  }
  /// S13, the only interaction.
  double s13() const {
    const double pi8 = std::pow(std::numbers::pi, 8);
    return 8.0 * b * b * pi8 / 225.0 / variance();
  }
  std::vector<double> total() const {
    const auto s = first_order();
    return {s[0] + s13(), s[1], s[2] + s13()};
  }
};

/// Sobol's G function: f(x) = prod_i (|4 x_i - 2| + a_i) / (1 + a_i), x_i ~ U(0, 1). With
/// V_i = 1 / (3 (1 + a_i)^2) and V = prod (1 + V_i) - 1: S1_i = V_i / V,
/// ST_i = V_i prod_{j != i} (1 + V_j) / V.
struct GFunction {
  std::vector<double> a;

  double operator()(std::span<const double> x) const {
    double product = 1.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      product *= (std::abs(4.0 * x[i] - 2.0) + a[i]) / (1.0 + a[i]);
    }
    return product;
  }
  std::vector<double> partial_variances() const {
    std::vector<double> v;
    for (const double ai : a) {
      v.push_back(1.0 / (3.0 * (1.0 + ai) * (1.0 + ai)));
    }
    return v;
  }
  double variance() const {
    double product = 1.0;
    for (const double vi : partial_variances()) {
      product *= 1.0 + vi;
    }
    return product - 1.0;
  }
  std::vector<double> first_order() const {
    std::vector<double> s;
    for (const double vi : partial_variances()) {
      s.push_back(vi / variance());
    }
    return s;
  }
  std::vector<double> total() const {
    const auto v = partial_variances();
    std::vector<double> st;
    for (std::size_t i = 0; i < v.size(); ++i) {
      double others = 1.0;
      for (std::size_t j = 0; j < v.size(); ++j) {
        if (j != i) {
          others *= 1.0 + v[j];
        }
      }
      st.push_back(v[i] * others / variance());
    }
    return st;
  }
};

/// SALib's own acceptance test of its Sobol estimators (tests/test_regression.py):
/// `assert_allclose(actual, expected, atol=5e-2, rtol=1e-1)`, i.e.
/// |actual - expected| <= 0.05 + 0.1 |expected|.
inline bool within_salib_tolerance(double actual, double expected) {
  return std::abs(actual - expected) <= 5e-2 + 1e-1 * std::abs(expected);
}

} // namespace removalsim::test
