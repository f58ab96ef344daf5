// The benchmark driver: runs each workload in a child process (so that its peak resident memory
// and CPU time are its own, read from wait4), repeats it, and prints one table of medians.

#include "france_variants.h"

#include "removalsim/engine/replications.h"
#include "removalsim/model/removal_model.h"

#include <CLI/CLI.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using removalsim::model::Scenario;

struct Workload {
  std::string name;
  Scenario scenario;
  std::size_t replications = 1;
  unsigned threads = 1;
};

/// What the child reports through its pipe.
struct ChildReport {
  double wall_seconds = 0.0;
  std::uint64_t events = 0;
  std::uint64_t cases = 0;
};

struct Measurement {
  double wall_seconds = 0.0;
  double cpu_seconds = 0.0;
  double peak_rss_mib = 0.0;
  std::uint64_t events = 0;
  std::uint64_t cases = 0;
};

[[noreturn]] void run_child(const Workload &workload, int out) {
  try {
    const auto started = std::chrono::steady_clock::now();
    const auto results = removalsim::engine::run_replications(
        workload.replications, workload.threads,
        [&](std::size_t r) { return removalsim::model::simulate(workload.scenario, 1, r); });
    ChildReport report;
    report.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    for (const auto &result : results) {
      report.events += result.events;
      report.cases += result.cases_created;
    }
    const bool written = write(out, &report, sizeof report) == sizeof report;
    _exit(written ? 0 : 1);
  } catch (const std::exception &error) {
    std::fprintf(stderr, "removalsim_bench: %s: %s\n", workload.name.c_str(), error.what());
  }
  _exit(1);
}

Measurement measure(const Workload &workload) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) {
    throw std::runtime_error("pipe failed");
  }
  const pid_t child = fork();
  if (child < 0) {
    throw std::runtime_error("fork failed");
  }
  if (child == 0) {
    close(pipe_ends[0]);
    run_child(workload, pipe_ends[1]);
  }
  close(pipe_ends[1]);
  ChildReport report;
  const bool complete = read(pipe_ends[0], &report, sizeof report) == sizeof report;
  close(pipe_ends[0]);
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  if (!complete || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("workload '" + workload.name + "' failed");
  }
  const auto seconds = [](const timeval &t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  Measurement m;
  m.wall_seconds = report.wall_seconds;
  m.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  m.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB
  m.events = report.events;
  m.cases = report.cases;
  return m;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/// Medians over the repeats, column by column.
Measurement median_of(const std::vector<Measurement> &runs) {
  std::vector<double> wall, cpu, rss;
  for (const auto &run : runs) {
    wall.push_back(run.wall_seconds);
    cpu.push_back(run.cpu_seconds);
    rss.push_back(run.peak_rss_mib);
  }
  Measurement m = runs.front();
  m.wall_seconds = median(wall);
  m.cpu_seconds = median(cpu);
  m.peak_rss_mib = median(rss);
  return m;
}

struct Options {
  std::string scenario = REMOVALSIM_SCENARIO_DIR "/france.yaml";
  std::size_t replications = 100;
  std::size_t serial_replications = 20;
  unsigned threads = 0;
  int repeats = 3;
  bool smoke = false;
  std::string filter;
};

std::vector<Workload> workloads(const Options &options) {
  namespace b = removalsim::bench;
  const Scenario france = b::load_france(options.scenario);
  const unsigned threads =
      options.threads == 0 ? removalsim::engine::default_thread_count() : options.threads;
  if (options.smoke) {
    const Scenario one_year = b::with_horizon(france, 1);
    return {{"France, 1 year, 1 replication", one_year, 1, 1},
            {"France, 1 year, 2 replications", one_year, 2, threads}};
  }
  const std::string r = std::to_string(options.replications);
  const std::string serial = std::to_string(options.serial_replications);
  return {
      {"France, 1 replication", france, 1, 1},
      {"France, " + serial + " replications", france, options.serial_replications, 1},
      {"France, " + r + " replications", france, options.replications, threads},
      {"France x10 volumes", b::scale_volume(france, 10.0), 1, 1},
      {"France x100 volumes", b::scale_volume(france, 100.0), 1, 1},
      {"France, 1 year", b::with_horizon(france, 1), 1, 1},
      {"France, 7 years", b::with_horizon(france, 7), 1, 1},
      {"France, 30 years", b::with_horizon(france, 30), 1, 1},
  };
}

void print_row(const Workload &workload, const Measurement &m) {
  std::printf("| %-32s | %7u | %12zu | %8.2f | %8.2f | %8.3f | %10.2f M | %9.0f k | %14.3f | "
              "%10.0f |\n",
              workload.name.c_str(), workload.threads, workload.replications, m.wall_seconds,
              m.cpu_seconds, m.cpu_seconds / static_cast<double>(workload.replications),
              static_cast<double>(m.events) / m.cpu_seconds / 1e6,
              static_cast<double>(m.cases) / m.cpu_seconds / 1e3,
              static_cast<double>(workload.replications) / m.wall_seconds, m.peak_rss_mib);
  std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv) {
  CLI::App app{"removalsim_bench: model workloads, one table of medians"};
  Options options;
  app.add_option("--scenario", options.scenario, "Reference scenario")->capture_default_str();
  app.add_option("--replications,-r", options.replications, "Replications of the parallel run")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--serial-replications", options.serial_replications,
                 "Replications of the single-thread run (parallel efficiency)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", options.threads, "Threads of the parallel run (0: all cores)")
      ->capture_default_str();
  app.add_option("--repeats", options.repeats, "Runs of each workload (the table shows medians)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_flag("--smoke", options.smoke, "Tiny workloads only (CI: checks the driver runs)");
  app.add_option("--filter", options.filter, "Run only the workloads whose name contains this");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto list = workloads(options);
    std::printf("Medians of %d run(s) per workload; events/s and cases/s per CPU second "
                "(user + system), replications/s per wall second.\n\n",
                options.repeats);
    std::printf("| %-32s | threads | replications | wall (s) |  CPU (s) | CPU s / replication "
                "|   events/s |    cases/s | replications/s | peak RSS (MiB) |\n",
                "workload");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double serial_rate = 0.0;
    double parallel_rate = 0.0;
    unsigned parallel_threads = 1;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i].name.find(options.filter) == std::string::npos) {
        continue;
      }
      std::vector<Measurement> runs;
      for (int k = 0; k < options.repeats; ++k) {
        runs.push_back(measure(list[i]));
      }
      const Measurement m = median_of(runs);
      print_row(list[i], m);
      const double rate = static_cast<double>(list[i].replications) / m.wall_seconds;
      if (!options.smoke && i == 1) {
        serial_rate = rate;
      } else if (!options.smoke && i == 2) {
        parallel_rate = rate;
        parallel_threads = list[i].threads;
      }
    }
    if (serial_rate > 0.0 && parallel_rate > 0.0) {
      std::printf("\nParallel efficiency on %u threads: %.0f %% (replications/s on %u threads over "
                  "%u x replications/s on 1 thread)\n",
                  parallel_threads, 100.0 * parallel_rate / (parallel_threads * serial_rate),
                  parallel_threads, parallel_threads);
    }
  } catch (const std::exception &error) {
    std::fprintf(stderr, "removalsim_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}
