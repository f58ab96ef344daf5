#pragma once
// Pieces of the scenario layer's error messages, written the same way by every reader.

#include <string>
#include <string_view>

namespace removalsim::scenario::detail {

/// `text` between backquotes, as a message shows what the user wrote or may write.
inline std::string quoted(std::string_view text) { return '`' + std::string(text) + '`'; }

/// "; did you mean `suggestion`?", or nothing when there is no suggestion.
inline std::string did_you_mean(std::string_view suggestion) {
  return suggestion.empty() ? std::string() : "; did you mean " + quoted(suggestion) + "?";
}

} // namespace removalsim::scenario::detail
