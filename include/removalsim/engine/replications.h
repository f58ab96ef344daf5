#pragma once

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
/// remaining replications are skipped once one has failed.
template <class Body>
auto run_replications(std::size_t n, unsigned threads, Body &&body,
                      const ProgressCallback &progress = {}) {
  using Result = decltype(body(std::size_t{}));
  std::vector<Result> results(n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::size_t finished = 0;
  std::mutex progress_mutex;
  auto worker = [&] {
    for (std::size_t r = next++; r < n && !failed; r = next++) {
      try {
        results[r] = body(r);
      } catch (...) {
        errors[r] = std::current_exception();
        failed = true;
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
  return results;
}

} // namespace removalsim::engine
