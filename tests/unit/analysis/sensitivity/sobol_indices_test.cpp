#include "test_functions.h"

#include "removalsim/analysis/sensitivity/factor.h"
#include "removalsim/analysis/sensitivity/sampling.h"
#include "removalsim/analysis/sensitivity/sobol_indices.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

using namespace removalsim::analysis::sensitivity;
using removalsim::test::GFunction;
using removalsim::test::Ishigami;
using removalsim::test::within_salib_tolerance;

namespace {

/// `x1`, `x2`... (built in two steps: GCC 12 warns falsely on "x" + std::to_string(...)).
std::string name_of(std::size_t i) {
  std::string name = "x";
  name += std::to_string(i + 1);
  return name;
}

/// Evaluates `f` on every point of `design`, scaled to `factors`.
template <class F>
std::vector<double> evaluate(const PointSet &points, const std::vector<Factor> &factors,
                             const F &f) {
  std::vector<double> y;
  y.reserve(points.size());
  for (const auto &unit : points) {
    y.push_back(f(scale_to_bounds(unit, factors)));
  }
  return y;
}

std::vector<Factor> ishigami_factors() {
  const double pi = std::numbers::pi;
  return {{"x1", -pi, pi}, {"x2", -pi, pi}, {"x3", -pi, pi}};
}

/// True when every index is within SALib's tolerance of its analytic value.
bool all_within(const std::vector<Estimate> &estimates, const std::vector<double> &expected) {
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!within_salib_tolerance(estimates[i].value, expected[i])) {
      return false;
    }
  }
  return true;
}

} // namespace

TEST_CASE("the Ishigami function's analytic indices are the published ones", "[sensitivity]") {
  const Ishigami f;
  const auto s1 = f.first_order();
  const auto st = f.total();
  REQUIRE(s1[0] == Approx(0.3139).margin(5e-5));
  REQUIRE(s1[1] == Approx(0.4424).margin(5e-5));
  REQUIRE(s1[2] == 0.0);
  REQUIRE(st[0] == Approx(0.5576).margin(5e-5));
  REQUIRE(st[1] == Approx(0.4424).margin(5e-5));
  REQUIRE(st[2] == Approx(0.2437).margin(5e-5));
}

TEST_CASE("Sobol indices of the Ishigami function within SALib's tolerances (N = 8192)",
          "[sensitivity][sobol]") {
  const Ishigami f;
  const auto factors = ishigami_factors();
  const auto design = saltelli_design(8192, 3, true);
  const auto y = evaluate(design.points, factors, f);
  const auto indices = sobol_indices(design, y, {200, 0.95, 7});
  const auto s1 = f.first_order();
  const auto st = f.total();
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("x" << i + 1 << ": S1 " << indices.first_order[i].value << " ["
             << indices.first_order[i].ci_low << ", " << indices.first_order[i].ci_high << "], ST "
             << indices.total[i].value << " [" << indices.total[i].ci_low << ", "
             << indices.total[i].ci_high << "]");
    CHECK(within_salib_tolerance(indices.first_order[i].value, s1[i]));
    CHECK(within_salib_tolerance(indices.total[i].value, st[i]));
    // Far better than SALib's tolerance on a quasi-random design of this size.
    CHECK(indices.first_order[i].value == Approx(s1[i]).margin(0.02));
    CHECK(indices.total[i].value == Approx(st[i]).margin(0.02));
    CHECK(indices.first_order[i].ci_low <= indices.first_order[i].value);
    CHECK(indices.first_order[i].value <= indices.first_order[i].ci_high);
    CHECK(indices.total[i].ci_low <= indices.total[i].value);
    CHECK(indices.total[i].value <= indices.total[i].ci_high);
  }
  // Second order: only x1 and x3 interact (S13 = 0.2437).
  CHECK(within_salib_tolerance(indices.second_order[0][1].value, 0.0));
  CHECK(within_salib_tolerance(indices.second_order[0][2].value, f.s13()));
  CHECK(within_salib_tolerance(indices.second_order[1][2].value, 0.0));
  CHECK(indices.variance == Approx(f.variance()).epsilon(0.02));
}

TEST_CASE("Sobol indices of the G function match the analytic ones (N = 8192)",
          "[sensitivity][sobol]") {
  const GFunction f{{0.0, 1.0, 4.5, 9.0, 99.0, 99.0, 99.0, 99.0}};
  std::vector<Factor> factors;
  for (std::size_t i = 0; i < f.a.size(); ++i) {
    factors.push_back({name_of(i), 0.0, 1.0});
  }
  const auto design = saltelli_design(8192, factors.size());
  const auto y = evaluate(design.points, factors, f);
  const auto indices = sobol_indices(design, y, {200, 0.95, 3});
  const auto s1 = f.first_order();
  const auto st = f.total();
  for (std::size_t i = 0; i < factors.size(); ++i) {
    INFO("x" << i + 1 << ": S1 " << indices.first_order[i].value << " (exact " << s1[i] << "), ST "
             << indices.total[i].value << " (exact " << st[i] << ")");
    CHECK(within_salib_tolerance(indices.first_order[i].value, s1[i]));
    CHECK(within_salib_tolerance(indices.total[i].value, st[i]));
    CHECK(indices.first_order[i].value == Approx(s1[i]).margin(0.01));
    CHECK(indices.total[i].value == Approx(st[i]).margin(0.01));
  }
}

