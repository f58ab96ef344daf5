#include "removalsim/analysis/unit_executor.h"

#include "removalsim/engine/replications.h"

#include <mutex>

namespace removalsim::analysis {

std::vector<UnitResult> ThreadExecutor::run(std::size_t units, const UnitBody &body,
                                            const UnitDone &done) {
  std::mutex done_mutex;
  return engine::run_replications(
      units, threads_,
      [&](std::size_t unit) {
        UnitResult result = body(unit);
        if (done) {
          const std::lock_guard lock(done_mutex);
          done(unit, result);
        }
        return result;
      },
      {}, stop_);
}

} // namespace removalsim::analysis
