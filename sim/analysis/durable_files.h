#pragma once
// What the atomic outputs share: naming and finding the temporaries of dead processes, and
// syncing to disk before a rename makes new content visible.

#include <filesystem>
#include <string>
#include <vector>

namespace removalsim::analysis {

/// What ends the name of this process's temporaries: its process id.
std::string temporary_suffix();

/// The entries of `directory` named `<prefix><pid>` whose process no longer exists: what a command
/// killed while writing left behind (a live process's temporaries, and names of another form, are
/// not listed).
std::vector<std::filesystem::path> left_by_dead_processes(const std::filesystem::path &directory,
                                                          const std::string &prefix);

/// fsync of `path` (a file or a directory); throws OutputError when it fails.
void sync_to_disk(const std::filesystem::path &path);

} // namespace removalsim::analysis
