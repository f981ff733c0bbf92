"""Exercises as data: loading and validating their definitions, and judging answers with feedback that teaches.

Exercises live in a case folder, one JSON file per lesson in ``exercises/`` (schema in
``seeds/README.md``). This module knows nothing about widgets: it turns a definition into an
:class:`Exercise`, and an answer into :class:`Feedback` with :func:`check`. The widgets in
:mod:`helpers.widgets` only collect answers and show feedback.

Answers, by type (the same shapes are saved in the learner's progress file):

=================  ==========================================================
single_choice      an option id, e.g. ``"b"``
multiple_select    a list of option ids
phrase_tagging     a list of phrase ids
ordering           a list of all item ids, in the learner's order
categorise         a dict from item id to category id
short_answer       a string
free_response      a dict ``{"text": str, "ticked": [rubric indexes]}``
=================  ==========================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers.answers import AnswerFormatError, normalise_name, normalise_text, parse_date, parse_number
from helpers.article import Case
from helpers.datafiles import DataFileError, optional, read_json, require

TYPES = (
    "single_choice",
    "multiple_select",
    "ordering",
    "categorise",
    "phrase_tagging",
    "short_answer",
    "free_response",
)
ANSWER_KINDS = ("text", "name", "date", "number")
SHOW_ANSWER_AFTER = 3  # attempts after which the answer is shown without asking
STATUS_LABELS = {
    "right": "✓ Right",
    "partial": "◐ Partly right",
    "wrong": "✗ Not yet",
    "empty": "… Nothing to check yet",
    "invalid": "ⓘ Can't read that answer",
    "fault": "ⓘ Could not check this answer",  # a fault in the course (a bug or a broken file), not in the answer
    "saved": "✎ Saved",
}
GRADED = ("right", "partial", "wrong")
_TEXT_NEEDED = "needs a 'text' (or a 'ref' to an article sentence)"
_PHRASE_TEXT_NEEDED = "needs a 'text': the words to tag, exactly as they occur in the passage (a 'ref' is not enough)"


@dataclass(frozen=True)
class Choice:
    """An option, a phrase, or an item to order or label."""

    id: str
    text: str
    explanation: str = ""
    correct: bool = False  # options and phrases: is it one of the answers?
    category: str = ""  # categorise items: the right category id
    hint: str = ""  # categorise items: a nudge shown when the label is wrong
    ref: str = ""  # the article sentence it comes from, if any


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Exercise:
    """One exercise, validated. Fields that a type does not use stay empty."""

    id: str
    type: str
    lesson: str
    skill: str
    prompt: str
    explanation: str
    refs: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # ids in sources.csv for facts the explanations state
    choices: tuple[Choice, ...] = ()
    categories: tuple[Category, ...] = ()
    order: tuple[str, ...] = ()  # ordering: the right order of item ids
    passage: str = ""  # phrase_tagging: the text the phrases are picked from
    kind: str = "text"  # short_answer: text, name, date or number
    accepted: tuple[str, ...] = ()  # short_answer: the answer first, then accepted alternatives
    wrong_answers: tuple[tuple[str, str], ...] = ()  # short_answer: (common wrong answer, why)
    model_answer: str = ""  # free_response
    rubric: tuple[str, ...] = ()  # free_response: points a good answer makes

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: status, score from 0 to 1, a headline and explanation lines (plain text)."""

    status: str
    score: float
    headline: str
    details: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def counts_as_attempt(self) -> bool:
        return self.status in GRADED

    def as_text(self) -> str:
        return "\n".join([f"{self.label}. {self.headline}", *self.details])


# ---------------------------------------------------------------------------------------------------
# Loading and validation


@lru_cache(maxsize=16)
def _load_cached(folder: Path, stamp: tuple) -> dict[str, Exercise]:
    return _load(folder)


def load_exercises(case: Case) -> dict[str, Exercise]:
    """Return every exercise of a case by id, validated against the schema and the article."""
    folder = case.folder / "exercises"
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    exercises = _load_cached(folder, stamp)
    for exercise in exercises.values():
        _check_against_article(exercise, case, folder)
    return exercises


def get_exercise(case: Case, exercise_id: str) -> Exercise:
    exercises = load_exercises(case)
    if exercise_id not in exercises:
        known = ", ".join(sorted(exercises)) or "none"
        raise KeyError(f"No exercise {exercise_id!r} in case {case.id!r}. Known exercises: {known}")
    return exercises[exercise_id]


