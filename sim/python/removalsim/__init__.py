"""removalsim: the removal-procedure simulator from Python, with pandas results.

The functions mirror the command line's commands and return tidy pandas frames with the columns
of the files the commands write::

    import removalsim
    base = removalsim.load("scenarios/france.yaml")
    whatif = removalsim.load("scenarios/france.yaml", set={"national.detention.max_days": 210})
    removalsim.diff(base, whatif, replications=10, seed=1)

Runs are identical to the command line's for the same scenario, replications and seed. While a
run simulates, the GIL is released; Ctrl-C stops it and raises KeyboardInterrupt, with no result.
"""

import io
import json
import numbers
import os
from pathlib import Path

import pandas as pd

from . import _core
from .errors import Error, ScenarioError

__all__ = ["Error", "RunResult", "Scenario", "ScenarioError", "compare", "diff", "exact", "load",
           "run"]

#: Replications of `run`, `compare` and `diff` when not given (the command line's default).
DEFAULT_REPLICATIONS = 10
#: Seed of `run`, `compare` and `diff` when not given (the command line's default).
DEFAULT_SEED = 1


def _frame(csv_text):
    # Only `NA` is missing: the writers spell an undefined number so, and nothing else they write
    # (a profile, a target id) should turn into NaN.
    return pd.read_csv(io.StringIO(csv_text), keep_default_na=False, na_values=["NA"])


class Scenario:
    """A validated scenario, the provenance of each of its values, and values set in memory.

    Build one with `load`. `set` changes a value in place (the scenario is validated again);
    `copy` first to keep the original, e.g. for a what-if against it.

    Attributes
    ----------
    path : str
        The file it was loaded from, as named (what `run`'s record calls ``scenario``).
    """

    def __init__(self, loaded, path):
        self._loaded = loaded
        self.path = path

    @property
    def name(self):
        """The scenario's ``name:`` (empty when it has none)."""
        return self._loaded.name

    @property
    def files(self):
        """The files read: the one loaded, then each file it extends, in chain order."""
        return list(self._loaded.files)

    def set(self, key, value):
        """Put a number at a key path and validate the scenario again.

        A national value reaches every country and profile that does not set the key itself,
        as with a key of a what-if file that ``extends:`` this one.

        Parameters
        ----------
        key : str
            Dotted key path as `check` lists them, e.g. ``national.detention.max_days`` or
            ``countries.MA.lpc.delay[1].value.mean``.
        value : float
            The number; ``math.inf`` is written ``unlimited``.

        Raises
        ------
        ScenarioError
            For an unknown key path or an invalid value (the file is then ``set``); the scenario
            is unchanged.
        """
        # A bool or a string would pass float() and set something the user did not write.
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"set({key!r}, ...): a number is needed, not {value!r}")
        self._loaded.set(key, float(value))

    def get(self, key):
        """The resolved value at a key path.

        Parameters
        ----------
        key : str
            Dotted key path as `check` lists them.

        Returns
        -------
        float or str
            A float when the value is a number (``inf`` for ``unlimited``), else its text.

        Raises
        ------
        KeyError
            When the resolved document has no value there (e.g. a country's key that inherits
            the national value).
        """
        return self._loaded.get(key)

    def check(self):
        """Every resolved value and where it was written (``removalsim check``).

        Returns
        -------
        pandas.DataFrame
            Columns ``key, value, file, line, column``, in document order; ``value`` as written.
        """
        return pd.DataFrame(self._loaded.provenance(),
                            columns=["key", "value", "file", "line", "column"])

    def copy(self):
        """An independent copy (values set on one never reach the other)."""
        return Scenario(self._loaded.copy(), self.path)

    def __repr__(self):
        return f"<removalsim.Scenario {self.name or self.path!r} from {self.path!r}>"


def load(path, set=None):
    """Load and validate a scenario file.

    Parameters
    ----------
    path : str or os.PathLike
        The scenario YAML file; ``extends:`` paths are read relative to it.
    set : dict of str to float, optional
        Values to put at key paths, in order, as `Scenario.set` does.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        For an unreadable or invalid file or value, with its file, line, column and key.
    """
    path = os.fspath(path)
    scenario = Scenario(_core.load(path), path)
    for key, value in (set or {}).items():
        scenario.set(key, value)
    return scenario


def _check_replications(replications, minimum):
    # The command line's bounds: an interval across replications needs two of them.
    if replications < minimum:
        raise ValueError(f"replications must be at least {minimum}, got {replications}")


def _scenario(scenario):
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, (str, os.PathLike)):
        return load(scenario)
    raise TypeError(f"a removalsim.Scenario or a path is needed, not {type(scenario).__name__}")


