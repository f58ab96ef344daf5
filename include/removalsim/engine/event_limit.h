#pragma once

#include "removalsim/engine/error.h"

#include <cstdint>

namespace removalsim::engine {

/// The default bound on the events one simulation (one replication) may process: about 400 times
/// a replication of France 2019-2025 (2.4e6 events, 1.3 s of CPU), so several minutes of work.
/// Orders alone do not bound the work: a case may be apprehended and released over and over.
inline constexpr std::uint64_t kDefaultMaxEvents = 1'000'000'000;

/// The bound every later simulation of this process obeys (checked every `kStopCheckInterval`
/// events). Set once by a front end, before simulating, from its options; thread-safe.
void set_max_events_per_run(std::uint64_t limit) noexcept;
/// The bound set last, kDefaultMaxEvents until then.
std::uint64_t max_events_per_run() noexcept;

/// A simulation that processed more events than `max_events_per_run()`: resources exhausted.
class EventLimitExceeded : public Error {
public:
  EventLimitExceeded(std::uint64_t limit, double time);
};

} // namespace removalsim::engine
