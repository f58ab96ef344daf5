#pragma once
// Internal: where a parameter of the catalogue (model/parameter_catalogue.h) may be written, and
// the suggestion of a close key for a typo.

#include "removalsim/model/parameter_catalogue.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace removalsim::scenario::detail {

/// The three kinds of parameter sections.
enum class Scope : std::uint8_t { national, country, profile };

/// True when a parameter of `level` may be set in `scope`.
bool allowed(model::ParameterLevel level, Scope scope) noexcept;

/// Optimal-string-alignment (Damerau–Levenshtein) distance between two keys.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `key` if it is close enough to be a likely typo, else "".
std::string closest(std::string_view key, std::span<const std::string_view> candidates);

} // namespace removalsim::scenario::detail
