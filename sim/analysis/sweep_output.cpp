#include "removalsim/analysis/sweep_output.h"

#include "removalsim/analysis/run_output.h"
#include "removalsim/engine/interval.h"

#include <cmath>

namespace removalsim::analysis {

namespace {

void write_name(std::ostream &out, const SweepOutputName &name) {
  out << csv_field(name.metric) << ',' << csv_field(name.country) << ',' << csv_field(name.period);
}

} // namespace

void write_sweep_replications_csv(std::ostream &out, std::span<const std::string> points,
                                  std::span<const SweepOutputName> outputs,
                                  const SweepValues &values) {
  out << "point,replication,metric,country,period,value\n";
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::size_t r = 0; r < values[p].size(); ++r) {
      for (std::size_t k = 0; k < outputs.size(); ++k) {
        out << csv_field(points[p]) << ',' << r << ',';
        write_name(out, outputs[k]);
        out << ',' << format_number(values[p][r][k]) << '\n';
      }
    }
  }
}

void write_sweep_summary_csv(std::ostream &out, std::span<const std::string> points,
                             std::span<const SweepOutputName> outputs, const SweepValues &values) {
  out << "point,metric,country,period,mean,ci_low,ci_high,n\n";
  std::vector<double> defined;
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      defined.clear();
      for (const auto &replication : values[p]) {
        if (!std::isnan(replication[k])) {
          defined.push_back(replication[k]);
        }
      }
      const auto interval = engine::student_t_interval(defined);
      out << csv_field(points[p]) << ',';
      write_name(out, outputs[k]);
      out << ',' << format_number(interval.mean) << ',' << format_number(interval.low) << ','
          << format_number(interval.high) << ',' << interval.n << '\n';
    }
  }
}

} // namespace removalsim::analysis
