"""Reading the course's data files (JSON and CSV) with errors a person can act on.

Every data file in a case folder is read through this module, so that every problem is reported the
same way: the file, the row or record, the field, and what is wrong with it (a :class:`Problem`).
A loader that meets problems raises one :class:`DataFileError` that carries all of them.

Text files may start with a byte-order mark (Notepad and Excel's "CSV UTF-8" write one): it is not
part of the text and is dropped when reading. A checksum is always taken of the file's bytes as
stored, mark included.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BOM = "\ufeff"
_LISTED = 20  # problems an error message lists; the error keeps them all in .problems


@dataclass(frozen=True)
class Problem:
    """One problem in a data file: where it is (file, row or record, field) and what to write instead."""

    path: Path
    message: str
    row: int | str | None = None  # a spreadsheet row number (the header is row 1), or e.g. "exercise 'x'"
    field: str | None = None

    @property
    def where(self) -> str:
        """The location as a person reads it: ``voices.csv, row 5, field 'sentence'``."""
        where = str(self.path)
        if self.row is not None:
            where += f", {self.row}" if isinstance(self.row, str) else f", row {self.row}"
        if self.field is not None:
            where += f", field '{self.field}'"
        return where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class DataFileError(ValueError):
    """A data file is missing, unreadable or does not follow its documented schema.

    ``problems`` lists every problem found (at least one); the message shows all of them, first one first.
    """

    def __init__(self, path: Path | str, message: str, *, row: int | str | None = None, field: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = (Problem(Path(path), message, row, field),)
        self.path, self.row, self.field, self.message = Path(path), row, field, message
        super().__init__(str(self.problems[0]))

    @classmethod
    def from_problems(cls, problems: Sequence[Problem]) -> DataFileError:
        """One error for several problems; its message lists them all, one a line."""
        first = problems[0]
        error = cls(first.path, first.message, row=first.row, field=first.field)
        error.problems = tuple(problems)
        if len(problems) > 1:
            rest = "\n".join(f"  {p}" for p in problems[1:_LISTED])
            if len(problems) > _LISTED:
                rest += f"\n  … {len(problems) - _LISTED} more (helpers.casefolder.check_case lists them all)"
            error.args = (f"{first}\n… and {len(problems) - 1} more problem(s):\n{rest}",)
        return error


def raise_problems(problems: Sequence[Problem]) -> None:
    """Raise a DataFileError carrying every problem, if there are any."""
    if problems:
        raise DataFileError.from_problems(problems)


def contents_key(paths: Iterable[Path]) -> tuple[tuple[str, bytes | None], ...]:
    """The files' names and bytes (None for a missing or unreadable file): a cache key that changes whenever a file does.

    A cache of what was read and checked from data files is safe only if it is dropped when a file changes.
    Modification times are not enough for that: the file system stamps them to the kernel's clock tick
    (about 4 ms here), so a file rewritten within a tick at the same size would look unchanged. Reading a
    data file's bytes again costs microseconds; parsing and checking it again costs milliseconds.
    """
    key = []
    for path in paths:
        try:
            key.append((path.name, path.read_bytes()))
        except OSError:
            key.append((path.name, None))
    return tuple(key)


def read_bytes(path: Path) -> bytes:
    """Return a file's bytes as stored, or raise a DataFileError naming the file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except IsADirectoryError:
        raise DataFileError(path, "this is a folder, not a file") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from None


def decode_text(path: Path, raw: bytes) -> str:
    """Decode a file's bytes as UTF-8, dropping a byte-order mark at the start; errors name the file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            path, f"not valid UTF-8 text (byte {exc.start}); save the file as UTF-8 (in Excel: 'CSV UTF-8')"
        ) from None
    return text.removeprefix(BOM)


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Return a text file's content (UTF-8 unless told otherwise) without a byte-order mark; errors name the file."""
    raw = read_bytes(path)
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
        return decode_text(path, raw)
    return raw.decode(encoding).removeprefix(BOM)


def read_json(path: Path) -> Any:
    """Return a JSON file's content, or raise a DataFileError with the line and column of a syntax error.

    A key that appears twice in one object is refused (JSON would silently keep the last one).
    """
    text = read_text(path)
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except _DuplicateKey as exc:
        raise DataFileError(path, str(exc), field=exc.key) from None


