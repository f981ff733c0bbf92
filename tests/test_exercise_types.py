"""The exercise types agree with everything that lists them: gallery, documentation, browser drivers, notebook.

A type is one module in ``helpers/exercises/types/``; these tests fail when a registered type lacks
a gallery exercise, a section in ``seeds/README.md`` naming its fields, or an answer driver in the
browser test, so that adding a type cannot leave one of them behind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.exercises import TYPES, exercise_type, type_names
from helpers.exercises.loading import COMMON_OPTIONAL, COMMON_REQUIRED
from tests.test_browser import DRIVERS

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "seeds" / "medvedev-zimbabwe-2022" / "exercises" / "99-exercise-gallery.json"
GALLERY_NOTEBOOK = ROOT / "lessons" / "99-exercise-gallery.ipynb"


def gallery_records() -> list[dict]:
    return json.loads(GALLERY.read_text(encoding="utf-8"))["exercises"]


def documented_types() -> dict[str, str]:
    """Each ``#### `type` `` section of the exercise-type documentation, by type name."""
    text = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^(#{1,4} .*)$", text, flags=re.M)
    found = {}
    for heading, body in zip(sections[1::2], sections[2::2], strict=True):
        match = re.fullmatch(r"#### `(\w+)`", heading.strip())
        if match:
            found[match.group(1)] = body
    return found


def test_there_are_types_and_the_public_list_is_the_registry():
    assert len(type_names()) >= 7 and type_names() == TYPES


@pytest.mark.parametrize("name", type_names())
def test_every_type_has_a_gallery_exercise(name):
    assert name in {r["type"] for r in gallery_records()}, f"add a {name} exercise to {GALLERY.name}"


def test_the_gallery_notebook_shows_every_gallery_exercise():
    notebook = nbformat.read(GALLERY_NOTEBOOK, as_version=4)
    shown = set(re.findall(r'show\("([\w-]+)"', "\n".join(c.source for c in notebook.cells if c.cell_type == "code")))
    assert {r["id"] for r in gallery_records()} <= shown


@pytest.mark.parametrize("name", type_names())
def test_every_type_has_a_browser_answer_driver(name):
    assert name in DRIVERS, f"add a driver for {name} to DRIVERS in tests/test_browser.py"


def test_every_driver_is_for_a_registered_type():
    assert set(DRIVERS) <= set(type_names())


def test_the_documentation_has_one_section_per_type_and_no_other():
    assert sorted(documented_types()) == sorted(type_names())


@pytest.mark.parametrize("name", type_names())
def test_the_documentation_names_every_field_of_the_type(name):
    section = documented_types().get(name, "")
    kind = exercise_type(name)
    missing = [f for f in (*kind.required, *kind.optional) if f"`{f}`" not in section]
    assert not missing, f"seeds/README.md, section {name}: fields {missing} are not described"


@pytest.mark.parametrize("name", type_names())
def test_a_type_declares_its_own_fields_without_shadowing_the_common_ones(name):
    kind = exercise_type(name)
    own = (*kind.required, *kind.optional)
    assert own and len(set(own)) == len(own)
    assert not set(own) & {*COMMON_REQUIRED, *COMMON_OPTIONAL}
    assert kind.check_label and kind.check_tooltip
