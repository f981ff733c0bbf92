"""The exercise types as plug-ins: what a type declares, the registry of types, and look-ups by type.

Each module in :mod:`helpers.exercises.types` declares one :class:`ExerciseType` and registers it
(the model is jupyterquiz's ``Question.register`` with one JSON schema per type). Everything that
differs between types goes through the registry, so adding a type touches no other module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.exercises.model import Exercise, Feedback, KeyTable

if TYPE_CHECKING:
    from helpers.article import Case
    from helpers.controls import Control

_TYPES: dict[str, ExerciseType] = {}


@dataclass(frozen=True)
class ExerciseType:
    """One kind of exercise: its own JSON fields, how to read them, judge answers, explain and display them."""

    name: str
    required: tuple[str, ...]  # the type's own required fields in a JSON record (the common ones are in loading)
    optional: tuple[str, ...]
    parse: Callable[[dict, Path, str], Any]  # (record, file, "exercise 'id'") -> the type's spec; DataFileError if bad
    check: Callable[[Exercise, Any, Case | None], Feedback]  # TypeError/ValueError for an answer of the wrong shape
    key_answer: Callable[[Exercise], Any]  # the right answer, in the shape check() takes
    sample_wrong: Callable[[Exercise], Any]  # a wrong answer, for the answer-key tests
    answer_lines: Callable[[Exercise, Case], list[str]]  # 'Show answer' and the export, before the explanation
    describe: Callable[[Exercise, Any, Case], str]  # a saved answer in words, for the export
    control: Callable[[Exercise, Case], Control]  # the widget that takes the answer
    # Checks against the article's text, and nothing else: loading re-runs it only when the text or the exercise files change.
    verify: Callable[[Exercise, Case, Path, str], None] | None = None
    check_label: str = "Check"
    check_tooltip: str = "Check your answer"
    show_answer: bool = True  # offer a 'Show answer' button
    graded: bool = True  # False: the answer is saved, never judged right or wrong
    quote_refs: bool = True  # quote the exercise's refs under its prompt
    # The instructor guide's key, when it needs more than answer_lines (alternatives, wrong answers, a rubric's levels
    # as a table, what an ungraded answer is checked for): lines (plain text) and tables. None: answer_lines.
    guide_key: Callable[[Exercise, Case], list[str | KeyTable]] | None = None
    assessable: bool = True  # may be a pre- or post-assessment item (answered once)


def register(kind: ExerciseType) -> ExerciseType:
    """Add a type to the registry (each type module calls this once)."""
    if kind.name in _TYPES:
        raise ValueError(f"exercise type {kind.name!r} is registered twice")
    _TYPES[kind.name] = kind
    return kind


def exercise_type(name: str) -> ExerciseType:
    try:
        return _TYPES[name]
    except KeyError:
        raise KeyError(f"unknown exercise type {name!r}; known: {', '.join(type_names())}") from None


def type_names() -> tuple[str, ...]:
    """The registered types' names, in alphabetical order (whatever order their modules were imported in)."""
    return tuple(sorted(_TYPES))


def check(exercise: Exercise, answer: Any, case: Case | None = None) -> Feedback:
    """Judge an answer and explain the verdict. Raises TypeError if the answer has the wrong shape."""
    return exercise_type(exercise.type).check(exercise, answer, case)


def key_answer(exercise: Exercise) -> Any:
    """The right answer, in the shape check() takes."""
    return exercise_type(exercise.type).key_answer(exercise)


def answer_lines(exercise: Exercise, case: Case) -> tuple[str, ...]:
    """The answer with every explanation, as plain-text lines, for 'Show answer' and the export."""
    return (*exercise_type(exercise.type).answer_lines(exercise, case), exercise.explanation)


def guide_key(exercise: Exercise, case: Case) -> tuple[str | KeyTable, ...]:
    """The answer key as the instructor guide shows it (lines and tables), before the explanation."""
    kind = exercise_type(exercise.type)
    return tuple(kind.guide_key(exercise, case) if kind.guide_key else kind.answer_lines(exercise, case))


def describe_answer(exercise: Exercise, answer: Any, case: Case) -> str:
    """A learner's saved answer in words, for the exported record of their work."""
    if answer is None:
        return "(no answer)"
    try:
        return exercise_type(exercise.type).describe(exercise, answer, case)
    except (KeyError, AttributeError, TypeError, IndexError, ValueError):
        return f"(saved answer no longer fits this exercise: {answer!r})"
