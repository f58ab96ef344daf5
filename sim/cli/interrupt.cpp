#include "interrupt.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace removalsim::cli {

namespace {

// Shared with the signal handler, hence lock-free atomics and a plain pointer to a literal.
engine::StopFlag g_stop{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
const char *g_notice = "";
std::size_t g_notice_length = 0;

struct sigaction g_previous_interrupt {};
struct sigaction g_previous_terminate {};

extern "C" void on_stop_signal(int signal) {
  g_signal.store(signal);
  g_stop.store(true);
  if (::write(STDERR_FILENO, g_notice, g_notice_length) < 0) {
    // Nothing to do: the notice is a courtesy, the flag is what matters.
  }
}

} // namespace

InterruptGuard::InterruptGuard(const char *notice) {
  g_notice = notice;
  g_notice_length = std::strlen(notice);
  g_stop.store(false);
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, &g_previous_interrupt);
  sigaction(SIGTERM, &action, &g_previous_terminate);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_previous_interrupt, nullptr);
  sigaction(SIGTERM, &g_previous_terminate, nullptr);
}

const engine::StopFlag *InterruptGuard::stop_flag() const noexcept { return &g_stop; }

bool InterruptGuard::interrupted() const noexcept { return g_stop.load(); }

int interrupting_signal() noexcept { return g_signal.load(); }

} // namespace removalsim::cli