def _load(folder: Path) -> dict[str, Exercise]:
    exercises: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        data = read_json(path)
        lesson = require(data, "lesson", str, path, "top level")
        if lesson != path.stem:
            raise DataFileError(
                path, f"lesson {lesson!r} must match the file name {path.stem!r}", row="top level", field="lesson"
            )
        records = require(data, "exercises", list, path, "top level")
        for number, record in enumerate(records, start=1):
            label = f"exercise {number}"
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                label = f"exercise '{record['id']}'"
            exercise = parse_exercise(record, lesson, path, label)
            if exercise.id in exercises:
                raise DataFileError(path, "this id is already used by another exercise", row=label, field="id")
            exercises[exercise.id] = exercise
    return exercises


def parse_exercise(record: Any, lesson: str, path: Path, where: str) -> Exercise:
    """Build an Exercise from one JSON record, raising DataFileError (file, exercise, field) on any problem."""
    kind = require(record, "type", str, path, where)
    if kind not in TYPES:
        raise DataFileError(path, f"unknown type {kind!r}; use one of {', '.join(TYPES)}", row=where, field="type")
    common = dict(
        id=require(record, "id", str, path, where),
        type=kind,
        lesson=lesson,
        skill=require(record, "skill", str, path, where),
        prompt=require(record, "prompt", str, path, where),
        explanation=require(record, "explanation", str, path, where),
        refs=_strings(record, "refs", path, where),
        hints=_strings(record, "hints", path, where),
        sources=_strings(record, "sources", path, where),
    )
    return Exercise(**common, **_PARSERS[kind](record, path, where))


def _strings(record: dict, key: str, path: Path, where: str, needed: bool = False) -> tuple[str, ...]:
    values = require(record, key, list, path, where) if needed else optional(record, key, list, path, where, [])
    if needed and not values:
        raise DataFileError(path, "this list is empty", row=where, field=key)
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise DataFileError(path, f"every entry must be non-empty text, found {value!r}", row=where, field=key)
    return tuple(values)


def _choices(record: dict, key: str, path: Path, where: str, minimum: int = 2, ref_allowed: bool = True) -> tuple[Choice, ...]:
    """The entries of a list of options, phrases or items; ``ref_allowed``: may a 'ref' stand in for the 'text'?"""
    entries = require(record, key, list, path, where)
    if len(entries) < minimum:
        raise DataFileError(path, f"needs at least {minimum} entries, found {len(entries)}", row=where, field=key)
    choices = []
    for number, entry in enumerate(entries, start=1):
        field = f"{key}[{number}]"
        if not isinstance(entry, dict):
            raise DataFileError(path, f"expected an object, got {type(entry).__name__}", row=where, field=field)
        text = _entry(entry, "text", str, path, where, field, "")
        ref = _entry(entry, "ref", str, path, where, field, "")
        if not text and not (ref and ref_allowed):
            raise DataFileError(path, _TEXT_NEEDED if ref_allowed else _PHRASE_TEXT_NEEDED, row=where, field=field)
        choices.append(
            Choice(
                id=_field(entry, "id", path, where, field),
                text=text,
                explanation=_entry(entry, "explanation", str, path, where, field, ""),
                correct=_entry(entry, "correct", bool, path, where, field, False),
                category=_entry(entry, "category", str, path, where, field, ""),
                hint=_entry(entry, "hint", str, path, where, field, ""),
                ref=ref,
            )
        )
    ids = [c.id for c in choices]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataFileError(path, f"ids must be unique; repeated: {', '.join(duplicates)}", row=where, field=key)
    return tuple(choices)


def _entry(entry: dict, key: str, kind: type, path: Path, where: str, field: str, default: Any) -> Any:
    """An optional value inside a list entry; errors name it as e.g. ``options[2].explanation``."""
    return optional(entry, key, kind, path, where, default, name=f"{field}.{key}")


def _field(entry: dict, key: str, path: Path, where: str, field: str) -> str:
    if not isinstance(entry.get(key), str) or not entry[key].strip():
        raise DataFileError(path, f"each entry needs a non-empty '{key}'", row=where, field=field)
    return entry[key]


def _require_explanations(choices: tuple[Choice, ...], key: str, path: Path, where: str) -> None:
    for number, choice in enumerate(choices, start=1):
        if not choice.explanation.strip():
            raise DataFileError(path, "every entry needs an 'explanation' that teaches", row=where, field=f"{key}[{number}]")


