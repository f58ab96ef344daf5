#!/usr/bin/env bash
# The README's second command: set up, then run everything CI checks:
#   1. formatting (clang-format, fails on any diff);
#   2. Release build with warnings as errors, all tests (unit, validation, scenarios, errors);
#   3. AddressSanitizer + UndefinedBehaviorSanitizer build, the whole test suite;
#   4. a 60-second libFuzzer run (clang) of the scenario and targets loaders.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"

bash scripts/setup.sh release

echo "== format check" >&2
mapfile -t sources < <(git ls-files '*.h' '*.cpp')
clang-format --dry-run --Werror "${sources[@]}"

echo "== release build and tests" >&2
cmake --build build/release -j "$jobs"
ctest --preset release -j "$jobs"

echo "== sanitizer build and tests" >&2
bash scripts/setup.sh asan-ubsan
cmake --build build/asan-ubsan -j "$jobs"
ctest --preset asan-ubsan -j "$jobs"

echo "== fuzz smoke run (60 s)" >&2
# Only the scenario layer and the fuzz target (clang's libFuzzer): no tests, no command.
if [[ ! -f build/fuzz/CMakeCache.txt ]]; then
  CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DREMOVALSIM_BUILD_TESTS=OFF -DREMOVALSIM_BUILD_FUZZERS=ON >/dev/null
fi
cmake --build build/fuzz -j "$jobs" --target scenario_fuzzer
mkdir -p build/fuzz/corpus
# The seeds are the shipped files and the past findings; new inputs go to build/fuzz/corpus.
build/fuzz/tests/fuzz/scenario_fuzzer -max_total_time=60 -timeout=10 -rss_limit_mb=2048 \
  -max_len=32768 -dict=tests/fuzz/yaml.dict -artifact_prefix=build/fuzz/ \
  build/fuzz/corpus scenarios tests/data/scenarios tests/data/targets tests/fuzz/regressions
