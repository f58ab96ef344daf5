#include "values.h"

#include "schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace removalsim::scenario::detail {

namespace {

using model::Distribution;

constexpr std::array<std::string_view, 12> kMonths{"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};

std::string lowered(std::string_view text) {
  std::string result(text);
  for (auto &c : result) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return result;
}

std::optional<double> to_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text.front())) ||
                        text.front() == '-' || text.front() == '.')) {
    return std::nullopt;
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

} // namespace

std::string join(const std::string &path, std::string_view key) {
  return path.empty() ? std::string(key) : path + '.' + std::string(key);
}

std::string ValueReader::text(const Node &node, const std::string &path,
                              std::string_view expected) const {
  if (!node.is_scalar()) {
    throw errors::wrong_type(where(node.mark, path), expected, describe(node));
  }
  return node.text;
}

double ValueReader::parse_number(const Node &node, const std::string &path,
                                 std::string_view expected) const {
  if (!node.is_scalar()) {
    throw errors::wrong_type(where(node.mark, path), expected, describe(node));
  }
  if (node.number) {
    return *node.number;
  }
  const auto value = to_number(node.text);
  if (!value) {
    throw errors::wrong_type(where(node.mark, path), expected, describe(node));
  }
  return *value;
}

double ValueReader::number(const Node &node, const std::string &path,
                           const NumberRule &rule) const {
  if (node.is_scalar() && node.text == "unlimited") {
    if (rule.unlimited) {
      return model::kUnlimited;
    }
    throw errors::wrong_type(where(node.mark, path), "a number",
                             "`unlimited` (only capacities and validity periods may be unlimited)");
  }
  const double value =
      parse_number(node, path, rule.unlimited ? "a number or `unlimited`" : "a number");
  check_range(node, path, rule, value);
  return value;
}

void ValueReader::check_range(const Node &node, const std::string &path, const NumberRule &rule,
                              double value) const {
  if (rule.bound == NumberRule::Bound::unit_interval && (value < 0.0 || value > 1.0)) {
    throw errors::outside_unit_interval(where(node.mark, path), rule.noun, node.text);
  }
  if (value < 0.0) {
    throw errors::negative_value(where(node.mark, path), rule.noun, node.text);
  }
  if (value > rule.maximum) {
    throw errors::above_maximum(where(node.mark, path), rule.noun, rule.maximum,
                                rule.maximum_reason, node.text);
  }
  if (rule.whole && value != std::floor(value)) {
    throw errors::not_whole(where(node.mark, path), rule.noun, node.text);
  }
}

std::uint64_t ValueReader::count(const Node &node, const std::string &path,
                                 std::string_view noun) const {
  const double value = parse_number(node, path, "a whole number");
  if (value < 0.0) {
    throw errors::negative_value(where(node.mark, path), noun, node.text);
  }
  constexpr double kLargestExact = 9007199254740992.0; // 2^53
  if (value != std::floor(value) || value > kLargestExact) {
    throw errors::wrong_type(where(node.mark, path), "a whole number", describe(node));
  }
  return static_cast<std::uint64_t>(value);
}

std::uint64_t ValueReader::seed(const Node &node, const std::string &path) const {
  // Parsed from the text: a seed above 2^53 has no exact double.
  constexpr std::string_view kExpected = "a whole number from 0 to 18446744073709551615";
  std::uint64_t value = 0;
  const char *end = node.text.data() + node.text.size();
  const auto [stop, error] = std::from_chars(node.text.data(), end, value);
  if (!node.is_scalar() || node.text.empty() || error != std::errc() || stop != end) {
    throw errors::wrong_type(where(node.mark, path), kExpected, describe(node));
  }
  return value;
}

bool ValueReader::boolean(const Node &node, const std::string &path) const {
  if (node.is_scalar()) {
    const std::string text = lowered(node.text);
    if (text == "true" || text == "yes" || text == "on") {
      return true;
    }
    if (text == "false" || text == "no" || text == "off") {
      return false;
    }
  }
  throw errors::wrong_type(where(node.mark, path), "`true` or `false`", describe(node));
}

engine::Date ValueReader::date(const Node &node, const std::string &path) const {
  if (!node.is_scalar()) {
    throw errors::wrong_type(where(node.mark, path), "a date YYYY-MM-DD", describe(node));
  }
  const auto date = engine::parse_iso_date(node.text);
  if (!date) {
    throw errors::malformed_date(where(node.mark, path), node.text);
  }
  return *date;
}

