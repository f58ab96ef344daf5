#include "invocation.h"

namespace removalsim::cli {

namespace {

std::vector<std::string> &command_line() {
  static std::vector<std::string> words;
  return words;
}

} // namespace

void remember_command_line(int argc, const char *const *argv) {
  command_line().assign(argv, argv + argc);
}

studies::Invocation invocation() { return studies::invocation_of(command_line()); }

} // namespace removalsim::cli
