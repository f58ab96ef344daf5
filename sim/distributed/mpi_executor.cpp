#include "removalsim/distributed/mpi_executor.h"

#include "messages.h"

#include "removalsim/engine/replications.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace removalsim::distributed {

using analysis::UnitResult;

namespace {

unsigned threads_per_rank(const MpiSession &session, unsigned threads) {
  if (threads != 0) {
    return threads;
  }
  const unsigned cores = engine::default_thread_count();
  return std::max(1u, cores / static_cast<unsigned>(session.ranks_on_node()));
}

// A worker's request: [batch, units, wanted, finished count, finished results...].
constexpr std::size_t kRequestHeader = 4;

} // namespace

MpiExecutor::MpiExecutor(const MpiSession &session, unsigned threads)
    : session_(session), threads_(threads_per_rank(session, threads)) {}

std::vector<UnitResult> MpiExecutor::run(std::size_t units, const analysis::UnitBody &body,
                                         const analysis::UnitDone &done) {
  ++batch_;
  return is_coordinator() ? coordinate(units, body, done) : serve(units, body);
}

std::vector<double> MpiExecutor::share(std::vector<double> values) {
  if (!is_coordinator()) {
    return detail::receive(0, detail::kShare);
  }
  for (int rank = 1; rank < session_.size(); ++rank) {
    detail::send(values, rank, detail::kShare);
  }
  return values;
}

std::vector<UnitResult> MpiExecutor::coordinate(std::size_t units, const analysis::UnitBody &body,
                                                const analysis::UnitDone &done) {
  std::vector<UnitResult> results(units);
  // The next unit nobody has taken, shared by this rank's threads and the chunks handed out.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex; // guards finished_here and error
  std::vector<std::size_t> finished_here;
  std::exception_ptr error;
  auto compute = [&] {
    for (std::size_t unit = next++; unit < units && !failed.load(); unit = next++) {
      try {
        UnitResult result = body(unit);
        const std::lock_guard lock(mutex);
        results[unit] = std::move(result);
        finished_here.push_back(unit);
      } catch (...) {
        const std::lock_guard lock(mutex);
        error = error ? error : std::current_exception();
        failed.store(true);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads_; ++i) {
    pool.emplace_back(compute);
  }
  auto stop_threads = [&] {
    failed.store(true);
    for (auto &thread : pool) {
      thread.join();
    }
    pool.clear();
  };

  const auto workers = static_cast<std::size_t>(session_.size() - 1);
  std::size_t completed = 0;
  std::size_t workers_done = 0; // workers told that no unit is left
  detail::PollingBackoff backoff;
  std::vector<double> request;
  std::vector<std::size_t> reported;
  while (completed < units || workers_done < workers) {
    bool active = false;
    std::exception_ptr failure;
    {
      const std::lock_guard lock(mutex);
      failure = error;
      reported.swap(finished_here);
    }
    if (failure) {
      stop_threads();
      std::rethrow_exception(failure);
    }
    for (const std::size_t unit : reported) {
      if (done) {
        done(unit, results[unit]);
      }
      ++completed;
      active = true;
    }
    reported.clear();

    int source = 0;
    if (detail::try_receive(detail::kRequest, request, source)) {
      active = true;
      const auto batch = static_cast<std::uint64_t>(request[0]);
      const auto their_units = static_cast<std::size_t>(request[1]);
      if (batch != batch_ || their_units != units) {
        stop_threads();
        throw std::logic_error("rank " + std::to_string(source) + " is at batch " +
                               std::to_string(batch) + " of " + std::to_string(their_units) +
                               " units, rank 0 at batch " + std::to_string(batch_) + " of " +
                               std::to_string(units) + ": the ranks diverged");
      }
      const auto wanted = static_cast<std::size_t>(request[2]);
      detail::read_results(request, kRequestHeader, static_cast<std::size_t>(request[3]),
                           [&](std::size_t unit, UnitResult result) {
                             results[unit] = std::move(result);
                             if (done) {
                               done(unit, results[unit]);
                             }
                             ++completed;
                           });
      const std::size_t first = next.fetch_add(wanted);
      const std::size_t count = first >= units ? 0 : std::min(wanted, units - first);
      detail::send({static_cast<double>(first), static_cast<double>(count)}, source, detail::kWork);
      workers_done += count == 0 ? 1 : 0;
    }
    if (active) {
      backoff.reset();
    } else {
      backoff.sleep();
    }
  }
  stop_threads();

  std::vector<double> all{static_cast<double>(units)};
  detail::append_results(all, 0, results);
  for (int rank = 1; rank < session_.size(); ++rank) {
    detail::send(all, rank, detail::kResults);
  }
  return results;
}

std::vector<UnitResult> MpiExecutor::serve(std::size_t units, const analysis::UnitBody &body) {
  std::vector<double> request{static_cast<double>(batch_), static_cast<double>(units),
                              static_cast<double>(threads_), 0.0};
  for (;;) {
    detail::send(request, 0, detail::kRequest);
    const std::vector<double> work = detail::receive(0, detail::kWork);
    const auto first = static_cast<std::size_t>(work[0]);
    const auto count = static_cast<std::size_t>(work[1]);
    if (count == 0) {
      break;
    }
    const auto chunk =
        engine::run_replications(count, threads_, [&](std::size_t i) { return body(first + i); });
    request.resize(kRequestHeader);
    request[3] = static_cast<double>(count);
    detail::append_results(request, first, chunk);
  }
  const std::vector<double> all = detail::receive(0, detail::kResults);
  std::vector<UnitResult> results(static_cast<std::size_t>(all[0]));
  detail::read_results(all, 1, results.size(), [&](std::size_t unit, UnitResult result) {
    results[unit] = std::move(result);
  });
  return results;
}

} // namespace removalsim::distributed
