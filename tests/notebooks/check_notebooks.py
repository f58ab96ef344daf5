"""Fails when a notebook in DIRECTORY is committed with outputs (or execution counts), or is not
registered for execution in tests/notebooks/CMakeLists.txt.

usage: check_notebooks.py DIRECTORY --registered NAME...   (NAME without .ipynb)

Strip outputs with: jupyter nbconvert --clear-output --inplace notebooks/*.ipynb
"""

import argparse
import json
import sys
from pathlib import Path


def problems_of(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text())["cells"]
    problems = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"{notebook}: cell {index} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"{notebook}: cell {index} has an execution count")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--registered", nargs="+", required=True)
    arguments = parser.parse_args()

    notebooks = sorted(arguments.directory.glob("*.ipynb"))
    output_problems = [problem for notebook in notebooks for problem in problems_of(notebook)]
    problems = list(output_problems)
    unregistered = {notebook.stem for notebook in notebooks} - set(arguments.registered)
    problems += [f"{arguments.directory / name}.ipynb: not executed by CTest; add it to "
                 "tests/notebooks/CMakeLists.txt" for name in sorted(unregistered)]
    missing = set(arguments.registered) - {notebook.stem for notebook in notebooks}
    problems += [f"{arguments.directory / name}.ipynb: registered but missing"
                 for name in sorted(missing)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if output_problems:
        print("strip outputs with: jupyter nbconvert --clear-output --inplace "
              f"{arguments.directory}/*.ipynb", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
