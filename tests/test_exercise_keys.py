"""The key test: in every case folder, every exercise's own answer is judged right and a wrong one is not.

A broken answer key can never ship: if an exercise's data and its checker disagree, this fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.article import SEEDS_DIR, load_case
from helpers.exercises import check, exercise_type, key_answer, load_exercises

CASE_FOLDERS = sorted(p.parent for p in SEEDS_DIR.glob("*/case.json")) + sorted(
    p.parent for p in (Path(__file__).parent / "cases").glob("*/case.json")
)


def all_exercises():
    for folder in CASE_FOLDERS:
        case = load_case(folder)
        for exercise in load_exercises(case).values():
            yield pytest.param(case, exercise, id=f"{case.id}/{exercise.id}")


def test_every_case_has_exercises():
    assert CASE_FOLDERS, "no case folders found"
    assert any(load_exercises(load_case(f)) for f in CASE_FOLDERS)


@pytest.mark.parametrize(("case", "exercise"), list(all_exercises()))
def test_key_is_right_and_a_wrong_answer_is_not(case, exercise):
    """The type's sample wrong answer (e.g. the reversed order) must not be judged right."""
    kind = exercise_type(exercise.type)
    feedback = check(exercise, key_answer(exercise), case)
    wrong = check(exercise, kind.sample_wrong(exercise), case)
    if not kind.graded:  # saved, never graded: the key ticks every point, the sample none
        assert (feedback.status, feedback.score) == ("saved", 1.0), feedback.as_text()
        assert (wrong.status, wrong.score) == ("saved", 0.0), wrong.as_text()
        return
    assert feedback.status == "right", feedback.as_text()
    assert all(line.strip() for line in feedback.details), "every explanation must say something"
    assert wrong.status in ("wrong", "partial"), wrong.as_text()
    assert wrong.details or wrong.headline


@pytest.mark.parametrize(("case", "exercise"), list(all_exercises()))
def test_every_exercise_cites_only_known_sources(case, exercise):
    from helpers.sources import load_sources

    known = load_sources(case) if (case.folder / "sources.csv").exists() else {}
    assert set(exercise.sources) <= set(known), f"unknown sources: {set(exercise.sources) - set(known)}"
