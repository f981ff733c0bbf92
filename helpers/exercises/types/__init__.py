"""The exercise types, one module each; every module here registers one :class:`ExerciseType` when imported.

To add a type, add a module here (copy the closest one), a gallery exercise in
``seeds/medvedev-zimbabwe-2022/exercises/99-exercise-gallery.json`` shown in
``lessons/99-exercise-gallery.ipynb``, its section in ``seeds/README.md`` and its answer driver in
``tests/test_browser.py``; ``tests/test_exercise_types.py`` fails until all of them are there.
"""

from __future__ import annotations

import importlib
from pathlib import Path


def load_types() -> None:
    """Import every type module in this folder (each registers itself), in name order."""
    for path in sorted(Path(__file__).parent.glob("[!_]*.py")):
        importlib.import_module(f"{__name__}.{path.stem}")
