"""The key test: in every case folder, every exercise's own answer is judged right and a wrong one is not.

A broken answer key can never ship: if an exercise's data and its checker disagree, this fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.article import SEEDS_DIR, load_case
from helpers.exercises import Exercise, check, key_answer, load_exercises

CASE_FOLDERS = sorted(p.parent for p in SEEDS_DIR.glob("*/case.json")) + sorted(
    p.parent for p in (Path(__file__).parent / "cases").glob("*/case.json")
)


def all_exercises():
    for folder in CASE_FOLDERS:
        case = load_case(folder)
        for exercise in load_exercises(case).values():
            yield pytest.param(case, exercise, id=f"{case.id}/{exercise.id}")


def wrong_answer(exercise: Exercise):
    if exercise.type == "single_choice":
        return next(c.id for c in exercise.choices if not c.correct)
    if exercise.type in ("multiple_select", "phrase_tagging"):
        wrong = [c.id for c in exercise.choices if not c.correct]
        return wrong or [exercise.choices[0].id]
    if exercise.type == "ordering":
        return list(reversed(exercise.order))
    if exercise.type == "categorise":
        other = {c.id: next(k.id for k in exercise.categories if k.id != c.category) for c in exercise.choices}
        return other
    if exercise.type == "short_answer":
        return {"date": "1 January 1900", "number": "-1"}.get(exercise.kind, "zzzz not an answer")
    return None


def test_every_case_has_exercises():
    assert CASE_FOLDERS, "no case folders found"
    assert any(load_exercises(load_case(f)) for f in CASE_FOLDERS)


@pytest.mark.parametrize(("case", "exercise"), list(all_exercises()))
def test_key_is_right_and_a_wrong_answer_is_not(case, exercise):
    feedback = check(exercise, key_answer(exercise), case)
    if exercise.type == "free_response":
        assert feedback.status == "saved" and feedback.score == 1.0
        return
    assert feedback.status == "right", feedback.as_text()
    assert all(line.strip() for line in feedback.details), "every explanation must say something"
    wrong = check(exercise, wrong_answer(exercise), case)
    assert wrong.status in ("wrong", "partial"), wrong.as_text()
    assert wrong.details or wrong.headline


@pytest.mark.parametrize(("case", "exercise"), list(all_exercises()))
def test_every_exercise_cites_only_known_sources(case, exercise):
    from helpers.sources import load_sources

    known = load_sources(case) if (case.folder / "sources.csv").exists() else {}
    assert set(exercise.sources) <= set(known), f"unknown sources: {set(exercise.sources) - set(known)}"
