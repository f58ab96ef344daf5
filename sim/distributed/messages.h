#pragma once
// Internal: the messages of MpiExecutor, all arrays of doubles (unit indices are exact below
// 2^53), and a receive that sleeps instead of spinning.

#include "removalsim/analysis/unit_executor.h"

#include <cstddef>
#include <span>
#include <vector>

namespace removalsim::distributed::detail {

/// Message tags. A worker sends kRequest (its finished units, and how many it wants next); rank 0
/// answers kWork (a chunk of units, empty when none is left), then kResults (every unit's result)
/// at the end of the batch; kShare carries MpiExecutor::share's values.
enum Tag : int { kRequest = 1, kWork = 2, kResults = 3, kShare = 4 };

/// Appends `results[i]` for units first + i: for each, the unit, the count of values, the values.
void append_results(std::vector<double> &message, std::size_t first,
                    std::span<const analysis::UnitResult> results);

/// Calls `take(unit, result)` for each of the `count` results encoded from `message[offset]` on.
template <class Take>
void read_results(std::span<const double> message, std::size_t offset, std::size_t count,
                  Take take) {
  for (std::size_t i = 0; i < count; ++i) {
    const auto unit = static_cast<std::size_t>(message[offset]);
    const auto n = static_cast<std::size_t>(message[offset + 1]);
    const auto *values = message.data() + offset + 2;
    take(unit, analysis::UnitResult(values, values + n));
    offset += 2 + n;
  }
}

/// Sends `message` to `destination` with `tag`.
void send(const std::vector<double> &message, int destination, Tag tag);

/// Whether a message with `tag` from any rank is waiting; if so, receives it into `message` and
/// sets `source`. Never blocks.
bool try_receive(Tag tag, std::vector<double> &message, int &source);

/// Receives the next message with `tag` from `source`, sleeping between polls (from 50 µs up to
/// 1 ms) rather than spinning in a blocking MPI receive, which would hold a core while waiting.
std::vector<double> receive(int source, Tag tag);

/// Sleeps between polls: from 50 µs, doubling up to 1 ms while nothing happens; `reset` after
/// activity. 1 ms bounds the latency it adds to a unit of a second or so to 0.1 %.
class PollingBackoff {
public:
  void sleep();
  void reset() noexcept { microseconds_ = kShortest; }

private:
  static constexpr long kShortest = 50;
  static constexpr long kLongest = 1000;
  long microseconds_ = kShortest;
};

} // namespace removalsim::distributed::detail
