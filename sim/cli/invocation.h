#pragma once

#include "removalsim/studies/output_record.h"

namespace removalsim::cli {

/// Keeps the command line for the output records (`main` calls it once, before parsing).
void remember_command_line(int argc, const char *const *argv);

/// This process's invocation: its command line, removalsim's version and the commit it was built
/// from.
studies::Invocation invocation();

} // namespace removalsim::cli
