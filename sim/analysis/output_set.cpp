#include "removalsim/analysis/output_set.h"

#include "durable_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <vector>

namespace removalsim::analysis {

namespace {

namespace fs = std::filesystem;

std::function<void(std::string_view)> &commit_hook() {
  static std::function<void(std::string_view)> hook;
  return hook;
}

void reach(std::string_view step) {
  if (commit_hook()) {
    commit_hook()(step);
  }
}

/// `directory` as an absolute path naming the directory itself ("out/" and "out/." as "out").
fs::path absolute_directory(const fs::path &directory) {
  fs::path absolute = fs::absolute(directory).lexically_normal();
  return absolute.has_filename() ? absolute : absolute.parent_path();
}

/// What starts the name of the staging directories of `directory`, beside it, hidden.
std::string staging_prefix(const fs::path &directory) {
  std::string prefix(1, '.');
  prefix += directory.filename().string();
  prefix += ".removalsim-";
  return prefix;
}

bool is_subdirectory(const fs::directory_entry &entry) {
  std::error_code ignored;
  return entry.symlink_status(ignored).type() == fs::file_type::directory;
}

/// Moves the subdirectories of `from` that `to` lacks into `to`: a staging directory holds
/// subdirectories only when it holds the previous set, whose subdirectories belong to the user.
void move_subdirectories(const fs::path &from, const fs::path &to) {
  for (const auto &entry : fs::directory_iterator(from)) {
    if (is_subdirectory(entry) && !fs::exists(fs::symlink_status(to / entry.path().filename()))) {
      fs::rename(entry.path(), to / entry.path().filename());
    }
  }
}

/// Removes what commands killed while writing `directory`'s set left beside it; subdirectories
/// of the user's left there by a kill just after the swap go back into the directory.
void remove_staging_of_dead_processes(const fs::path &directory) {
  for (const auto &stale :
       left_by_dead_processes(directory.parent_path(), staging_prefix(directory))) {
    std::error_code error;
    if (fs::is_directory(directory)) {
      try {
        move_subdirectories(stale, directory);
      } catch (const fs::filesystem_error &) {
        continue; // kept, with the user's subdirectory, rather than removed
      }
    }
    fs::remove_all(stale, error);
  }
}

[[noreturn]] void fail_to_swap(const fs::path &directory, int reason) {
  throw OutputError("cannot put the new outputs in place of " + directory.string() + ": " +
                    std::strerror(reason));
}

} // namespace

OutputSet::OutputSet(fs::path directory) : directory_(absolute_directory(directory)) {
  std::error_code error;
  const fs::path current = fs::current_path(error);
  const fs::path resolved = fs::weakly_canonical(directory_, error);
  if (!error) {
    // The swap would move the working directory of the shell that started the command.
    const auto [mismatch, unused] =
        std::mismatch(resolved.begin(), resolved.end(), current.begin(), current.end());
    if (mismatch == resolved.end()) {
      throw Error(ErrorCategory::user, directory.string() +
                                           ": an output directory is replaced as a whole, so it "
                                           "cannot be the current directory or contain it");
    }
  }
  if (fs::exists(directory_, error) && !fs::is_directory(directory_, error)) {
    throw OutputError("cannot write into " + directory.string() + ": it is not a directory");
  }
  fs::create_directories(directory_.parent_path(), error);
  if (error) {
    throw OutputError("cannot create output directory " + directory.string() + ": " +
                      error.message());
  }
  remove_staging_of_dead_processes(directory_);
  staging_ = directory_.parent_path() / (staging_prefix(directory_) + temporary_suffix());
  fs::remove_all(staging_, error);
  if (!fs::create_directory(staging_, error) || error) {
    throw OutputError("cannot write " + directory.string() + ": " +
                      (error ? error.message() : "cannot create " + staging_.string()));
  }
}

OutputSet::~OutputSet() {
  files_.clear();
  if (!committed_) {
    std::error_code ignored;
    fs::remove_all(staging_, ignored);
  }
}

std::ofstream &OutputSet::file(const std::string &name) {
  std::ofstream &stream = files_[name];
  stream.open(staging_ / name, std::ios::binary | std::ios::trunc);
  if (!stream) {
    throw OutputError("cannot write " + (directory_ / name).string() + ": " + std::strerror(errno));
  }
  return stream;
}

void OutputSet::carry_over_previous_entries() {
  std::error_code error;
  if (!fs::is_directory(directory_, error)) {
    return;
  }
  for (const auto &entry : fs::directory_iterator(directory_)) {
    const fs::path name = entry.path().filename();
    if (files_.count(name.string()) != 0 || is_subdirectory(entry)) {
      continue; // replaced; or moved after the swap (a directory cannot be hard-linked)
    }
    fs::create_hard_link(entry.path(), staging_ / name, error);
    if (error) {
      fs::copy(entry.path(), staging_ / name, fs::copy_options::copy_symlinks, error);
    }
    if (error) {
      throw OutputError("cannot keep " + entry.path().string() +
                        " in the new outputs: " + error.message());
    }
  }
}

void OutputSet::swap_in() {
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, directory_.c_str(), RENAME_NOREPLACE) ==
      0) {
    return;
  }
  if (errno != EEXIST) {
    fail_to_swap(directory_, errno);
  }
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, directory_.c_str(), RENAME_EXCHANGE) != 0) {
    fail_to_swap(directory_, errno);
  }
}

void OutputSet::commit() {
  for (auto &[name, stream] : files_) {
    stream.flush();
    const bool written = static_cast<bool>(stream);
    stream.close();
    if (!written || stream.fail()) {
      throw OutputError("writing " + (directory_ / name).string() +
                        " failed (disk full, or a file size limit?); the previous outputs are "
                        "left as they were");
    }
    sync_to_disk(staging_ / name);
  }
  carry_over_previous_entries();
  sync_to_disk(staging_);
  reach("synced");
  swap_in();
  committed_ = true;
  reach("swapped");
  // The staging directory now holds the previous set, if there was one.
  std::error_code error;
  if (fs::exists(staging_, error)) {
    try {
      move_subdirectories(staging_, directory_);
    } catch (const fs::filesystem_error &failure) {
      throw OutputError("wrote " + directory_.string() + ", but could not move back " +
                        failure.path1().string() + ": " + failure.code().message());
    }
    fs::remove_all(staging_, error);
  }
  sync_to_disk(directory_.parent_path());
}

void set_output_commit_hook(std::function<void(std::string_view step)> hook) {
  commit_hook() = std::move(hook);
}

} // namespace removalsim::analysis
