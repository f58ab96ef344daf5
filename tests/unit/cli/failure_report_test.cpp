#include "exit_codes.h"
#include "failure_report.h"
#include "run_limits.h"

#include "removalsim/analysis/atomic_file.h"
#include "removalsim/analysis/checkpoint_error.h"
#include "removalsim/engine/simulation_error.h"
#include "removalsim/engine/stop_flag.h"
#include "removalsim/model/model_error.h"
#include "removalsim/scenario/scenario_error.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>

using namespace removalsim;
using cli::classify;
using cli::exit_code;
using cli::Failure;
using cli::failure_text;

TEST_CASE("each error class is classified by its own category, with its message", "[cli][errors]") {
  const auto failure_of = [](const auto &error) {
    return classify(std::make_exception_ptr(error));
  };
  const Failure scenario =
      failure_of(scenario::ScenarioError({"a.yaml", 3, 7, "national.voluntary_share"}, "bad"));
  CHECK(scenario.category == ErrorCategory::user);
  CHECK(scenario.message == "a.yaml:3:7: national.voluntary_share: bad");
  CHECK(failure_of(analysis::CheckpointError("c")).category == ErrorCategory::user);
  CHECK(failure_of(analysis::OutputError("o")).category == ErrorCategory::output);
  CHECK(failure_of(ModelError("m")).category == ErrorCategory::model);
  CHECK(failure_of(SimulationError("s", 1.0, 2)).category == ErrorCategory::model);
  CHECK(failure_of(cli::RunTooLargeError("r")).category == ErrorCategory::resource_exhausted);
  CHECK(failure_of(engine::Stopped()).category == ErrorCategory::interrupted);
}

TEST_CASE("exhausted memory is resources exhausted, any other exception internal",
          "[cli][errors]") {
  const Failure memory = classify(std::make_exception_ptr(std::bad_alloc()));
  CHECK(memory.category == ErrorCategory::resource_exhausted);
  CHECK(memory.message ==
        "out of memory: use fewer replications, threads or months, or a larger machine");
  const Failure bug = classify(std::make_exception_ptr(std::out_of_range("vector::at")));
  CHECK(bug.category == ErrorCategory::internal);
  CHECK(bug.message == "vector::at");
  CHECK(classify(std::make_exception_ptr(42)).category == ErrorCategory::internal);
}

TEST_CASE("the exit code follows from the category (the README's table)", "[cli][errors]") {
  CHECK(exit_code(ErrorCategory::user, 0) == 2);
  CHECK(exit_code(ErrorCategory::resource_exhausted, 0) == 2);
  CHECK(exit_code(ErrorCategory::output, 0) == 3);
  CHECK(exit_code(ErrorCategory::model, 0) == 4);
  CHECK(exit_code(ErrorCategory::internal, 0) == 5);
  CHECK(exit_code(ErrorCategory::interrupted, SIGINT) == 130);
  CHECK(exit_code(ErrorCategory::interrupted, SIGTERM) == 143);
}

TEST_CASE("the message's first words name the category, after the rank", "[cli][errors]") {
  CHECK(failure_text({ErrorCategory::user, "bad"}, "", 0) == "removalsim: error: bad");
  CHECK(failure_text({ErrorCategory::output, "full"}, "", 0) == "removalsim: error: full");
  CHECK(failure_text({ErrorCategory::resource_exhausted, "big"}, "", 0) ==
        "removalsim: error: big");
  CHECK(failure_text({ErrorCategory::model, "m"}, "rank 1 of 2: ", 0) ==
        "removalsim: rank 1 of 2: model error: m");
  CHECK(failure_text({ErrorCategory::internal, "x"}, "", 0) ==
        "removalsim: internal error (please report): x");
  CHECK(failure_text({ErrorCategory::interrupted, ""}, "", SIGTERM) ==
        "removalsim: interrupted by SIGTERM");
  CHECK(failure_text({ErrorCategory::interrupted, ""}, "", SIGINT) ==
        "removalsim: interrupted by SIGINT");
}