def _parse_single(record: dict, path: Path, where: str) -> dict:
    choices = _choices(record, "options", path, where)
    _require_explanations(choices, "options", path, where)
    if sum(c.correct for c in choices) != 1:
        raise DataFileError(path, 'exactly one option must have "correct": true', row=where, field="options")
    return {"choices": choices}


def _parse_multiple(record: dict, path: Path, where: str, key: str = "options", ref_allowed: bool = True) -> dict:
    choices = _choices(record, key, path, where, ref_allowed=ref_allowed)
    _require_explanations(choices, key, path, where)
    if not any(c.correct for c in choices):
        raise DataFileError(path, 'at least one entry must have "correct": true', row=where, field=key)
    return {"choices": choices}


def _parse_phrases(record: dict, path: Path, where: str) -> dict:
    parsed = _parse_multiple(record, path, where, key="phrases", ref_allowed=False)
    parsed["passage"] = optional(record, "passage", str, path, where, "")
    if not parsed["passage"] and not record.get("refs"):
        raise DataFileError(path, "needs a 'passage' or 'refs' to take the phrases from", row=where, field="passage")
    return parsed


def _parse_ordering(record: dict, path: Path, where: str) -> dict:
    choices = _choices(record, "items", path, where)
    order = _strings(record, "answer", path, where, needed=True)
    if sorted(order) != sorted(c.id for c in choices):
        raise DataFileError(path, "must list every item id exactly once", row=where, field="answer")
    if tuple(c.id for c in choices) == order:
        raise DataFileError(
            path, "the items are already in the answer's order; list them in a starting order", row=where, field="items"
        )
    return {"choices": choices, "order": order}


def _parse_categorise(record: dict, path: Path, where: str) -> dict:
    raw = require(record, "categories", list, path, where)
    categories = []
    for number, entry in enumerate(raw, start=1):
        field = f"categories[{number}]"
        if not isinstance(entry, dict):
            raise DataFileError(path, "expected an object", row=where, field=field)
        categories.append(
            Category(
                id=_field(entry, "id", path, where, field),
                label=_field(entry, "label", path, where, field),
                description=_entry(entry, "description", str, path, where, field, ""),
            )
        )
    if len(categories) < 2:
        raise DataFileError(path, "needs at least 2 categories", row=where, field="categories")
    choices = _choices(record, "items", path, where, minimum=1)
    _require_explanations(choices, "items", path, where)
    known = {c.id for c in categories}
    for number, choice in enumerate(choices, start=1):
        if choice.category not in known:
            raise DataFileError(
                path,
                f"category {choice.category!r} is not one of {', '.join(sorted(known))}",
                row=where,
                field=f"items[{number}].category",
            )
    return {"choices": choices, "categories": tuple(categories)}


def _parse_short(record: dict, path: Path, where: str) -> dict:
    kind = optional(record, "kind", str, path, where, "text")
    if kind not in ANSWER_KINDS:
        raise DataFileError(path, f"unknown kind {kind!r}; use one of {', '.join(ANSWER_KINDS)}", row=where, field="kind")
    accepted = (require(record, "answer", str, path, where), *_strings(record, "accept", path, where))
    for value in accepted:
        try:
            _normalise(kind, value)
        except AnswerFormatError as exc:
            raise DataFileError(path, f"the answer {value!r} is not a valid {kind}: {exc}", row=where, field="answer") from None
    wrong = optional(record, "wrong_answers", dict, path, where, {})
    for answer, why in wrong.items():
        if not isinstance(why, str) or not why.strip():
            raise DataFileError(path, f"the explanation for {answer!r} must be non-empty text", row=where, field="wrong_answers")
    return {"kind": kind, "accepted": accepted, "wrong_answers": tuple(wrong.items())}


def _parse_free(record: dict, path: Path, where: str) -> dict:
    return {
        "model_answer": require(record, "model_answer", str, path, where),
        "rubric": _strings(record, "rubric", path, where, needed=True),
    }


_PARSERS = {
    "single_choice": _parse_single,
    "multiple_select": _parse_multiple,
    "ordering": _parse_ordering,
    "categorise": _parse_categorise,
    "phrase_tagging": _parse_phrases,
    "short_answer": _parse_short,
    "free_response": _parse_free,
}


