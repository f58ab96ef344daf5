"""Each estimate of a recovery run against the truth (scripts/recovery.sh): reads the parameter
tables of two calibrated files' headers (name, low, high, value before, estimate, standard error).

usage: recovery_report.py TRUTH.yaml RECOVERED.yaml
"""
import re
import sys

ROW = re.compile(r"# ((?:national|countries)\S+)\s+\S+\s+\S+\s+(?:\(inherited\)|\S+)\s+(\S+)\s+(\S+)")


def estimates(path):
    out = {}
    for line in open(path):
        match = ROW.match(line)
        if match:
            out[match.group(1)] = (float(match.group(2)), float(match.group(3)))
    return out


def main(truth_file, recovered_file):
    truth = estimates(truth_file)
    recovered = estimates(recovered_file)
    pinned = inside = 0
    for name, (true_value, _) in truth.items():
        estimate, se = recovered[name]
        relative = se / abs(estimate) if estimate else float("inf")
        if relative < 0.5:
            pinned += 1
            ok = abs(estimate - true_value) < 2 * se
            inside += ok
            verdict = "within 2 SE" if ok else "OUTSIDE 2 SE"
        else:
            verdict = "not pinned (relative SE %.0f %%)" % (100 * relative)
        print("%-62s truth %10.4g  estimate %10.4g  SE %9.3g  %s"
              % (name, true_value, estimate, se, verdict))
    print("%d of %d pinned parameters within two standard errors of the truth" % (inside, pinned))
    return 0 if inside == pinned else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
