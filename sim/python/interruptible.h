#pragma once

#include "removalsim/engine/stop_flag.h"

#include <pybind11/pybind11.h>

#include <chrono>
#include <exception>
#include <future>

namespace removalsim::python {

/// How often the waiting Python thread looks for a pending signal: well under the time a person
/// waits after Ctrl-C, far above the cost of taking the GIL back.
inline constexpr std::chrono::milliseconds kSignalPollInterval{50};

/// Runs `work(stop)` on a thread of its own with the GIL released, and returns its result. The
/// calling (Python) thread wakes every kSignalPollInterval to run Python's signal handlers: when
/// one raises (Ctrl-C's KeyboardInterrupt), `stop` is set, the work winds down (no replication
/// starts, running simulations end within engine::kStopCheckInterval events), its partial result
/// is dropped and the Python exception propagates. Exceptions of `work` propagate as they are.
template <class Work> auto run_interruptibly(Work &&work) {
  engine::StopFlag stop{false};
  auto pending = std::async(std::launch::async, [&] { return work(&stop); });
  bool interrupted = false;
  {
    const pybind11::gil_scoped_release release;
    while (pending.wait_for(kSignalPollInterval) != std::future_status::ready) {
      const pybind11::gil_scoped_acquire acquire;
      if (!interrupted && PyErr_CheckSignals() != 0) {
        interrupted = true; // the handler's exception stays set until thrown below
        stop.store(true);
      }
    }
  }
  if (interrupted) {
    try {
      pending.get();
    } catch (const std::exception &) {
      // engine::Stopped, or whatever the stop cut short: the interrupt is what the user asked.
    }
    throw pybind11::error_already_set();
  }
  return pending.get();
}

} // namespace removalsim::python
