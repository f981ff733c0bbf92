"""What an exercise and a verdict are: the common fields of every exercise, its type's own spec, and Feedback.

An :class:`Exercise` holds the fields every type shares (prompt, explanation, hints…) and ``spec``,
a dataclass of its type's own fields (options, items, rubric…), defined in the type's module in
:mod:`helpers.exercises.types`. Options, items and phrases share one entry shape, :class:`Choice`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
ASSESSMENT_PHASES = ("pre", "post")  # the values of an exercise's optional "assessment" field


@dataclass(frozen=True)
class Choice:
    """An option, a phrase, or an item to order, label or match."""

    id: str
    text: str
    explanation: str = ""
    correct: bool = False  # options and phrases: is it one of the answers?
    category: str = ""  # categorise items: the right category id; match_pairs: the right match
    hint: str = ""  # categorise items: a nudge shown when the label is wrong
    ref: str = ""  # the article sentence it comes from, if any


@dataclass(frozen=True)
class Category:
    """A label to give items (categorise) or an item to match them with (match_pairs)."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Exercise:
    """One exercise, validated: the fields every type has, and ``spec``, the type's own fields."""

    id: str
    type: str
    lesson: str
    skill: str
    prompt: str
    explanation: str
    refs: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # ids in sources.csv for facts the explanations state
    assessment: str = ""  # "pre" or "post": an assessment item, answered once (see helpers.assessment); "" otherwise
    spec: Any = None  # the type's own dataclass, e.g. ordering.Ordering


@dataclass(frozen=True)
class KeyTable:
    """A table in an instructor's answer key (e.g. a levelled rubric, common wrong answers): plain-text cells."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


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
