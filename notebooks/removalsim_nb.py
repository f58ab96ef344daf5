"""Helpers shared by the notebooks: make the `removalsim` package importable, find the
`removalsim` binary, run it into a scratch directory, read its outputs, read the notebooks'
parameters from the environment, draw fan charts and save figures.

The notebooks call the Python package (`import removalsim`), which returns what the commands
write; the sensitivity analysis (04) and the measurements of a whole process (05) run the command
line (each command is printed before it runs).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent

# Where a locally built binary and the Python package land with the CMake presets (README: "The
# two commands").
_PRESET_BINARIES = ("build/release/sim/cli/removalsim", "build/dev/sim/cli/removalsim")
_PRESET_PACKAGES = ("build/release/python", "build/dev/python")

# `import removalsim` in a notebook: from $PYTHONPATH when set (CI), else from a preset build of
# this repository, so that a notebook opened from a checkout needs no setup.
if importlib.util.find_spec("removalsim") is None:
    for _relative in _PRESET_PACKAGES:
        if (REPO_ROOT / _relative / "removalsim").is_dir():
            sys.path.insert(0, str(REPO_ROOT / _relative))
            break

# Every CLI output of this session goes under one scratch directory, removed when the kernel exits:
# the notebooks never write into the source tree.
_SCRATCH = tempfile.TemporaryDirectory(prefix="removalsim-nb-")

# Dates of the policy events the figures mark (shared/data/published_figures.csv and
# legal_rules.md: the visa cut was lifted for Morocco at the end of 2022).
VISA_CUT = pd.Timestamp("2021-09-28")
VISA_CUT_LIFTED_MA = pd.Timestamp("2022-12-31")
STATE_VISIT = pd.Timestamp("2024-10-28")

def binary() -> Path:
    """The removalsim executable: $REMOVALSIM_BIN, else a preset build of this repository, else
    `removalsim` on PATH."""
    configured = os.environ.get("REMOVALSIM_BIN")
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise FileNotFoundError(f"REMOVALSIM_BIN={configured} is not a file")
        return path
    for relative in _PRESET_BINARIES:
        if (REPO_ROOT / relative).is_file():
            return REPO_ROOT / relative
    on_path = shutil.which("removalsim")
    if on_path:
        return Path(on_path)
    raise FileNotFoundError(
        "removalsim not found: build it (bash scripts/run.sh) or set REMOVALSIM_BIN")


def env_int(name: str, default: int) -> int:
    """An integer parameter from the environment variable `name`, else `default`."""
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_floats(name: str, default: list[float]) -> list[float]:
    """A comma-separated list of numbers from the environment variable `name`, else `default`."""
    value = os.environ.get(name)
    if value in (None, ""):
        return list(default)
    return [float(item) for item in value.split(",")]


def replications(default: int, minimum: int = 2) -> int:
    """Replications: $REMOVALSIM_REPLICATIONS (small in CI), else `default`. Intervals across
    replications need at least two."""
    count = env_int("REMOVALSIM_REPLICATIONS", default)
    if count < minimum:
        raise ValueError(f"REMOVALSIM_REPLICATIONS must be >= {minimum}, got {count}")
    return count


def repo_path(relative: str) -> Path:
    """A path inside the repository (scenarios, targets, study files)."""
    return REPO_ROOT / relative


def scratch_dir(label: str) -> Path:
    """A new empty directory in this session's scratch space."""
    return Path(tempfile.mkdtemp(prefix=f"{label}-", dir=_SCRATCH.name))


def write_scenario(name: str, text: str) -> Path:
    """Writes a temporary scenario file (e.g. one that `extends:` a shipped scenario) and returns
    its path."""
    path = Path(_SCRATCH.name) / name
    path.write_text(text)
    return path


def cli(*args: object) -> str:
    """Runs `removalsim ARGS...` and returns its standard output; a failure raises with the
    command's error message."""
    command = [str(binary()), *map(str, args)]
    print("$ removalsim", shlex.join(command[1:]), flush=True)
    completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT)
    if completed.returncode != 0:
        raise RuntimeError(f"removalsim exited with code {completed.returncode}:\n"
                           f"{completed.stderr.strip()}")
    return completed.stdout


