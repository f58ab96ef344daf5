#pragma once

#include "removalsim/engine/period.h"
#include "removalsim/model/parameters.h"
#include "removalsim/scenario/scenario_error.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// A reported range around a target's value (both ends included).
struct ReportedRange {
  double low = 0.0;
  double high = 0.0;
  friend bool operator==(const ReportedRange &, const ReportedRange &) = default;
};

/// One published figure to compare the model with (a `targets:` item of a targets file; the
/// format is documented in scenarios/README.md).
struct Target {
  /// Unique in its file; letters, digits, `_`, `-` and `.` only (it is a CSV field).
  std::string id;
  /// A metric name (one of the known metrics given to the loader), without `ratio:`.
  std::string metric;
  /// Written `ratio:METRIC`: the value is METRIC over `period` divided by METRIC over
  /// `base_period`, per replication.
  bool ratio = false;
  /// The countries whose counters are summed, as written: country codes of the scenario (`MA`,
  /// `OTHER`), or the one code `FR`/`ALL` for national. `country: MA` is `{"MA"}`;
  /// `country: [MA, DZ]` a set (no repeats, never empty, `FR`/`ALL` only alone).
  std::vector<std::string> countries;
  /// The months the metric is read on (a ratio's numerator).
  engine::Period period;
  /// A ratio's denominator period; nothing for other targets.
  std::optional<engine::Period> base_period;
  /// The reported value (>= 0).
  double value = 0.0;
  /// The reported standard deviation, when the source gives one.
  std::optional<double> sd;
  /// The reported range, when the source gives one (contains `value`).
  std::optional<ReportedRange> range;
  /// Weight in calibration distances (>= 0; 1 by default): a multiplier of the weight the
  /// tolerance gives (1 / (tolerance × value)²).
  double weight = 1.0;
  /// The relative tolerance (DESIGN.md §4, "Fit criterion"): the larger of the target's
  /// `tolerance:` (else the file's, else kDefaultTolerance) and, with a reported range, its
  /// half-width over the value (see `target_tolerance`). Within tolerance means
  /// |simulated mean − value| <= tolerance × value.
  double tolerance = 0.10;
  /// Where the figure comes from, and what it counts (copied from the published source).
  std::string source;
  std::string definition;
  /// The source's address, when known (empty otherwise).
  std::string url;
  /// Shown by `run` in its block "against published figures" (`headline: true`; false by
  /// default): the figures a reader checks first.
  bool headline = false;
  /// Where each of `countries` was written (for errors found against a scenario): the scalar
  /// (`targets[3].country`) or the list item (`targets[3].country[1]`).
  std::vector<SourceLocation> country_locations;

  /// True for national figures (`FR` or `ALL`).
  bool national() const noexcept {
    return countries.size() == 1 && (countries[0] == "FR" || countries[0] == "ALL");
  }
  /// The countries as one CSV field without commas: `MA`, `ALL`, or a set `MA+DZ+TN+OTHER`.
  std::string country_text() const;
  /// The metric as written: `ratio:removals` or `removals`.
  std::string metric_text() const { return ratio ? "ratio:" + metric : metric; }
  /// The period in canonical form (engine::format_period), `A / B` for a ratio.
  std::string period_text() const;
};

/// The targets file's relative tolerance when it sets none (top-level `tolerance:`).
inline constexpr double kDefaultTolerance = 0.10;

/// The tolerance rule: the larger of `base` (the target's own `tolerance:`, else the file's) and,
/// when a range is reported and `value` is not 0, the range's half-width over `value`.
double target_tolerance(double base, double value, const std::optional<ReportedRange> &range);

/// Reads and validates the targets file `file`. `known_metrics` lists the metric names a target
/// may use (e.g. analysis::metric_names(); the scenario layer does not know them). Throws
/// ScenarioError naming file, line, column and key path (`targets[3].metric`) on any invalid
/// input: unknown keys and metric names (with a suggestion), duplicate ids, malformed periods...
/// Countries are only checked for their form here: see `check_target_countries`.
std::vector<Target> load_targets(const std::filesystem::path &file,
                                 const std::vector<std::string> &known_metrics);

/// As `load_targets`, from YAML text; `file_name` is the name used in messages.
std::vector<Target> load_targets_from_string(std::string_view yaml, const std::string &file_name,
                                             const std::vector<std::string> &known_metrics);

/// Throws ScenarioError (at the offending `country` or list item, listing the scenario's
/// countries) for the first code of a target that is neither national nor a country of `scenario`.
void check_target_countries(const std::vector<Target> &targets, const model::Scenario &scenario);

} // namespace removalsim::scenario
