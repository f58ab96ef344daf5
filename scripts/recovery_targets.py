"""Recovery targets (scripts/recovery.sh): the real targets file with each reported value replaced
by its simulated value from a `compare --out` comparison.csv, and the tolerance that `compare`
gave the real figure (so a range's half-width stays the target's weight). Targets `compare` could
not simulate (before the reported months) are dropped.

usage: recovery_targets.py TARGETS_YAML COMPARISON_CSV SOURCE_TEXT > targets.yaml
"""
import csv
import math
import sys

import yaml


def main(targets_file, comparison, source):
    simulated = {row["id"]: row for row in csv.DictReader(open(comparison))}
    document = yaml.safe_load(open(targets_file))
    kept = []
    for target in document["targets"]:
        row = simulated[target["id"]]
        value = float(row["sim_mean"].replace("NA", "nan"))
        if not math.isfinite(value):
            continue
        target["value"] = value
        target["tolerance"] = float(row["tolerance"])
        target.pop("uncertainty", None)
        target["source"] = "recovery: " + source
        kept.append(target)
    document["targets"] = kept
    print("# Recovery targets: the simulated figures of " + source + ".")
    yaml.safe_dump(document, sys.stdout, sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    main(*sys.argv[1:4])
