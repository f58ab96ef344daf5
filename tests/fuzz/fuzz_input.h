#pragma once
// What the fuzzer does with one input, shared with the regression test that replays past
// failures in the regular build: the same bytes go to the scenario and to the targets loader.

#include <string_view>

namespace removalsim::fuzz {

/// Feeds `text` to the scenario loader and to the targets loader. Each either succeeds or throws
/// ScenarioError, which is caught; anything else (another exception, a crash, a sanitizer report)
/// escapes and is a bug. `extends:` paths resolve against `scenarios/whatif/` of the source tree,
/// so the shipped what-if scenarios load as they do from their files.
void load_both(std::string_view text);

} // namespace removalsim::fuzz