def cli_out(label: str, *args: object) -> Path:
    """Runs `removalsim ARGS... --out DIR` with a fresh scratch DIR and returns DIR."""
    out = scratch_dir(label)
    cli(*args, "--out", out)
    return out


def read_csv(directory: Path, name: str) -> pd.DataFrame:
    """One CSV output of the CLI (`NA` is read as missing)."""
    return pd.read_csv(directory / name, keep_default_na=False, na_values=["NA"])


def read_json(path: Path) -> dict:
    """A JSON output of the CLI (an undefined number, such as sensitivity.json's replication noise
    with one replication per point, is `null`: read as None)."""
    return json.loads(path.read_text())


def monthly_series(monthly: pd.DataFrame, metric: str, country: str) -> pd.DataFrame:
    """A monthly counter of one country summed over its profiles, as a table month x replication.

    monthly.csv holds non-zero counters only, so months where a replication counted nothing are
    filled with zeros."""
    rows = monthly[(monthly.metric == metric) & (monthly.country == country)]
    table = rows.pivot_table(index="month", columns="replication", values="value",
                             aggfunc="sum")
    months = sorted(monthly.month.unique())
    table = table.reindex(index=months, columns=sorted(monthly.replication.unique()),
                          fill_value=0).fillna(0)
    table.index = pd.PeriodIndex(table.index, freq="M").to_timestamp()
    return table


def fan_chart(ax, table: pd.DataFrame, color: str, label: str) -> None:
    """Draws the median across replications with its 50 % and 90 % bands (columns are
    replications)."""
    quantiles = table.quantile([0.05, 0.25, 0.5, 0.75, 0.95], axis=1).T
    ax.fill_between(table.index, quantiles[0.05], quantiles[0.95], color=color, alpha=0.2,
                    linewidth=0, label=f"{label}: 90 % of replications")
    ax.fill_between(table.index, quantiles[0.25], quantiles[0.75], color=color, alpha=0.4,
                    linewidth=0, label="50 %")
    ax.plot(table.index, quantiles[0.5], color=color, linewidth=1.5, label="median")


def finish(fig, name: str | None = None) -> None:
    """Shows a figure; a key figure (one given a `name`) is also saved as NAME.png into
    $REMOVALSIM_FIGURES_DIR when that is set (scripts/figures.sh: docs/figures/)."""
    from IPython.display import display
    import matplotlib.pyplot as plt

    figures_dir = os.environ.get("REMOVALSIM_FIGURES_DIR")
    if name and figures_dir:
        Path(figures_dir).mkdir(parents=True, exist_ok=True)
        fig.savefig(Path(figures_dir) / f"{name}.png", dpi=90, bbox_inches="tight")
    display(fig)
    plt.close(fig)


def answer(sentence: str) -> None:
    """Displays the notebook's one-sentence answer (scripts/figures.sh collects these)."""
    from IPython.display import Markdown, display

    display(Markdown(f"**Answer.** {sentence}"))


@dataclass
class Measurement:
    """Wall time and peak resident memory of one removalsim process."""
    wall_seconds: float
    cpu_seconds: float
    peak_rss_mb: float


def measure(*args: object) -> Measurement:
    """Runs `removalsim ARGS...` and measures that process alone: os.wait4 returns the child's own
    resource usage (getrusage(RUSAGE_CHILDREN) would report the largest child so far)."""
    command = [str(binary()), *map(str, args)]
    print("$ removalsim", shlex.join(command[1:]), flush=True)
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors,
                                   cwd=REPO_ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"removalsim exited with code {process.returncode}:\n"
                               f"{errors.read().decode().strip()}")
    # Linux reports ru_maxrss in kilobytes.
    return Measurement(wall_seconds=wall, cpu_seconds=usage.ru_utime + usage.ru_stime,
                       peak_rss_mb=usage.ru_maxrss / 1024)
