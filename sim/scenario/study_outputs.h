#pragma once
// Internal: the `outputs:` list that sensitivity study files and sweep design files share (a
// metric of a country over a period), read and checked against a scenario in one place.

#include "values.h"

#include "removalsim/model/parameters.h"
#include "removalsim/scenario/sensitivity_design.h"

#include <span>
#include <string>
#include <vector>

namespace removalsim::scenario::detail {

/// Reads the required, non-empty `outputs` list of `root`: items `{metric, country, period}`,
/// country `ALL` by default; `file_noun` names the file when the list is missing ("the study
/// file"). Throws ScenarioError.
std::vector<StudyOutput> read_study_outputs(const ValueReader &reader, const Node &root,
                                            std::string_view file_noun);

/// Checks each output against `scenario`: its metric is in `metrics`, its country is one of the
/// scenario's (or `ALL`), its period lies within the reported months (from `warmup_until` to
/// `end`). Throws ScenarioError located at the output.
void check_study_outputs(std::span<const StudyOutput> outputs, const model::Scenario &scenario,
                         std::span<const std::string> metrics);

} // namespace removalsim::scenario::detail
