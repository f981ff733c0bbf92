"""Categorise: give each item (often a sentence of the article) one label from a list.

JSON: ``categories``, a list of ``{"id", "label", "description"?}`` (at least two, unique ids);
``items``, a list of ``{"id", "text" (or "ref"), "category", "explanation", "hint"?}``. Answer: a dict
from item id to category id. Feedback points at each wrong label with the item's hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle

from helpers.article import Case
from helpers.controls import Control, html_widget, shared
from helpers.datafiles import DataFileError
from helpers.exercises.fields import categories, choices, require_explanations, verify_choice_refs
from helpers.exercises.judging import choice_text, expect, find, label, short
from helpers.exercises.model import Category, Choice, Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register
from helpers.markup import esc


@dataclass(frozen=True)
class Categorise:
    categories: tuple[Category, ...]
    choices: tuple[Choice, ...]  # the items, each with its right category


def parse(record: dict, path: Path, where: str) -> Categorise:
    labels = categories(record, "categories", path, where)
    items = choices(record, "items", path, where, ("id", "text", "ref", "category", "explanation", "hint"), minimum=1)
    require_explanations(items, "items", path, where)
    known = {c.id for c in labels}
    for number, item in enumerate(items, start=1):
        if item.category not in known:
            raise DataFileError(
                path,
                f"category {item.category!r} is not one of {', '.join(sorted(known))}",
                row=where,
                field=f"items[{number}].category",
            )
    return Categorise(labels, items)


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    if answer is None:
        answer = {}
    expect(exercise, answer, dict, "a dict from item id to category id")
    names = {c.id: c.label for c in exercise.spec.categories}
    items = exercise.spec.choices
    for item_id, category in answer.items():
        if item_id not in {c.id for c in items}:
            raise ValueError(f"{item_id!r} is not an item of exercise {exercise.id!r}")
        if category is not None and category not in names:
            raise ValueError(f"{category!r} is not a category of exercise {exercise.id!r}")
    labelled = {k: v for k, v in answer.items() if v}
    if not labelled:
        return Feedback("empty", 0.0, "Choose a label for each item, then press Check.")
    right = [c for c in items if labelled.get(c.id) == c.category]
    if len(right) == len(items):
        return Feedback(
            "right",
            1.0,
            f"All {len(items)} labelled correctly.",
            (*(f"{label(c, case)} → {names[c.category]}: {c.explanation}" for c in items), exercise.explanation),
        )
    wrong = [c for c in items if c.id in labelled and labelled[c.id] != c.category]
    unlabelled = [c for c in items if c.id not in labelled]
    details = [f"Look again at “{label(c, case)}” (not {names[labelled[c.id]]}). {c.hint}".rstrip() for c in wrong]
    if unlabelled:
        details.append(f"{len(unlabelled)} item(s) still have no label.")
    status = "partial" if right else "wrong"
    return Feedback(status, len(right) / len(items), f"{len(right)} of {len(items)} labelled correctly.", tuple(details))


def sample_wrong(exercise: Exercise) -> dict[str, str]:
    spec = exercise.spec
    return {c.id: next(k.id for k in spec.categories if k.id != c.category) for c in spec.choices}


def answer_lines(exercise: Exercise, case: Case) -> list[str]:
    names = {c.id: c.label for c in exercise.spec.categories}
    return [f"{short(choice_text(c, case))} → {names[c.category]}: {c.explanation}" for c in exercise.spec.choices]


def describe(exercise: Exercise, answer: Any, case: Case) -> str:
    names = {c.id: c.label for c in exercise.spec.categories}
    return "; ".join(
        f"{short(choice_text(find(exercise.spec.choices, i), case), 50)} → {names.get(v, v)}" for i, v in answer.items()
    )


def control(exercise: Exercise, case: Case) -> Control:
    spec = exercise.spec
    options = [("— choose a label —", "")] + [(c.label, c.id) for c in spec.categories]
    menus, rows = {}, []
    for number, choice in enumerate(spec.choices, start=1):
        name = choice.ref or f"Item {number}"
        menu = widgets.Dropdown(
            options=options,
            value="",
            description=f"{name}:",
            layout=shared(widgets.Layout),
            style=shared(DescriptionStyle, description_width="initial"),
        )
        menus[choice.id] = menu
        item = html_widget(f"<strong>[{esc(name)}]</strong> {esc(choice_text(choice, case))}")
        rows.append(widgets.VBox([item, menu], layout=shared(widgets.Layout)))
    legend = "".join(f"<li><strong>{esc(c.label)}</strong>: {esc(c.description)}</li>" for c in spec.categories if c.description)

    def write(answer: Any) -> None:
        for choice_id, menu in menus.items():
            value = (answer or {}).get(choice_id) or ""
            menu.value = value if value in {c.id for c in spec.categories} else ""

    children = ([html_widget(f"<ul>{legend}</ul>")] if legend else []) + rows
    return Control(
        widgets.VBox(children, layout=shared(widgets.Layout)),
        lambda: {i: m.value for i, m in menus.items() if m.value},
        write,
        parts={"menus": menus},
    )


register(
    ExerciseType(
        name="categorise",
        required=("categories", "items"),
        optional=(),
        parse=parse,
        check=check,
        key_answer=lambda exercise: {c.id: c.category for c in exercise.spec.choices},
        sample_wrong=sample_wrong,
        answer_lines=answer_lines,
        describe=describe,
        control=control,
        verify=verify_choice_refs,
    )
)