class _DuplicateKey(Exception):
    def __init__(self, key: str, pairs: list[tuple[str, Any]]) -> None:
        self.key = key
        owner = next((v for k, v in pairs if k == "id" and isinstance(v, str)), None)
        inside = f"the object with id {owner!r}" if owner else "one object"
        super().__init__(f"the key {key!r} appears twice in {inside}; keep one (JSON would silently use the last)")


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    record: dict = {}
    for key, value in pairs:
        if key in record:
            raise _DuplicateKey(key, pairs)
        record[key] = value
    return record


def require(record: dict, key: str, kind: type | tuple[type, ...], path: Path, where: str, name: str = "") -> Any:
    """Return record[key], checking that it is present, of the right type and (for text) not blank.

    Errors name the field ``name`` if given (e.g. ``options[2].explanation`` for a key inside a list), else ``key``.
    """
    field = name or key
    if not isinstance(record, dict):
        raise DataFileError(path, f"expected an object, got {type(record).__name__}", row=where)
    if key not in record:
        raise DataFileError(path, "this field is missing", row=where, field=field)
    value = record[key]
    if not isinstance(value, kind) or isinstance(value, bool) and bool not in _as_tuple(kind):
        names = " or ".join(k.__name__ for k in _as_tuple(kind))
        raise DataFileError(path, f"expected {names}, got {type(value).__name__}", row=where, field=field)
    if isinstance(value, str) and not value.strip():
        raise DataFileError(path, "this text is empty", row=where, field=field)
    return value


def optional(record: dict, key: str, kind: type | tuple[type, ...], path: Path, where: str, default: Any, name: str = "") -> Any:
    """Return record[key] checked like require(), or default when the key is absent."""
    if key not in record:
        return default
    return require(record, key, kind, path, where, name)


Row = tuple[int, dict[str, str]]  # a spreadsheet row number (the header is row 1) and the row's cells


def parse_csv(path: Path, columns: Iterable[str], optional: Iterable[str] = ()) -> tuple[list[Row], list[Problem]]:
    """Read a CSV file's rows, checking its structure; return the rows and every problem found.

    ``columns`` must all be in the header, ``optional`` ones may be; any other column is a problem.
    Cells are trimmed and a missing cell is empty (checking cell contents is the caller's job). Row
    numbers are the ones a spreadsheet shows: the header is row 1, and a cell with a line break in it
    (quoted) stays in its row. Rows with no text at all (a spreadsheet's trailing ``,,,``) are skipped.
    """
    try:
        text = read_text(path)
    except DataFileError as exc:
        return [], list(exc.problems)
    if not text.strip():
        return [], [Problem(path, "the file is empty; it needs a header row")]
    columns = list(columns)
    known = columns + [name for name in optional if name not in columns]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    problems = _header_problems(path, header, columns, known)
    if problems:
        return [], problems
    rows: list[Row] = []
    for number, record in enumerate(reader, start=2):
        if None in record:
            problems.append(Problem(path, "this row has more cells than the header (a comma in a cell needs quotes)", number))
            continue
        cells = {key: (value or "").strip() for key, value in record.items()}
        if any(cells.values()):
            rows.append((number, cells))
    return rows, problems


def _header_problems(path: Path, header: list[str], required: list[str], known: list[str]) -> list[Problem]:
    problems = []
    missing = [name for name in required if name not in header]
    if missing:
        problems.append(Problem(path, f"the header lacks column(s) {', '.join(missing)}", row=1))
    for name in header:
        if name not in known:
            problems.append(
                Problem(path, f"unknown column {name!r}{did_you_mean(name, known)}; expected {', '.join(known)}", row=1)
            )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(Problem(path, f"column(s) {', '.join(repeated)} appear twice in the header; keep one", row=1))
    return problems


def read_csv(path: Path, required: Iterable[str], optional: Iterable[str] = ()) -> list[dict[str, str]]:
    """Return a CSV file's rows as dicts, checking the header and that required cells are filled.

    Raises one DataFileError listing every problem (see :func:`parse_csv` for row numbers).
    """
    required = list(required)
    rows, problems = parse_csv(path, required, optional)
    for number, cells in rows:
        problems += [Problem(path, "this cell is empty", number, name) for name in required if not cells[name]]
    raise_problems(sorted(problems, key=_order))
    return [cells for _, cells in rows]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices``, or nothing if none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _order(problem: Problem) -> tuple:
    return (str(problem.path), problem.row if isinstance(problem.row, int) else 0)


def split_list(cell: str) -> tuple[str, ...]:
    """Split a CSV cell that holds several values separated by semicolons."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)
