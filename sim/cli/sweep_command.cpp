#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "invocation.h"
#include "output_directory.h"
#include "progress.h"
#include "removalsim/engine/fnv1a.h"
#include "run_limits.h"
#include "simulation_options.h"
#include "sweep_faults.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/sweep_checkpoint.h"
#include "removalsim/analysis/sweep_output.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/scenario/sweep_design.h"
#include "removalsim/studies/sweep.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <utility>

namespace removalsim::cli {

namespace {

/// Replications and seed are the design's: only threads and out are options.
struct SweepOptions : SimulationOptions {
  std::string design;
  bool resume = false;
  RunLimits limits;
};

/// What an interrupted sweep leaves: no output, its finished units in the checkpoint.
constexpr const char *kSweepStopNotice =
    "\nremovalsim: interrupted: stopping; finished units stay in the checkpoint (sweep --resume "
    "goes on; interrupt again to abort)\n";

/// FNV-1a over everything a sweep's results depend on: what a checkpoint must match to be reused.
/// Each item ends with a byte 0xff, which no text contains.
class Fingerprint {
public:
  void add(std::string_view text) {
    hash_.add(text);
    hash_.add(static_cast<unsigned char>(0xff));
  }
  void add(std::uint64_t value) { add(std::to_string(value)); }
  std::uint64_t value() const noexcept { return hash_.value(); }

private:
  engine::Fnv1a hash_;
};

std::uint64_t fingerprint_of(const scenario::SweepDesign &design,
                             const std::vector<scenario::LoadedScenario> &scenarios) {
  Fingerprint fingerprint;
  fingerprint.add(design.seed);
  fingerprint.add(design.replications);
  fingerprint.add(design.block);
  for (const auto &output : design.outputs) {
    fingerprint.add(output.label());
  }
  for (std::size_t p = 0; p < design.points.size(); ++p) {
    fingerprint.add(design.points[p].name);
    fingerprint.add(scenario::format_resolved(scenarios[p]));
  }
  return fingerprint.value();
}

/// A unit's bookkeeping: its index in the pending and done lists, its node in the map of results.
constexpr double kBytesPerUnit = 128.0;

/// The output directory holds the checkpoint while the sweep runs, before its outputs exist.
void create_checkpoint_directory(const std::filesystem::path &directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw analysis::OutputError("cannot create output directory " + directory.string() + ": " +
                                error.message());
  }
}

SweepFaults &injected_faults() {
  static SweepFaults faults;
  return faults;
}

void sweep(const SweepOptions &options) {
  const auto started = std::chrono::steady_clock::now();
  const studies::SweepStudy study = studies::load_sweep_study(options.design);
  const scenario::SweepDesign &design = study.design;
  const auto &scenarios = study.scenarios;
  for (std::size_t p = 0; p < scenarios.size(); ++p) {
    // Results are reduced to the outputs at once: no counters are kept beyond the running ones.
    check_run_size(scenarios[p].scenario, design.points[p].scenario, 0, options.threads,
                   options.limits);
  }
  const studies::SweepUnitLayout &layout = study.layout;
  // Every replication's outputs are kept to the end, twice (the units' results, then the table),
  // and every unit has its bookkeeping (pending, done, checkpointed).
  const double replications =
      static_cast<double>(design.points.size()) * static_cast<double>(design.replications);
  check_memory(options.design,
               replications * 16.0 * static_cast<double>(design.outputs.size() + 1) +
                   static_cast<double>(layout.units()) * kBytesPerUnit,
               "the results of " + std::to_string(design.points.size()) + " point(s) x " +
                   std::to_string(design.replications) + " replication(s)",
               "use fewer replications or points", options.limits);
  const InterruptGuard interrupt_guard(kSweepStopNotice);
  const engine::StopFlag *stop = interrupt_guard.stop_flag();
  const auto executor = Execution::executor(options.threads, stop);
  const bool coordinator = executor->is_coordinator();

  // The coordinator alone reads and writes the checkpoint; the other ranks learn from it which
  // units are already done.
  const std::filesystem::path out(options.out);
  const std::uint64_t fingerprint = fingerprint_of(design, scenarios);
  std::map<std::size_t, analysis::UnitResult> finished;
  std::unique_ptr<analysis::SweepCheckpoint> checkpoint;
  std::vector<double> done_units;
  std::unique_ptr<analysis::OutputSet> output;
  if (coordinator && !options.out.empty()) {
    output = prepare_output_set(options.out);
    create_checkpoint_directory(out);
    if (options.resume) {
      finished = analysis::SweepCheckpoint::read(out / "sweep.checkpoint", fingerprint);
      studies::check_units_fit(finished, layout, design.outputs.size(), out / "sweep.checkpoint");
    }
    checkpoint = std::make_unique<analysis::SweepCheckpoint>(out / "sweep.checkpoint", fingerprint,
                                                             finished);
    for (const auto &[unit, result] : finished) {
      done_units.push_back(static_cast<double>(unit));
    }
  }
  done_units = executor->share(std::move(done_units));
  std::vector<std::size_t> pending;
  for (std::size_t unit = 0, d = 0; unit < layout.units(); ++unit) {
    if (d < done_units.size() && static_cast<std::size_t>(done_units[d]) == unit) {
      ++d;
    } else {
      pending.push_back(unit);
    }
  }
  if (coordinator) {
    std::fprintf(
        stderr, "sweep: %zu point(s) x %zu replication(s) in %zu unit(s) of up to %zu%s\n",
        design.points.size(), design.replications, layout.units(), design.block,
        finished.empty()
            ? ""
            : (", " + std::to_string(finished.size()) + " already done (resumed)").c_str());
  }

  const SweepFaults &faults = injected_faults();
  std::size_t completed = 0;
  const Progress progress("unit");
  const auto computed = executor->run(
      pending.size(),
      [&](std::size_t k) {
        const std::size_t unit = pending[k];
        if (faults.before_unit) {
          faults.before_unit(unit);
        }
        return studies::simulate_sweep_unit(study, unit, stop);
      },
      [&](std::size_t k, const analysis::UnitResult &values) {
        ++completed;
        if (checkpoint) {
          checkpoint->append(pending[k], values);
          if (faults.after_checkpointed) {
            faults.after_checkpointed(completed);
          }
        }
        progress(completed, pending.size());
      });
  if (!coordinator) {
    return; // rank 0 writes
  }
  for (std::size_t k = 0; k < pending.size(); ++k) {
    finished[pending[k]] = computed[k];
  }

  const analysis::SweepValues values = studies::sweep_values(study, finished);
  const auto names = studies::sweep_point_names(design);
  const auto output_names = studies::sweep_output_names(design);
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("sweep %s: %zu point(s) x %zu replication(s), seed %llu, %.1f s\n",
              options.design.c_str(), design.points.size(), design.replications,
              static_cast<unsigned long long>(design.seed), wall_seconds);
  if (options.out.empty()) {
    analysis::write_sweep_summary_csv(std::cout, names, output_names, values);
    return;
  }
  analysis::write_sweep_replications_csv(output->file("replications.csv"), names, output_names,
                                         values);
  analysis::write_sweep_summary_csv(output->file("summary.csv"), names, output_names, values);
  output->file("sweep.json") << studies::sweep_json(study, {.invocation = invocation(),
                                                            .design_file = options.design,
                                                            .units_resumed = done_units.size(),
                                                            .wall_seconds = wall_seconds});
  // The checkpoint goes last, so a failure before leaves the sweep resumable.
  output->commit();
  checkpoint->remove();
  std::fprintf(stderr, "wrote %s/{replications.csv,summary.csv,sweep.json}\n", options.out.c_str());
}

} // namespace

void set_sweep_faults(SweepFaults faults) { injected_faults() = std::move(faults); }

void add_sweep_command(CLI::App &app) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App *command = app.add_subcommand(
      "sweep", "Run the points of a sweep design x replications, on threads or MPI ranks");
  command->add_option("design", options->design, "Sweep design YAML file")->required();
  add_simulation_options(
      *command, *options,
      {.replications = "",
       .seed = "",
       .threads = "Worker threads per process (0: the cores, shared by a node's MPI ranks)",
       .out = "Directory for replications.csv, summary.csv and sweep.json (atomically)"});
  command
      ->add_flag("--resume", options->resume,
                 "Skip the units that the checkpoint in --out says an interrupted run finished")
      ->needs(command->get_option("--out"));
  add_limit_options(*command, options->limits);
  command->callback([options] { sweep(*options); });
}

} // namespace removalsim::cli
