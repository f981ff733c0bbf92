"""Categorise: give each item (often a sentence of the article) one label from a list.

JSON: ``categories``, a list of ``{"id", "label", "description"?}`` (at least two, unique ids);
``items``, a list of ``{"id", "text" (or "ref"), "category", "explanation", "hint"?}``. Answer: a dict
from item id to category id. Feedback points at each wrong label with the item's hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.article import Case
from helpers.controls import Control
from helpers.datafiles import DataFileError
from helpers.exercises.fields import categories, choices, require_explanations, verify_choice_refs
from helpers.exercises.judging import label
from helpers.exercises.menus import describe_picks, key_picks, menu_control, pick_guide_lines, pick_lines, picks, wrong_picks
from helpers.exercises.model import Category, Choice, Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register


@dataclass(frozen=True)
class Categorise:
    categories: tuple[Category, ...]
    choices: tuple[Choice, ...]  # the items, each with its right category

    @property
    def entries(self) -> tuple[Category, ...]:  # the menu's entries (helpers.exercises.menus)
        return self.categories


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
    names = {c.id: c.label for c in exercise.spec.categories}
    items = exercise.spec.choices
    labelled = picks(exercise, answer, "category")
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


def control(exercise: Exercise, case: Case) -> Control:
    return menu_control(exercise, case, "— choose a label —")


register(
    ExerciseType(
        name="categorise",
        required=("categories", "items"),
        optional=(),
        parse=parse,
        check=check,
        key_answer=key_picks,
        sample_wrong=wrong_picks,
        answer_lines=pick_lines,
        describe=describe_picks,
        control=control,
        verify=verify_choice_refs,
        guide_key=pick_guide_lines,
    )
)
