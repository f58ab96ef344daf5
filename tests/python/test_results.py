"""`run`, `compare`, `diff` and `exact` give what the command line gives, number for number."""

import json

import pandas as pd
import pytest

import removalsim


def read_csv(path):
    """A CSV file of the command line as the package reads it (`NA` alone is missing)."""
    return pd.read_csv(path, keep_default_na=False, na_values=["NA"])


def test_run_is_the_command_line_byte_for_byte(data, cli, tmp_path):
    result = removalsim.run(data / "tiny.yaml", replications=3, seed=4, threads=2)
    out = cli("run", data / "tiny.yaml", "-r", 3, "--seed", 4, "--threads", 2)
    result.to_csv(tmp_path / "py")
    for name in ("monthly.csv", "summary.csv"):
        assert (tmp_path / "py" / name).read_bytes() == (out / name).read_bytes(), name
    pd.testing.assert_frame_equal(result.monthly, read_csv(out / "monthly.csv"))
    pd.testing.assert_frame_equal(result.summary, read_csv(out / "summary.csv"))
    assert list(result.monthly.columns) == ["replication", "month", "country", "profile",
                                            "metric", "value"]
    record = json.loads((out / "run.json").read_text())
    assert result.record.keys() == record.keys()
    for key in record:
        if key not in ("command_line", "created", "wall_seconds"):
            assert result.record[key] == record[key], key
    assert result.record["command_line"][:2] == ["python", "removalsim.run"]


def test_results_do_not_depend_on_threads(data):
    one = removalsim.run(data / "tiny.yaml", replications=2, seed=9, threads=1)
    two = removalsim.run(data / "tiny.yaml", replications=2, seed=9, threads=2)
    pd.testing.assert_frame_equal(one.monthly, two.monthly)


def test_compare_is_the_command_line(data, cli):
    frame = removalsim.compare(data / "tiny.yaml", data / "tiny-targets.yaml", replications=3)
    out = cli("compare", data / "tiny.yaml", "--targets", data / "tiny-targets.yaml", "-r", 3)
    pd.testing.assert_frame_equal(frame, read_csv(out / "comparison.csv"))
    assert frame.set_index("id").loc["aa_orders_2023", "within_tolerance"]


def test_diff_is_the_command_line(data, cli):
    frame = removalsim.diff(data / "tiny.yaml", data / "tiny-whatif.yaml", replications=3)
    out = cli("diff", data / "tiny.yaml", data / "tiny-whatif.yaml", "-r", 3)
    pd.testing.assert_frame_equal(frame, read_csv(out / "diff.csv"))


def test_whatif_set_in_python_agrees_with_the_whatif_file(data):
    base = removalsim.load(data / "tiny.yaml")
    whatif = base.copy()
    whatif.set("national.lpc.issue_probability", 0.7)
    from_file = removalsim.diff(base, data / "tiny-whatif.yaml", replications=3, seed=2)
    in_python = removalsim.diff(base, whatif, replications=3, seed=2)
    pd.testing.assert_frame_equal(in_python, from_file)
    issued = in_python.query("country == 'ALL' and metric == 'lpc_issued'")
    assert (issued.diff_mean > 0).all()


def test_diff_refuses_scenarios_that_cannot_be_paired(data):
    with pytest.raises(removalsim.ScenarioError, match="countries"):
        removalsim.diff(data / "tiny.yaml", data / "tiny-three-countries.yaml", replications=2)


def test_too_few_replications_are_refused(data):
    with pytest.raises(ValueError, match="at least 1"):
        removalsim.run(data / "tiny.yaml", replications=0)
    with pytest.raises(ValueError, match="at least 2"):
        removalsim.diff(data / "tiny.yaml", data / "tiny.yaml", replications=1)
    with pytest.raises(ValueError, match="at least 2"):
        removalsim.compare(data / "tiny.yaml", data / "tiny-targets.yaml", replications=1)


def test_exact(scenarios, data):
    frame = removalsim.exact(scenarios / "examples" / "markovian.yaml")
    assert list(frame.columns) == ["country", "profile", "quantity", "value"]
    outcomes = frame[frame.quantity.isin(["removed", "voluntary_departure", "annulled",
                                          "expired", "never_absorbed"])]
    sums = outcomes.groupby(["country", "profile"]).value.sum()
    assert sums.to_numpy() == pytest.approx(1.0)
    with pytest.raises(removalsim.Error, match="exact chain does not represent") as caught:
        removalsim.exact(data / "tiny.yaml")
    assert caught.value.category == "user"
