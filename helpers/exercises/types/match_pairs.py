"""Match pairs: match each item on the left (e.g. a claim) to one on the right (e.g. its origin), one menu per item.

JSON: ``items``, a list of ``{"id", "text" (or "ref"), "match", "explanation"}`` where ``match`` is the
id of the right item; ``matches``, the right-hand list of ``{"id", "label", "description"?}`` (at least
two; one may fit several items, and some may fit none). Answer: a dict from item id to match id.
Feedback names each wrong match with the item's explanation; score: share of items matched rightly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from helpers.article import Case
from helpers.controls import Control
from helpers.datafiles import DataFileError
from helpers.exercises.fields import categories, choices, entries, entry_id, require_explanations, verify_choice_refs
from helpers.exercises.judging import label
from helpers.exercises.menus import describe_picks, key_picks, menu_control, pick_guide_lines, pick_lines, picks, wrong_picks
from helpers.exercises.model import Category, Choice, Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register

ITEM_KEYS = ("id", "text", "ref", "match", "explanation")


@dataclass(frozen=True)
class MatchPairs:
    matches: tuple[Category, ...]  # the right-hand items
    choices: tuple[Choice, ...]  # the left-hand items; each one's ``category`` is the id of its match

    @property
    def entries(self) -> tuple[Category, ...]:  # the menu's entries (helpers.exercises.menus)
        return self.matches


def parse(record: dict, path: Path, where: str) -> MatchPairs:
    right = categories(record, "matches", path, where)
    items = choices(record, "items", path, where, ITEM_KEYS)
    require_explanations(items, "items", path, where)
    known = {m.id for m in right}
    paired = []
    for (field, entry), item in zip(entries(record, "items", path, where, ITEM_KEYS), items, strict=True):
        match = entry_id(entry, "match", path, where, field)
        if match not in known:
            raise DataFileError(
                path, f"{match!r} is not one of the matches {', '.join(sorted(known))}", row=where, field=f"{field}.match"
            )
        paired.append(replace(item, category=match))
    return MatchPairs(right, tuple(paired))


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    names = {m.id: m.label for m in exercise.spec.matches}
    items = exercise.spec.choices
    given = picks(exercise, answer, "match")
    if not given:
        return Feedback("empty", 0.0, "Choose a match for each item, then press Check.")
    right = [c for c in items if given.get(c.id) == c.category]
    if len(right) == len(items):
        lines = (f"{label(c, case)} → {names[c.category]}: {c.explanation}" for c in items)
        return Feedback("right", 1.0, f"All {len(items)} matched correctly.", (*lines, exercise.explanation))
    wrong = [c for c in items if c.id in given and given[c.id] != c.category]
    details = [f"✗ “{label(c, case)}” does not go with {names[given[c.id]]}: {c.explanation}" for c in wrong]
    unmatched = len([c for c in items if c.id not in given])
    if unmatched:
        details.append(f"{unmatched} item(s) still have no match.")
    status = "partial" if right else "wrong"
    return Feedback(status, len(right) / len(items), f"{len(right)} of {len(items)} matched correctly.", tuple(details))


def control(exercise: Exercise, case: Case) -> Control:
    return menu_control(exercise, case, "— choose a match —", ask=" goes with:")


register(
    ExerciseType(
        name="match_pairs",
        required=("items", "matches"),
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