void ValueReader::check_keys(const Node &map, const std::string &path,
                             std::initializer_list<std::string_view> known) const {
  const std::vector<std::string_view> candidates(known);
  for (const auto &entry : map.entries) {
    if (std::find(candidates.begin(), candidates.end(), entry.key) == candidates.end()) {
      throw errors::unknown_key(where(entry.key_mark, join(path, entry.key)), entry.key,
                                closest(entry.key, candidates));
    }
  }
}

const Node &ValueReader::require(const Node &map, const std::string &path, std::string_view key,
                                 std::string_view context) const {
  const Entry *entry = map.find(key);
  if (entry == nullptr) {
    throw errors::missing_key(where(map.mark, join(path, key)), key, context);
  }
  return entry->value;
}

template <class T, class Read>
model::Timeline<T> ValueReader::timeline(const Node &node, const std::string &path,
                                         Read read) const {
  if (!node.is_sequence()) {
    return model::Timeline<T>(read(node, path));
  }
  if (node.items.empty()) {
    throw errors::empty_timeline(where(node.mark, path));
  }
  std::vector<typename model::Timeline<T>::Segment> segments;
  const Node *previous = nullptr;
  engine::Date previous_date;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node &item = node.items[i];
    const std::string item_path = path + '[' + std::to_string(i) + ']';
    if (!item.is_map()) {
      throw errors::wrong_type(where(item.mark, item_path),
                               "a timeline entry `{from: DATE, value: ...}`", describe(item));
    }
    check_keys(item, item_path, {"from", "value"});
    const Node &from = require(item, item_path, "from", "a timeline entry");
    const Node &value = require(item, item_path, "value", "a timeline entry");
    const engine::Date date_from = date(from, join(item_path, "from"));
    if (previous != nullptr && !(previous_date < date_from)) {
      throw errors::timeline_not_increasing(where(from.mark, join(item_path, "from")), from.text,
                                            previous->text);
    }
    previous = &from;
    previous_date = date_from;
    segments.push_back({calendar_.time_of(date_from), read(value, join(item_path, "value"))});
  }
  return model::Timeline<T>(std::move(segments));
}

model::Timeline<double> ValueReader::numbers(const Node &node, const std::string &path,
                                             const NumberRule &rule) const {
  if (node.is_map() || node.is_null()) {
    throw errors::wrong_type(where(node.mark, path),
                             rule.unlimited ? "a number, `unlimited` or a timeline list"
                                            : "a number or a timeline list",
                             describe(node));
  }
  return timeline<double>(node, path, [&](const Node &value, const std::string &value_path) {
    return number(value, value_path, rule);
  });
}

model::Timeline<Distribution> ValueReader::delays(const Node &node, const std::string &path) const {
  return timeline<Distribution>(node, path, [&](const Node &value, const std::string &value_path) {
    return distribution(value, value_path);
  });
}

model::ReviewSchedule ValueReader::schedule(const Node &node, const std::string &path) const {
  if (!node.is_sequence()) {
    throw errors::wrong_type(where(node.mark, path),
                             "a list of hearings `{day: D, release_probability: P}`",
                             describe(node));
  }
  model::ReviewSchedule schedule;
  const Node *previous = nullptr;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node &item = node.items[i];
    const std::string item_path = path + '[' + std::to_string(i) + ']';
    if (!item.is_map()) {
      throw errors::wrong_type(where(item.mark, item_path),
                               "a hearing `{day: D, release_probability: P}`", describe(item));
    }
    check_keys(item, item_path, {"day", "release_probability"});
    const Node &day = require(item, item_path, "day", "a review");
    const Node &probability = require(item, item_path, "release_probability", "a review");
    const std::string day_path = join(item_path, "day");
    const double day_value = number(day, day_path,
                                    NumberRule{NumberRule::Bound::non_negative, "a review day",
                                               false, model::kMaxDays, "100 years"});
    if (previous != nullptr && !(schedule.back().day < day_value)) {
      throw errors::reviews_not_increasing(where(day.mark, day_path), day.text, previous->text);
    }
    previous = &day;
    schedule.push_back(
        model::Review{day_value, number(probability, join(item_path, "release_probability"),
                                        model::kProbability)});
  }
  return schedule;
}

