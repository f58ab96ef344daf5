#include "output_directory.h"

namespace removalsim::cli {

std::unique_ptr<analysis::OutputSet> prepare_output_set(const std::string &directory) {
  if (directory.empty()) {
    return nullptr;
  }
  return std::make_unique<analysis::OutputSet>(directory);
}

void check_output_file(const std::string &file) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) {
    throw analysis::OutputError("cannot write " + file + ": it is a directory");
  }
  // Opening (and dropping) an atomic file proves its directory is writable, and leaves nothing.
  const analysis::AtomicFile probe(file);
}

} // namespace removalsim::cli
