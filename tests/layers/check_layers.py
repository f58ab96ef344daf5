#!/usr/bin/env python3
"""Fails when a layer includes a header of a layer it may not see (docs/architecture.md).

Scans every source and header of sim/<layer>/ and include/removalsim/<layer>/ under ROOT:
- `#include "removalsim/<other>/..."` must name the same layer or one of those it may include;
- `#include "file.h"` (a private header) must be a file of the same layer;
- the libraries a layer links PRIVATE are included only by that layer, never in include/;
- every folder of sim/ and include/removalsim/ is a layer of the table below.
Prints one line per violation (file:line: what) and exits 1; exits 0 when there is none.
"""

import argparse
import re
import sys
from pathlib import Path

# What each layer may include besides itself: the engine at the bottom, the command line and the
# Python package at the top; scenario and analysis are siblings (neither includes the other), both
# below studies.
# queueing (reference models on the engine) and distributed (the MPI executor of analysis'
# work units) are side branches used by the command line. Keep in step with
# docs/architecture.md and the target_link_libraries of sim/<layer>/CMakeLists.txt.
MAY_INCLUDE = {
    "engine": set(),
    "queueing": {"engine"},
    "model": {"engine"},
    "scenario": {"engine", "model"},
    "analysis": {"engine", "model"},
    "studies": {"engine", "model", "scenario", "analysis"},
    "distributed": {"engine", "model", "analysis"},
    "cli": {"engine", "queueing", "model", "scenario", "analysis", "studies", "distributed"},
    "python": {"engine", "model", "scenario", "analysis", "studies"},
}

# Third-party headers of libraries that a layer links PRIVATE: only that layer's sources include
# them (a public header that did would leak them to every layer above).
PRIVATE_LIBRARIES = {
    "fmt/": {"engine"},
    "yaml-cpp/": {"scenario"},
    "CLI/": {"cli"},
    "Eigen/": {"analysis"},
    "unsupported/Eigen/": {"analysis"},
    "nlopt": {"analysis"},
    "mpi.h": {"distributed", "cli"},
    "pybind11/": {"python"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc"}


def layer_files(root):
    """(layer, folder kind, file) for every source file of every layer folder under root."""
    problems = []
    files = []
    for kind, base in (("sim", root / "sim"), ("include", root / "include" / "removalsim")):
        if not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir() if p.is_dir()):
            if folder.name not in MAY_INCLUDE:
                problems.append(f"{folder.relative_to(root)}: not a known layer "
                                f"(add it to MAY_INCLUDE in {Path(__file__).name})")
                continue
            for path in sorted(folder.rglob("*")):
                if path.suffix in SOURCE_SUFFIXES and path.is_file():
                    files.append((folder.name, kind, folder, path))
    return files, problems


def check(root):
    files, problems = layer_files(root)
    for layer, kind, folder, path in files:
        where = path.relative_to(root)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            bracket, name = match.groups()
            if bracket == '"' and name.startswith("removalsim/"):
                other = name.split("/")[1]
                if other != layer and other not in MAY_INCLUDE.get(layer, set()):
                    problems.append(f"{where}:{number}: the {layer} layer includes {name}, a "
                                    f"header of the {other} layer, which it may not see")
            elif bracket == '"':
                target = (path.parent / name).resolve()
                if kind == "include" or not target.is_relative_to(folder.resolve()):
                    problems.append(f"{where}:{number}: {name} is not a private header of the "
                                    f"{layer} layer (sim/{layer}/)")
                elif not target.is_file():
                    problems.append(f"{where}:{number}: {name} not found next to the file")
            else:
                for prefix, owners in PRIVATE_LIBRARIES.items():
                    if name.startswith(prefix) and (kind == "include" or layer not in owners):
                        problems.append(f"{where}:{number}: <{name}> belongs to the "
                                        f"{' and '.join(sorted(owners))} layer's sources only")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="the repository (or a tree laid out like it)")
    root = parser.parse_args().root.resolve()
    problems = check(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} include(s) across layers refused (order: docs/architecture.md)")
        return 1
    print("every include stays within its layer or points to a layer below")
    return 0


if __name__ == "__main__":
    sys.exit(main())
