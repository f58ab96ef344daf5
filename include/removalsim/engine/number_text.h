#pragma once

#include <string>

namespace removalsim::engine {

/// The shortest decimal text that reads back to the same double (fmt's `{}`): `0.1`, `100000`,
/// `1e+22`, `nan`, `inf`. The one number-to-text conversion of the project: CSV, YAML and
/// checkpoints write numbers through it, so a value written anywhere reads back exactly.
std::string shortest_text(double value);

} // namespace removalsim::engine
