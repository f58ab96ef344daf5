// The reader of a distribution map (`{dist: gamma, mean: 26, sd: 15}`) or a fixed number of days:
// the laws a scenario may name, their parameters, and the errors of each.

#include "values.h"

#include "schema.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace removalsim::scenario::detail {

namespace {

using model::Distribution;

constexpr std::string_view kDelayExpected = "a number of days or a distribution map `{dist: ...}`";

struct Law {
  std::string_view name;
  Distribution::Kind kind;
  std::array<std::string_view, 2> parameters;
  std::string_view listing;
};

constexpr std::array kLaws{
    Law{"fixed", Distribution::Kind::fixed, {"value", ""}, "`value`"},
    Law{"exponential", Distribution::Kind::exponential, {"mean", ""}, "`mean`"},
    Law{"uniform", Distribution::Kind::uniform, {"low", "high"}, "`low` and `high`"},
    Law{"lognormal", Distribution::Kind::lognormal, {"mean", "sd"}, "`mean` and `sd`"},
    Law{"gamma", Distribution::Kind::gamma, {"mean", "sd"}, "`mean` and `sd`"},
    Law{"empirical",
        Distribution::Kind::empirical,
        {"values", "weights"},
        "`values` and `weights`"},
};

} // namespace

Distribution ValueReader::distribution(const Node &node, const std::string &path) const {
  const NumberRule &delay = model::kDelay;
  if (node.is_scalar()) {
    const double value = parse_number(node, path, kDelayExpected);
    check_range(node, path, delay, value);
    return Distribution::fixed(value);
  }
  if (!node.is_map()) {
    throw errors::wrong_type(where(node.mark, path), kDelayExpected, describe(node));
  }
  const Entry *dist = node.find("dist");
  if (dist == nullptr) {
    throw errors::missing_distribution_name(where(node.mark, join(path, "dist")));
  }
  const std::string name = text(dist->value, join(path, "dist"), "a distribution name");
  const Law *law = nullptr;
  for (const auto &candidate : kLaws) {
    if (candidate.name == name) {
      law = &candidate;
    }
  }
  if (law == nullptr) {
    std::vector<std::string_view> names;
    names.reserve(kLaws.size());
    for (const auto &candidate : kLaws) {
      names.push_back(candidate.name);
    }
    throw errors::unknown_distribution(where(dist->value.mark, join(path, "dist")), name,
                                       closest(name, names));
  }
  std::vector<std::string_view> parameters;
  for (const auto parameter : law->parameters) {
    if (!parameter.empty()) {
      parameters.push_back(parameter);
    }
  }
  for (const auto &entry : node.entries) {
    if (entry.key != "dist" &&
        std::find(parameters.begin(), parameters.end(), entry.key) == parameters.end()) {
      throw errors::unknown_distribution_parameter(where(entry.key_mark, join(path, entry.key)),
                                                   law->name, entry.key, law->listing,
                                                   closest(entry.key, parameters));
    }
  }
  std::array<const Node *, 2> given{};
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const Entry *entry = node.find(parameters[i]);
    if (entry == nullptr) {
      throw errors::missing_distribution_parameter(where(node.mark, join(path, parameters[i])),
                                                   law->name, parameters[i]);
    }
    given[i] = &entry->value;
  }
  auto plain = [&](std::size_t i) {
    return parse_number(*given[i], join(path, parameters[i]), "a number");
  };
  auto at = [&](std::size_t i) { return where(given[i]->mark, join(path, parameters[i])); };
  auto delay_parameter = [&](std::size_t i) {
    const double value = plain(i);
    check_range(*given[i], join(path, parameters[i]), delay, value);
    return value;
  };

  switch (law->kind) {
  case Distribution::Kind::fixed:
    return Distribution::fixed(delay_parameter(0));
  case Distribution::Kind::exponential: {
    const double mean = plain(0);
    if (!(mean > 0.0)) {
      throw errors::distribution_mean_not_positive(at(0), law->name, given[0]->text);
    }
    check_range(*given[0], join(path, parameters[0]), delay, mean);
    return Distribution::exponential(mean);
  }
  case Distribution::Kind::uniform: {
    const double low = delay_parameter(0);
    const double high = plain(1);
    if (high < low) {
      throw errors::uniform_bounds(at(1), given[0]->text, given[1]->text);
    }
    check_range(*given[1], join(path, parameters[1]), delay, high);
    return Distribution::uniform(low, high);
  }
  case Distribution::Kind::lognormal:
  case Distribution::Kind::gamma: {
    const double mean = plain(0);
    const double sd = plain(1);
    if (!(mean > 0.0)) {
      throw errors::distribution_mean_not_positive(at(0), law->name, given[0]->text);
    }
    if (sd < 0.0) {
      throw errors::distribution_sd_negative(at(1), law->name, given[1]->text);
    }
    check_range(*given[0], join(path, parameters[0]), delay, mean);
    check_range(*given[1], join(path, parameters[1]), delay, sd);
    if (sd > model::kMaxCoefficientOfVariation * mean) {
      throw errors::distribution_too_dispersed(at(1), law->name, model::kMaxCoefficientOfVariation,
                                               given[0]->text, given[1]->text);
    }
    return law->kind == Distribution::Kind::lognormal ? Distribution::lognormal(mean, sd)
                                                      : Distribution::gamma(mean, sd);
  }
  case Distribution::Kind::empirical: {
    auto list = [&](std::size_t i, const NumberRule &rule) {
      const Node &list_node = *given[i];
      const std::string list_path = join(path, parameters[i]);
      if (!list_node.is_sequence()) {
        throw errors::wrong_type(at(i), "a list of numbers", describe(list_node));
      }
      std::vector<double> numbers;
      for (std::size_t k = 0; k < list_node.items.size(); ++k) {
        const Node &item = list_node.items[k];
        const std::string item_path = list_path + '[' + std::to_string(k) + ']';
        const double value = parse_number(item, item_path, "a number");
        check_range(item, item_path, rule, value);
        numbers.push_back(value);
      }
      return numbers;
    };
    std::vector<double> values = list(0, delay);
    std::vector<double> weights = list(1, model::kEmpiricalWeight);
    if (values.empty()) {
      throw errors::empirical_empty(at(0));
    }
    if (values.size() != weights.size()) {
      throw errors::empirical_size_mismatch(at(1), values.size(), weights.size());
    }
    double total = 0.0;
    for (const double weight : weights) {
      total += weight;
    }
    if (!(total > 0.0)) {
      throw errors::empirical_zero_weights(at(1));
    }
    return Distribution::empirical(std::move(values), std::move(weights));
  }
  }
  return Distribution{};
}

} // namespace removalsim::scenario::detail