class RunResult:
    """What `run` returns: the tables of ``removalsim run --out`` as frames.

    Attributes
    ----------
    monthly : pandas.DataFrame
        ``monthly.csv``: ``replication, month, country, profile, metric, value`` (tidy).
    summary : pandas.DataFrame
        ``summary.csv``: ``period, country, metric, mean, ci_low, ci_high`` (95 % intervals
        across replications).
    record : dict
        ``run.json``: scenario, scenario_hash, seed, replications, threads, version, events,
        wall_seconds.
    """

    def __init__(self, monthly_csv, summary_csv, run_json):
        self._files = {"monthly.csv": monthly_csv, "summary.csv": summary_csv,
                       "run.json": run_json}
        self.monthly = _frame(monthly_csv)
        self.summary = _frame(summary_csv)
        self.record = json.loads(run_json)

    def to_csv(self, directory):
        """Write ``monthly.csv``, ``summary.csv`` and ``run.json`` into `directory` (created if
        missing), byte for byte what ``removalsim run --out DIRECTORY`` writes."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in self._files.items():
            (directory / name).write_text(text, encoding="utf-8")

    def __repr__(self):
        r = self.record
        return (f"<removalsim.RunResult {r['scenario']!r}: {r['replications']} replication(s), "
                f"seed {r['seed']}, {r['wall_seconds']:.1f} s>")


def run(scenario, replications=DEFAULT_REPLICATIONS, seed=DEFAULT_SEED, threads=0):
    """Simulate a scenario (``removalsim run``).

    Parameters
    ----------
    scenario : Scenario or str
        A loaded scenario, or the path of one to load.
    replications : int
        Independent replications (at least 1); replication r uses the random streams of
        (seed, r).
    seed : int
        Random seed.
    threads : int
        Worker threads; 0 uses every core. Results never depend on it.

    Returns
    -------
    RunResult
        ``.monthly``, ``.summary`` (DataFrames) and ``.record`` (dict).

    Raises
    ------
    ValueError
        For fewer than 1 replication.
    KeyboardInterrupt
        On Ctrl-C: the run stops within milliseconds and nothing is returned.
    Error
        When the model cannot simulate the scenario (e.g. a simulation error, with its date).
    """
    _check_replications(replications, 1)
    scenario = _scenario(scenario)
    return RunResult(*_core.run(scenario._loaded, scenario.path, replications, seed, threads))


def compare(scenario, targets, replications=DEFAULT_REPLICATIONS, seed=DEFAULT_SEED, threads=0):
    """Compare a scenario's replications with published figures (``removalsim compare``).

    Parameters
    ----------
    scenario : Scenario or str
        A loaded scenario, or the path of one to load.
    targets : str or os.PathLike
        The targets YAML file (e.g. ``scenarios/targets/france.yaml``).
    replications, seed, threads : int
        As for `run`; at least 2 replications (an interval needs them).

    Returns
    -------
    pandas.DataFrame
        ``comparison.csv``: ``id, metric, country, period, reported, sim_mean, ci_low, ci_high,
        rel_error, inside, tolerance, within_tolerance``, one row per target.

    Raises
    ------
    ScenarioError
        For an invalid targets file, or a target country the scenario does not have.
    KeyboardInterrupt
        On Ctrl-C, with no result.
    """
    _check_replications(replications, 2)
    scenario = _scenario(scenario)
    return _frame(_core.compare(scenario._loaded, os.fspath(targets), replications, seed,
                                threads))


def diff(base, whatif, replications=DEFAULT_REPLICATIONS, seed=DEFAULT_SEED, threads=0):
    """Paired differences of a what-if from a base (``removalsim diff``).

    Replication r of both scenarios uses the same random numbers, so the intervals are those of
    the effect, not of the noise.

    Parameters
    ----------
    base, whatif : Scenario or str
        Loaded scenarios (a what-if is often ``base.copy()`` with values `set`), or paths.
    replications, seed, threads : int
        As for `run`; at least 2 replications (an interval needs them).

    Returns
    -------
    pandas.DataFrame
        ``diff.csv``: ``period, country, metric, base_mean, whatif_mean, diff_mean, ci_low,
        ci_high`` (what-if minus base, 95 % interval of the paired differences).

    Raises
    ------
    ScenarioError
        When the two scenarios' calendars or countries differ.
    KeyboardInterrupt
        On Ctrl-C, with no result.
    """
    _check_replications(replications, 2)
    base, whatif = _scenario(base), _scenario(whatif)
    return _frame(_core.diff(base._loaded, whatif._loaded, replications, seed, threads))


def exact(scenario):
    """Exact outcome probabilities and expected times of a Markovian scenario
    (``removalsim exact``: the absorbing Markov chain of each country and profile).

    Parameters
    ----------
    scenario : Scenario or str
        A loaded scenario, or the path of one to load.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``country, profile, quantity, value``; quantities are the outcomes of an order
        from issuance (``removed``, ``mean_days_to_removed``...), expected counts per order
        (``expected_spells``...) and long-run ratios (``long_run.detention_removal_rate``...).

    Raises
    ------
    Error
        With category ``"user"`` when the scenario is not Markovian, listing every reason.
    """
    return _frame(_core.exact(_scenario(scenario)._loaded))
