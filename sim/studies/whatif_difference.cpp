#include "removalsim/studies/whatif_difference.h"

#include "removalsim/analysis/metric_evaluation.h"
#include "removalsim/model/removal_model.h"
#include "removalsim/scenario/layout.h"

#include <iterator>

namespace removalsim::studies {

std::vector<analysis::PairedDifferenceRow>
whatif_differences(const scenario::LoadedScenario &base, const scenario::LoadedScenario &whatif,
                   std::size_t replications, std::uint64_t seed, unsigned threads,
                   const engine::ProgressCallback &progress, const engine::StopFlag *stop) {
  scenario::check_same_layout(base, whatif);
  const std::size_t n = replications;
  // One batch of 2n units, so that both scenarios share the threads to the end.
  auto results = engine::run_replications(
      2 * n, threads,
      [&](std::size_t unit) {
        const model::Scenario &scenario = unit < n ? base.scenario : whatif.scenario;
        return model::simulate(scenario, seed, unit % n, stop);
      },
      progress, stop);
  const std::vector<model::RunResult> whatif_results(
      std::make_move_iterator(results.begin() + static_cast<std::ptrdiff_t>(n)),
      std::make_move_iterator(results.end()));
  results.resize(n);
  return analysis::paired_differences(base.scenario, results, whatif.scenario, whatif_results,
                                      analysis::metric_names());
}

} // namespace removalsim::studies
