"""Reading the course's data files (JSON and CSV) with errors a person can act on.

Every data file in a case folder is read through this module, so that every problem is reported the
same way: the file, the row or record, the field, and what is wrong with it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


class DataFileError(ValueError):
    """A data file is missing, unreadable or does not follow its documented schema."""

    def __init__(self, path: Path | str, message: str, *, row: int | str | None = None, field: str | None = None) -> None:
        self.path = Path(path)
        self.row = row
        self.field = field
        where = str(self.path)
        if row is not None:
            where += f", {row}" if isinstance(row, str) else f", row {row}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """Return a text file's content (UTF-8 unless told otherwise), or raise a DataFileError naming the file."""
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"not valid UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from None


def read_json(path: Path) -> Any:
    """Return a JSON file's content, or raise a DataFileError with the line and column of a syntax error."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None


def read_csv(path: Path, required: Iterable[str], optional: Iterable[str] = ()) -> list[dict[str, str]]:
    """Return a CSV file's rows as dicts, checking the header and that required cells are filled.

    Row numbers in errors are the ones a spreadsheet shows: the header is row 1, and a cell with a line
    break in it (quoted) stays in its row. A byte-order mark (Excel's "CSV UTF-8") is ignored.
    """
    required = list(required)
    known = set(required) | set(optional)
    text = read_text(path, encoding="utf-8-sig")
    if not text.strip():
        raise DataFileError(path, "the file is empty; it needs a header row")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [name for name in required if name not in header]
    if missing:
        raise DataFileError(path, f"the header lacks column(s) {', '.join(missing)}", row=1)
    unknown = [name for name in header if name not in known]
    if unknown:
        raise DataFileError(path, f"unknown column(s) {', '.join(unknown)}; expected {', '.join(sorted(known))}", row=1)
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise DataFileError(path, "this row has more cells than the header", row=number)
        cleaned = {key: (value or "").strip() for key, value in row.items()}
        for name in required:
            if not cleaned[name]:
                raise DataFileError(path, "this cell is empty", row=number, field=name)
        rows.append(cleaned)
    return rows


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


def split_list(cell: str) -> tuple[str, ...]:
    """Split a CSV cell that holds several values separated by semicolons."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)
