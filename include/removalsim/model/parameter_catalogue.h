#pragma once
// The one list of scenario parameters: every key a parameter section (`national`, a country, a
// profile) may hold, the member of the model's structs it sets, and the values it accepts. The
// scenario loader, `removalsim check`, the error messages and the exact solver read this table;
// adding a parameter is one row here plus its use in the model.

#include "removalsim/model/parameters.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

namespace removalsim::model {

/// The values a number may take, and what to call it in messages.
struct ValueRange {
  enum class Bound : std::uint8_t { non_negative, unit_interval };

  constexpr ValueRange() = default;
  constexpr ValueRange(Bound bound, std::string_view noun, bool unlimited,
                       double maximum = std::numeric_limits<double>::infinity(),
                       std::string_view maximum_reason = {}, bool whole = false)
      : bound(bound), noun(noun), unlimited(unlimited), maximum(maximum),
        maximum_reason(maximum_reason), whole(whole) {}

  Bound bound = Bound::non_negative;
  /// The noun in messages, e.g. "a rate per year", "a share".
  std::string_view noun;
  /// Whether `unlimited` (kUnlimited) is accepted.
  bool unlimited = false;
  /// The largest value a user could mean (beyond it a run is endless or meaningless), and why, for
  /// messages ("100 years").
  double maximum = std::numeric_limits<double>::infinity();
  std::string_view maximum_reason;
  /// Whether only whole numbers are accepted (places, seats).
  bool whole = false;
};

/// The longest delay or period, in days: 100 years (36,525 days).
inline constexpr double kMaxDays = 36525.0;
/// The largest count of orders, cases, places or seats: beyond what any country could mean.
inline constexpr double kMaxCount = 1e9;

inline constexpr ValueRange kShare{ValueRange::Bound::unit_interval, "a share", false};
inline constexpr ValueRange kProbability{ValueRange::Bound::unit_interval, "a probability", false};
inline constexpr ValueRange kDays{ValueRange::Bound::non_negative, "a number of days", false,
                                  kMaxDays, "100 years"};
inline constexpr ValueRange kDaysOrUnlimited{ValueRange::Bound::non_negative, "a number of days",
                                             true, kMaxDays, "100 years; or unlimited"};
inline constexpr ValueRange kDelay{ValueRange::Bound::non_negative, "a delay", false, kMaxDays,
                                   "100 years, in days"};
inline constexpr ValueRange kRatePerYear{ValueRange::Bound::non_negative, "a rate per year", false,
                                         365.25, "once a day"};
inline constexpr ValueRange kRatePerMonth{ValueRange::Bound::non_negative, "a rate per month",
                                          false, 30.4375, "once a day"};
inline constexpr ValueRange kCapacity{
    ValueRange::Bound::non_negative, "a capacity", true, kMaxCount,
    "a billion; or unlimited",       true};
inline constexpr ValueRange kPlaces{
    ValueRange::Bound::non_negative, "a number of places", false, kMaxCount, "a billion", true};
inline constexpr ValueRange kOrdersPerYear{
    ValueRange::Bound::non_negative, "a number of orders per year", false, kMaxCount, "a billion"};
inline constexpr ValueRange kCases{
    ValueRange::Bound::non_negative, "a number of cases", false, kMaxCount, "a billion", true};
/// A month's weight in a year's orders: relative, so only its ratio to the others matters.
inline constexpr ValueRange kMonthlyFactor{ValueRange::Bound::non_negative, "a monthly factor",
                                           false, 1e6, "a million"};
/// An empirical distribution's weight: relative, like a monthly factor.
inline constexpr ValueRange kEmpiricalWeight{ValueRange::Bound::non_negative, "a weight", false,
                                             1e9, "a billion"};
/// The largest ratio sd / mean of a lognormal or gamma delay: beyond it, its parameters (the log's
/// variance, the gamma's shape) are not representable, and no delay a user means is that skewed.
inline constexpr double kMaxCoefficientOfVariation = 1000.0;

/// Where a parameter lives, which decides where it may be written: per-case parameters everywhere
/// (national ← country ← profile), shared ones only under `national`, country-only ones only in a
/// country, profile-only ones only in a profile.
using ParameterMember =
    std::variant<Timeline<double> CaseParameters::*, Timeline<Distribution> CaseParameters::*,
                 Timeline<ReviewSchedule> CaseParameters::*, Timeline<double> Scenario::*,
                 std::vector<DetentionCentre> Scenario::*, Timeline<double> Country::*,
                 std::array<double, 12> Country::*, std::uint64_t Country::*,
                 std::vector<Profile> Country::*, double Profile::*, bool Profile::*>;

/// Who may set a parameter (follows from the struct its member belongs to).
enum class ParameterLevel : std::uint8_t { per_case, shared, country_only, profile_only };

/// A parameter's part in an optional block of the model (DESIGN.md §3b): a `switch` turns the
/// block on when positive anywhere in its timeline; the block's `required` keys must then be set.
enum class BlockRole : std::uint8_t { none, block_switch, required };

/// One parameter.
struct ParameterDef {
  /// Dotted key within a parameter section, e.g. `lpc.delay`; its first part names the block.
  std::string_view key;
  ParameterMember member;
  /// For numbers (a timeline or a plain number): the values accepted.
  ValueRange range;
  BlockRole role = BlockRole::none;

  ParameterLevel level() const noexcept;
  /// The block a key belongs to: its text before the first dot (`prison` for `prison.share`).
  std::string_view block() const noexcept;
};

/// Every parameter, in the order `removalsim check` and the documentation list them.
std::span<const ParameterDef> parameter_catalogue() noexcept;

/// The parameter with this key (within a section), or nullptr.
const ParameterDef *find_parameter(std::string_view key) noexcept;

/// The index of the parameter in `parameter_catalogue()`.
std::size_t parameter_index(const ParameterDef &def) noexcept;

/// The key of the parameter stored in `member` (e.g. `lpc.delay` for
/// `&CaseParameters::lpc_delay`). Every member of the variant that a row names has a key.
std::string_view parameter_key(ParameterMember member) noexcept;

/// Whether a block switch (a share) is on: positive at some date of its timeline. A switch that
/// is 0 throughout is never drawn, so a scenario without the block keeps v1's draws.
bool switched_on(const Timeline<double> &share) noexcept;

/// The largest number of parameters the catalogue may hold (sets of parameters are bitsets).
inline constexpr std::size_t kMaxParameters = 64;

} // namespace removalsim::model
