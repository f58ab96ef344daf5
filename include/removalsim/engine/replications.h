#pragma once

#include "removalsim/engine/stop_flag.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace removalsim::engine {

/// Called after each finished replication with (finished, total); may be called from any worker
/// thread, never concurrently.
using ProgressCallback = std::function<void(std::size_t, std::size_t)>;

/// Number of threads to use by default: the hardware concurrency (at least 1).
unsigned default_thread_count() noexcept;

/// Runs `body(r)` for every replication r in [0, n) on up to `threads` threads (0 means
/// `default_thread_count()`), and returns the results in replication order, so the output never
/// depends on the thread count as long as `body(r)` depends only on r. If bodies throw, the
/// exception of the lowest-numbered failing replication is rethrown after all threads stop;
/// replications above the lowest failure known so far are skipped. Once `stop` is set, no
/// further replication starts, and `Stopped` is thrown after the running ones end (pass the same
/// flag to the bodies' simulations to end those promptly too).
template <class Body>
auto run_replications(std::size_t n, unsigned threads, Body &&body,
                      const ProgressCallback &progress = {}, const StopFlag *stop = nullptr) {
  using Result = decltype(body(std::size_t{}));
  // Each result in its own object: a plain std::vector<bool> would pack results into shared words
  // that threads writing different replications would race on.
  struct Slot {
    Result value{};
  };
  std::vector<Slot> slots(n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  // Replications below the lowest failure so far still run, so the error rethrown is the one a
  // single thread would have met first.
  std::atomic<std::size_t> first_failure{n};
  std::size_t finished = 0;
  std::atomic<std::size_t> completed{0};
  std::mutex progress_mutex;
  auto worker = [&] {
    for (std::size_t r = next++; r < first_failure.load() && !stop_requested(stop); r = next++) {
      try {
        slots[r].value = body(r);
        ++completed;
      } catch (...) {
        errors[r] = std::current_exception();
        std::size_t lowest = first_failure.load();
        while (r < lowest && !first_failure.compare_exchange_weak(lowest, r)) {
        }
      }
      if (progress) {
        const std::lock_guard lock(progress_mutex);
        progress(++finished, n);
      }
    }
  };
  const std::size_t wanted = threads == 0 ? default_thread_count() : threads;
  const std::size_t count = std::max<std::size_t>(1, std::min(wanted, n));
  std::vector<std::thread> pool;
  pool.reserve(count - 1);
  for (std::size_t i = 1; i < count; ++i) {
    pool.emplace_back(worker);
  }
  worker();
  for (auto &thread : pool) {
    thread.join();
  }
  for (const auto &error : errors) {
    if (error) {
      std::rethrow_exception(error);
    }
  }
  if (completed.load() < n) {
    throw Stopped();
  }
  std::vector<Result> results;
  results.reserve(n);
  for (auto &slot : slots) {
    results.push_back(std::move(slot.value));
  }
  return results;
}

} // namespace removalsim::engine
