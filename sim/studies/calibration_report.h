#pragma once

#include "removalsim/studies/calibration.h"

#include <cstddef>
#include <string>
#include <vector>

/// The lines that report a calibration (private to the studies layer; calibration.cpp assembles
/// them into a CalibrationOutcome).
namespace removalsim::studies::report {

/// `value` printed with the printf `pattern` (one double).
std::string format(const char *pattern, double value);

/// The value `key` has in the loaded scenario, as its file wrote it; `(inherited)` when absent.
std::string scenario_value(const scenario::LoadedScenario &loaded, const std::string &key);

/// The width of the parameters' name column: the longest name, at least 9.
std::size_t name_width(const analysis::calibration::ParameterSpace &space);

/// How each phase of an SMM calibration went, and why it stopped.
std::vector<std::string> phase_lines(const analysis::calibration::SmmResult &result);

/// The identifiability report: singular values, parameters not pinned down, strong
/// correlations, and targets that pull against each other.
std::vector<std::string>
identifiability_lines(const analysis::calibration::Identifiability &report,
                      const analysis::calibration::ParameterSpace &space,
                      const std::vector<analysis::calibration::Target> &targets);

} // namespace removalsim::studies::report
