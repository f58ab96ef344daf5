#!/usr/bin/env bash
# The README's first command: set up, build in Release, and run the main job. Extra arguments are
# passed to `removalsim` (default: `demo`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh release
cmake --build build/release --target removalsim >/dev/null
if (($# == 0)); then set -- demo; fi
exec build/release/sim/cli/removalsim "$@"
