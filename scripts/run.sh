#!/usr/bin/env bash
# The README's first command: set up, build in Release, and run the main job. Extra arguments are
# passed to `removalsim` (default: `run`, i.e. scenarios/france.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh release
cmake --build build/release --target removalsim >/dev/null
if (($# == 0)); then set -- run; fi
exec build/release/sim/cli/removalsim "$@"
