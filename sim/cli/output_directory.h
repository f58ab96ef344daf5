#pragma once

#include "removalsim/analysis/output_set.h"

#include <memory>
#include <string>

namespace removalsim::cli {

/// The output set of `--out DIRECTORY` (analysis::OutputSet), prepared before any long
/// computation so that an unwritable place fails at once; null when `directory` is empty (no
/// `--out`).
std::unique_ptr<analysis::OutputSet> prepare_output_set(const std::string &directory);

/// Checks, before any long computation, that `file` can be written atomically (it is not a
/// directory, and a temporary file can be created beside it); throws analysis::OutputError.
void check_output_file(const std::string &file);

} // namespace removalsim::cli
