"""Benchmark (not a test): time from Check to feedback, in-process, and time to build 30 exercises.

Check-to-feedback includes judging the answer, saving it to the progress file (with fsync) and
rendering the feedback HTML: everything between the click and the update of the page, except the
network hop between browser and kernel. Target: under 5 ms median. The display of 30 exercises is
timed twice: building the widgets in-process, and showing them from a real kernel (one cell each).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nbclient import NotebookClient  # noqa: E402
from nbformat.v4 import new_code_cell, new_notebook  # noqa: E402

from helpers.article import load_case  # noqa: E402
from helpers.exercises import exercise_type, key_answer, load_exercises  # noqa: E402
from helpers.progress import ProgressStore  # noqa: E402
from helpers.widgets import build  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(rounds: int = 40) -> int:
    case = load_case()
    exercises = list(load_exercises(case).values())
    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore(Path(tmp) / "progress.json")
        timings: dict[str, list[float]] = {}
        for exercise in exercises:
            view = build(exercise.id, case, store)
            wrong = exercise_type(exercise.type).sample_wrong(exercise)
            for n in range(rounds):
                view.control.write(key_answer(exercise) if n % 2 else wrong)  # alternate right and wrong, as a learner would
                view.last_answer = None  # every click counts as a new answer
                start = time.perf_counter()
                view.submit()
                timings.setdefault(exercise.type, []).append((time.perf_counter() - start) * 1000)
        every = [t for values in timings.values() for t in values]
        print(f"{'type':<18} {'median ms':>10} {'p95 ms':>8}")
        for kind, values in sorted(timings.items()):
            print(f"{kind:<18} {statistics.median(values):>10.2f} {percentile(values, 0.95):>8.2f}")
        print(f"{'all':<18} {statistics.median(every):>10.2f} {percentile(every, 0.95):>8.2f}   (target: median < 5 ms)")

        ids = [exercises[n % len(exercises)].id for n in range(30)]
        start = time.perf_counter()
        for exercise_id in ids:
            build(exercise_id, case, store)
        print(f"build 30 exercise widgets: {(time.perf_counter() - start) * 1000:.0f} ms")
        print(f"display 30 exercises in one notebook (headless kernel): {display_thirty(ids, Path(tmp)) * 1000:.0f} ms")
    os.environ.pop("MEDIA_LITERACY_PROGRESS", None)
    return 0


def display_thirty(ids: list[str], workdir: Path) -> float:
    """Run a notebook that shows the 30 exercises, one cell each, in a real kernel; return the time after setup.

    This includes what in-process building leaves out: sending every widget model and display message
    from the kernel to the client (nbclient stands in for the browser).
    """
    setup = "from helpers.article import load_case\nfrom helpers.widgets import show\ncase = load_case()"
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells = [new_code_cell(setup)] + [new_code_cell(f"show({exercise_id!r}, case)") for exercise_id in ids]
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    with client.setup_kernel():
        client.execute_cell(nb.cells[0], 0)
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells[1:], start=1):
            client.execute_cell(cell, index)
        return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
