#pragma once

#include "removalsim/scenario/loader.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace removalsim::cli {

/// Adds `--set KEY=VALUE` (repeatable) to `command`, bound to `items`: values put on the scenario
/// as it is loaded, with the key paths `check` prints (`national.detention.max_days=210`,
/// `countries.MA.lpc.delay[1].value.mean=10`), so that a what-if needs no file. `which` says
/// which scenario the values go to.
void add_set_option(CLI::App &command, std::vector<std::string> &items, const std::string &which);

/// The `--set` items as overrides, in order (a later item wins). Throws CLI::ValidationError for an
/// item without `KEY=`; a bad key or value is the scenario's located error when it is applied.
std::vector<scenario::Override> overrides_of(const std::vector<std::string> &items);

} // namespace removalsim::cli
