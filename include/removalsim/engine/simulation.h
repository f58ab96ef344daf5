#pragma once

#include "removalsim/engine/event.h"
#include "removalsim/engine/event_calendar.h"
#include "removalsim/engine/event_limit.h"
#include "removalsim/engine/stop_flag.h"

#include <cstdint>
#include <limits>

namespace removalsim::engine {

/// The simulation clock and its event calendar.
///
/// `run_until` pops events in (time, phase, sequence) order, advances the clock to each event's
/// time and hands the event to the model's handler, a callable `void(const Event&)` passed as a
/// template parameter so dispatch costs no virtual call and no `std::function`.
class Simulation {
public:
  /// Current simulated time (days).
  Time now() const noexcept { return now_; }
  /// Schedules an event at absolute time `time >= now()`; throws `SimulationError` otherwise
  /// (including NaN). Returns the event's sequence number.
  std::uint64_t schedule_at(Time time, Phase phase, std::uint32_t kind, std::uint32_t target,
                            std::uint32_t tag = 0) {
    // `!(time >= now_)` also rejects NaN; `!(time < kInfinity)` rejects +infinity (a time at or
    // after now_ cannot be -infinity).
    if (!(time >= now_) || !(time < std::numeric_limits<Time>::infinity())) [[unlikely]] {
      reject_time(time, kind, target);
    }
    return calendar_.schedule(time, phase, kind, target, tag);
  }
  /// Schedules an event `delay >= 0` days from now.
  std::uint64_t schedule_in(Time delay, Phase phase, std::uint32_t kind, std::uint32_t target,
                            std::uint32_t tag = 0) {
    return schedule_at(now_ + delay, phase, kind, target, tag);
  }
  /// Processes every event with time <= `horizon`, then sets the clock to `horizon` (if later).
  /// Events scheduled by the handler are processed too if they fall within the horizon.
  /// Throws `Stopped` when the stop flag (`set_stop_flag`) is found set, and
  /// `EventLimitExceeded` beyond `max_events_per_run()` events since the last `reset`, both read
  /// every `kStopCheckInterval` events.
  /// Returns the number of events processed by this call.
  template <class Handler> std::uint64_t run_until(Time horizon, Handler &&handle) {
    std::uint64_t processed = 0;
    Event event{};
    const std::uint64_t max_events = max_events_per_run();
    while (calendar_.pop_until(horizon, event)) {
      now_ = event.time;
      handle(event);
      ++processed;
      if (processed % kStopCheckInterval == 0) [[unlikely]] {
        if (stop_requested(stop_)) {
          events_processed_ += processed;
          throw Stopped();
        }
        if (events_processed_ + processed > max_events) {
          events_processed_ += processed;
          throw EventLimitExceeded(max_events, now_);
        }
      }
    }
    if (horizon > now_) {
      now_ = horizon;
    }
    events_processed_ += processed;
    return processed;
  }
  /// Processes only the next event, if any; returns whether one was processed.
  template <class Handler> bool step(Handler &&handle) {
    if (calendar_.empty()) {
      return false;
    }
    const Event event = calendar_.pop();
    now_ = event.time;
    handle(event);
    ++events_processed_;
    return true;
  }
  /// Total events processed since construction or the last `reset`.
  std::uint64_t events_processed() const noexcept { return events_processed_; }
  /// Number of pending events.
  std::size_t pending() const noexcept { return calendar_.size(); }
  /// Read access to the calendar (for inspection in tests and tools).
  const EventCalendar &calendar() const noexcept { return calendar_; }
  /// Pre-allocates room for `n` pending events.
  void reserve(std::size_t n) { calendar_.reserve(n); }
  /// Clears the calendar and sets the clock back to 0.
  void reset() noexcept;
  /// `run_until` stops (throws `Stopped`) soon after `flag` is set; null (the default): never.
  /// The flag must outlive the runs.
  void set_stop_flag(const StopFlag *flag) noexcept { stop_ = flag; }

private:
  [[noreturn]] void reject_time(Time time, std::uint32_t kind, std::uint32_t target) const;

  EventCalendar calendar_;
  Time now_ = 0.0;
  std::uint64_t events_processed_ = 0;
  const StopFlag *stop_ = nullptr;
};

} // namespace removalsim::engine
