#include "removalsim/queueing/theory.h"

#include <catch2/catch.hpp>

#include <limits>

#include <cmath>
#include <stdexcept>

using removalsim::queueing::erlang_b;
using removalsim::queueing::erlang_c;
using removalsim::queueing::mmc_mean_in_system;
using removalsim::queueing::mmc_mean_wait;

TEST_CASE("Erlang B on hand-computed and textbook values", "[queueing][theory]") {
  // B(c, a) = (a^c / c!) / sum_{k <= c} a^k / k!.
  // B(5, 3) = (243/120) / (1 + 3 + 9/2 + 27/6 + 81/24 + 243/120) = 81/736 = 0.110054...
  CHECK(erlang_b(5, 3.0) == Approx(81.0 / 736.0).epsilon(1e-14));
  CHECK(erlang_b(5, 3.0) == Approx(0.110054).margin(5e-7));
  CHECK(erlang_b(1, 1.0) == Approx(0.5).epsilon(1e-15));
  CHECK(erlang_b(2, 1.0) == Approx(0.2).epsilon(1e-15)); // (1/2) / (1 + 1 + 1/2)
  CHECK(erlang_b(1, 4.0) == Approx(0.8).epsilon(1e-15)); // a / (1 + a)
  // Large systems, where the closed form's factorials overflow a double; references from the
  // closed form evaluated with 60-digit arithmetic (mpmath).
  CHECK(erlang_b(50, 47.5) == Approx(0.078175603890340116).epsilon(1e-12));
  CHECK(erlang_b(100, 80.0) == Approx(0.0039920286045531975).epsilon(1e-12));
  CHECK(erlang_b(1000, 1000.0) == Approx(0.024811917646160408).epsilon(1e-12));
}

TEST_CASE("Erlang B at the edges", "[queueing][theory]") {
  CHECK(erlang_b(0, 0.0) == 1.0); // no server: everyone is lost
  CHECK(erlang_b(0, 2.5) == 1.0);
  CHECK(erlang_b(1, 0.0) == 0.0); // no load: nobody is lost
  CHECK(erlang_b(10, 0.0) == 0.0);
  // Blocking falls as servers are added and rises with the load.
  CHECK(erlang_b(6, 3.0) < erlang_b(5, 3.0));
  CHECK(erlang_b(5, 3.5) > erlang_b(5, 3.0));
}

TEST_CASE("Erlang C on hand-computed values", "[queueing][theory]") {
  // C = B / (1 - rho + rho B): C(5, 4) with B(5, 4) = 512/2133 is 128/231 = 0.554113.
  CHECK(erlang_c(5, 4.0) == Approx(128.0 / 231.0).epsilon(1e-14));
  CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0).epsilon(1e-14));
  // M/M/1: an arrival waits with probability rho.
  CHECK(erlang_c(1, 0.3) == Approx(0.3).epsilon(1e-15));
  CHECK(erlang_c(1, 0.9) == Approx(0.9).epsilon(1e-15));
  CHECK(erlang_c(3, 0.0) == 0.0);
  // Waiting is always at least as likely as blocking with the same servers and load.
  CHECK(erlang_c(5, 4.0) > erlang_b(5, 4.0));
}

TEST_CASE("M/M/c mean wait and mean number in system", "[queueing][theory]") {
  // M/M/1: Wq = rho / (mu - lambda), L = rho / (1 - rho).
  CHECK(mmc_mean_wait(0.5, 1.0, 1) == Approx(1.0).epsilon(1e-14));
  CHECK(mmc_mean_wait(0.9, 1.0, 1) == Approx(9.0).epsilon(1e-13));
  CHECK(mmc_mean_in_system(0.5, 1.0, 1) == Approx(1.0).epsilon(1e-14));
  CHECK(mmc_mean_in_system(0.9, 1.0, 1) == Approx(9.0).epsilon(1e-13));
  // M/M/2 at lambda = mu = 1: Wq = C / (c mu - lambda) = 1/3, L = 2 rho / (1 - rho^2) = 4/3.
  CHECK(mmc_mean_wait(1.0, 1.0, 2) == Approx(1.0 / 3.0).epsilon(1e-14));
  CHECK(mmc_mean_in_system(1.0, 1.0, 2) == Approx(4.0 / 3.0).epsilon(1e-14));
  // M/M/5 at lambda = 4, mu = 1: Wq = 128/231, L = 4 (128/231 + 1) = 1436/231.
  CHECK(mmc_mean_wait(4.0, 1.0, 5) == Approx(128.0 / 231.0).epsilon(1e-14));
  CHECK(mmc_mean_in_system(4.0, 1.0, 5) == Approx(1436.0 / 231.0).epsilon(1e-14));
  // Doubling both rates halves the times and keeps the numbers.
  CHECK(mmc_mean_wait(8.0, 2.0, 5) == Approx(64.0 / 231.0).epsilon(1e-14));
  CHECK(mmc_mean_in_system(8.0, 2.0, 5) == Approx(1436.0 / 231.0).epsilon(1e-14));
  // No arrivals: no wait, nobody in the system.
  CHECK(mmc_mean_wait(0.0, 1.0, 3) == 0.0);
  CHECK(mmc_mean_in_system(0.0, 1.0, 3) == 0.0);
}

TEST_CASE("closed forms reject arguments outside their domain", "[queueing][theory]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(erlang_b(3, nan), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b(3, std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(3, nan), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b(-1, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_b(1, -0.1), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(0, 0.5), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(-2, 0.5), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(5, 5.0), std::invalid_argument); // rho = 1: no steady state
  CHECK_THROWS_AS(erlang_c(5, 6.0), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(1, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(mmc_mean_wait(1.0, 1.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(mmc_mean_wait(2.0, 1.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(mmc_mean_wait(1.0, 0.0, 1), std::invalid_argument); // infinite load
  CHECK_THROWS_AS(mmc_mean_wait(1.0, -1.0, 1), std::invalid_argument);
  CHECK_THROWS_AS(mmc_mean_wait(1.0, 1.0, 0), std::invalid_argument);
  CHECK_THROWS_AS(mmc_mean_in_system(5.0, 1.0, 5), std::invalid_argument);
  CHECK_THROWS_AS(mmc_mean_in_system(-1.0, 1.0, 5), std::invalid_argument);
}
