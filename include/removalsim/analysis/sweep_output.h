#pragma once

#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace removalsim::analysis {

/// What a sweep measured: `[point][replication][output]`.
using SweepValues = std::vector<std::vector<std::vector<double>>>;

/// How an output of a sweep is named in its CSV files.
struct SweepOutputName {
  std::string metric;
  std::string country;
  std::string period; ///< as written in the design (`2025`, `2025-01..2025-02`)
};

/// `replications.csv`, tidy long format: `point,replication,metric,country,period,value`, one row
/// per point, replication and output, in that order; `NA` where a value is undefined.
void write_sweep_replications_csv(std::ostream &out, std::span<const std::string> points,
                                  std::span<const SweepOutputName> outputs,
                                  const SweepValues &values);

/// `summary.csv`: `point,metric,country,period,mean,ci_low,ci_high,n`, the mean of each output
/// over a point's replications with its 95 % Student-t interval, over the `n` replications where
/// the value is defined.
void write_sweep_summary_csv(std::ostream &out, std::span<const std::string> points,
                             std::span<const SweepOutputName> outputs, const SweepValues &values);

} // namespace removalsim::analysis
