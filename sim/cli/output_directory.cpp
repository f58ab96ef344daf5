#include "output_directory.h"

#include "removalsim/analysis/atomic_file.h"

#include <system_error>

namespace removalsim::cli {

void prepare_output_directory(const std::filesystem::path &directory) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    throw analysis::OutputError("cannot create output directory " + directory.string() + ": " +
                                error.message());
  }
  // Opening (and dropping) an atomic file proves the directory is writable, and leaves nothing.
  const analysis::AtomicFile probe(directory / ".removalsim-write-test");
}

} // namespace removalsim::cli
