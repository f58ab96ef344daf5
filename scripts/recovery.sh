#!/usr/bin/env bash
# The full-size recovery run of the calibration (issue 14). Simulates the calibrated baseline
# (scenarios/france.yaml: its fitted values are the truth) on two replications of a seed the fit
# never uses, and takes their mean as targets, each with the real target's tolerance (compare
# needs two replications; the standard errors assume one realisation, so for a mean of two they
# are up to 1.34 times too large). Then calibrates the uncalibrated scenario against them with the
# baseline's free-parameter file, and prints each estimate against the truth: every parameter
# whose relative standard error is below 50 % should lie within two standard errors of it.
#
# usage: scripts/recovery.sh OUT_DIR [calibrate options, e.g. -r 4 --max-evaluations 700]
# REMOVALSIM_BIN=PATH uses that binary instead of build/release's. Takes about an hour on 2 cores.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: scripts/recovery.sh OUT_DIR [calibrate options]}"
shift
bin="${REMOVALSIM_BIN:-$root/build/release/sim/cli/removalsim}"
truth_seed=777 # the fit uses seeds 1 (and 2 for its fresh re-evaluation)
mkdir -p "$out"

"$bin" compare "$root/scenarios/france.yaml" --targets "$root/scenarios/targets/france.yaml" \
  -r 2 --seed "$truth_seed" --out "$out/truth" >/dev/null
/usr/bin/python3 "$root/scripts/recovery_targets.py" "$root/scenarios/targets/france.yaml" \
  "$out/truth/comparison.csv" \
  "scenarios/france.yaml, seed $truth_seed, 2 replications" >"$out/targets.yaml"
/usr/bin/time -v "$bin" calibrate "$root/scenarios/france-uncalibrated.yaml" \
  --targets "$out/targets.yaml" --free "$root/scenarios/calibration/france-free.yaml" \
  --out "$out/recovered.yaml" "$@" >"$out/calibrate.txt" 2>"$out/calibrate.err"
/usr/bin/python3 "$root/scripts/recovery_report.py" "$root/scenarios/france.yaml" \
  "$out/recovered.yaml"
