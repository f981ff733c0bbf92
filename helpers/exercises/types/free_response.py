"""Free response with a rubric: the learner writes, saves, then ticks the points of a model answer theirs makes.

JSON: ``model_answer``, ``rubric`` (a list of points a good answer makes) and, optionally, ``levels``: a
levelled rubric, ``[{"level", "description", "sample"}, …]`` from the weakest level to the strongest (for
example Beginning, Emerging, Mastery), each with what an answer at that level does and one sample answer.
The model answer, the levels and the points appear only after the learner saves. Answer: a dict
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
from helpers.datafiles import DataFileError, require
from helpers.exercises.fields import entries, entry_id, strings, unique
from helpers.exercises.judging import expect
from helpers.exercises.model import Exercise, Feedback, KeyTable
from helpers.exercises.registry import ExerciseType, register
from helpers.markup import esc


@dataclass(frozen=True)
class Level:
    """One level of a levelled rubric: its name, what an answer at this level does, and a sample answer."""

    name: str
    description: str
    sample: str


@dataclass(frozen=True)
class FreeResponse:
    model_answer: str
    rubric: tuple[str, ...]  # points a good answer makes
    levels: tuple[Level, ...] = ()  # a levelled rubric, weakest level first (optional)


LEVEL_KEYS = ("level", "description", "sample")


def parse(record: dict, path: Path, where: str) -> FreeResponse:
    return FreeResponse(
        require(record, "model_answer", str, path, where),
        strings(record, "rubric", path, where, needed=True),
        parse_levels(record, path, where),
    )


def parse_levels(record: dict, path: Path, where: str) -> tuple[Level, ...]:
    """The optional levelled rubric: at least two levels, each named once, each with a description and a sample answer."""
    if "levels" not in record:
        return ()
    listed = entries(record, "levels", path, where, LEVEL_KEYS)
    if len(listed) < 2:
        raise DataFileError(path, f"a levelled rubric needs at least 2 levels, found {len(listed)}", row=where, field="levels")
    levels = tuple(
        Level(
            entry_id(entry, "level", path, where, field),
            require(entry, "description", str, path, where, name=f"{field}.description"),
            require(entry, "sample", str, path, where, name=f"{field}.sample"),
        )
        for field, entry in listed
    )
    unique([level.name for level in levels], "levels", path, where)
    return levels


def levels_html(levels: tuple[Level, ...]) -> str:
    """The levelled rubric as a table: each level, what an answer at that level does, and a sample answer."""
    if not levels:
        return ""
    rows = "".join(
        f'<tr><th scope="row" style="text-align:left;vertical-align:top">{esc(level.name)}</th>'
        f'<td style="text-align:left;vertical-align:top">{esc(level.description)}</td>'
        f'<td style="text-align:left;vertical-align:top"><em>“{esc(level.sample)}”</em></td></tr>'
        for level in levels
    )
    return (
        "<p><strong>Levels.</strong> Which level does your answer reach? Each level has a sample answer.</p>"
        '<table class="ml-levels"><thead><tr><th>Level</th><th>An answer at this level</th><th>Sample answer</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


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
    """The answer box; the rubric (model answer, levels, a checkbox per point) is added below it once the answer is saved.

    Until then the rubric is not built at all, so an unsaved reflection sends the browser only its text box;
    ticks written before (a restored draft) are kept and become the checkboxes' starting values.
    """
    text = widgets.Textarea(
        value="",
        placeholder="Write a few sentences.",
        description="Your answer:",
        rows=6,
        continuous_update=False,  # the text reaches the kernel when the learner leaves the box: saved as a draft
        style=shared(TextStyle, description_width="initial"),
        layout=shared(widgets.Layout, width="auto"),  # fills the box; "100%" overflowed it by the widget's margins
    )
    box = widgets.VBox([text], layout=shared(widgets.Layout))
    ticks: list[widgets.Checkbox] = []  # the rubric's checkboxes, once built
    pending: list[int] = []  # the ticked points while there are no checkboxes yet
    on_tick: list[Callable[[], None]] = []
    parts: dict[str, Any] = {"text": text, "ticks": ticks}

    def show_rubric() -> None:
        if "rubric" in parts:
            return
        ticks.extend(_checkbox(point, index in pending) for index, point in enumerate(exercise.spec.rubric))
        for tick in ticks:
            for callback in on_tick:
                tick.observe(lambda _change, c=callback: c(), names="value")
        parts["model"] = html_widget(_model_html(exercise.spec))
        parts["rubric"] = widgets.VBox([parts["model"], *ticks], layout=shared(widgets.Layout))
        box.children = (text, parts["rubric"])

    def read() -> dict:
        return {"text": text.value, "ticked": [i for i, t in enumerate(ticks) if t.value] if ticks else list(pending)}

    def write(answer: Any) -> None:
        answer = answer if isinstance(answer, dict) else {}
        text.value = answer.get("text", "") if isinstance(answer.get("text"), str) else ""
        pending[:] = [index for index in range(len(exercise.spec.rubric)) if index in (answer.get("ticked") or [])]
        for index, tick in enumerate(ticks):
            tick.value = index in pending

    def on_submit(callback: Callable[[], None]) -> None:
        on_tick.append(callback)
        for tick in ticks:
            tick.observe(lambda _change: callback(), names="value")

    def on_feedback(feedback: Feedback) -> None:
        if feedback.status == "saved":
            show_rubric()

    def on_draft(callback: Callable[[], None]) -> None:
        text.observe(lambda _change: callback(), names="value")

    return Control(box, read, write, on_submit, on_feedback, on_draft, parts=parts)


def _model_html(spec: FreeResponse) -> str:
    """The model answer and the levels, in one widget: no extra widget models."""
    return (
        f"<p><strong>Model answer.</strong> {esc(spec.model_answer)}</p>{levels_html(spec.levels)}"
        "<p>Tick the points your answer makes:</p>"
    )


def _model_lines(spec: FreeResponse) -> list[str]:
    """The model answer, then the rubric's points as bullets."""
    return [f"Model answer: {spec.model_answer}", *(f"• {point}" for point in spec.rubric)]


