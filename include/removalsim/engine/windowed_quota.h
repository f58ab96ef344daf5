#pragma once

#include <cstdint>
#include <deque>
#include <utility>

namespace removalsim::engine {

/// A quota of units per window of time (a month, a week) with a FIFO line of items waiting for a
/// unit.
///
/// State: the units used in the current window and the waiting line. An arriving item gets a
/// unit at once when nothing waits and fewer units than the quota are used (`try_take`);
/// otherwise its owner puts it in line (`wait`). When the owner opens the next window
/// (`open_window`, at the window's boundary) the count restarts from zero and the line is served
/// oldest first while units remain; the rest wait for the window after. The quota is passed at
/// each decision, so it may change between windows; it may be fractional or infinite (a unit is
/// free while `used() < quota`).
template <class Item> class WindowedQuota {
public:
  /// Takes a unit of the current window for an arrival: true (and the unit counted) when nothing
  /// waits and `used() < quota`; false otherwise, with nothing counted.
  bool try_take(double quota) noexcept {
    if (!waiting_.empty() || !(static_cast<double>(used_) < quota)) {
      return false;
    }
    ++used_;
    return true;
  }

  /// Puts `item` at the end of the line.
  void wait(Item item) { waiting_.push_back(std::move(item)); }

  /// Opens a new window of `quota` units: the count restarts from zero, then waiting items are
  /// taken from the head of the line and passed to `serve(item)` while `used() < quota`. `serve`
  /// returns whether the item used a unit (counted after it returns); false drops the item
  /// without using one (e.g. an item no longer wanted). `serve` must not call `wait`,
  /// `try_take` or `open_window` on this quota.
  template <class Serve> void open_window(double quota, Serve &&serve) {
    used_ = 0;
    while (!waiting_.empty() && static_cast<double>(used_) < quota) {
      Item item = std::move(waiting_.front());
      waiting_.pop_front();
      if (serve(item)) {
        ++used_;
      }
    }
  }

  /// Units used in the current window.
  std::uint64_t used() const noexcept { return used_; }
  /// Items in line.
  std::size_t waiting() const noexcept { return waiting_.size(); }

private:
  std::uint64_t used_ = 0;
  std::deque<Item> waiting_;
};

} // namespace removalsim::engine
