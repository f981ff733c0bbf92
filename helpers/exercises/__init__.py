"""Exercises as data: loading and validating their definitions, and judging answers with feedback that teaches.

Exercises live in a case folder, one JSON file per lesson in ``exercises/`` (schema in
``seeds/README.md``). Each kind of exercise is a plug-in: one module in :mod:`helpers.exercises.types`
declares its JSON fields, how to judge an answer, its key answer, how to explain and describe answers,
and the control a learner answers with (see :class:`~helpers.exercises.registry.ExerciseType`).
:func:`check`, :func:`key_answer`, :func:`answer_lines`, :func:`guide_key` (the instructor guide's key) and
:func:`describe_answer` look the type up.
The exercise frame in :mod:`helpers.widgets` shows any type the same way.

Modules: ``model`` (Exercise, Feedback), ``registry`` (the types and look-ups by type), ``loading``
(reading the files), ``phases`` (pre- and post-assessment items), ``fields`` (reading a record's fields), ``judging`` (what checkers share), ``menus``
(the one-menu-per-item control and answers), ``types`` (one module per type).
"""

from __future__ import annotations

from helpers.exercises.judging import choice_text
from helpers.exercises.loading import get_exercise, load_exercises, parse_exercise
from helpers.exercises.model import (
    ASSESSMENT_PHASES,
    GRADED,
    SHOW_ANSWER_AFTER,
    STATUS_LABELS,
    Category,
    Choice,
    Exercise,
    Feedback,
    KeyTable,
)
from helpers.exercises.phases import is_answered, matched_item, verdict_shown
from helpers.exercises.registry import (
    ExerciseType,
    answer_lines,
    check,
    describe_answer,
    exercise_type,
    guide_key,
    key_answer,
    register,
    type_names,
)
from helpers.exercises.types import load_types

load_types()

from helpers.exercises.types.phrase_tagging import phrase_passage  # noqa: E402 (a type's helper, kept importable here)
from helpers.exercises.types.short_answer import ANSWER_KINDS, shown_answer  # noqa: E402

TYPES = type_names()

__all__ = [
    "ANSWER_KINDS",
    "ASSESSMENT_PHASES",
    "GRADED",
    "SHOW_ANSWER_AFTER",
    "STATUS_LABELS",
    "TYPES",
    "Category",
    "Choice",
    "Exercise",
    "ExerciseType",
    "Feedback",
    "answer_lines",
    "check",
    "choice_text",
    "describe_answer",
    "exercise_type",
    "get_exercise",
    "guide_key",
    "is_answered",
    "key_answer",
    "KeyTable",
    "load_exercises",
    "matched_item",
    "parse_exercise",
    "phrase_passage",
    "register",
    "shown_answer",
    "type_names",
    "verdict_shown",
]
