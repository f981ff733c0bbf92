"""Benchmark (not a test): time from Check to feedback, in-process, and time to build 30 exercises.

Check-to-feedback includes judging the answer, saving it to the progress file (with fsync) and
rendering the feedback HTML: everything between the click and the update of the page, except the
network hop between browser and kernel. Target: under 5 ms median.
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

from helpers.article import load_case  # noqa: E402
from helpers.exercises import load_exercises  # noqa: E402
from helpers.progress import ProgressStore  # noqa: E402
from helpers.widgets import build  # noqa: E402

ANSWERS = {
    "single_choice": lambda v: setattr(v.control.parts["radio"], "value", v.exercise.choices[0].id),
    "multiple_select": lambda v: setattr(next(iter(v.control.parts["boxes"].values())), "value", True),
    "phrase_tagging": lambda v: setattr(next(iter(v.control.parts["toggles"].values())), "value", True),
    "ordering": lambda v: v.control.parts["downs"][0].click(),
    "categorise": lambda v: setattr(next(iter(v.control.parts["menus"].values())), "value", v.exercise.categories[0].id),
    "short_answer": lambda v: None,
    "free_response": lambda v: setattr(v.control.parts["text"], "value", "An answer."),
}


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
            for n in range(rounds):
                ANSWERS[exercise.type](view)
                if exercise.type == "short_answer":  # alternate right and wrong, both readable
                    view.control.parts["text"].value = (
                        exercise.accepted[0] if n % 2 else {"date": "1 January 1900"}.get(exercise.kind, f"wrong {n}")
                    )
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
    os.environ.pop("MEDIA_LITERACY_PROGRESS", None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
