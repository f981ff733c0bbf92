"""Declared schemas for a case's data files: CSV tables column by column, JSON records field by field.

A table is declared once: its file, its columns (required or optional), what to write in each, and
the checks each filled cell must pass. :func:`check_table` reports every problem at once, each a
:class:`~helpers.datafiles.Problem` with the file, the spreadsheet row, the field and what to write
instead; a lesson's loader calls :func:`load_table`, which raises one error listing them all. A new
lesson table is a few lines, for example::

    EVENTS = Table(
        "events.csv",
        (
            Column("date", "the date it happened, YYYY-MM-DD", checks=(full_date,)),
            Column("event", "what happened, in neutral words"),
            Column("sentence", "the sentence that mentions it, e.g. P3.S1", required=False, checks=(sentence_id,)),
            Column("sources", "source ids from sources.csv, separated by ;", checks=(source_ids,)),
        ),
    )

JSON records (``case.json``) are declared the same way with :class:`Field` and :func:`check_record`.
Checks are plain functions that return ``None`` when the value is fine, or a message saying what is
wrong and what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.datafiles import Problem, did_you_mean, parse_csv, raise_problems, split_list

if TYPE_CHECKING:
    from helpers.article import Case

CONFIDENCE_LEVELS = ("confirmed", "inferred", "unconfirmed")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LISTED = 12  # how many missing ids a message lists before it says "and N more"


@dataclass(frozen=True)
class Context:
    """What checks look things up in. ``None`` means "could not be read": checks that need it are skipped
    (the reason is reported once, where it was found)."""

    case: Case | None = None
    source_ids: frozenset[str] | None = None
    folder: Path | None = None


Check = Callable[[Any, dict, Context], "str | None"]  # (value, the whole row or record, context) -> message or None
TableCheck = Callable[[list[tuple[int, dict[str, str]]], Context], "list[tuple[int | None, str | None, str]]"]


@dataclass(frozen=True)
class Column:
    """One column of a CSV table: its name, what to write in it, and the checks a filled cell must pass."""

    name: str
    help: str
    required: bool = True  # required: in the header and filled in every row; optional: may be absent or empty
    checks: tuple[Check, ...] = ()
    unique: bool = False


@dataclass(frozen=True)
class Table:
    """A CSV file of a case folder, declared: its columns, and checks across rows (``table_checks``)."""

    file: str
    columns: tuple[Column, ...]
    table_checks: tuple[TableCheck, ...] = ()
    required_file: bool = False  # must every case folder have it? (lesson files are optional)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def optional_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if not c.required)


@dataclass(frozen=True)
class Field:
    """One field of a JSON record: its name, type, what to write in it, and its checks."""

    name: str
    kind: type | tuple[type, ...]
    help: str
    required: bool = True
    checks: tuple[Check, ...] = ()


# ---------------------------------------------------------------------------------------------------
# Checking


def check_table(table: Table, folder: Path, context: Context) -> tuple[list[dict[str, str]], list[Problem]]:
    """Read and check one table of a case folder; return its rows and every problem found, in row order."""
    path = folder / table.file
    numbered, problems = parse_csv(path, table.required_columns, table.optional_columns)
    readable = not any(p.row in (None, 1) for p in problems)  # the file was read and its header is right
    seen: dict[str, dict[str, int]] = {c.name: {} for c in table.columns if c.unique}
    for number, row in numbered:
        problems += _row_problems(table, path, number, row, context, seen)
    if readable:
        for check in table.table_checks:
            problems += [Problem(path, message, row, name) for row, name, message in check(numbered, context)]
    problems.sort(key=lambda p: p.row if isinstance(p.row, int) else 10**9)
    return [row for _, row in numbered], problems


def _row_problems(table: Table, path: Path, number: int, row: dict, context: Context, seen: dict) -> list[Problem]:
    problems = []
    for column in table.columns:
        value = row.get(column.name, "")
        if not value:
            if column.required:
                problems.append(Problem(path, f"this cell is empty; write {column.help}", number, column.name))
            continue
        if column.unique:
            first = seen[column.name].setdefault(value, number)
            if first != number:
                problems.append(
                    Problem(
                        path, f"{value!r} is already listed in row {first}; list each {column.name} once", number, column.name
                    )
                )
        for check in column.checks:
            message = check(value, row, context)
            if message:
                problems.append(Problem(path, message, number, column.name))
    return problems


def load_table(table: Table, case: Case, context: Context | None = None) -> list[dict[str, str]]:
    """The rows of a case's table, checked; raises one DataFileError listing every problem."""
    rows, problems = check_table(table, case.folder, context or case_context(case))
    raise_problems(problems)
    return rows


def case_context(case: Case) -> Context:
    """The context for checking a case's tables: its article and the ids in its ``sources.csv``."""
    from helpers.sources import source_ids_of  # sources declares its table with this module

    return Context(case=case, source_ids=source_ids_of(case.folder), folder=case.folder)


