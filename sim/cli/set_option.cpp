#include "set_option.h"

namespace removalsim::cli {

void add_set_option(CLI::App &command, std::vector<std::string> &items, const std::string &which) {
  command
      .add_option("--set", items,
                  "KEY=VALUE: put VALUE at KEY of " + which +
                      " (key paths as `check` prints them; repeatable)")
      ->allow_extra_args(false)
      ->type_name("KEY=VALUE");
}

std::vector<scenario::Override> overrides_of(const std::vector<std::string> &items) {
  std::vector<scenario::Override> overrides;
  for (const auto &item : items) {
    const auto equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw CLI::ValidationError("--set", "`" + item +
                                              "` is not KEY=VALUE (e.g. "
                                              "`national.detention.max_days=210`)");
    }
    overrides.push_back({item.substr(0, equals), item.substr(equals + 1)});
  }
  return overrides;
}

} // namespace removalsim::cli
