"""Multiple select: several right options; each wrong pick cancels a right one, and is explained.

JSON: ``options`` as for single choice, one or more with ``"correct": true``. Answer: a list of option
ids. Control: checkboxes. Phrase tagging (:mod:`.phrase_tagging`) is judged the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle

from helpers.article import Case
from helpers.controls import Control, shared
from helpers.datafiles import DataFileError
from helpers.exercises.fields import choices, require_explanations, verify_choice_refs
from helpers.exercises.judging import choice_text, find, ids, label, marked_lines
from helpers.exercises.model import Choice, Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register
from helpers.exercises.types.single_choice import OPTION_KEYS


@dataclass(frozen=True)
class Options:
    choices: tuple[Choice, ...]


def selection(
    record: dict, path: Path, where: str, key: str, keys: tuple[str, ...], ref_allowed: bool = True
) -> tuple[Choice, ...]:
    """Entries with explanations, at least one of them correct."""
    found = choices(record, key, path, where, keys, ref_allowed=ref_allowed)
    require_explanations(found, key, path, where)
    if not any(c.correct for c in found):
        raise DataFileError(path, 'at least one entry must have "correct": true', row=where, field=key)
    return found


def check_selection(exercise: Exercise, answer: Any, case: Case | None, noun: str = "options") -> Feedback:
    """Score: (right picks − wrong picks) / right entries, at least 0; each wrong pick explained."""
    if answer is None:
        answer = []
    picked = ids(exercise, answer)
    if not picked:
        return Feedback("empty", 0.0, f"Select one or more {noun}, then press Check.")
    entries = exercise.spec.choices
    wanted = [c for c in entries if c.correct]
    hits = [c for c in wanted if c.id in picked]
    misses = [find(entries, i) for i in picked if not find(entries, i).correct]
    score = max(0, len(hits) - len(misses)) / len(wanted)
    if not misses and len(hits) == len(wanted):
        return Feedback(
            "right",
            1.0,
            f"You found all {len(wanted)}.",
            (*(f"✓ {label(c, case)}: {c.explanation}" for c in wanted), exercise.explanation),
        )
    details = [f"✗ {label(c, case)}: {c.explanation}" for c in misses]
    left = len(wanted) - len(hits)
    if left:
        details.append(f"You have {len(hits)} of the {len(wanted)} right {noun}; {left} more to find.")
    status = "partial" if score > 0 else "wrong"  # as many wrong picks as right ones is not partly right
    headline = f"{len(hits)} of {len(wanted)} found" + (f", {len(misses)} that do not fit" if misses else "") + "."
    return Feedback(status, score, headline, tuple(details))


def key_answer(exercise: Exercise) -> list[str]:
    return [c.id for c in exercise.spec.choices if c.correct]


def sample_wrong(exercise: Exercise) -> list[str]:
    return [c.id for c in exercise.spec.choices if not c.correct] or [exercise.spec.choices[0].id]


def describe(exercise: Exercise, answer: Any, case: Case) -> str:
    return "; ".join(choice_text(find(exercise.spec.choices, i), case) for i in answer) or "(nothing selected)"


def control(exercise: Exercise, case: Case) -> Control:
    boxes = {
        c.id: widgets.Checkbox(
            value=False,
            description=choice_text(c, case),
            indent=False,
            layout=shared(widgets.Layout, width="auto"),
            style=shared(CheckboxStyle),
        )
        for c in exercise.spec.choices
    }

    def write(answer: Any) -> None:
        for choice_id, box in boxes.items():
            box.value = choice_id in (answer or [])

    return Control(
        widgets.VBox(list(boxes.values()), layout=shared(widgets.Layout)),
        lambda: [i for i, b in boxes.items() if b.value],
        write,
        parts={"boxes": boxes},
    )


register(
    ExerciseType(
        name="multiple_select",
        required=("options",),
        optional=(),
        parse=lambda record, path, where: Options(selection(record, path, where, "options", OPTION_KEYS)),
        check=check_selection,
        key_answer=key_answer,
        sample_wrong=sample_wrong,
        answer_lines=lambda exercise, case: marked_lines(exercise.spec.choices, case),
        describe=describe,
        control=control,
        verify=verify_choice_refs,
    )
)
