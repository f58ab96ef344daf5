#include "commands.h"

#include "removalsim/analysis/exact_solution.h"
#include "removalsim/scenario/loader.h"
#include "removalsim/studies/exact_study.h"

#include <cmath>
#include <cstdio>
#include <memory>

namespace removalsim::cli {

namespace {

void print_row(const char *label, double probability, double mean_days) {
  if (std::isnan(mean_days)) {
    std::printf("  %-22s %8.4f %14s\n", label, probability, "-");
  } else {
    std::printf("  %-22s %8.4f %14.1f\n", label, probability, mean_days);
  }
}

void print_solution(const analysis::ExactSolution &solution) {
  const auto &c = solution.from_issuance;
  std::printf("%s / %s (document share %.3f)\n", solution.country.c_str(), solution.profile.c_str(),
              solution.document_share);
  std::printf("  %-22s %8s %14s\n", "outcome of an order", "prob.", "mean days");
  print_row("removed", c.removed, c.mean_days_to_removed);
  print_row("voluntary departure", c.voluntary_departure, c.mean_days_to_voluntary_departure);
  print_row("annulled", c.annulled, c.mean_days_to_annulled);
  print_row("expired", c.expired, c.mean_days_to_expired);
  print_row("never absorbed", c.never_absorbed, std::nan(""));
  print_row("any (absorption)", 1.0 - c.never_absorbed, c.mean_days_to_absorption);
  std::printf("  expected per order: %.3f detention spells, %.1f detention days, %.3f LPC "
              "requests, %.3f LPCs issued in time\n",
              c.expected_spells, c.expected_detention_days, c.expected_lpc_requests,
              c.expected_lpc_issued_in_time);
  const auto &r = solution.long_run;
  std::printf("  long-run ratios: detention_removal_rate %.4f, detention_mean_days %.2f, "
              "released_by_judge_share_of_unremoved %.4f, lpc_issue_rate %.4f, "
              "lpc_in_time_rate %.4f\n",
              r.detention_removal_rate, r.detention_mean_days,
              r.released_by_judge_share_of_unremoved, r.lpc_issue_rate, r.lpc_in_time_rate);
  // The removal routes (DESIGN.md §3b) and the prefecture's release, only when one is on: v1
  // output is unchanged.
  if (solution.prison_share > 0.0 || solution.house_arrest_share > 0.0) {
    std::printf("  removed by route: detention %.4f, house arrest %.4f, prison release %.4f\n",
                c.removed_from_detention, c.removed_from_house_arrest, c.removed_at_prison_release);
  }
  if (solution.prison_share > 0.0) {
    std::printf("  prison (share %.3f): expected per order %.3f prison releases, %.3f detention "
                "entries from prison; long-run prison_release_removal_rate %.4f, "
                "detention_entries_from_prison_share %.4f\n",
                solution.prison_share, c.expected_prison_releases,
                c.expected_detention_entries_from_prison, r.prison_release_removal_rate,
                r.detention_entries_from_prison_share);
  }
  if (solution.detention_release_rate_per_month > 0.0) {
    std::printf("  release by the prefecture (rate %.3f a month): expected per order %.3f; "
                "long-run share of detention exits %.4f\n",
                solution.detention_release_rate_per_month, c.expected_released_by_prefecture,
                r.released_by_prefecture_share);
  }
  if (solution.house_arrest_share > 0.0) {
    std::printf("  house arrest (share %.3f): expected per order %.3f entries, %.1f days, %.3f "
                "absconded, %.3f ended; long-run house_arrest_removal_rate %.4f, "
                "house_arrest_mean_days %.2f\n",
                solution.house_arrest_share, c.expected_house_arrest_entries,
                c.expected_house_arrest_days, c.expected_house_arrest_absconded,
                c.expected_house_arrest_ended, r.house_arrest_removal_rate,
                r.house_arrest_mean_days);
  }
  std::printf("\n");
}

} // namespace

void add_exact_command(CLI::App &app) {
  auto file = std::make_shared<std::string>();
  CLI::App *command = app.add_subcommand(
      "exact", "Exact outcome probabilities and expected times of a Markovian scenario "
               "(absorbing Markov chain); says why when the scenario is not Markovian");
  command->add_option("scenario", *file, "Scenario YAML file")->required();
  command->callback([file] {
    for (const auto &solution : studies::exact_solutions(scenario::load_scenario(*file).scenario)) {
      print_solution(solution);
    }
  });
}

} // namespace removalsim::cli
