"""Benchmark (not a test): headless execution time of each lesson against a bare-stack floor.

The floor is a notebook that only imports the stack (pandas, plotly, ipywidgets) and shows one widget:
what any lesson costs at least. Since plotly 6, `import plotly.graph_objects` is lazy and loads nothing
until a class is used, so the floor touches `go.Figure` to really import plotly (about 0.8 s here);
without that the floor would not include the stack at all. Each lesson's time is reported with its ratio to the floor; the target
is every lesson within 1.3x. Run with `make bench` or `.venv/bin/python benchmarks/run_lessons.py [runs]`.

On a shared machine the times swing with the load, so each line also gives the range of the ratio over the
rounds (lesson and floor of the same round), the kernel's CPU time (which waiting for other programs does not
inflate) and its ratio to the floor's, and the widget models the notebook sent (see benchmarks/widget_traffic.py).

The stack's modules come compiled to bytecode (pip compiles them when it installs them); ``helpers/`` is
compiled by Python on its first import and cached in ``__pycache__``, so a learner pays that once. Where
``PYTHONDONTWRITEBYTECODE`` is set (as on some development machines), every kernel would compile the helpers
again (0.1-0.2 s), which would count against the lessons only. So the helpers are compiled once into a
temporary cache (``PYTHONPYCACHEPREFIX``, nothing is written into the repository) and the kernels use it:
the lessons are timed as a learner runs them after the first time. ``--cold`` leaves the setting as it is.
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
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


@dataclass
class Run:
    seconds: float  # wall-clock, kernel start and shutdown included
    kernel_cpu: float  # the kernel process's user and system CPU time
    models: int  # widget models the kernel opened


def time_run(nb: nbformat.NotebookNode, workdir: Path) -> Run:
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)  # the kernel is our child, counted once it has exited
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Run(seconds, cpu, len(client.widget_state))


def cache_bytecode(folder: Path) -> None:
    """Compile helpers/ into ``folder`` and let the kernels (started with this environment) read and write it there."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix = str(folder)
    compileall.compile_dir(ROOT / "helpers", quiet=1)


def main(runs: int = 3, cold: bool = False) -> int:
    setting = f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}"
    with tempfile.TemporaryDirectory() as tmp:
        bytecode = (
            f"as this environment has it ({setting})"
            if cold
            else f"helpers/ compiled once, as after a learner's first run (here {setting})"
        )
        if not cold:
            cache_bytecode(Path(tmp) / "pycache")
        os.environ["MEDIA_LITERACY_PROGRESS"] = str(Path(tmp) / "progress.json")
        os.environ["MEDIA_LITERACY_EXPORT_DIR"] = str(Path(tmp) / "exports")
        workdir = Path(tmp)
        notebooks = {"(floor: stack + 1 widget)": floor_notebook()}
        notebooks |= {path.stem: nbformat.read(path, as_version=4) for path in sorted((ROOT / "lessons").glob("*.ipynb"))}
        # The instructors' notebooks too (the class dashboard, on its example class: the work folder has no hand-ins).
        notebooks |= {
            f"instructors/{path.stem}": nbformat.read(path, as_version=4)
            for path in sorted((ROOT / "instructors").glob("*.ipynb"))
        }
        # Rounds interleave the floor and the lessons, so that a machine that speeds up or slows down
        # during the run shifts all of them alike instead of biasing the ratios.
        runs_of: dict[str, list[Run]] = {name: [] for name in notebooks}
        for _ in range(runs):
            for name, nb in notebooks.items():
                runs_of[name].append(time_run(nb, workdir))
        floor_runs = runs_of.pop("(floor: stack + 1 widget)")
        floor = statistics.median(r.seconds for r in floor_runs)
        floor_cpu = statistics.median(r.kernel_cpu for r in floor_runs)
        print(f"{'notebook':<32} {'median s':>9} {'x floor':>8} {'rounds':>11} {'cpu s':>6} {'x floor':>8} {'models':>7}")
        print(
            f"{'(floor: stack + 1 widget)':<32} {floor:>9.2f} {1.0:>8.2f} {'':>11} {floor_cpu:>6.2f} {1.0:>8.2f} {floor_runs[0].models:>7}"
        )
        worst = 1.0
        for name, values in runs_of.items():
            seconds = statistics.median(r.seconds for r in values)
            ratio = seconds / floor
            worst = max(worst, ratio)
            rounds = [r.seconds / f.seconds for r, f in zip(values, floor_runs, strict=True)]
            cpu = statistics.median(r.kernel_cpu for r in values)
            flag = "" if ratio <= TARGET else f"  over the {TARGET}x target"
            print(
                f"{name:<32} {seconds:>9.2f} {ratio:>8.2f} {min(rounds):>5.2f}-{max(rounds):<5.2f} "
                f"{cpu:>6.2f} {cpu / floor_cpu:>8.2f} {values[0].models:>7}{flag}"
            )
        print(f"worst ratio {worst:.2f} (target <= {TARGET}); {runs} interleaved rounds, kernel start included")
        print(f"bytecode: {bytecode}")
        print(f"load average at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())} ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    sys.exit(main(int(numbers[0]) if numbers else 3, cold="--cold" in sys.argv[1:]))