def guide_key(exercise: Exercise, case: Case) -> list[str | KeyTable]:
    """The instructor guide's key: the model answer, the points to look for, and the levels as a table with their samples."""
    spec: FreeResponse = exercise.spec
    lines: list[str | KeyTable] = [
        "Saved, never graded: the learner compares their answer with the model answer and ticks the points it makes.",
        f"Model answer: {spec.model_answer}",
        "What to look for (the rubric's points):",
        *(f"• {point}" for point in spec.rubric),
    ]
    if spec.levels:
        rows = tuple((level.name, level.description, f"“{level.sample}”") for level in spec.levels)
        lines.append(KeyTable("Levelled rubric", ("Level", "What the answer does", "Sample answer"), rows))
    return lines


def _checkbox(point: str, ticked: bool) -> widgets.Checkbox:
    return widgets.Checkbox(
        value=ticked,
        description=point,
        indent=False,
        layout=shared(widgets.Layout, width="auto"),
        style=shared(CheckboxStyle),
    )


register(
    ExerciseType(
        name="free_response",
        required=("model_answer", "rubric"),
        optional=("levels",),
        parse=parse,
        check=check,
        key_answer=lambda exercise: {"text": exercise.spec.model_answer, "ticked": list(range(len(exercise.spec.rubric)))},
        sample_wrong=lambda exercise: {"text": "A first answer that makes none of the points.", "ticked": []},
        answer_lines=lambda exercise, case: [
            *_model_lines(exercise.spec),
            *(f"{level.name}: {level.description} Sample: “{level.sample}”" for level in exercise.spec.levels),
        ],
        describe=describe,
        control=control,
        check_label="Save and compare",
        check_tooltip="Save your answer",
        show_answer=False,
        graded=False,
        guide_key=guide_key,
    )
)
