#!/usr/bin/env bash
# Regenerates the key figures of docs/figures/ (shown in README.md) by executing every notebook of
# notebooks/ with its realistic defaults, then prints each notebook's one-sentence answer.
# Most of the time goes to 04-levers (320 Sobol design points) and 02-what-if (200 runs).
# REMOVALSIM_BIN=PATH uses that binary instead of building build/release.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${REMOVALSIM_BIN:-}" ]]; then
  bash scripts/setup.sh release
  cmake --build build/release --target removalsim >/dev/null
  export REMOVALSIM_BIN="$PWD/build/release/sim/cli/removalsim"
fi
# Debian's Python has nbconvert, pandas and matplotlib (a pyenv or virtualenv `python3` first on
# PATH may not); the kernel runs under the interpreter that runs nbconvert.
export PYTHONDONTWRITEBYTECODE=1 MPLBACKEND=Agg
export REMOVALSIM_FIGURES_DIR="$PWD/docs/figures"
executed="$(mktemp -d)"
trap 'rm -rf "$executed"' EXIT

notebooks=(notebooks/01-reproduce-published-figures.ipynb notebooks/02-what-if.ipynb
           notebooks/03-where-orders-end.ipynb notebooks/04-levers.ipynb
           notebooks/05-performance.ipynb)
for notebook in "${notebooks[@]}"; do
  echo "== $notebook" >&2
  start=$SECONDS
  /usr/bin/python3 -m nbconvert --to notebook --execute --log-level=WARN \
    --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=-1 \
    --output-dir "$executed" "$notebook"
  echo "   $((SECONDS - start)) s" >&2
done

# Each notebook ends with its answer, displayed as Markdown by removalsim_nb.answer().
/usr/bin/python3 - "$executed" "${notebooks[@]}" <<'PYTHON'
import json, sys
from pathlib import Path
executed = Path(sys.argv[1])
for notebook in sys.argv[2:]:
    cells = json.loads((executed / Path(notebook).name).read_text())["cells"]
    outputs = [output for cell in cells for output in cell.get("outputs", [])]
    answers = ["".join(output["data"]["text/markdown"]) for output in outputs
               if "text/markdown" in output.get("data", {})]
    print(f"{Path(notebook).stem}: {answers[-1]}")
PYTHON
ls -l docs/figures >&2
