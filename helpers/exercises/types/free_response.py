"""Free response with a rubric: the learner writes, saves, then ticks the points of a model answer theirs makes.

JSON: ``model_answer`` and ``rubric`` (a list of points a good answer makes). Answer: a dict
``{"text": str, "ticked": [rubric indexes]}``. Saved, never graded: the score is the share of points
ticked. What is written is kept as a draft whenever the learner leaves the text box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import TextStyle

from helpers.article import Case
from helpers.controls import Control, html_widget, shared
from helpers.datafiles import require
from helpers.exercises.fields import strings
from helpers.exercises.judging import expect
from helpers.exercises.model import Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register
from helpers.markup import esc


@dataclass(frozen=True)
class FreeResponse:
    model_answer: str
    rubric: tuple[str, ...]  # points a good answer makes


def parse(record: dict, path: Path, where: str) -> FreeResponse:
    return FreeResponse(require(record, "model_answer", str, path, where), strings(record, "rubric", path, where, needed=True))


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    rubric = exercise.spec.rubric
    if answer is None:
        answer = {"text": "", "ticked": []}
    expect(exercise, answer, dict, 'a dict {"text": ..., "ticked": [...]}')
    text, ticked = answer.get("text", ""), answer.get("ticked", [])
    if (
        not isinstance(text, str)
        or not isinstance(ticked, list)
        or not all(isinstance(i, int) and 0 <= i < len(rubric) for i in ticked)
    ):
        raise TypeError(f"Exercise {exercise.id!r} takes text and a list of rubric indexes 0-{len(rubric) - 1}")
    if not text.strip():
        return Feedback("empty", 0.0, "Write your answer first, then press Save.")
    points = len(set(ticked))
    return Feedback(
        "saved",
        points / len(rubric),
        f"Your answer is saved. You ticked {points} of {len(rubric)} points of the model answer.",
        ("This is a self-assessment: compare, do not copy. Revise your answer if you see something to add.",),
    )


def describe(exercise: Exercise, answer: Any, case: Case) -> str:
    rubric = exercise.spec.rubric
    ticked = ", ".join(rubric[i] for i in answer.get("ticked", []) if 0 <= i < len(rubric))
    return f"{answer.get('text', '')}\n[Rubric points ticked: {ticked or 'none'}]"


def control(exercise: Exercise, case: Case) -> Control:
    text = widgets.Textarea(
        value="",
        placeholder="Write a few sentences.",
        description="Your answer:",
        rows=6,
        continuous_update=False,  # the text reaches the kernel when the learner leaves the box: saved as a draft
        style=shared(TextStyle, description_width="initial"),
        layout=shared(widgets.Layout, width="auto"),  # fills the box; "100%" overflowed it by the widget's margins
    )
    model = html_widget(
        f"<p><strong>Model answer.</strong> {esc(exercise.spec.model_answer)}</p><p>Tick the points your answer makes:</p>"
    )
    ticks = [
        widgets.Checkbox(
            value=False,
            description=point,
            indent=False,
            layout=shared(widgets.Layout, width="auto"),
            style=shared(CheckboxStyle),
        )
        for point in exercise.spec.rubric
    ]
    rubric = widgets.VBox([model, *ticks], layout=widgets.Layout(display="none"))  # its own layout: shown after saving

    def read() -> dict:
        return {"text": text.value, "ticked": [i for i, t in enumerate(ticks) if t.value]}

    def write(answer: Any) -> None:
        answer = answer if isinstance(answer, dict) else {}
        text.value = answer.get("text", "") if isinstance(answer.get("text"), str) else ""
        for index, tick in enumerate(ticks):
            tick.value = index in (answer.get("ticked") or [])

    def on_submit(callback: Callable[[], None]) -> None:
        for tick in ticks:
            tick.observe(lambda _change: callback(), names="value")

    def on_feedback(feedback: Feedback) -> None:
        if feedback.status == "saved":
            rubric.layout.display = ""

    def on_draft(callback: Callable[[], None]) -> None:
        text.observe(lambda _change: callback(), names="value")

    return Control(
        widgets.VBox([text, rubric], layout=shared(widgets.Layout)),
        read,
        write,
        on_submit,
        on_feedback,
        on_draft,
        parts={"text": text, "ticks": ticks},
    )


register(
    ExerciseType(
        name="free_response",
        required=("model_answer", "rubric"),
        optional=(),
        parse=parse,
        check=check,
        key_answer=lambda exercise: {"text": exercise.spec.model_answer, "ticked": list(range(len(exercise.spec.rubric)))},
        sample_wrong=lambda exercise: {"text": "A first answer that makes none of the points.", "ticked": []},
        answer_lines=lambda exercise, case: [
            f"Model answer: {exercise.spec.model_answer}",
            *(f"• {point}" for point in exercise.spec.rubric),
        ],
        describe=describe,
        control=control,
        check_label="Save and compare",
        check_tooltip="Save your answer",
        show_answer=False,
        graded=False,
    )
)
