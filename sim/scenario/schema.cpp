#include "schema.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace removalsim::scenario::detail {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

} // namespace

bool allowed(model::ParameterLevel level, Scope scope) noexcept {
  using enum model::ParameterLevel;
  switch (level) {
  case per_case:
    return true;
  case shared:
    return scope == Scope::national;
  case country_only:
    return scope == Scope::country;
  case profile_only:
    return scope == Scope::profile;
  }
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // d[i][j]: distance between the first i characters of a and the first j of b (case-blind).
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t & { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) {
    at(i, 0) = i;
  }
  for (std::size_t j = 0; j <= m; ++j) {
    at(0, j) = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(n, m);
}

std::string closest(std::string_view key, std::span<const std::string_view> candidates) {
  // Close enough: at most a third of the key's letters wrong (at least one, at most three).
  const std::size_t limit = std::clamp<std::size_t>(key.size() / 3, 1, 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto candidate : candidates) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance && distance < key.size()) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

} // namespace removalsim::scenario::detail
