#pragma once

#include "removalsim/engine/stop_flag.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace removalsim::analysis {

/// What one work unit produces: numbers only, so that any executor can move it between processes.
using UnitResult = std::vector<double>;

/// Computes work unit `unit`. Must depend on `unit` only (not on the thread or process running it).
using UnitBody = std::function<UnitResult(std::size_t unit)>;

/// Told of each finished unit on the coordinating process, never concurrently, in completion order
/// (not unit order).
using UnitDone = std::function<void(std::size_t unit, const UnitResult &result)>;

/// Runs batches of independent work units: on local threads, or spread over the processes of an
/// MPI job. A distributed executor is used SPMD-style: every process runs the same command and
/// calls `run` and `share` in the same order with an equivalent body, so every process builds the
/// same scenarios itself and only unit indices and results travel.
class UnitExecutor {
public:
  UnitExecutor() = default;
  UnitExecutor(const UnitExecutor &) = delete;
  UnitExecutor &operator=(const UnitExecutor &) = delete;
  virtual ~UnitExecutor() = default;

  /// Runs `body(u)` for every u in [0, units) and returns the results in unit order, on every
  /// process, so the result never depends on how many threads or processes ran the units. Calls
  /// `done` (when set) on the coordinator after each unit. If a unit throws, the exception leaves
  /// `run` (a distributed executor may instead end the whole job, see the implementation).
  virtual std::vector<UnitResult> run(std::size_t units, const UnitBody &body,
                                      const UnitDone &done = {}) = 0;

  /// The coordinator's `values`, returned on every process (how processes agree on what only the
  /// coordinator can know, e.g. the units a checkpoint says are done).
  virtual std::vector<double> share(std::vector<double> values) = 0;

  /// Whether this process prints results and writes outputs: the only process of a local run,
  /// rank 0 of an MPI job.
  virtual bool is_coordinator() const noexcept = 0;
};

/// Runs units on `threads` threads of this process (0: all cores), lowest failing unit's exception
/// rethrown (engine::run_replications); once `stop` is set no further unit starts and `run` throws
/// engine::Stopped.
class ThreadExecutor final : public UnitExecutor {
public:
  explicit ThreadExecutor(unsigned threads, const engine::StopFlag *stop = nullptr)
      : threads_(threads), stop_(stop) {}

  std::vector<UnitResult> run(std::size_t units, const UnitBody &body,
                              const UnitDone &done = {}) override;
  std::vector<double> share(std::vector<double> values) override { return values; }
  bool is_coordinator() const noexcept override { return true; }

private:
  unsigned threads_;
  const engine::StopFlag *stop_;
};

} // namespace removalsim::analysis
