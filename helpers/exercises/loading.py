"""Loading a case's exercise files: every record validated against its type's schema and the article.

Exercises live in a case folder, one JSON file per lesson in ``exercises/`` (schema in ``seeds/README.md``).
A record has the common fields below plus its type's own (declared by the type's module); any other
field is refused, naming the closest known one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers.article import Case
from helpers.datafiles import DataFileError, contents_key, optional, read_json, require
from helpers.exercises.fields import refuse_unknown, strings
from helpers.exercises.model import ASSESSMENT_PHASES, Exercise
from helpers.exercises.registry import exercise_type, type_names

COMMON_REQUIRED = ("id", "type", "skill", "prompt", "explanation")
COMMON_OPTIONAL = ("refs", "hints", "sources", "assessment")


_CHECKED: dict[Path, tuple] = {}  # exercise folder: (its files' contents, the article's text) last checked together


@lru_cache(maxsize=16)
def _load_cached(folder: Path, contents: tuple) -> dict[str, Exercise]:
    return _load(folder)


def load_exercises(case: Case) -> dict[str, Exercise]:
    """Return every exercise of a case by id, validated against the schema and the article.

    A lesson calls this once per exercise it shows: the files are read and checked again only when one of
    them (or the article) has changed since the last call, so an edited exercise file is seen at once.
    """
    folder = case.folder / "exercises"
    contents = contents_key(sorted(folder.glob("*.json")) if folder.is_dir() else [])
    exercises = _load_cached(folder, contents)
    if _CHECKED.get(folder) != (contents, case.text):
        for exercise in exercises.values():
            _check_against_article(exercise, case, folder)
        _CHECKED[folder] = (contents, case.text)
    return exercises


def get_exercise(case: Case, exercise_id: str) -> Exercise:
    exercises = load_exercises(case)
    if exercise_id not in exercises:
        known = ", ".join(sorted(exercises)) or "none"
        raise KeyError(f"No exercise {exercise_id!r} in case {case.id!r}. Known exercises: {known}")
    return exercises[exercise_id]


def _load(folder: Path) -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data = read_json(path)
        lesson = require(data, "lesson", str, path, "top level")
        refuse_unknown(data, ("lesson", "exercises"), path, "top level", what="of a lesson's exercise file")
        if lesson != path.stem:
            raise DataFileError(
                path, f"lesson {lesson!r} must match the file name {path.stem!r}", row="top level", field="lesson"
            )
        records = require(data, "exercises", list, path, "top level")
        for number, record in enumerate(records, start=1):
            label = f"exercise {number}"
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                label = f"exercise '{record['id']}'"
            exercise = parse_exercise(record, lesson, path, label)
            if exercise.id in exercises:
                raise DataFileError(path, "this id is already used by another exercise", row=label, field="id")
            _refuse_second_item_of_a_skill(exercise, exercises.values(), path, label)
            exercises[exercise.id] = exercise
    return exercises


def _refuse_second_item_of_a_skill(exercise: Exercise, earlier: Any, path: Path, where: str) -> None:
    """A pre item is matched to its post item by their ``skill``: one item per phase and skill in a case."""
    if not exercise.assessment:
        return
    for other in earlier:
        if other.assessment == exercise.assessment and other.skill == exercise.skill:
            raise DataFileError(
                path,
                f"{exercise.assessment} item '{other.id}' ({other.lesson}) already has this skill; a {exercise.assessment} "
                "item is matched to its other phase by its skill, so give each one its own",
                row=where,
                field="skill",
            )


def assessment_phase(record: Any, kind: Any, path: Path, where: str) -> str:
    """The optional ``assessment`` field: "pre" or "post"; an assessment item is answered once, with no hints."""
    if "assessment" not in record:
        return ""
    phase = optional(record, "assessment", str, path, where, "")
    if phase not in ASSESSMENT_PHASES:
        raise DataFileError(
            path,
            f'{phase!r} is not an assessment phase; use "pre" (lesson 00) or "post" (the post-assessment), '
            "or leave the field out for an ordinary exercise",
            row=where,
            field="assessment",
        )
    if not kind.assessable:
        raise DataFileError(path, f"a {kind.name} exercise cannot be an assessment item", row=where, field="assessment")
    if record.get("hints"):
        raise DataFileError(path, "an assessment item gives no hints: remove them", row=where, field="hints")
    return phase


def parse_exercise(record: Any, lesson: str, path: Path, where: str) -> Exercise:
    """Build an Exercise from one JSON record, raising DataFileError (file, exercise, field) on any problem."""
    name = require(record, "type", str, path, where)
    if name not in type_names():
        raise DataFileError(path, f"unknown type {name!r}; use one of {', '.join(type_names())}", row=where, field="type")
    kind = exercise_type(name)
    fields = (*COMMON_REQUIRED, *COMMON_OPTIONAL, *kind.required, *kind.optional)
    refuse_unknown(record, fields, path, where, what=f"of a {name} exercise")
    return Exercise(
        id=require(record, "id", str, path, where),
        type=name,
        lesson=lesson,
        skill=require(record, "skill", str, path, where),
        prompt=require(record, "prompt", str, path, where),
        explanation=require(record, "explanation", str, path, where),
        refs=strings(record, "refs", path, where),
        hints=strings(record, "hints", path, where),
        sources=strings(record, "sources", path, where),
        assessment=assessment_phase(record, kind, path, where),
        spec=kind.parse(record, path, where),
    )


def _check_against_article(exercise: Exercise, case: Case, folder: Path) -> None:
    where = f"exercise '{exercise.id}'"
    path = folder / f"{exercise.lesson}.json"
    for ref in exercise.refs:
        if not case.has_ref(ref):
            raise DataFileError(path, f"{ref!r} is not a paragraph or sentence of the article", row=where, field="refs")
    verify = exercise_type(exercise.type).verify
    if verify:
        verify(exercise, case, path, where)
