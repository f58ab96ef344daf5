"""`load`, `Scenario.set/get/check/copy` and the exceptions, on tests/cli/data/tiny.yaml."""

import math

import pytest

import removalsim


def test_load_get_and_check(data):
    scenario = removalsim.load(data / "tiny.yaml")
    assert scenario.name == "tiny"
    assert scenario.files == [str(data / "tiny.yaml")]
    assert scenario.get("national.detention.capacity") == 60.0
    assert scenario.get("start") == "2023-01-01"
    check = scenario.check()
    assert list(check.columns) == ["key", "value", "file", "line", "column"]
    capacity = check[check.key == "national.detention.capacity"].iloc[0]
    assert (capacity.value, capacity.file, capacity.line) == ("60", str(data / "tiny.yaml"), 9)


def test_set_in_memory_and_at_load(data):
    scenario = removalsim.load(data / "tiny.yaml", set={"national.detention.capacity": 80})
    assert scenario.get("national.detention.capacity") == 80.0
    row = scenario.check().set_index("key").loc["national.detention.capacity"]
    assert (row.file, row.line) == ("set", 1)
    scenario.set("national.detention.capacity", math.inf)
    assert scenario.get("national.detention.capacity") == math.inf


def test_copy_is_independent(data):
    base = removalsim.load(data / "tiny.yaml")
    whatif = base.copy()
    whatif.set("national.detention.capacity", 10)
    assert base.get("national.detention.capacity") == 60.0
    assert whatif.get("national.detention.capacity") == 10.0


def test_scenario_error_carries_its_location(data):
    with pytest.raises(removalsim.ScenarioError) as caught:
        removalsim.load(data / "bad-key.yaml")
    error = caught.value
    assert (error.file, error.line, error.column) == (str(data / "bad-key.yaml"), 7, 11)
    assert error.key == "countries.AA.lpc.issue_probabilty"
    assert error.suggestion == "issue_probability"
    assert str(error).startswith(f"{data / 'bad-key.yaml'}:7:11: countries.AA.lpc.")
    assert error.category == "user"
    assert isinstance(error, ValueError)


def test_invalid_set_names_the_set_file_and_leaves_the_scenario(data):
    scenario = removalsim.load(data / "tiny.yaml")
    with pytest.raises(removalsim.ScenarioError) as caught:
        scenario.set("national.lpc.issue_probability", 1.5)
    assert caught.value.file == "set"
    assert caught.value.key == "national.lpc.issue_probability"
    assert scenario.get("national.lpc.issue_probability") == 0.5
    with pytest.raises(removalsim.ScenarioError):
        scenario.set("national.lpc.issue_probabilty", 0.5)
    for not_a_number in ("0.6", True, None):
        with pytest.raises(TypeError):
            scenario.set("national.lpc.issue_probability", not_a_number)


def test_missing_file_and_missing_key(data):
    with pytest.raises(removalsim.ScenarioError, match="cannot read the scenario file"):
        removalsim.load(data / "no-such-file.yaml")
    with pytest.raises(KeyError):
        removalsim.load(data / "tiny.yaml").get("countries.AA.detention.capacity")


def test_public_functions_have_docstrings():
    for name in removalsim.__all__:
        assert getattr(removalsim, name).__doc__, name
