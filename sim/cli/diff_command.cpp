#include "commands.h"
#include "execution.h"
#include "interrupt.h"
#include "invocation.h"
#include "output_directory.h"
#include "progress.h"
#include "run_limits.h"
#include "set_option.h"
#include "simulation_options.h"

#include "removalsim/analysis/paired_difference.h"
#include "removalsim/scenario/layout.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/output_record.h"
#include "removalsim/studies/whatif_difference.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace removalsim::cli {

namespace {

struct DiffOptions : SimulationOptions {
  std::string base;
  std::string whatif;
  RunLimits limits;
  std::vector<std::string> sets;
};

struct Column {
  const char *metric;
  const char *header;
};

constexpr Column kColumns[] = {
    {"oqtf_issued", "OQTF issued"},         {"removals", "removals"},
    {"execution_ratio", "execution ratio"}, {"lpc_issued", "LPC issued"},
    {"detention_entries", "detentions"},    {"cohort_removed_share", "cohort removed"},
};

bool is_share(const std::string &metric) {
  return metric.find("ratio") != std::string::npos || metric.find("share") != std::string::npos ||
         metric.find("rate") != std::string::npos;
}

/// `+12 ± 5` (counts) or `+0.0123 ± 0.0041` (shares): the mean paired difference and the half-width
/// of its 95 % interval.
std::string cell(const std::string &metric, const engine::ConfidenceInterval &difference) {
  if (std::isnan(difference.mean)) {
    return "-";
  }
  char buffer[64];
  const bool share = is_share(metric);
  // A difference that rounds to zero is shown unsigned: `-0` would suggest an effect.
  const double mean = std::abs(difference.mean) < (share ? 5e-5 : 0.5) ? 0.0 : difference.mean;
  const double half = difference.half_width();
  if (std::isnan(half)) {
    std::snprintf(buffer, sizeof buffer, share ? "%+.4f" : "%+.0f", mean);
  } else {
    std::snprintf(buffer, sizeof buffer, share ? "%+.4f ± %.4f" : "%+.0f ± %.0f", mean, half);
  }
  return mean == 0.0 ? std::string(buffer + 1) : std::string(buffer);
}

void print_table(const std::vector<analysis::PairedDifferenceRow> &rows) {
  std::vector<std::pair<std::string, std::string>> keys;
  std::map<std::tuple<std::string, std::string, std::string>, const analysis::PairedDifferenceRow *>
      index;
  for (const auto &row : rows) {
    const auto key = std::make_pair(row.period, row.country);
    if (keys.empty() || keys.back() != key) {
      keys.push_back(key);
    }
    index[{row.period, row.country, row.metric}] = &row;
  }
  std::printf("%-6s %-7s", "year", "country");
  for (const auto &column : kColumns) {
    std::printf(" %18s", column.header);
  }
  std::printf("\n");
  for (const auto &[period, country] : keys) {
    std::printf("%-6s %-7s", period.c_str(), country.c_str());
    for (const auto &column : kColumns) {
      const auto it = index.find({period, country, column.metric});
      const std::string text =
          it == index.end() ? "-" : cell(column.metric, it->second->difference);
      // `±` is two bytes in UTF-8 and one column wide: pad by display width.
      const int pad = 18 + (text.find("±") != std::string::npos ? 1 : 0);
      std::printf(" %*s", pad, text.c_str());
    }
    std::printf("\n");
  }
}

void diff(const DiffOptions &options) {
  const scenario::LoadedScenario base = scenario::load_scenario(options.base);
  const scenario::LoadedScenario whatif =
      scenario::load_scenario(options.whatif, overrides_of(options.sets));
  // Before the size checks: a mismatch of the two scenarios is the more useful message.
  scenario::check_same_layout(base, whatif);
  // Both scenarios' results are kept until the differences are taken.
  check_run_size(base.scenario, options.base, 2 * options.replications, options.threads,
                 options.limits);
  check_run_size(whatif.scenario, options.whatif, 2 * options.replications, options.threads,
                 options.limits);
  const auto output = prepare_output_set(options.out);
  const std::size_t n = options.replications;
  const auto started = std::chrono::steady_clock::now();
  const InterruptGuard interrupt_guard(kStopWithoutOutputNotice);
  const auto rows =
      studies::whatif_differences(base, whatif, n, options.seed, options.threads,
                                  Progress("replication"), interrupt_guard.stop_flag());
  const double wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const auto name = [](const scenario::LoadedScenario &loaded, const std::string &file) {
    return loaded.scenario.name.empty() ? file : loaded.scenario.name;
  };
  std::printf("%s minus %s — %zu paired replication(s), seed %llu, %.1f s\n\n",
              name(whatif, options.whatif).c_str(), name(base, options.base).c_str(), n,
              static_cast<unsigned long long>(options.seed), wall_seconds);
  std::printf("Paired difference what-if − base per year (mean ± half-width of the 95 %% interval "
              "of the differences; replication r of both runs uses the same random numbers)\n");
  print_table(rows);

  if (!output) {
    return;
  }
  analysis::write_paired_differences_csv(output->file("diff.csv"), rows);
  nlohmann::ordered_json record = studies::output_record(invocation());
  nlohmann::ordered_json base_record;
  studies::add_scenario(base_record, base, options.base);
  nlohmann::ordered_json whatif_record;
  studies::add_scenario(whatif_record, whatif, options.whatif);
  record["base"] = std::move(base_record);
  record["whatif"] = std::move(whatif_record);
  record["seed"] = options.seed;
  record["replications"] = n;
  record["threads"] = options.threads == 0 ? engine::default_thread_count() : options.threads;
  record["wall_seconds"] = wall_seconds;
  output->file("diff.json") << studies::record_text(record);
  output->commit();
  std::fprintf(stderr, "wrote %s/{diff.csv,diff.json}\n", options.out.c_str());
}

} // namespace

void add_diff_command(CLI::App &app) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App *command = app.add_subcommand(
      "diff", "Paired differences of a what-if scenario from a base (common random numbers)");
  command->add_option("base", options->base, "Base scenario YAML file")->required();
  command->add_option("whatif", options->whatif, "What-if scenario YAML file")->required();
  add_simulation_options(*command, *options,
                         {.replications = "Paired replications",
                          .min_replications = 2,
                          .seed = "Random seed (shared by both scenarios)",
                          .out = "Directory for diff.csv (written atomically)"});
  add_set_option(*command, options->sets, "the what-if (the base stays as written)");
  add_limit_options(*command, options->limits);
  command->callback([options] {
    Execution::require_single_process("diff");
    diff(*options);
  });
}

} // namespace removalsim::cli
