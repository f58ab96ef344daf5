#pragma once

#include <filesystem>

namespace removalsim::cli {

/// Creates `directory` if needed and checks that a file can be written in it, before any long
/// computation; throws analysis::OutputError with the reason otherwise.
void prepare_output_directory(const std::filesystem::path &directory);

} // namespace removalsim::cli
