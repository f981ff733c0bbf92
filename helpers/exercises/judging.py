"""Pieces every checker shares: reading an answer's shape, and naming options and items in feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers.exercises.model import Choice, Exercise

if TYPE_CHECKING:
    from helpers.article import Case


def expect(exercise: Exercise, answer: Any, kind: type | tuple[type, ...], shape: str) -> None:
    """Raise TypeError unless the answer is of ``kind`` (a bool is never a number or an id)."""
    if not isinstance(answer, kind) or isinstance(answer, bool):
        raise TypeError(f"Exercise {exercise.id!r} ({exercise.type}) takes {shape}, not {type(answer).__name__}")


def ids(exercise: Exercise, answer: Any) -> list[str]:
    """A list of the exercise's choice ids, without repeats; ValueError for an id it does not have."""
    expect(exercise, answer, (list, tuple, set), "a list of ids")
    known = {c.id for c in exercise.spec.choices}
    for value in answer:
        if value not in known:
            raise ValueError(f"{value!r} is not an id of exercise {exercise.id!r}")
    return list(dict.fromkeys(answer))


def find(choices: tuple[Choice, ...], choice_id: Any) -> Choice:
    for choice in choices:
        if choice.id == choice_id:
            return choice
    raise KeyError(choice_id)


def choice_text(choice: Choice, case: Case) -> str:
    """The text shown for an option or item: its own text, or the article sentence it points at."""
    return choice.text or case.passage(choice.ref)


def label(choice: Choice, case: Case | None) -> str:
    """A choice named in feedback: its text, shortened (without a case, a ref stands for its sentence)."""
    return short(choice.text or (case.passage(choice.ref) if case else choice.ref))


def numbered(number: int, choice: Choice, text: str) -> str:
    return f"{number}. {text}" + (f": {choice.explanation}" if choice.explanation else "")


def short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def marked_lines(choices: tuple[Choice, ...], case: Case) -> list[str]:
    """Every option with ✓ (one of the answers) or ✗ and its explanation."""
    return [f"{'✓' if c.correct else '✗'} {choice_text(c, case)}: {c.explanation}" for c in choices]
