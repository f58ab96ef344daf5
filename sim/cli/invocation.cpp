#include "invocation.h"

// Generated in the build tree at every build (build_commit.cmake).
#include <removalsim_build_commit.h>

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

studies::Invocation invocation() {
  return {.command_line = command_line(),
          .version = REMOVALSIM_VERSION,
          .git_commit = REMOVALSIM_GIT_COMMIT};
}

} // namespace removalsim::cli
