"""Phrase tagging: select the phrases of a passage that do a job (e.g. loaded language); scored like multiple select.

JSON: ``passage`` (text) or the exercise's ``refs`` (the article's sentences); ``phrases``, a list of
``{"id", "text", "explanation"}``, some with ``"correct": true``, each text occurring in the passage.
Answer: a list of phrase ids. Control: the passage with numbered phrases, and a toggle button per phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import ToggleButtonStyle

from helpers.article import Case
from helpers.controls import Control, html_widget, shared
from helpers.datafiles import DataFileError, optional
from helpers.exercises.judging import marked_lines
from helpers.exercises.model import Choice, Exercise, Feedback
from helpers.exercises.registry import ExerciseType, register
from helpers.exercises.types.multiple_select import check_selection, describe, key_answer, sample_wrong, selection
from helpers.markup import esc

PHRASE_KEYS = ("id", "text", "ref", "correct", "explanation")


@dataclass(frozen=True)
class Phrases:
    choices: tuple[Choice, ...]
    passage: str = ""  # the text the phrases are picked from, if not the exercise's refs


def parse(record: dict, path: Path, where: str) -> Phrases:
    found = selection(record, path, where, "phrases", PHRASE_KEYS, ref_allowed=False)
    passage = optional(record, "passage", str, path, where, "")
    if not passage and not record.get("refs"):
        raise DataFileError(path, "needs a 'passage' or 'refs' to take the phrases from", row=where, field="passage")
    return Phrases(found, passage)


def phrase_passage(exercise: Exercise, case: Case) -> str:
    return exercise.spec.passage or " ".join(case.passage(ref) for ref in exercise.refs)


def verify(exercise: Exercise, case: Case, path: Path, where: str) -> None:
    passage = phrase_passage(exercise, case)
    for choice in exercise.spec.choices:
        if choice.ref and not case.has_ref(choice.ref):
            raise DataFileError(path, f"{choice.ref!r} is not a sentence of the article", row=where, field=f"{choice.id}.ref")
        if choice.text not in passage:
            raise DataFileError(path, f"the phrase {choice.text!r} does not occur in the passage", row=where, field="phrases")


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    return check_selection(exercise, answer, case, noun="phrases")


def control(exercise: Exercise, case: Case) -> Control:
    passage = esc(phrase_passage(exercise, case))
    for number, choice in enumerate(exercise.spec.choices, start=1):
        phrase = esc(choice.text)
        passage = passage.replace(phrase, f"<u>{phrase}</u><sup>{number}</sup>", 1)
    toggles = {}
    for number, choice in enumerate(exercise.spec.choices, start=1):
        toggle = widgets.ToggleButton(
            value=False,
            description=f"{number}. {choice.text}",
            tooltip=f"Tag phrase {number}: {choice.text}",
            layout=shared(widgets.Layout, margin="2px 4px"),
            style=shared(ToggleButtonStyle),
        )
        toggle.observe(_mark_toggle, names="value")
        toggles[choice.id] = toggle

    def write(answer: Any) -> None:
        for choice_id, toggle in toggles.items():
            toggle.value = choice_id in (answer or [])

    box = widgets.VBox(
        [
            html_widget(  # the passage and the instruction in one widget: one model less to send
                f'<blockquote style="border-left:3px solid #888;padding-left:1em;margin-left:0">{passage}</blockquote>'
                "<em>Select every phrase that does the job described above (selected phrases show ✓).</em>"
            ),
            widgets.Box(list(toggles.values()), layout=shared(widgets.Layout, flex_flow="row wrap")),
        ],
        layout=shared(widgets.Layout),
    )
    return Control(box, lambda: [i for i, t in toggles.items() if t.value], write, parts={"toggles": toggles})


def _mark_toggle(change: dict) -> None:
    toggle = change["owner"]
    text = toggle.description.removeprefix("✓ ")
    toggle.description = f"✓ {text}" if change["new"] else text


register(
    ExerciseType(
        name="phrase_tagging",
        required=("phrases",),
        optional=("passage",),
        parse=parse,
        check=check,
        key_answer=key_answer,
        sample_wrong=sample_wrong,
        answer_lines=lambda exercise, case: marked_lines(exercise.spec.choices, case),
        describe=describe,
        control=control,
        verify=verify,
        quote_refs=False,  # the refs are the passage, shown with the phrases marked
    )
)
