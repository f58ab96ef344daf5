#pragma once
// Test support: run the `removalsim` executable (path in the REMOVALSIM_BINARY compile definition
// of the test target) in a scratch directory and capture what it prints.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace removalsim::testing {

/// A fresh empty directory under the system's temporary directory (named after the test and the
/// process, so concurrent test runs do not collide), removed at the end.
class TemporaryDirectory {
public:
  explicit TemporaryDirectory(const std::string &name)
      : path_(std::filesystem::temp_directory_path() /
              ("removalsim-test-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TemporaryDirectory(const TemporaryDirectory &) = delete;
  TemporaryDirectory &operator=(const TemporaryDirectory &) = delete;
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path &path() const { return path_; }

private:
  std::filesystem::path path_;
};

/// What a command did: its exit code (-1 when killed by a signal) and its two output streams.
struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

/// The whole content of `file` (empty when it cannot be read).
inline std::string read(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

/// Runs `removalsim ARGUMENTS` with stdout and stderr captured in `scratch`, stdin closed.
inline Outcome run_removalsim(const std::string &arguments, const std::filesystem::path &scratch) {
  const std::filesystem::path out = scratch / "stdout.txt";
  const std::filesystem::path err = scratch / "stderr.txt";
  const std::string command = std::string(REMOVALSIM_BINARY) + " " + arguments + " >" +
                              out.string() + " 2>" + err.string() + " </dev/null";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
}

} // namespace removalsim::testing