TEST_CASE("the Ishigami checks reject a wrong estimator, a broken design and a too-small N",
          "[sensitivity][sobol]") {
  const Ishigami f;
  const auto factors = ishigami_factors();
  const auto design = saltelli_design(8192, 3);
  const auto y = evaluate(design.points, factors, f);
  const std::size_t n = design.base_samples;

  SECTION("a first-order estimator with f(A) where f(B) belongs") {
    double mean = 0.0;
    for (std::size_t r = 0; r < n; ++r) {
      mean += (y[design.a(r)] + y[design.b(r)]) / static_cast<double>(2 * n);
    }
    double variance = 0.0;
    for (std::size_t r = 0; r < n; ++r) {
      variance += (std::pow(y[design.a(r)] - mean, 2) + std::pow(y[design.b(r)] - mean, 2)) /
                  static_cast<double>(2 * n);
    }
    std::vector<Estimate> wrong(3);
    for (std::size_t i = 0; i < 3; ++i) {
      double sum = 0.0;
      for (std::size_t r = 0; r < n; ++r) {
        sum += (y[design.a(r)] - mean) * (y[design.ab(i, r)] - y[design.a(r)]);
      }
      wrong[i].value = sum / static_cast<double>(n) / variance;
    }
    REQUIRE_FALSE(all_within(wrong, f.first_order()));
  }

  SECTION("outputs of the AB_i blocks attributed to the wrong factors") {
    auto shuffled = y;
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t i = 0; i < 3; ++i) {
        shuffled[design.ab(i, r)] = y[design.ab((i + 1) % 3, r)];
      }
    }
    const auto indices = sobol_indices(design, shuffled, {0, 0.95, 1});
    REQUIRE_FALSE(all_within(indices.first_order, f.first_order()));
    REQUIRE_FALSE(all_within(indices.total, f.total()));
  }

  SECTION("N = 8 is too small") {
    const auto small = saltelli_design(8, 3);
    const auto indices = sobol_indices(small, evaluate(small.points, factors, f), {0, 0.95, 1});
    const bool first_ok = all_within(indices.first_order, f.first_order());
    const bool total_ok = all_within(indices.total, f.total());
    REQUIRE_FALSE((first_ok && total_ok));
  }
}

TEST_CASE("Sobol indices are exact for an additive function and invariant to a shift",
          "[sensitivity][sobol]") {
  // f = 2 x1 + x2 with x uniform on [0, 1]: variances 4/12 and 1/12, S = (0.8, 0.2, 0).
  const std::vector<Factor> factors{{"a", 0.0, 1.0}, {"b", 0.0, 1.0}, {"c", 0.0, 1.0}};
  const auto design = saltelli_design(1024, 3, true);
  auto f = [](std::span<const double> x) { return 2.0 * x[0] + x[1]; };
  const auto y = evaluate(design.points, factors, f);
  const auto indices = sobol_indices(design, y, {100, 0.95, 1});
  auto shifted = y;
  for (auto &v : shifted) {
    v += 1e6;
  }
  const auto shifted_indices = sobol_indices(design, shifted, {100, 0.95, 1});
  const std::vector<double> expected{0.8, 0.2, 0.0};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(indices.first_order[i].value == Approx(expected[i]).margin(0.01));
    CHECK(indices.total[i].value == Approx(expected[i]).margin(0.01));
    CHECK(shifted_indices.first_order[i].value ==
          Approx(indices.first_order[i].value).margin(1e-6));
    CHECK(shifted_indices.total[i].value == Approx(indices.total[i].value).margin(1e-6));
  }
  CHECK(indices.second_order[0][1].value == Approx(0.0).margin(0.02));
  CHECK(indices.second_order[0][2].value == Approx(0.0).margin(0.02));
  CHECK(indices.second_order[1][2].value == Approx(0.0).margin(0.02));
  // The total index of a factor that does nothing is exactly 0 (AB_c equals A).
  CHECK(indices.total[2].value == 0.0);
  CHECK(indices.total[2].ci_low == 0.0);
  CHECK(indices.total[2].ci_high == 0.0);
}

TEST_CASE("a constant output has undefined (NaN) indices", "[sensitivity][sobol]") {
  const auto design = saltelli_design(16, 2);
  const std::vector<double> y(design.points.size(), 3.0);
  const auto indices = sobol_indices(design, y, {10, 0.95, 1});
  CHECK(std::isnan(indices.first_order[0].value));
  CHECK(std::isnan(indices.total[1].value));
  CHECK(std::isnan(indices.total[1].ci_high));
}

TEST_CASE("sobol_indices refuses outputs that do not match the design", "[sensitivity][sobol]") {
  const auto design = saltelli_design(16, 2);
  const std::vector<double> y(design.points.size() - 1, 1.0);
  REQUIRE_THROWS_AS(sobol_indices(design, y), std::invalid_argument);
}
