"""Short answer: a typed text, name, date or number, read in its common forms (see :mod:`helpers.answers`).

JSON: ``answer``; ``kind`` (``text``, ``name``, ``date`` or ``number``; default ``text``); optional
``accept`` (other right answers) and ``wrong_answers`` (``{"a common wrong answer": "why"}``).
Answer: a string. A date without its year earns "partly right". Control: a text box (Enter checks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import TextStyle

from helpers.answers import AnswerFormatError, normalise_name, normalise_text, parse_date, parse_number
from helpers.article import Case
from helpers.controls import Control, shared
from helpers.datafiles import DataFileError, optional, require
from helpers.exercises.fields import strings
from helpers.exercises.judging import expect, short
from helpers.exercises.model import Exercise, Feedback, KeyTable
from helpers.exercises.registry import ExerciseType, register

ANSWER_KINDS = ("text", "name", "date", "number")


@dataclass(frozen=True)
class ShortAnswer:
    kind: str  # text, name, date or number
    accepted: tuple[str, ...]  # the answer first, then accepted alternatives
    wrong_answers: tuple[tuple[str, str], ...] = ()  # (common wrong answer, why)


def parse(record: dict, path: Path, where: str) -> ShortAnswer:
    kind = optional(record, "kind", str, path, where, "text")
    if kind not in ANSWER_KINDS:
        raise DataFileError(path, f"unknown kind {kind!r}; use one of {', '.join(ANSWER_KINDS)}", row=where, field="kind")
    accepted = (require(record, "answer", str, path, where), *strings(record, "accept", path, where))
    for value in accepted:
        try:
            _normalise(kind, value)
        except AnswerFormatError as exc:
            raise DataFileError(path, f"the answer {value!r} is not a valid {kind}: {exc}", row=where, field="answer") from None
    wrong = optional(record, "wrong_answers", dict, path, where, {})
    for answer, why in wrong.items():
        if not isinstance(why, str) or not why.strip():
            raise DataFileError(path, f"the explanation for {answer!r} must be non-empty text", row=where, field="wrong_answers")
    return ShortAnswer(kind, accepted, tuple(wrong.items()))


def shown_answer(exercise: Exercise) -> str:
    """A short answer as the learner reads it: dates in words ("1 November 2022", not "2022-11-01")."""
    spec = exercise.spec
    return str(parse_date(spec.accepted[0])) if spec.kind == "date" else spec.accepted[0]


def _normalise(kind: str, text: str) -> Any:
    if kind == "date":
        return parse_date(text)
    if kind == "number":
        return parse_number(text)
    if kind == "name":
        return normalise_name(text)
    return normalise_text(text)


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    spec = exercise.spec
    if answer is None:
        answer = ""
    expect(exercise, answer, str, "text")
    if not answer.strip():
        return Feedback("empty", 0.0, "Type your answer, then press Check or Enter.")
    try:
        given = _normalise(spec.kind, answer)
    except AnswerFormatError as exc:
        return Feedback("invalid", 0.0, str(exc))
    accepted = [_normalise(spec.kind, a) for a in spec.accepted]
    if given in accepted:
        return Feedback("right", 1.0, f"{shown_answer(exercise)} is right.", (exercise.explanation,))
    if spec.kind == "date" and given.year is None and any(_same_answer("date", a, given) for a in accepted):
        return Feedback(
            "partial",
            0.5,
            "Right day and month, but no year.",
            ("A verified timeline needs the year: the article leaves it out, so find it from the context.",),
        )
    for wrong, why in spec.wrong_answers:
        try:
            if _same_answer(spec.kind, _normalise(spec.kind, wrong), given):
                return Feedback("wrong", 0.0, f"“{short(answer.strip())}” is not it.", (why,))
        except AnswerFormatError:
            continue
    return Feedback(
        "wrong",
        0.0,
        f"“{short(answer.strip())}” is not the answer we are looking for.",
        ("Read the prompt again, or take a hint.",) if exercise.hints else (),
    )


def _same_answer(kind: str, expected: Any, given: Any) -> bool:
    """Whether a normalised answer matches; a date given without a year matches on day and month."""
    if kind == "date" and given.year is None:
        return (expected.month, expected.day) == (given.month, given.day)
    return expected == given


def guide_key(exercise: Exercise, case: Case) -> list[str | KeyTable]:
    """The instructor guide's key: the answer, what else is accepted, the partial credit, and the common wrong answers."""
    spec: ShortAnswer = exercise.spec
    shown = [str(parse_date(a)) if spec.kind == "date" else a for a in spec.accepted]
    lines: list[str | KeyTable] = [f"Answer: {shown[0]}"]
    if spec.kind != "text":
        lines.append(f"Read as a {spec.kind}, in any common form ({READ_AS[spec.kind]}).")
    if shown[1:]:
        lines.append("Also accepted: " + "; ".join(shown[1:]))
    if spec.kind == "date":
        lines.append("The right day and month without the year is “partly right” (half a point).")
    if spec.wrong_answers:
        rows = tuple((_shown(spec.kind, wrong), why) for wrong, why in spec.wrong_answers)
        lines.append(KeyTable("Common wrong answers, with the feedback each gets", ("Answer", "Feedback"), rows))
    return lines


READ_AS = {
    "name": "whatever its case, spacing, accents or hyphens",
    "date": "e.g. 30 Sep 2022, 2022-09-30 or September 30, 2022; an ambiguous date such as 03/04/2022 is not guessed",
    "number": "with or without thousands separators: 2,158, 2 158 or 2158",
}


def _shown(kind: str, text: str) -> str:
    """A keyed answer as a reader writes it: a date in words; another answer as written."""
    try:
        return str(parse_date(text)) if kind == "date" else text
    except AnswerFormatError:
        return text


def control(exercise: Exercise, case: Case) -> Control:
    placeholder = {"date": "e.g. 30 September 2022", "number": "e.g. 141", "name": "a name"}.get(
        exercise.spec.kind, "your answer"
    )
    text = widgets.Text(
        value="",
        placeholder=placeholder,
        description="Your answer:",
        continuous_update=False,
        style=shared(TextStyle, description_width="initial"),
        layout=shared(widgets.Layout, width="32em"),
    )

    def write(answer: Any) -> None:
        text.value = answer if isinstance(answer, str) else ""

    def on_submit(callback: Callable[[], None]) -> None:
        text.observe(lambda change: callback() if change["new"].strip() else None, names="value")

    return Control(text, lambda: text.value, write, on_submit=on_submit, parts={"text": text})


register(
    ExerciseType(
        name="short_answer",
        required=("answer",),
        optional=("kind", "accept", "wrong_answers"),
        parse=parse,
        check=check,
        key_answer=lambda exercise: exercise.spec.accepted[0],
        sample_wrong=lambda exercise: {"date": "1 January 1900", "number": "-1"}.get(exercise.spec.kind, "zzzz not an answer"),
        answer_lines=lambda exercise, case: [f"Answer: {shown_answer(exercise)}"],
        describe=lambda exercise, answer, case: str(answer),
        control=control,
        guide_key=guide_key,
    )
)
