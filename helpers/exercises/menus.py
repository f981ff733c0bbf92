"""One menu per item: the control and the answer reading shared by the types that ask for one pick per item.

Categorise (a label per sentence) and match pairs (an origin per claim) both show each item, often a
sentence of the article, with a menu of the same entries; the answer is a dict from item id to the id
of the entry picked. The item's menu is named by its sentence id ("P3.S1:") for screen readers.
A type using these has a spec with ``choices`` (the items, each with its right entry's id in
``category``) and ``entries`` (the menu's entries).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle

from helpers.article import Case
from helpers.controls import Control, html_widget, shared
from helpers.exercises.judging import choice_text, expect, find, short
from helpers.exercises.model import Exercise
from helpers.markup import esc


def picks(exercise: Exercise, answer: Any, noun: str) -> dict[str, str]:
    """The items given a pick, checked: TypeError for a non-dict, ValueError for an unknown item or entry."""
    if answer is None:
        answer = {}
    expect(exercise, answer, dict, f"a dict from item id to {noun} id")
    items, known = {c.id for c in exercise.spec.choices}, {e.id for e in exercise.spec.entries}
    for item_id, pick in answer.items():
        if item_id not in items:
            raise ValueError(f"{item_id!r} is not an item of exercise {exercise.id!r}")
        if pick is not None and pick not in known:
            raise ValueError(f"{pick!r} is not a {noun} of exercise {exercise.id!r}")
    return {k: v for k, v in answer.items() if v}


def menu_control(exercise: Exercise, case: Case, placeholder: str, ask: str = ":") -> Control:
    """Each item's text, then its menu (``placeholder`` first); a legend lists the entries' descriptions.

    The texts and menus are children of one box, in pairs, with no box per item: a box of its own would be
    one more widget model per item to send, and shows nothing (a box has no margin; its children's 2 px
    margins space the text and menu the same either way).
    """
    entries = exercise.spec.entries
    options = [(placeholder, "")] + [(e.label, e.id) for e in entries]
    menus, rows = {}, []
    for number, item in enumerate(exercise.spec.choices, start=1):
        name = item.ref or f"Item {number}"
        menu = widgets.Dropdown(
            options=options,
            value="",
            description=f"{name}{ask}",
            layout=shared(widgets.Layout),
            style=shared(DescriptionStyle, description_width="initial"),
        )
        menus[item.id] = menu
        text = html_widget(f"<strong>[{esc(name)}]</strong> {esc(choice_text(item, case))}")
        rows += [text, menu]
    legend = "".join(f"<li><strong>{esc(e.label)}</strong>: {esc(e.description)}</li>" for e in entries if e.description)

    def write(answer: Any) -> None:
        for item_id, menu in menus.items():
            value = (answer or {}).get(item_id) or ""
            menu.value = value if value in {e.id for e in entries} else ""

    children = ([html_widget(f"<ul>{legend}</ul>")] if legend else []) + rows
    return Control(
        widgets.VBox(children, layout=shared(widgets.Layout)),
        lambda: {i: m.value for i, m in menus.items() if m.value},
        write,
        parts={"menus": menus},
    )


def key_picks(exercise: Exercise) -> dict[str, str]:
    return {c.id: c.category for c in exercise.spec.choices}


def wrong_picks(exercise: Exercise) -> dict[str, str]:
    """Every item given another entry than its own (a sample wrong answer for the key tests)."""
    spec = exercise.spec
    return {c.id: next(e.id for e in spec.entries if e.id != c.category) for c in spec.choices}


def pick_lines(exercise: Exercise, case: Case) -> list[str]:
    """Each item with its right entry and its explanation."""
    names = {e.id: e.label for e in exercise.spec.entries}
    return [f"{short(choice_text(c, case))} → {names[c.category]}: {c.explanation}" for c in exercise.spec.choices]


def pick_guide_lines(exercise: Exercise, case: Case) -> list[str]:
    """The instructor guide's key: each item in full, with its sentence id, then its right entry and its explanation."""
    names = {e.id: e.label for e in exercise.spec.entries}
    return [
        f"{f'[{c.ref}] ' if c.ref else ''}{choice_text(c, case)} → {names[c.category]}: {c.explanation}"
        for c in exercise.spec.choices
    ]


def describe_picks(exercise: Exercise, answer: Any, case: Case) -> str:
    names = {e.id: e.label for e in exercise.spec.entries}
    return "; ".join(
        f"{short(choice_text(find(exercise.spec.choices, i), case), 50)} → {names.get(v, v)}" for i, v in answer.items()
    )
