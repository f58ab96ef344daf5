#pragma once

#include "removalsim/analysis/observable.h"
#include "removalsim/analysis/sweep_output.h"
#include "removalsim/analysis/unit_executor.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/sweep_design.h"
#include "removalsim/studies/output_record.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace removalsim::studies {

// A sweep: the points of a design x replications, each run reduced to the design's outputs; the
// study behind `removalsim sweep`, without its checkpoint, printing and files.

/// The work units of a sweep: each point's replications cut into blocks of `block` (the last may
/// be short). Unit u is block u % blocks-per-point of point u / blocks-per-point.
class SweepUnitLayout {
public:
  /// `replications` and `block` >= 1.
  SweepUnitLayout(std::size_t points, std::size_t replications, std::size_t block)
      : points_(points), replications_(replications), block_(block),
        blocks_per_point_((replications + block - 1) / block) {}

  std::size_t units() const noexcept { return points_ * blocks_per_point_; }
  std::size_t point(std::size_t unit) const noexcept { return unit / blocks_per_point_; }
  std::size_t first_replication(std::size_t unit) const noexcept {
    return unit % blocks_per_point_ * block_;
  }
  std::size_t replications(std::size_t unit) const noexcept {
    return std::min(block_, replications_ - first_replication(unit));
  }

private:
  std::size_t points_;
  std::size_t replications_;
  std::size_t block_;
  std::size_t blocks_per_point_;
};

/// A loaded sweep: its design, each point's scenario and each point's outputs bound to it.
struct SweepStudy {
  scenario::SweepDesign design;
  std::vector<scenario::LoadedScenario> scenarios;                 ///< one per point
  std::vector<std::vector<analysis::BoundObservable>> observables; ///< [point][output]
  SweepUnitLayout layout;
};

/// Loads a sweep design file and its points' scenarios (checked against the metrics). Throws
/// ScenarioError.
SweepStudy load_sweep_study(const std::string &design_file);

/// The outputs of every replication of `unit`, replication after replication.
analysis::UnitResult simulate_sweep_unit(const SweepStudy &study, std::size_t unit,
                                         const engine::StopFlag *stop = nullptr);

/// Throws analysis::CheckpointError (naming `file`) unless every unit of `finished` is a unit of
/// the layout with its replications' outputs: a record edited by hand could otherwise put values
/// where they do not belong.
void check_units_fit(const std::map<std::size_t, analysis::UnitResult> &finished,
                     const SweepUnitLayout &layout, std::size_t outputs,
                     const std::filesystem::path &file);

/// The values of every unit of `finished` as [point][replication][output].
analysis::SweepValues sweep_values(const SweepStudy &study,
                                   const std::map<std::size_t, analysis::UnitResult> &finished);

/// The points' names and the outputs' names, as the sweep's CSV files write them.
std::vector<std::string> sweep_point_names(const scenario::SweepDesign &design);
std::vector<analysis::SweepOutputName> sweep_output_names(const scenario::SweepDesign &design);

/// What a run of the sweep was, for `sweep.json`.
struct SweepRecord {
  Invocation invocation{};
  std::string design_file;
  std::size_t units_resumed = 0;
  double wall_seconds = 0.0;
};

/// `sweep.json`: the invocation (`output_record`), the design's file, seed, size, units (and those
/// resumed), time, and each point's scenario (its files, hash and resolved values).
std::string sweep_json(const SweepStudy &study, const SweepRecord &record);

} // namespace removalsim::studies
