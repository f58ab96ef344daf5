#include "removalsim/engine/replications.h"

namespace removalsim::engine {

unsigned default_thread_count() noexcept {
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : hardware;
}

} // namespace removalsim::engine
