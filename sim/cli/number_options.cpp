#include "number_options.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace removalsim::cli {

namespace {

std::optional<double> finite_number(const std::string &text) {
  double value = 0.0;
  const char *end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

} // namespace

const CLI::Validator kWholeNumber(
    [](std::string &text) -> std::string {
      std::uint64_t value = 0;
      const char *end = text.data() + text.size();
      const auto [stop, error] = std::from_chars(text.data(), end, value);
      if (text.empty() || error != std::errc() || stop != end) {
        return "expected a whole number from 0 to 18446744073709551615 (digits only), got " + text;
      }
      return {};
    },
    "WHOLE NUMBER", "whole number");

const CLI::Validator kPositiveFiniteNumber(
    [](std::string &text) -> std::string {
      const auto value = finite_number(text);
      if (!value || !(*value > 0.0)) {
        return "expected a finite number > 0, got " + text;
      }
      return {};
    },
    "POSITIVE", "positive finite number");

const CLI::Validator kFiniteNumber(
    [](std::string &text) -> std::string {
      if (!finite_number(text)) {
        return "expected a finite number, got " + text;
      }
      return {};
    },
    "NUMBER", "finite number");

} // namespace removalsim::cli
