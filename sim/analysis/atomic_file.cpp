#include "removalsim/analysis/atomic_file.h"

#include "durable_files.h"

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace removalsim::analysis {

namespace {

const std::string kTemporaryInfix = ".tmp-";

std::filesystem::path directory_of(const std::filesystem::path &file) {
  return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

} // namespace

std::string temporary_suffix() { return std::to_string(::getpid()); }

std::vector<std::filesystem::path> left_by_dead_processes(const std::filesystem::path &directory,
                                                          const std::string &prefix) {
  std::vector<std::filesystem::path> stale;
  std::error_code error;
  for (std::filesystem::directory_iterator entry(directory, error), end; !error && entry != end;
       entry.increment(error)) {
    const std::string name = entry->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) {
      continue;
    }
    pid_t pid = 0;
    const char *digits = name.data() + prefix.size();
    const auto [end_of_number, parse_error] =
        std::from_chars(digits, name.data() + name.size(), pid);
    if (parse_error != std::errc() || end_of_number != name.data() + name.size() || pid <= 0) {
      continue;
    }
    if (::kill(pid, 0) != 0 && errno == ESRCH) {
      stale.push_back(entry->path());
    }
  }
  return stale;
}

void sync_to_disk(const std::filesystem::path &path) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = descriptor >= 0 && ::fsync(descriptor) == 0;
  const int reason = errno;
  if (descriptor >= 0) {
    ::close(descriptor);
  }
  if (!synced) {
    throw OutputError("cannot sync " + path.string() + " to disk: " + std::strerror(reason));
  }
}

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)),
      temporary_(target_.string() + kTemporaryInfix + temporary_suffix()) {
  const std::string prefix = target_.filename().string() + kTemporaryInfix;
  for (const auto &stale : left_by_dead_processes(directory_of(target_), prefix)) {
    std::error_code ignored;
    std::filesystem::remove(stale, ignored);
  }
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_) {
    throw OutputError("cannot write " + target_.string() + ": " + std::strerror(errno));
  }
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    stream_.close();
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicFile::commit() {
  stream_.flush();
  const bool written = static_cast<bool>(stream_);
  stream_.close();
  if (!written || stream_.fail()) {
    throw OutputError("writing " + target_.string() + " failed (disk full?)");
  }
  // Synced before the rename: after a crash the target holds the old content or the new, whole.
  sync_to_disk(temporary_);
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) {
    throw OutputError("cannot move " + temporary_.string() + " to " + target_.string() + ": " +
                      error.message());
  }
  committed_ = true;
}

void write_file_atomically(const std::filesystem::path &target, std::string_view content) {
  AtomicFile file(target);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

} // namespace removalsim::analysis
