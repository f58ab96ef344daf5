#include "removalsim/queueing/theory.h"

#include <cmath>
#include <stdexcept>

namespace removalsim::queueing {

double erlang_b(int servers, double offered_load) {
  if (servers < 0 || !(offered_load >= 0.0) || !std::isfinite(offered_load)) {
    throw std::invalid_argument("erlang_b: need servers >= 0 and offered load >= 0");
  }
  // The recursion B(k) = a B(k-1) / (k + a B(k-1)) is stable where the closed form overflows.
  double blocking = 1.0;
  for (int k = 1; k <= servers; ++k) {
    blocking = offered_load * blocking / (k + offered_load * blocking);
  }
  return blocking;
}

double erlang_c(int servers, double offered_load) {
  if (servers < 1 || !(offered_load >= 0.0) || !(offered_load < servers)) {
    throw std::invalid_argument("erlang_c: need servers >= 1 and 0 <= offered load < servers");
  }
  const double b = erlang_b(servers, offered_load);
  const double rho = offered_load / servers;
  return b / (1.0 - rho + rho * b);
}

double mmc_mean_wait(double arrival_rate, double service_rate, int servers) {
  const double a = arrival_rate / service_rate;
  return erlang_c(servers, a) / (servers * service_rate - arrival_rate);
}

double mmc_mean_in_system(double arrival_rate, double service_rate, int servers) {
  // Little's law on the whole system: L = lambda (Wq + 1/mu).
  return arrival_rate * (mmc_mean_wait(arrival_rate, service_rate, servers) + 1.0 / service_rate);
}

} // namespace removalsim::queueing
