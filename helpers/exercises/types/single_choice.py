"""Single choice: one right option among several, each option explaining itself when chosen.

JSON: ``options``, a list of ``{"id", "text" (or "ref"), "explanation"}``, exactly one with ``"correct": true``.
Answer: an option id, e.g. ``"b"``. Control: radio buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle

from helpers.article import Case
from helpers.controls import Control, shared
from helpers.datafiles import DataFileError
from helpers.exercises.fields import choices, require_explanations, verify_choice_refs
from helpers.exercises.judging import choice_text, expect, find, marked_lines
from helpers.exercises.model import Choice, Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register

OPTION_KEYS = ("id", "text", "ref", "correct", "explanation")


@dataclass(frozen=True)
class Options:
    choices: tuple[Choice, ...]


def parse(record: dict, path: Path, where: str) -> Options:
    found = choices(record, "options", path, where, OPTION_KEYS)
    require_explanations(found, "options", path, where)
    if sum(c.correct for c in found) != 1:
        raise DataFileError(path, 'exactly one option must have "correct": true', row=where, field="options")
    return Options(found)


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    if answer is None or answer == "":
        return Feedback("empty", 0.0, "Choose one of the options, then press Check.")
    expect(exercise, answer, str, "an option id (text)")
    try:
        chosen = find(exercise.spec.choices, answer)
    except KeyError:
        raise ValueError(f"{answer!r} is not an option of exercise {exercise.id!r}") from None
    if chosen.correct:
        return Feedback("right", 1.0, "That is the best answer.", (chosen.explanation, exercise.explanation))
    return Feedback("wrong", 0.0, "Here is why that option does not fit. Try another.", (chosen.explanation,))


def control(exercise: Exercise, case: Case) -> Control:
    radio = widgets.RadioButtons(
        options=[(choice_text(c, case), c.id) for c in exercise.spec.choices],
        value=None,
        description="Your answer:",
        layout=shared(widgets.Layout, width="auto"),
        style=shared(DescriptionStyle, description_width="initial"),
    )

    def write(answer: Any) -> None:
        radio.value = answer if answer in {c.id for c in exercise.spec.choices} else None

    return Control(radio, lambda: radio.value, write, parts={"radio": radio})


register(
    ExerciseType(
        name="single_choice",
        required=("options",),
        optional=(),
        parse=parse,
        check=check,
        key_answer=lambda exercise: next(c.id for c in exercise.spec.choices if c.correct),
        sample_wrong=lambda exercise: next(c.id for c in exercise.spec.choices if not c.correct),
        answer_lines=lambda exercise, case: marked_lines(exercise.spec.choices, case),
        describe=lambda exercise, answer, case: choice_text(find(exercise.spec.choices, answer), case),
        control=control,
        verify=verify_choice_refs,
    )
)
