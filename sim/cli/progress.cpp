#include "progress.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <unistd.h>

namespace removalsim::cli {

namespace {

std::atomic<bool> g_quiet{false};

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Below this, a command is short: it shows no progress at all.
constexpr double kQuietStart = 1.0;
/// Updates of a live line, at most this often.
constexpr double kLivePeriod = 0.1;

} // namespace

void set_quiet_progress(bool quiet) { g_quiet = quiet; }

bool quiet_progress() { return g_quiet; }

std::string duration_text(double seconds) {
  char text[48];
  if (!std::isfinite(seconds) || seconds < 0.0) {
    return "?";
  }
  if (seconds < 10.0) {
    std::snprintf(text, sizeof text, "%.1f s", seconds);
  } else if (seconds < 60.0) {
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  } else if (seconds < 3600.0) {
    const long whole = std::lround(seconds);
    std::snprintf(text, sizeof text, "%ld min %02ld s", whole / 60, whole % 60);
  } else {
    const long minutes = std::lround(seconds / 60.0);
    std::snprintf(text, sizeof text, "%ld h %02ld min", minutes / 60, minutes % 60);
  }
  return text;
}

Progress::Progress(std::string label)
    : Progress(std::move(label), stderr, ::isatty(2) != 0, steady_seconds) {}

Progress::Progress(std::string label, std::FILE *out, bool terminal, Clock clock)
    : label_(std::move(label)), out_(out), terminal_(terminal), clock_(std::move(clock)),
      started_(clock_()) {}

void Progress::operator()(std::size_t done, std::size_t total) const {
  if (quiet_progress()) {
    return;
  }
  const double now = clock_();
  const double elapsed = now - started_;
  const bool finished = done >= total;
  if (finished) {
    if (last_shown_ >= 0.0) {
      if (terminal_) {
        std::fprintf(out_, "\r\033[K");
      } else {
        std::fprintf(out_, "%s %zu/%zu done in %s\n", label_.c_str(), done, total,
                     duration_text(elapsed).c_str());
      }
      std::fflush(out_);
    }
    return;
  }
  const double period = terminal_ ? kLivePeriod : kLinePeriod;
  if (elapsed < kQuietStart || (last_shown_ >= 0.0 && now - last_shown_ < period)) {
    return;
  }
  last_shown_ = now;
  const double left = done == 0
                          ? std::numeric_limits<double>::quiet_NaN()
                          : elapsed * static_cast<double>(total - done) / static_cast<double>(done);
  std::fprintf(out_, "%s%s %zu/%zu, %s elapsed, about %s left%s", terminal_ ? "\r" : "",
               label_.c_str(), done, total, duration_text(elapsed).c_str(),
               duration_text(left).c_str(), terminal_ ? "\033[K" : "\n");
  std::fflush(out_);
}

} // namespace removalsim::cli