std::vector<model::DetentionCentre> ValueReader::centres(const Node &node,
                                                         const std::string &path) const {
  if (!node.is_sequence()) {
    throw errors::wrong_type(where(node.mark, path),
                             "a list of centres `{name, capacity_share, apprehension_share}`",
                             describe(node));
  }
  if (node.items.empty()) {
    throw errors::empty_centres(where(node.mark, path));
  }
  std::vector<model::DetentionCentre> centres;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const Node &item = node.items[i];
    const std::string item_path = path + '[' + std::to_string(i) + ']';
    if (!item.is_map()) {
      throw errors::wrong_type(where(item.mark, item_path),
                               "a centre `{name, capacity_share, apprehension_share}`",
                               describe(item));
    }
    check_keys(item, item_path, {"name", "capacity_share", "apprehension_share"});
    const Node &name = require(item, item_path, "name", "a centre");
    model::DetentionCentre centre;
    centre.name = text(name, join(item_path, "name"), "a centre name");
    for (const auto &other : centres) {
      if (other.name == centre.name) {
        throw errors::duplicate_centre(where(name.mark, join(item_path, "name")), centre.name);
      }
    }
    centre.capacity_share = numbers(require(item, item_path, "capacity_share", "a centre"),
                                    join(item_path, "capacity_share"), model::kShare);
    centre.apprehension_share = numbers(require(item, item_path, "apprehension_share", "a centre"),
                                        join(item_path, "apprehension_share"), model::kShare);
    centres.push_back(std::move(centre));
  }
  using Share = model::Timeline<double> model::DetentionCentre::*;
  for (const auto &[share, key] :
       {std::pair<Share, std::string_view>{&model::DetentionCentre::capacity_share,
                                           "capacity_share"},
        std::pair<Share, std::string_view>{&model::DetentionCentre::apprehension_share,
                                           "apprehension_share"}}) {
    // The sum changes only where some centre's share does: check it there and before them all.
    std::vector<model::Time> dates{-HUGE_VAL};
    for (const auto &centre : centres) {
      for (const auto &segment : (centre.*share).segments()) {
        dates.push_back(segment.from);
      }
    }
    for (const model::Time t : dates) {
      double sum = 0.0;
      for (const auto &centre : centres) {
        sum += (centre.*share).at(t);
      }
      if (std::abs(sum - 1.0) > 1e-9) {
        const std::string date =
            t == -HUGE_VAL ? "the start" : engine::format_iso_date(calendar_.date_of(t));
        throw errors::centre_shares_sum(where(node.mark, path), key, sum, date);
      }
    }
  }
  return centres;
}

model::Timeline<model::ReviewSchedule> ValueReader::reviews(const Node &node,
                                                            const std::string &path) const {
  bool is_timeline = false;
  if (node.is_sequence()) {
    for (const auto &item : node.items) {
      is_timeline = is_timeline || (item.is_map() && item.find("from") != nullptr);
    }
  }
  if (!is_timeline) {
    return model::Timeline<model::ReviewSchedule>(schedule(node, path));
  }
  return timeline<model::ReviewSchedule>(node, path,
                                         [&](const Node &value, const std::string &value_path) {
                                           return schedule(value, value_path);
                                         });
}

std::array<double, 12> ValueReader::monthly_factors(const Node &node,
                                                    const std::string &path) const {
  if (!node.is_sequence()) {
    throw errors::wrong_type(where(node.mark, path), "a list of 12 numbers (January to December)",
                             describe(node));
  }
  if (node.items.size() != 12) {
    throw errors::monthly_factors_count(where(node.mark, path), node.items.size());
  }
  std::array<double, 12> factors{};
  double total = 0.0;
  for (std::size_t i = 0; i < 12; ++i) {
    const Node &item = node.items[i];
    const std::string item_path = path + '[' + std::to_string(i) + ']';
    factors[i] = parse_number(item, item_path, "a number");
    if (factors[i] < 0.0) {
      throw errors::monthly_factor_negative(where(item.mark, item_path), kMonths[i], item.text);
    }
    // Bounded, the factors have a finite sum: no month's share of the orders is 0 / infinity.
    check_range(item, item_path, model::kMonthlyFactor, factors[i]);
    total += factors[i];
  }
  if (!(total > 0.0)) {
    throw errors::monthly_factors_zero_sum(where(node.mark, path));
  }
  return factors;
}

} // namespace removalsim::scenario::detail
