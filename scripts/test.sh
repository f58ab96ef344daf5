#!/usr/bin/env bash
# The README's second command: set up, then run everything CI checks:
#   1. formatting (clang-format, fails on any diff);
#   2. Release build with warnings as errors, all tests (unit, validation, scenarios, errors);
#   3. AddressSanitizer + UndefinedBehaviorSanitizer build, unit tests.
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

echo "== sanitizer build and unit tests" >&2
bash scripts/setup.sh asan-ubsan
cmake --build build/asan-ubsan -j "$jobs"
ctest --preset asan-ubsan -j "$jobs"
