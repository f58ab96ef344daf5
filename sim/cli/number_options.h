#pragma once
// Strict validators for the command line's numbers: CLI11 alone wraps `-1` into an unsigned
// option, clamps what does not fit (`2^64`, `1e23`) to the largest value, and lets `nan` through
// its range checks, so that different requests silently became the same one.

#include <CLI/CLI.hpp>

namespace removalsim::cli {

/// Decimal digits only (no sign, fraction or exponent), at most 2^64 - 1: the unsigned options
/// (seeds, counts) accept exactly what a study file accepts.
extern const CLI::Validator kWholeNumber;
/// A finite number > 0 (not `nan`, not `inf`).
extern const CLI::Validator kPositiveFiniteNumber;
/// A finite number (not `nan`, not `inf`), for options with a range check of their own.
extern const CLI::Validator kFiniteNumber;

} // namespace removalsim::cli
