#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace removalsim::cli {

/// Progress of a long command on stderr, shown only when stderr is a terminal (logs and pipes stay
/// clean). Callable as an `engine::ProgressCallback`.
class Progress {
public:
  explicit Progress(std::string label) : label_(std::move(label)), enabled_(::isatty(2) != 0) {}
  void operator()(std::size_t done, std::size_t total) const {
    if (enabled_) {
      std::fprintf(stderr, "\r%s %zu/%zu", label_.c_str(), done, total);
      if (done == total) {
        std::fprintf(stderr, "\r\033[K");
      }
      std::fflush(stderr);
    }
  }

private:
  std::string label_;
  bool enabled_;
};

} // namespace removalsim::cli
