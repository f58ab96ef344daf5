#pragma once
// Test support: run the `removalsim` executable (path in the REMOVALSIM_BINARY compile definition
// of the test target) in a scratch directory and capture what it prints.

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>

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

/// Runs the shell command `command` with stdout and stderr captured in `scratch`, stdin closed.
inline Outcome run_captured(const std::string &command, const std::filesystem::path &scratch) {
  const std::filesystem::path out = scratch / "stdout.txt";
  const std::filesystem::path err = scratch / "stderr.txt";
  const std::string redirected =
      command + " >" + out.string() + " 2>" + err.string() + " </dev/null";
  const int status = std::system(redirected.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
}

/// Runs `removalsim ARGUMENTS` with stdout and stderr captured in `scratch`, stdin closed.
inline Outcome run_removalsim(const std::string &arguments, const std::filesystem::path &scratch) {
  return run_captured(std::string(REMOVALSIM_BINARY) + " " + arguments, scratch);
}

/// `removalsim ARGUMENTS` started in the background as run_removalsim would run it, to be sent
/// a signal while it works. Waited for on destruction if `wait` was not called.
class BackgroundCommand {
public:
  BackgroundCommand(const std::string &arguments, const std::filesystem::path &scratch)
      : out_(scratch / "stdout.txt"), err_(scratch / "stderr.txt") {
    // `exec`: the shell becomes removalsim, so that the signals go to it.
    const std::string command = "exec " + std::string(REMOVALSIM_BINARY) + " " + arguments + " >" +
                                out_.string() + " 2>" + err_.string() + " </dev/null";
    pid_ = ::fork();
    if (pid_ < 0) {
      throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char *>(nullptr));
      ::_exit(127);
    }
  }
  BackgroundCommand(const BackgroundCommand &) = delete;
  BackgroundCommand &operator=(const BackgroundCommand &) = delete;
  ~BackgroundCommand() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  /// Sends `signal` to the command.
  void signal(int signal) const { ::kill(pid_, signal); }

  /// Waits for the end; the exit code is -1 when a signal killed the command.
  Outcome wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out_), read(err_)};
  }

private:
  std::filesystem::path out_;
  std::filesystem::path err_;
  pid_t pid_ = -1;
};

/// Runs `removalsim ARGUMENTS`, sends `signal` after `delay`, and returns what the command did
/// and how long it took to end after the signal.
inline std::pair<Outcome, std::chrono::duration<double>>
interrupt_removalsim(const std::string &arguments, const std::filesystem::path &scratch,
                     std::chrono::duration<double> delay, int signal = SIGINT) {
  BackgroundCommand command(arguments, scratch);
  std::this_thread::sleep_for(delay);
  const auto sent = std::chrono::steady_clock::now();
  command.signal(signal);
  Outcome outcome = command.wait();
  return {std::move(outcome), std::chrono::steady_clock::now() - sent};
}

} // namespace removalsim::testing