def check_record(record: Any, fields: Iterable[Field], path: Path, context: Context, where: str = "top level") -> list[Problem]:
    """Check a JSON object against its declared fields: unknown fields, missing ones, types, and each field's checks."""
    fields = list(fields)
    if not isinstance(record, dict):
        return [Problem(path, f"expected a JSON object {{…}}, got {_kind_name(record)}")]
    known = [f.name for f in fields]
    problems = [
        Problem(path, f"unknown field{did_you_mean(key, known)}; the fields are: {', '.join(known)}", where, key)
        for key in record
        if key not in known
    ]
    for spec in fields:
        if spec.name not in record:
            if spec.required:
                problems.append(Problem(path, f"this field is missing; write {spec.help}", where, spec.name))
            continue
        value = record[spec.name]
        kinds = spec.kind if isinstance(spec.kind, tuple) else (spec.kind,)
        if not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds:
            names = " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)
            problems.append(Problem(path, f"expected {names}, got {_kind_name(value)}; write {spec.help}", where, spec.name))
            continue
        if isinstance(value, str) and not value.strip():
            problems.append(Problem(path, f"this text is empty; write {spec.help}", where, spec.name))
            continue
        problems += [Problem(path, m, where, spec.name) for check in spec.checks if (m := check(value, record, context))]
    return problems


_KIND_NAMES = {str: "text", list: "a list [...]", dict: "an object {...}", int: "a whole number", bool: "true or false"}


def _kind_name(value: Any) -> str:
    return {str: "text", list: "a list", dict: "an object", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
    )


# ---------------------------------------------------------------------------------------------------
# Checks for cells and fields


def one_of(*allowed: str) -> Check:
    """The value must be one of ``allowed`` (exactly, lower case as listed)."""

    def check(value: Any, row: dict, context: Context) -> str | None:
        if value in allowed:
            return None
        return f"{value!r} is not allowed{did_you_mean(str(value).lower(), allowed)}; write one of: {', '.join(allowed)}"

    return check


def matches(pattern: str, advice: str) -> Check:
    """The value must match a regular expression; ``advice`` says what to write (e.g. "a whole number such as 3")."""
    compiled = re.compile(pattern)

    def check(value: Any, row: dict, context: Context) -> str | None:
        return None if compiled.fullmatch(value) else f"{value!r} is not {advice}"

    return check


KEBAB_ID = r"[a-z0-9]+(-[a-z0-9]+)*"  # lower-case words (or numbers) joined by hyphens: case and source ids
whole_number = matches(r"\d+", "a whole number; write 1, 2, 3 …")
language_code = matches(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", "a language code; write e.g. en, ru or pt-BR")
url = matches(r"https?://\S+", "a web address; write it in full, starting with https:// (or http://)")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a real calendar date written YYYY-MM-DD, or None if it is one."""
    if not _ISO_DATE.fullmatch(value):
        return f"{value!r} is not a date written YYYY-MM-DD; write the calendar date, e.g. 2022-11-01 for 1 November 2022"
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        return f"{value!r} is not a real date ({exc}); check the day and the month"
    return None


def full_date(value: Any, row: dict, context: Context) -> str | None:
    """A real calendar date, ``YYYY-MM-DD``."""
    return date_problem(value)


def sentence_id(value: Any, row: dict, context: Context) -> str | None:
    """An id of a sentence of the article, such as ``P3.S1``."""
    case = context.case
    if case is None or case.has_sentence(value):
        return None
    last = case.sentences[-1].id if case.sentences else "none"
    return (
        f"{value!r} is not a sentence id of the article; ids look like P3.S1 and this article's run from P1.S1 to {last} "
        "(see them with show_article(case, sentence_ids=True))"
    )


def source_ids(value: Any, row: dict, context: Context) -> str | None:
    """Source ids from ``sources.csv``, separated by ``;`` (a JSON list is accepted too)."""
    ids = split_list(value) if isinstance(value, str) else tuple(value)
    if not ids:
        return "no source id here; write ids from sources.csv, separated by ;"
    return unknown_sources(ids, context)


def unknown_sources(ids: Iterable[Any], context: Context) -> str | None:
    """A message naming the ids that are not in ``sources.csv`` (None if all are, or the sources are unknown)."""
    if context.source_ids is None:
        return None
    unknown = [i for i in ids if i not in context.source_ids]
    if not unknown:
        return None
    names = ", ".join(f"{i!r}{did_you_mean(str(i), context.source_ids)}" for i in unknown)
    return f"source {names} is not in sources.csv; add a row for it there, or use an id that is"


def phrase_in_sentence(value: Any, row: dict, context: Context) -> str | None:
    """The words must occur, exactly, in the sentence named in the row's ``sentence`` column."""
    case, sentence = context.case, row.get("sentence", "")
    if case is None or not case.has_sentence(sentence) or value in case.passage(sentence):
        return None
    return f"{value!r} does not occur in {sentence}; copy the words exactly as they stand in that sentence"


def every_sentence_once(rows: list[tuple[int, dict[str, str]]], context: Context) -> list[tuple[int | None, str | None, str]]:
    """Every sentence of the article is listed (listing one twice is caught by ``unique``)."""
    if context.case is None:
        return []
    listed = {row.get("sentence") for _, row in rows}
    missing = [s.id for s in context.case.sentences if s.id not in listed]
    if not missing:
        return []
    shown = ", ".join(missing[:_LISTED]) + (f" and {len(missing) - _LISTED} more" if len(missing) > _LISTED else "")
    return [(None, "sentence", f"every sentence needs a row; missing: {shown}")]


def ascending(column: str) -> TableCheck:
    """The column's whole numbers are unique and in increasing order, row by row."""

    def check(rows: list[tuple[int, dict[str, str]]], context: Context) -> list[tuple[int | None, str | None, str]]:
        problems, previous = [], None
        for number, row in rows:
            if not row.get(column, "").isdigit():
                continue
            value = int(row[column])
            if previous is not None and value <= previous:
                problems.append((number, column, f"{column}s must be unique and in order; this one ({value}) follows {previous}"))
            previous = value
        return problems

    return check
