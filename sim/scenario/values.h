#pragma once
// Internal: reading typed values (numbers, dates, timelines, distributions, review schedules)
// out of document nodes, each refused with its own ScenarioError.

#include "document.h"

#include "removalsim/model/parameter_catalogue.h"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace removalsim::scenario::detail {

/// What a number must satisfy, and what to call it in messages (the parameter catalogue's ranges,
/// and the rules of the study and targets files).
using NumberRule = model::ValueRange;

/// Reads values of one resolved document; dates in timelines become days from `start`.
class ValueReader {
public:
  explicit ValueReader(const Document &document) : document_(document) {}

  const Document &document() const noexcept { return document_; }
  /// The user-facing location of a node.
  SourceLocation where(const Mark &mark, const std::string &path) const {
    return document_.locate(mark, path);
  }
  /// Sets the date that timelines count from.
  void set_start(engine::Date start) { calendar_ = engine::Calendar(start); }

  /// A string scalar.
  std::string text(const Node &node, const std::string &path, std::string_view expected) const;
  /// A plain number (no timeline) obeying `rule`.
  double number(const Node &node, const std::string &path, const NumberRule &rule) const;
  /// Refuses `value`, read from `node`, when it is outside `rule`'s range or not whole as `rule`
  /// asks.
  void check_range(const Node &node, const std::string &path, const NumberRule &rule,
                   double value) const;
  /// A whole number >= 0; `noun` as in NumberRule.
  std::uint64_t count(const Node &node, const std::string &path, std::string_view noun) const;
  /// A random seed: decimal digits, at most 2^64 - 1, exactly what `--seed` accepts.
  std::uint64_t seed(const Node &node, const std::string &path) const;
  /// `true` or `false` (also yes/no, on/off).
  bool boolean(const Node &node, const std::string &path) const;
  /// A strict ISO date.
  engine::Date date(const Node &node, const std::string &path) const;

  /// A number or a timeline of numbers.
  model::Timeline<double> numbers(const Node &node, const std::string &path,
                                  const NumberRule &rule) const;
  /// A delay: a number of days (fixed), a distribution map, or a timeline of those.
  model::Timeline<model::Distribution> delays(const Node &node, const std::string &path) const;
  /// A review schedule or a timeline of schedules.
  model::Timeline<model::ReviewSchedule> reviews(const Node &node, const std::string &path) const;
  /// A list of detention centres `{name, capacity_share, apprehension_share}` (shares are numbers
  /// or timelines in [0, 1]); names unique; each share sums to 1 over the centres at every date.
  std::vector<model::DetentionCentre> centres(const Node &node, const std::string &path) const;
  /// Exactly 12 non-negative monthly weights with a positive sum.
  std::array<double, 12> monthly_factors(const Node &node, const std::string &path) const;

  /// Refuses any key of `map` not in `known`, suggesting the closest.
  void check_keys(const Node &map, const std::string &path,
                  std::initializer_list<std::string_view> known) const;
  /// The value of a required key, or a missing_key error naming `context`.
  const Node &require(const Node &map, const std::string &path, std::string_view key,
                      std::string_view context) const;

private:
  double parse_number(const Node &node, const std::string &path, std::string_view expected) const;
  model::Distribution distribution(const Node &node, const std::string &path) const;
  model::ReviewSchedule schedule(const Node &node, const std::string &path) const;
  template <class T, class Read>
  model::Timeline<T> timeline(const Node &node, const std::string &path, Read read) const;

  const Document &document_;
  engine::Calendar calendar_{engine::Date{1970, 1, 1}};
};

/// `path.key`, or `key` at the top.
std::string join(const std::string &path, std::string_view key);

} // namespace removalsim::scenario::detail
