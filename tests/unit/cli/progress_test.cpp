#include "progress.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>
#include <string>

using removalsim::cli::duration_text;
using removalsim::cli::Progress;
using removalsim::cli::set_quiet_progress;

namespace {

/// What a Progress wrote into a temporary file, with time advanced by hand.
struct Capture {
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> file{std::tmpfile(), &std::fclose};
  double now = 0.0;

  Progress progress(bool terminal) {
    return Progress("replication", file.get(), terminal, [this] { return now; });
  }
  std::string text() {
    std::fflush(file.get());
    std::rewind(file.get());
    std::string content;
    for (int c = std::fgetc(file.get()); c != EOF; c = std::fgetc(file.get())) {
      content += static_cast<char>(c);
    }
    return content;
  }
};

} // namespace

TEST_CASE("duration_text reads as a person says a duration") {
  CHECK(duration_text(0.42) == "0.4 s");
  CHECK(duration_text(12.3) == "12 s");
  CHECK(duration_text(185.0) == "3 min 05 s");
  CHECK(duration_text(3720.0) == "1 h 02 min");
  CHECK(duration_text(-1.0) == "?");
}

TEST_CASE(
    "Progress off a terminal: silent for a second, then a line every few seconds, then done") {
  Capture capture;
  const Progress progress = capture.progress(false);
  capture.now = 0.5;
  progress(1, 10);
  CHECK(capture.text().empty());
  capture.now = 2.0;
  progress(2, 10);
  CHECK(capture.text() == "replication 2/10, 2.0 s elapsed, about 8.0 s left\n");
  capture.now = 2.0 + Progress::kLinePeriod / 2;
  progress(3, 10);
  CHECK(capture.text() == "replication 2/10, 2.0 s elapsed, about 8.0 s left\n");
  capture.now = 20.0;
  progress(10, 10);
  CHECK(capture.text() == "replication 2/10, 2.0 s elapsed, about 8.0 s left\n"
                          "replication 10/10 done in 20 s\n");
}

TEST_CASE("Progress on a terminal rewrites one line and clears it at the end") {
  Capture capture;
  const Progress progress = capture.progress(true);
  capture.now = 1.5;
  progress(1, 4);
  capture.now = 1.7;
  progress(2, 4);
  capture.now = 3.0;
  progress(4, 4);
  CHECK(capture.text() == "\rreplication 1/4, 1.5 s elapsed, about 4.5 s left\033[K"
                          "\rreplication 2/4, 1.7 s elapsed, about 1.7 s left\033[K"
                          "\r\033[K");
}

TEST_CASE("Progress says nothing for a short command, nor under --quiet") {
  Capture short_run;
  const Progress quick = short_run.progress(false);
  short_run.now = 0.3;
  quick(4, 4);
  CHECK(short_run.text().empty());

  Capture quiet;
  const Progress silenced = quiet.progress(false);
  set_quiet_progress(true);
  quiet.now = 30.0;
  silenced(1, 4);
  silenced(4, 4);
  set_quiet_progress(false);
  CHECK(quiet.text().empty());
}
