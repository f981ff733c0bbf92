"""Ordering: put items in order (a timeline, a chain of events) with a Move up / Move down button per row.

JSON: ``items``, a list of ``{"id", "text" (or "ref"), "explanation"?}`` in the order first shown;
``answer``, the item ids in the right order (not the starting order). Answer: a list of all item ids,
in the learner's order. Feedback names the first item out of place; score: share of items in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

from helpers.article import Case
from helpers.controls import Control, shared
from helpers.datafiles import DataFileError
from helpers.exercises.fields import choices, strings, verify_choice_refs
from helpers.exercises.judging import choice_text, find, ids, label, numbered, short
from helpers.exercises.model import Choice, Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register
from helpers.markup import esc


@dataclass(frozen=True)
class Ordering:
    choices: tuple[Choice, ...]  # in the starting order
    order: tuple[str, ...]  # the right order of item ids


def parse(record: dict, path: Path, where: str) -> Ordering:
    items = choices(record, "items", path, where, ("id", "text", "ref", "explanation"))
    order = strings(record, "answer", path, where, needed=True)
    if sorted(order) != sorted(c.id for c in items):
        raise DataFileError(path, "must list every item id exactly once", row=where, field="answer")
    if tuple(c.id for c in items) == order:
        raise DataFileError(
            path, "the items are already in the answer's order; list them in a starting order", row=where, field="items"
        )
    return Ordering(items, order)


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    items, right = exercise.spec.choices, exercise.spec.order
    order = ids(exercise, answer)
    if sorted(order) != sorted(right):
        raise ValueError(f"Exercise {exercise.id!r} needs every item exactly once, got {answer!r}")
    placed = sum(a == b for a, b in zip(order, right, strict=True))
    if placed == len(order):
        details = [numbered(n, find(items, i), label(find(items, i), case)) for n, i in enumerate(order, 1)]
        return Feedback("right", 1.0, "Everything is in order.", (*details, exercise.explanation))
    first = next(n for n, (a, b) in enumerate(zip(order, right, strict=True)) if a != b)
    details = (f"The first item out of place is number {first + 1}: “{label(find(items, order[first]), case)}”.",)
    status = "partial" if placed else "wrong"
    return Feedback(status, placed / len(order), f"{placed} of {len(order)} in the right place.", details)


def answer_lines(exercise: Exercise, case: Case) -> list[str]:
    items = {c.id: c for c in exercise.spec.choices}
    return [numbered(n, items[i], choice_text(items[i], case)) for n, i in enumerate(exercise.spec.order, 1)]


def describe(exercise: Exercise, answer: Any, case: Case) -> str:
    return " → ".join(short(choice_text(find(exercise.spec.choices, i), case), 60) for i in answer)


def control(exercise: Exercise, case: Case) -> Control:
    texts = {c.id: choice_text(c, case) for c in exercise.spec.choices}
    order = [c.id for c in exercise.spec.choices]
    rows, labels, ups, downs = [], [], [], []
    for position, item in enumerate(order):
        row = _row(position, texts[item], len(order))
        text = widgets.HTML(row.label, layout=shared(widgets.Layout, flex="1 1 0%", min_width="0"), style=shared(HTMLStyle))
        up = _move_button(f"Move {position + 1} up", "arrow-up", row.up_tooltip, row.first)
        down = _move_button(f"Move {position + 1} down", "arrow-down", row.down_tooltip, row.last)
        up.on_click(lambda _b, p=position: move(p, -1))
        down.on_click(lambda _b, p=position: move(p, +1))
        labels.append(text)
        ups.append(up)
        downs.append(down)
        rows.append(widgets.HBox([up, down, text], layout=shared(widgets.Layout, align_items="center")))

    def refresh() -> None:
        """Show the rows in the current order (only what changed is sent to the browser)."""
        for position, item in enumerate(order):
            row = _row(position, texts[item], len(order))
            labels[position].value = row.label
            ups[position].tooltip, ups[position].disabled = row.up_tooltip, row.first
            downs[position].tooltip, downs[position].disabled = row.down_tooltip, row.last

    def move(position: int, delta: int) -> None:
        target = position + delta
        if 0 <= target < len(order):
            order[position], order[target] = order[target], order[position]
            refresh()

    def write(answer: Any) -> None:
        if isinstance(answer, list) and sorted(answer) == sorted(order):
            order[:] = answer
            refresh()

    return Control(
        widgets.VBox(rows, layout=shared(widgets.Layout)),
        lambda: list(order),
        write,
        parts={"ups": ups, "downs": downs, "labels": labels},
    )


@dataclass(frozen=True)
class _Row:
    """What one row shows for the item at its position: the numbered text, and its buttons' tooltips and states."""

    label: str
    up_tooltip: str
    down_tooltip: str
    first: bool  # Move up is disabled
    last: bool  # Move down is disabled


def _row(position: int, text: str, count: int) -> _Row:
    """The row's values, computed before its widgets are built so that building sends no change after."""
    return _Row(
        f"<strong>{position + 1}.</strong> {esc(text)}",
        f"Move “{text[:60]}” up",
        f"Move “{text[:60]}” down",
        position == 0,
        position == count - 1,
    )


def _move_button(description: str, icon: str, tooltip: str, disabled: bool) -> widgets.Button:
    """An ordering button named by its row ("Move 2 up"), so that screen readers can tell the rows apart.

    Its width fits its name and never shrinks (``flex: none``): the item's text beside it wraps instead.
    An icon-only button would fit in less room, but ipywidgets 8 gives a button no aria-label, only a
    title, and Chromium names it by its content (the icon's glyph), so the row number would be lost.
    """
    return widgets.Button(
        description=description,
        icon=icon,
        tooltip=tooltip,
        disabled=disabled,
        layout=shared(widgets.Layout, width="auto", flex="none"),
        style=shared(widgets.ButtonStyle),
    )


register(
    ExerciseType(
        name="ordering",
        required=("items", "answer"),
        optional=(),
        parse=parse,
        check=check,
        key_answer=lambda exercise: list(exercise.spec.order),
        sample_wrong=lambda exercise: list(reversed(exercise.spec.order)),
        answer_lines=answer_lines,
        describe=describe,
        control=control,
        verify=verify_choice_refs,
    )
)
