"""Reading an exercise record's fields: unknown fields refused, lists of text, and lists of entries.

Every error is a :class:`DataFileError` naming the file, the exercise and the field (``options[2].text``
for a key inside a list entry). A misspelt field is refused with the closest known one suggested,
so a typo never silently drops what it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.datafiles import DataFileError, optional, require
from helpers.exercises.model import Category, Choice

if TYPE_CHECKING:
    from helpers.article import Case
    from helpers.exercises.model import Exercise

_TEXT_NEEDED = "needs a 'text' (or a 'ref' to an article sentence)"
_PHRASE_TEXT_NEEDED = "needs a 'text': the words to tag, exactly as they occur in the passage (a 'ref' is not enough)"


def refuse_unknown(record: dict, known: Iterable[str], path: Path, where: str, prefix: str = "", what: str = "") -> None:
    """Refuse any key of ``record`` not in ``known``, suggesting the closest known one (``promt`` → ``prompt``)."""
    known = tuple(known)
    for key in record:
        if key in known:
            continue
        import difflib  # only when a field is unknown: not loaded with every lesson

        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        advice = f" (did you mean '{close[0]}'?)" if close else ""
        raise DataFileError(
            path,
            f"unknown field{advice}; the fields {what or 'here'} are {', '.join(known)}",
            row=where,
            field=f"{prefix}{key}",
        )


def strings(record: dict, key: str, path: Path, where: str, needed: bool = False) -> tuple[str, ...]:
    """A list of non-empty texts (optional unless ``needed``, which also refuses an empty list)."""
    values = require(record, key, list, path, where) if needed else optional(record, key, list, path, where, [])
    if needed and not values:
        raise DataFileError(path, "this list is empty", row=where, field=key)
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise DataFileError(path, f"every entry must be non-empty text, found {value!r}", row=where, field=key)
    return tuple(values)


def entries(record: dict, key: str, path: Path, where: str, keys: tuple[str, ...]) -> list[tuple[str, dict]]:
    """A list of objects, each with only ``keys``, as (field name such as ``items[2]``, entry) pairs."""
    found = []
    for number, entry in enumerate(require(record, key, list, path, where), start=1):
        field = f"{key}[{number}]"
        if not isinstance(entry, dict):
            raise DataFileError(path, f"expected an object, got {type(entry).__name__}", row=where, field=field)
        refuse_unknown(entry, keys, path, where, prefix=f"{field}.", what=f"of an entry of '{key}'")
        found.append((field, entry))
    return found


def choices(
    record: dict, key: str, path: Path, where: str, keys: tuple[str, ...], minimum: int = 2, ref_allowed: bool = True
) -> tuple[Choice, ...]:
    """The entries of a list of options, phrases or items; ``ref_allowed``: may a 'ref' stand in for the 'text'?"""
    listed = entries(record, key, path, where, keys)
    if len(listed) < minimum:
        raise DataFileError(path, f"needs at least {minimum} entries, found {len(listed)}", row=where, field=key)
    found = []
    for field, entry in listed:
        text = entry_value(entry, "text", str, path, where, field, "")
        ref = entry_value(entry, "ref", str, path, where, field, "")
        if not text and not (ref and ref_allowed):
            raise DataFileError(path, _TEXT_NEEDED if ref_allowed else _PHRASE_TEXT_NEEDED, row=where, field=field)
        found.append(
            Choice(
                id=entry_id(entry, "id", path, where, field),
                text=text,
                explanation=entry_value(entry, "explanation", str, path, where, field, ""),
                correct=entry_value(entry, "correct", bool, path, where, field, False),
                category=entry_value(entry, "category", str, path, where, field, ""),
                hint=entry_value(entry, "hint", str, path, where, field, ""),
                ref=ref,
            )
        )
    unique([c.id for c in found], key, path, where)
    return tuple(found)


def categories(record: dict, key: str, path: Path, where: str, minimum: int = 2) -> tuple[Category, ...]:
    """A list of ``{"id", "label", "description"?}``: categorise's labels, or match_pairs' right-hand items."""
    found = tuple(
        Category(
            id=entry_id(entry, "id", path, where, field),
            label=entry_id(entry, "label", path, where, field),
            description=entry_value(entry, "description", str, path, where, field, ""),
        )
        for field, entry in entries(record, key, path, where, ("id", "label", "description"))
    )
    if len(found) < minimum:
        raise DataFileError(path, f"needs at least {minimum} {key}", row=where, field=key)
    unique([c.id for c in found], key, path, where)
    return found


def unique(ids: list[str], key: str, path: Path, where: str) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise DataFileError(path, f"ids must be unique; repeated: {', '.join(repeated)}", row=where, field=key)


def entry_value(entry: dict, key: str, kind: type, path: Path, where: str, field: str, default: Any) -> Any:
    """An optional value inside a list entry; errors name it as e.g. ``options[2].explanation``."""
    return optional(entry, key, kind, path, where, default, name=f"{field}.{key}")


def entry_id(entry: dict, key: str, path: Path, where: str, field: str) -> str:
    """A required non-empty text inside a list entry (its id or label)."""
    if not isinstance(entry.get(key), str) or not entry[key].strip():
        raise DataFileError(path, f"each entry needs a non-empty '{key}'", row=where, field=field)
    return entry[key]


def require_explanations(found: tuple[Choice, ...], key: str, path: Path, where: str) -> None:
    for number, choice in enumerate(found, start=1):
        if not choice.explanation.strip():
            raise DataFileError(path, "every entry needs an 'explanation' that teaches", row=where, field=f"{key}[{number}]")


def verify_choice_refs(exercise: Exercise, case: Case, path: Path, where: str) -> None:
    """Every option or item given by ``ref`` must point at a sentence of the article."""
    for choice in exercise.spec.choices:
        if choice.ref and not case.has_ref(choice.ref):
            raise DataFileError(path, f"{choice.ref!r} is not a sentence of the article", row=where, field=f"{choice.id}.ref")
