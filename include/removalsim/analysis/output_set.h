#pragma once

#include "removalsim/analysis/atomic_file.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace removalsim::analysis {

/// The files one command writes into its output directory, replaced as a set: they are written
/// into a fresh staging directory beside the output directory, each flushed, checked and synced,
/// and `commit()` swaps the staging directory in with one rename. A reader, or a command killed at
/// any moment, finds either the previous set or the new one, never a mix. Entries of the previous
/// directory that are not files of the set (a checkpoint, the user's own files) are kept.
class OutputSet {
public:
  /// Checks that `directory` can be replaced (it is not a file, not the current directory nor
  /// one containing it), creates its parent and the staging directory, and removes what killed
  /// commands left beside it. Throws OutputError, or a user Error for the current directory.
  explicit OutputSet(std::filesystem::path directory);
  OutputSet(const OutputSet &) = delete;
  OutputSet &operator=(const OutputSet &) = delete;
  /// Uncommitted (an error, an interrupt), removes the staging directory: the previous set stays.
  ~OutputSet();

  /// A new file of the set, named `name` inside the directory, to write to before `commit()`.
  std::ofstream &file(const std::string &name);
  /// Checks and syncs every file, then swaps the new set in; throws OutputError, leaving the
  /// previous set untouched, when any file could not be completely written.
  void commit();

  /// The directory the set replaces.
  const std::filesystem::path &directory() const noexcept { return directory_; }

private:
  void carry_over_previous_entries();
  void swap_in();

  std::filesystem::path directory_;
  std::filesystem::path staging_;
  std::map<std::string, std::ofstream> files_;
  bool committed_ = false;
};

/// Test seam: called by `OutputSet::commit()` at its steps, "synced" (the new set complete in its
/// staging directory, nothing swapped) and "swapped" (the new set in place, the previous one not
/// yet removed), so that a test can kill the command there. None unless set; not thread-safe.
void set_output_commit_hook(std::function<void(std::string_view step)> hook);

} // namespace removalsim::analysis
