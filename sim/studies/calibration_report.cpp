#include "calibration_report.h"

#include "removalsim/analysis/run_output.h"
#include "removalsim/engine/number_text.h"
#include "removalsim/scenario/calibrated_scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace removalsim::studies {

namespace cal = analysis::calibration;

namespace report {

std::string format(const char *pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string scenario_value(const scenario::LoadedScenario &loaded, const std::string &key) {
  const scenario::ResolvedValue *leaf = loaded.leaf(key);
  return leaf != nullptr ? leaf->value : "(inherited)";
}

std::size_t name_width(const cal::ParameterSpace &space) {
  std::size_t width = 9;
  for (const auto &p : space.parameters()) {
    width = std::max(width, p.name.size());
  }
  return width;
}

/// How each phase went, and why the calibration stopped.
std::vector<std::string> phase_lines(const cal::SmmResult &result) {
  std::vector<std::string> lines;
  if (!result.design.empty()) {
    const double best =
        *std::min_element(result.design_objectives.begin(), result.design_objectives.end());
    const bool guess = result.initial_guess_objective.has_value();
    lines.push_back("Global design: " + std::to_string(result.design.size() - (guess ? 1 : 0)) +
                    " Sobol points" +
                    (guess ? " and the scenario's values (Q = " +
                                 format("%.6g", *result.initial_guess_objective) + ")"
                           : std::string()) +
                    ", best Q = " + format("%.6g", best));
  }
  for (std::size_t s = 0; s < result.starts.size(); ++s) {
    const auto &start = result.starts[s];
    lines.push_back("Local run " + std::to_string(s + 1) +
                    ": Q = " + format("%.6g", start.objective) + " after " +
                    std::to_string(start.evaluations) + " evaluations on " +
                    std::to_string(start.replications) + " replications (" + start.status + ")");
  }
  if (result.polish) {
    lines.push_back("Polish: Q = " + format("%.6g", result.polish->objective) + " after " +
                    std::to_string(result.polish->evaluations) + " evaluations on " +
                    std::to_string(result.polish->replications) + " replications (" +
                    result.polish->status + ")");
  }
  lines.push_back(
      "Stopped: " +
      std::string(result.stop_reason == "converged" ? "converged (the last local run met its "
                                                      "tolerance)"
                  : result.stop_reason == "budget"
                      ? "on its evaluation budget, not on convergence (raise --max-evaluations)"
                      : "interrupted") +
      "; " + std::to_string(result.evaluations) + " evaluations in all");
  return lines;
}

/// The identifiability report: singular values, parameters not pinned down, strong
/// correlations, and targets that pull against each other.
std::vector<std::string> identifiability_lines(const cal::Identifiability &report,
                                               const cal::ParameterSpace &space,
                                               const std::vector<cal::Target> &targets) {
  std::vector<std::string> lines{"Identifiability (parameters scaled to their bounds):"};
  std::string values = "  singular values of the weighted Jacobian:";
  for (const double v : report.singular_values) {
    values += ' ' + format("%.3g", v);
  }
  lines.push_back(values);
  std::string weak = "  not pinned down by the targets (SE above half the estimate):";
  for (const std::size_t j : report.weak_parameters) {
    weak += ' ' + space[j].name;
  }
  lines.push_back(report.weak_parameters.empty() ? "  every parameter is pinned down" : weak);
  for (std::size_t a = 0; a < space.dimension(); ++a) {
    for (std::size_t b = a + 1; b < space.dimension(); ++b) {
      const double r = report.correlation[a][b];
      if (std::abs(r) >= 0.8) {
        lines.push_back("  correlated estimates (" + format("%+.2f", r) + "): " + space[a].name +
                        " and " + space[b].name);
      }
    }
  }
  constexpr std::size_t kShown = 10;
  for (std::size_t c = 0; c < std::min(kShown, report.conflicts.size()); ++c) {
    const auto &conflict = report.conflicts[c];
    lines.push_back("  targets pulling against each other (cosine " +
                    format("%+.2f", conflict.cosine) + "): " + targets[conflict.first].id +
                    " and " + targets[conflict.second].id);
  }
  if (report.conflicts.size() > kShown) {
    lines.push_back("  ... and " + std::to_string(report.conflicts.size() - kShown) +
                    " more pairs");
  }
  return lines;
}

} // namespace report

std::vector<std::string> fit_lines(const std::vector<cal::TargetFit> &fit) {
  std::vector<std::string> lines;
  std::size_t width = 6;
  for (const auto &f : fit) {
    width = std::max(width, f.id.size());
  }
  std::size_t within = 0, fitted = 0, held_within = 0, held = 0;
  for (const bool held_out : {false, true}) {
    bool first = true;
    for (const auto &f : fit) {
      if (f.held_out != held_out) {
        continue;
      }
      if (first) {
        lines.push_back(held_out ? "Held-out targets (not fitted):" : "Fitted targets:");
        char head[200];
        std::snprintf(head, sizeof head, "  %-*s %12s %12s %27s %9s %5s", static_cast<int>(width),
                      "target", "reported", "simulated", "95 % interval", "rel.err", "tol.");
        lines.push_back(head);
        first = false;
      }
      (held_out ? held_within : within) += f.within_tolerance ? 1 : 0;
      (held_out ? held : fitted) += 1;
      char line[300];
      std::snprintf(line, sizeof line, "  %-*s %12.6g %12.6g [%12.6g, %12.6g] %+8.1f%% %4.0f%%%s",
                    static_cast<int>(width), f.id.c_str(), f.reported, f.simulated.mean,
                    f.simulated.low, f.simulated.high, 100.0 * f.relative_error,
                    100.0 * f.tolerance, f.within_tolerance ? "" : "  *");
      lines.push_back(line);
    }
  }
  lines.push_back("(* not within its tolerance)");
  lines.push_back(std::to_string(within) + " of " + std::to_string(fitted) +
                  " fitted targets within tolerance" +
                  (held == 0 ? std::string()
                             : "; " + std::to_string(held_within) + " of " + std::to_string(held) +
                                   " held-out targets"));
  return lines;
}

std::string posterior_csv(const cal::ParameterSpace &space,
                          const std::vector<cal::Particle> &particles) {
  std::ostringstream csv;
  csv << "weight,distance";
  for (const auto &p : space.parameters()) {
    csv << ',' << analysis::csv_field(p.name);
  }
  csv << '\n';
  for (const auto &particle : particles) {
    csv << engine::shortest_text(particle.weight) << ','
        << engine::shortest_text(particle.distance);
    for (const double v : particle.theta) {
      csv << ',' << engine::shortest_text(v);
    }
    csv << '\n';
  }
  return csv.str();
}

std::string calibrated_scenario_text(const std::string &scenario_file, const std::string &out,
                                     const std::vector<scenario::FreeParameterSpec> &free,
                                     const CalibrationOutcome &outcome,
                                     const std::string &preamble) {
  std::string header = preamble;
  for (const auto &line : outcome.summary) {
    header += line + '\n';
  }
  if (!outcome.fit.empty()) {
    header += "Fit on fresh replications:\n";
    for (const auto &line : fit_lines(outcome.fit)) {
      header += line + '\n';
    }
  }
  return scenario::calibrated_scenario_yaml(scenario_file, out,
                                            overrides_of(free, outcome.estimate), header);
}

} // namespace removalsim::studies
