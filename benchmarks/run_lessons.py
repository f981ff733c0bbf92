"""Benchmark (not a test): headless execution time of each lesson against a bare-stack floor.

The floor is a notebook that only imports the stack (pandas, plotly, ipywidgets) and shows one widget:
what any lesson costs at least. Since plotly 6, `import plotly.graph_objects` is lazy and loads nothing
until a class is used, so the floor touches `go.Figure` to really import plotly (about 0.8 s here);
without that the floor would not include the stack at all. Each lesson's time is reported with its ratio to the floor; the target
is every lesson within 1.3x. Run with `make bench` or `.venv/bin/python benchmarks/run_lessons.py [runs]`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3


def floor_notebook() -> nbformat.NotebookNode:
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [
        new_code_cell("import pandas as pd\nimport plotly.graph_objects as go\nimport ipywidgets as widgets\ngo.Figure"),
        new_code_cell("widgets.Button(description='Check')"),
    ]
    return nb


def time_run(nb: nbformat.NotebookNode, workdir: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return time.perf_counter() - start


def main(runs: int = 3) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MEDIA_LITERACY_PROGRESS"] = str(Path(tmp) / "progress.json")
        os.environ["MEDIA_LITERACY_EXPORT_DIR"] = str(Path(tmp) / "exports")
        workdir = Path(tmp)
        notebooks = {"(floor: stack + 1 widget)": floor_notebook()}
        notebooks |= {path.stem: nbformat.read(path, as_version=4) for path in sorted((ROOT / "lessons").glob("*.ipynb"))}
        # Rounds interleave the floor and the lessons, so that a machine that speeds up or slows down
        # during the run shifts all of them alike instead of biasing the ratios.
        times: dict[str, list[float]] = {name: [] for name in notebooks}
        for _ in range(runs):
            for name, nb in notebooks.items():
                times[name].append(time_run(nb, workdir))
        floor = statistics.median(times.pop("(floor: stack + 1 widget)"))
        print(f"{'notebook':<28} {'median s':>9} {'x floor':>8}")
        print(f"{'(floor: stack + 1 widget)':<28} {floor:>9.2f} {1.0:>8.2f}")
        worst = 1.0
        for name, values in times.items():
            seconds = statistics.median(values)
            ratio = seconds / floor
            worst = max(worst, ratio)
            flag = "" if ratio <= TARGET else f"  over the {TARGET}x target"
            print(f"{name:<28} {seconds:>9.2f} {ratio:>8.2f}{flag}")
        print(f"worst ratio {worst:.2f} (target <= {TARGET}); {runs} interleaved rounds, kernel start included")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
