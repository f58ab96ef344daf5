#pragma once

#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/scenario_error.h"
#include "removalsim/scenario/sensitivity_design.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// One point of a sweep: a scenario file with values put at some of its keys.
struct SweepPoint {
  /// The label in outputs. Unique.
  std::string name;
  /// The scenario file: the point's `scenario`, else the design's; a relative path is joined to
  /// the design file's directory, as `extends:` paths are.
  std::string scenario;
  /// The point's `set:` entries, in order.
  std::vector<Override> overrides;
  SourceLocation where; ///< the point's entry in the design file
};

/// A sweep design file: scenarios (or one scenario and parameter points) × replications.
///
/// ```yaml
/// scenario: ../france.yaml       # every point's scenario unless the point names its own
/// replications: 40               # per point; replication r of every point uses streams (seed, r)
/// block: 4                       # replications per work unit (default 1)
/// seed: 1
/// outputs:
///   - {metric: removals, country: MA, period: 2025}
/// points:                        # default: one point `base`, the design's scenario
///   - name: base
///   - name: places-3000
///     set: {national.detention.capacity[2].value: 3000}
///   - name: morocco-2021
///     scenario: ../whatif/morocco-2021-cooperation.yaml
/// ```
struct SweepDesign {
  std::string file; ///< as the user named it
  std::vector<SweepPoint> points;
  std::vector<StudyOutput> outputs;
  std::size_t replications = 10;
  std::size_t block = 1;
  std::uint64_t seed = 1;
};

/// Reads and validates a sweep design (structure, types, counts, unique point names, a scenario
/// for every point). What needs the scenarios is checked by `load_sweep_scenarios`. Throws
/// ScenarioError.
SweepDesign load_sweep_design(const std::filesystem::path &file);
/// As `load_sweep_design`, from YAML text; `file_name` is used in messages and to resolve
/// relative scenario paths.
SweepDesign load_sweep_design_from_string(std::string_view yaml, const std::string &file_name);

/// Loads the scenario of every point (its `set:` values applied) and checks the outputs against
/// it (metric in `metrics`, country, period within the reported months). A scenario that refuses
/// a point's values is reported at the point, in the design file. Throws ScenarioError.
std::vector<LoadedScenario> load_sweep_scenarios(const SweepDesign &design,
                                                 std::span<const std::string> metrics);

/// Messages of the sweep design file that the scenario layer's other factories do not cover.
namespace sweep_errors {
/// A point with no `scenario`, in a design without one.
ScenarioError no_scenario(const SourceLocation &where, std::string_view point);
/// Two points with the same name.
ScenarioError duplicate_point(const SourceLocation &where, std::string_view name, int first_line);
/// A point's scenario failed to load, or refused one of its `set:` values; `inner` is the
/// scenario's own message.
ScenarioError point_refused(const SourceLocation &where, std::string_view point,
                            std::string_view inner);
} // namespace sweep_errors

} // namespace removalsim::scenario