def _check_against_article(exercise: Exercise, case: Case, folder: Path) -> None:
    where = f"exercise '{exercise.id}'"
    path = folder / f"{exercise.lesson}.json"
    for ref in exercise.refs:
        if not case.has_ref(ref):
            raise DataFileError(path, f"{ref!r} is not a paragraph or sentence of the article", row=where, field="refs")
    for choice in exercise.choices:
        if choice.ref and not case.has_ref(choice.ref):
            raise DataFileError(path, f"{choice.ref!r} is not a sentence of the article", row=where, field=f"{choice.id}.ref")
    if exercise.type == "phrase_tagging":
        passage = phrase_passage(exercise, case)
        for choice in exercise.choices:
            if choice.text not in passage:
                raise DataFileError(path, f"the phrase {choice.text!r} does not occur in the passage", row=where, field="phrases")


# ---------------------------------------------------------------------------------------------------
# Text the widgets need


def choice_text(choice: Choice, case: Case) -> str:
    """The text shown for an option or item: its own text, or the article sentence it points at."""
    return choice.text or case.passage(choice.ref)


def phrase_passage(exercise: Exercise, case: Case) -> str:
    return exercise.passage or " ".join(case.passage(ref) for ref in exercise.refs)


def shown_answer(exercise: Exercise) -> str:
    """A short answer as the learner reads it: dates in words ("1 November 2022", not "2022-11-01")."""
    return str(parse_date(exercise.accepted[0])) if exercise.kind == "date" else exercise.accepted[0]


def key_answer(exercise: Exercise) -> Any:
    """The right answer, in the shape check() takes."""
    if exercise.type == "single_choice":
        return next(c.id for c in exercise.choices if c.correct)
    if exercise.type in ("multiple_select", "phrase_tagging"):
        return [c.id for c in exercise.choices if c.correct]
    if exercise.type == "ordering":
        return list(exercise.order)
    if exercise.type == "categorise":
        return {c.id: c.category for c in exercise.choices}
    if exercise.type == "short_answer":
        return exercise.accepted[0]
    return {"text": exercise.model_answer, "ticked": list(range(len(exercise.rubric)))}


def answer_lines(exercise: Exercise, case: Case) -> tuple[str, ...]:
    """The answer with every explanation, as plain-text lines, for 'Show answer' and the export."""
    if exercise.type in ("single_choice", "multiple_select", "phrase_tagging"):
        lines = [f"{'✓' if c.correct else '✗'} {choice_text(c, case)}: {c.explanation}" for c in exercise.choices]
    elif exercise.type == "ordering":
        items = {c.id: c for c in exercise.choices}
        lines = [_numbered(n, items[i], choice_text(items[i], case)) for n, i in enumerate(exercise.order, 1)]
    elif exercise.type == "categorise":
        labels = {c.id: c.label for c in exercise.categories}
        lines = [f"{_short(choice_text(c, case))} → {labels[c.category]}: {c.explanation}" for c in exercise.choices]
    elif exercise.type == "short_answer":
        lines = [f"Answer: {shown_answer(exercise)}"]
    else:
        lines = [f"Model answer: {exercise.model_answer}", *(f"• {point}" for point in exercise.rubric)]
    return (*lines, exercise.explanation)


# ---------------------------------------------------------------------------------------------------
# Judging answers


def check(exercise: Exercise, answer: Any, case: Case | None = None) -> Feedback:
    """Judge an answer and explain the verdict. Raises TypeError if the answer has the wrong shape."""
    return _CHECKERS[exercise.type](exercise, answer, case)


def _expect(exercise: Exercise, answer: Any, kind: type | tuple[type, ...], shape: str) -> None:
    if not isinstance(answer, kind) or isinstance(answer, bool):
        raise TypeError(f"Exercise {exercise.id!r} ({exercise.type}) takes {shape}, not {type(answer).__name__}")


def _label(choice: Choice, case: Case | None) -> str:
    return _short(choice.text or (case.passage(choice.ref) if case else choice.ref))


