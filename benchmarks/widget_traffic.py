"""Benchmark (not a test): the widget models and messages each exercise sends to the browser.

Every widget model is one ``comm_open`` message from kernel to browser and every change after it one
more; a lesson waits for all of them, and on a busy machine each costs more, so they are what makes a
lesson with many exercises slower than the floor notebook. Exercises are built in-process in lesson
order, as a lesson's kernel builds them, for every case folder in ``seeds/`` (the capstone has its own): shared layouts, styles and the stylesheet are counted once, at
the first exercise of each lesson that uses them. ``view`` counts the exercise's frame (prompt, buttons, panel),
``control`` the answer control's own widgets. Run with ``.venv/bin/python benchmarks/widget_traffic.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import comm
import ipywidgets as widgets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.article import SEEDS_DIR, load_case  # noqa: E402
from helpers.exercises import load_exercises  # noqa: E402
from helpers.progress import ProgressStore  # noqa: E402
from helpers.widgets import build  # noqa: E402

SENT: list[tuple[str, str, int]] = []  # (model id, message type, bytes)


def _record(self, msg_type, data=None, metadata=None, buffers=None, **keys) -> None:  # noqa: ANN001
    SENT.append((self.comm_id, msg_type, len(json.dumps(data or {}, default=str))))


def models(widget) -> set[str]:  # noqa: ANN001
    """The ids of a widget's model and of every model it shows (children, layout, style)."""
    found = {widget.model_id}
    for name in ("layout", "style"):
        if getattr(widget, name, None) is not None:
            found.add(getattr(widget, name).model_id)
    for child in getattr(widget, "children", ()):
        found |= models(child)
    return found


def main() -> int:
    warnings.simplefilter("ignore", DeprecationWarning)
    comm.DummyComm.publish_msg = _record  # outside a kernel, widgets talk to this stand-in
    cases = [load_case(p.name) for p in sorted(SEEDS_DIR.iterdir()) if (p / "case.json").is_file()]
    totals: dict[str, Counter] = {}
    print(f"{'exercise':<30} {'type':<16} {'view':>5} {'control':>8} {'updates':>8} {'kB':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        store = ProgressStore(Path(tmp) / "progress.json")
        for case, exercise in ((c, e) for c in cases for e in load_exercises(c).values()):
            if exercise.lesson not in totals:  # a new lesson, a new kernel: no shared models yet
                widgets.Widget.close_all()
            SENT.clear()
            view = build(exercise.id, case, store)
            control = models(view.control.widget)
            opened = [model for model, kind, _ in SENT if kind == "comm_open"]
            in_control = sum(model in control for model in opened)
            updates = sum(kind == "comm_msg" for _, kind, _ in SENT)
            size = sum(n for *_, n in SENT) / 1000
            print(
                f"{exercise.id:<30} {exercise.type:<16} {len(opened) - in_control:>5} {in_control:>8} {updates:>8} {size:>6.1f}"
            )
            total = totals.setdefault(exercise.lesson, Counter())
            total.update(exercises=1, models=len(opened), updates=updates, kB=size)
    print()
    for lesson, total in totals.items():
        print(
            f"{lesson:<30} {total['exercises']:>2} exercises: {total['models']:>4} models, "
            f"{total['updates']:>3} updates, {total['kB']:>6.1f} kB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
