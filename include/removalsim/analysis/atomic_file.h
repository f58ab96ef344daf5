#pragma once

#include "removalsim/engine/error.h"

#include <filesystem>
#include <fstream>

namespace removalsim::analysis {

/// A file that I/O failures (full disk, unwritable directory) could not write.
class OutputError : public Error {
public:
  explicit OutputError(const std::string &what) : Error(ErrorCategory::output, what) {}
};

/// An output file written all-or-nothing: content goes to a temporary file beside the target,
/// and `commit()` renames it over the target. Until then the target is untouched; destroyed
/// uncommitted (an error, an interrupt), the temporary file is removed.
class AtomicFile {
public:
  /// Opens the temporary file; throws OutputError when it cannot be created.
  explicit AtomicFile(std::filesystem::path target);
  AtomicFile(const AtomicFile &) = delete;
  AtomicFile &operator=(const AtomicFile &) = delete;
  ~AtomicFile();

  /// The stream to write to.
  std::ofstream &stream() noexcept { return stream_; }
  /// Flushes, checks every write succeeded, and renames into place; throws OutputError otherwise.
  void commit();

private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream stream_;
  bool committed_ = false;
};

/// Writes `content` to `target` atomically.
void write_file_atomically(const std::filesystem::path &target, std::string_view content);

} // namespace removalsim::analysis