def _numbered(number: int, choice: Choice, text: str) -> str:
    return f"{number}. {text}" + (f": {choice.explanation}" if choice.explanation else "")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _check_single(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    if answer is None or answer == "":
        return Feedback("empty", 0.0, "Choose one of the options, then press Check.")
    _expect(exercise, answer, str, "an option id (text)")
    try:
        chosen = exercise.choice(answer)
    except KeyError:
        raise ValueError(f"{answer!r} is not an option of exercise {exercise.id!r}") from None
    if chosen.correct:
        return Feedback("right", 1.0, "That is the best answer.", (chosen.explanation, exercise.explanation))
    return Feedback("wrong", 0.0, "Here is why that option does not fit. Try another.", (chosen.explanation,))


def _ids(exercise: Exercise, answer: Any) -> list[str]:
    _expect(exercise, answer, (list, tuple, set), "a list of ids")
    known = {c.id for c in exercise.choices}
    for value in answer:
        if value not in known:
            raise ValueError(f"{value!r} is not an id of exercise {exercise.id!r}")
    return list(dict.fromkeys(answer))


def _check_selection(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    if answer is None:
        answer = []
    picked = _ids(exercise, answer)
    noun = "phrases" if exercise.type == "phrase_tagging" else "options"
    if not picked:
        return Feedback("empty", 0.0, f"Select one or more {noun}, then press Check.")
    wanted = [c for c in exercise.choices if c.correct]
    hits = [c for c in wanted if c.id in picked]
    misses = [exercise.choice(i) for i in picked if not exercise.choice(i).correct]
    score = max(0, len(hits) - len(misses)) / len(wanted)
    if not misses and len(hits) == len(wanted):
        return Feedback(
            "right",
            1.0,
            f"You found all {len(wanted)}.",
            (*(f"✓ {_label(c, case)}: {c.explanation}" for c in wanted), exercise.explanation),
        )
    details = [f"✗ {_label(c, case)}: {c.explanation}" for c in misses]
    left = len(wanted) - len(hits)
    if left:
        details.append(f"You have {len(hits)} of the {len(wanted)} right {noun}; {left} more to find.")
    status = "partial" if score > 0 else "wrong"  # as many wrong picks as right ones is not partly right
    headline = f"{len(hits)} of {len(wanted)} found" + (f", {len(misses)} that do not fit" if misses else "") + "."
    return Feedback(status, score, headline, tuple(details))


def _check_ordering(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    order = _ids(exercise, answer)
    if sorted(order) != sorted(exercise.order):
        raise ValueError(f"Exercise {exercise.id!r} needs every item exactly once, got {answer!r}")
    placed = sum(a == b for a, b in zip(order, exercise.order, strict=True))
    if placed == len(order):
        details = [_numbered(n, exercise.choice(i), _label(exercise.choice(i), case)) for n, i in enumerate(order, 1)]
        return Feedback("right", 1.0, "Everything is in order.", (*details, exercise.explanation))
    first = next(n for n, (a, b) in enumerate(zip(order, exercise.order, strict=True)) if a != b)
    item = exercise.choice(order[first])
    details = (f"The first item out of place is number {first + 1}: “{_label(item, case)}”.",)
    status = "partial" if placed else "wrong"
    return Feedback(status, placed / len(order), f"{placed} of {len(order)} in the right place.", details)


def _check_categorise(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    if answer is None:
        answer = {}
    _expect(exercise, answer, dict, "a dict from item id to category id")
    categories = {c.id: c.label for c in exercise.categories}
    for item_id, category in answer.items():
        if item_id not in {c.id for c in exercise.choices}:
            raise ValueError(f"{item_id!r} is not an item of exercise {exercise.id!r}")
        if category is not None and category not in categories:
            raise ValueError(f"{category!r} is not a category of exercise {exercise.id!r}")
    labelled = {k: v for k, v in answer.items() if v}
    if not labelled:
        return Feedback("empty", 0.0, "Choose a label for each item, then press Check.")
    items = exercise.choices
    right = [c for c in items if labelled.get(c.id) == c.category]
    if len(right) == len(items):
        return Feedback(
            "right",
            1.0,
            f"All {len(items)} labelled correctly.",
            (*(f"{_label(c, case)} → {categories[c.category]}: {c.explanation}" for c in items), exercise.explanation),
        )
    wrong = [c for c in items if c.id in labelled and labelled[c.id] != c.category]
    unlabelled = [c for c in items if c.id not in labelled]
    details = [f"Look again at “{_label(c, case)}” (not {categories[labelled[c.id]]}). {c.hint}".rstrip() for c in wrong]
    if unlabelled:
        details.append(f"{len(unlabelled)} item(s) still have no label.")
    status = "partial" if right else "wrong"
    return Feedback(status, len(right) / len(items), f"{len(right)} of {len(items)} labelled correctly.", tuple(details))


def _normalise(kind: str, text: str) -> Any:
    if kind == "date":
        return parse_date(text)
    if kind == "number":
        return parse_number(text)
    if kind == "name":
        return normalise_name(text)
    return normalise_text(text)


def _check_short(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    if answer is None:
        answer = ""
    _expect(exercise, answer, str, "text")
    if not answer.strip():
        return Feedback("empty", 0.0, "Type your answer, then press Check or Enter.")
    try:
        given = _normalise(exercise.kind, answer)
    except AnswerFormatError as exc:
        return Feedback("invalid", 0.0, str(exc))
    accepted = [_normalise(exercise.kind, a) for a in exercise.accepted]
    if given in accepted:
        return Feedback("right", 1.0, f"{shown_answer(exercise)} is right.", (exercise.explanation,))
    if exercise.kind == "date" and given.year is None and any(_same_answer("date", a, given) for a in accepted):
        return Feedback(
            "partial",
            0.5,
            "Right day and month, but no year.",
            ("A verified timeline needs the year: the article leaves it out, so find it from the context.",),
        )
    for wrong, why in exercise.wrong_answers:
        try:
            if _same_answer(exercise.kind, _normalise(exercise.kind, wrong), given):
                return Feedback("wrong", 0.0, f"“{_short(answer.strip())}” is not it.", (why,))
        except AnswerFormatError:
            continue
    return Feedback(
        "wrong",
        0.0,
        f"“{_short(answer.strip())}” is not the answer we are looking for.",
        ("Read the prompt again, or take a hint.",) if exercise.hints else (),
    )


def _same_answer(kind: str, expected: Any, given: Any) -> bool:
    """Whether a normalised answer matches; a date given without a year matches on day and month."""
    if kind == "date" and given.year is None:
        return (expected.month, expected.day) == (given.month, given.day)
    return expected == given


def _check_free(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    if answer is None:
        answer = {"text": "", "ticked": []}
    _expect(exercise, answer, dict, 'a dict {"text": ..., "ticked": [...]}')
    text, ticked = answer.get("text", ""), answer.get("ticked", [])
    if (
        not isinstance(text, str)
        or not isinstance(ticked, list)
        or not all(isinstance(i, int) and 0 <= i < len(exercise.rubric) for i in ticked)
    ):
        raise TypeError(f"Exercise {exercise.id!r} takes text and a list of rubric indexes 0-{len(exercise.rubric) - 1}")
    if not text.strip():
        return Feedback("empty", 0.0, "Write your answer first, then press Save.")
    points = len(set(ticked))
    return Feedback(
        "saved",
        points / len(exercise.rubric),
        f"Your answer is saved. You ticked {points} of {len(exercise.rubric)} points of the model answer.",
        ("This is a self-assessment: compare, do not copy. Revise your answer if you see something to add.",),
    )


_CHECKERS = {
    "single_choice": _check_single,
    "multiple_select": _check_selection,
    "phrase_tagging": _check_selection,
    "ordering": _check_ordering,
    "categorise": _check_categorise,
    "short_answer": _check_short,
    "free_response": _check_free,
}


def describe_answer(exercise: Exercise, answer: Any, case: Case) -> str:
    """A learner's saved answer in words, for the exported record of their work."""
    if answer is None:
        return "(no answer)"
    try:
        if exercise.type == "single_choice":
            return choice_text(exercise.choice(answer), case)
        if exercise.type in ("multiple_select", "phrase_tagging"):
            return "; ".join(choice_text(exercise.choice(i), case) for i in answer) or "(nothing selected)"
        if exercise.type == "ordering":
            return " → ".join(_short(choice_text(exercise.choice(i), case), 60) for i in answer)
        if exercise.type == "categorise":
            labels = {c.id: c.label for c in exercise.categories}
            return "; ".join(
                f"{_short(choice_text(exercise.choice(i), case), 50)} → {labels.get(v, v)}" for i, v in answer.items()
            )
        if exercise.type == "free_response":
            ticked = ", ".join(exercise.rubric[i] for i in answer.get("ticked", []) if 0 <= i < len(exercise.rubric))
            return f"{answer.get('text', '')}\n[Rubric points ticked: {ticked or 'none'}]"
    except (KeyError, AttributeError, TypeError, IndexError):
        return f"(saved answer no longer fits this exercise: {answer!r})"
    return str(answer)
