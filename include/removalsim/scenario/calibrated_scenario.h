#pragma once

#include "removalsim/scenario/loader.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace removalsim::scenario {

/// The text of a calibrated scenario: `header` as YAML comments (`# ` before each line), then
/// `extends:` the scenario `base` (its path relative to the directory of `out`, the file the text
/// is meant for), then the values `fitted` sets, as nested maps. A fitted key inside a list (a
/// timeline item, `national.detention.reviews[0].value[1].release_probability`) restates that
/// whole list, with every other item as the resolved `base` has it, since `extends:` replaces
/// lists whole. The text is checked to resolve, from `out`, to exactly the leaves of
/// `load_scenario(base, fitted)` (std::logic_error otherwise); ScenarioError when `fitted` does
/// not apply to `base`.
std::string calibrated_scenario_yaml(const std::filesystem::path &base,
                                     const std::filesystem::path &out,
                                     const std::vector<Override> &fitted, std::string_view header);

} // namespace removalsim::scenario
