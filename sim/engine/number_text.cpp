#include "removalsim/engine/number_text.h"

#include <fmt/format.h>

namespace removalsim::engine {

std::string shortest_text(double value) { return fmt::format("{}", value); }

} // namespace removalsim::engine
