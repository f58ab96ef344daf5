#include "removalsim/analysis/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <unistd.h>

namespace removalsim::analysis {

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)),
      temporary_(target_.string() + ".tmp-" + std::to_string(::getpid())) {
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
