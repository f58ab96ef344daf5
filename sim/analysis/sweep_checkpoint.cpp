#include "removalsim/analysis/sweep_checkpoint.h"

#include "removalsim/analysis/atomic_file.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace removalsim::analysis {

namespace {

constexpr std::string_view kHeader = "removalsim sweep checkpoint ";

std::string header_line(std::uint64_t fingerprint) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, fingerprint, 16).ptr;
  return std::string(kHeader) + std::string(buffer, end) + '\n';
}

void append_number(std::string &line, double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  line += ' ';
  line.append(buffer, end);
}

std::string record_line(std::size_t unit, const UnitResult &result) {
  std::string line = std::to_string(unit) + ' ' + std::to_string(result.size());
  for (const double value : result) {
    append_number(line, value);
  }
  return line + '\n';
}

/// Parses `unit count value...`; false when malformed.
bool parse_record(std::string_view line, std::size_t &unit, UnitResult &result) {
  const char *p = line.data();
  const char *end = line.data() + line.size();
  auto skip_space = [&] {
    if (p != end && *p == ' ') {
      ++p;
    }
  };
  const auto numbered = std::from_chars(p, end, unit);
  if (numbered.ec != std::errc()) {
    return false;
  }
  p = numbered.ptr;
  skip_space();
  std::size_t count = 0;
  const auto counted = std::from_chars(p, end, count);
  if (counted.ec != std::errc()) {
    return false;
  }
  p = counted.ptr;
  result.clear();
  for (std::size_t i = 0; i < count; ++i) {
    skip_space();
    double value = 0.0;
    const auto parsed = std::from_chars(p, end, value);
    if (parsed.ec != std::errc()) {
      return false;
    }
    result.push_back(value);
    p = parsed.ptr;
  }
  return p == end;
}

} // namespace

std::map<std::size_t, UnitResult> SweepCheckpoint::read(const std::filesystem::path &file,
                                                        std::uint64_t fingerprint) {
  std::map<std::size_t, UnitResult> finished;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return finished;
  }
  std::ostringstream content;
  content << in.rdbuf();
  const std::string text = content.str();
  if (text.find('\n') == std::string::npos) {
    // Not even a whole header: the file was cut short (a kill, a full disk), not written by
    // another sweep.
    throw CheckpointError(file.string() +
                          " is empty or cut short before its first line: run without --resume "
                          "to start afresh");
  }
  if (text.rfind(header_line(fingerprint), 0) != 0) {
    throw CheckpointError(file.string() +
                          " was written for another sweep (another design, seed, replication "
                          "count or scenario content): run without --resume to start afresh");
  }
  std::size_t start = header_line(fingerprint).size();
  int line_number = 1;
  for (std::size_t stop = text.find('\n', start); stop != std::string::npos;
       start = stop + 1, stop = text.find('\n', start)) {
    ++line_number;
    std::size_t unit = 0;
    UnitResult result;
    if (!parse_record(std::string_view(text).substr(start, stop - start), unit, result)) {
      throw CheckpointError(file.string() + ':' + std::to_string(line_number) +
                            ": damaged checkpoint line; run without --resume to start afresh");
    }
    finished[unit] = std::move(result);
  }
  // What follows the last line break is a line torn by a kill: that unit runs again.
  return finished;
}

SweepCheckpoint::SweepCheckpoint(std::filesystem::path file, std::uint64_t fingerprint,
                                 const std::map<std::size_t, UnitResult> &finished)
    : file_(std::move(file)) {
  AtomicFile start(file_);
  start.stream() << header_line(fingerprint);
  for (const auto &[unit, result] : finished) {
    start.stream() << record_line(unit, result);
  }
  start.commit();
  descriptor_ = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (descriptor_ < 0) {
    throw OutputError("cannot append to " + file_.string() + ": " + std::strerror(errno));
  }
}

SweepCheckpoint::~SweepCheckpoint() {
  if (descriptor_ >= 0) {
    ::close(descriptor_);
  }
}

void SweepCheckpoint::append(std::size_t unit, const UnitResult &result) {
  const std::string line = record_line(unit, result);
  const ssize_t written = ::write(descriptor_, line.data(), line.size());
  if (written != static_cast<ssize_t>(line.size())) {
    throw OutputError("cannot append to " + file_.string() + ": " +
                      (written < 0 ? std::strerror(errno) : "short write (disk full?)"));
  }
}

void SweepCheckpoint::remove() {
  ::close(descriptor_);
  descriptor_ = -1;
  std::error_code ignored;
  std::filesystem::remove(file_, ignored);
}

} // namespace removalsim::analysis
