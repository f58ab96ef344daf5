"""Shared fixtures of the Python package's tests: the data files and the command line built
alongside the package (CTest passes REMOVALSIM_BIN and PYTHONPATH; see CMakeLists.txt)."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "cli" / "data"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def data():
    return DATA


@pytest.fixture
def scenarios():
    return SCENARIOS


@pytest.fixture
def cli(tmp_path):
    """Runs `removalsim ARGS... --out DIR` and returns DIR."""
    binary = os.environ["REMOVALSIM_BIN"]

    def run(*arguments):
        out = tmp_path / "cli"
        subprocess.run([binary, *map(str, arguments), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return out

    return run
