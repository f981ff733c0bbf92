"""A hand-in: the learner's exported work as one HTML file that people read and the class dashboard reads too.

Each copy a learner saves (``helpers.report.export_html``) is a readable page that also carries the
same answers as JSON, in ``<script type="application/json" id="ml-hand-in">`` at the end of the page.
One file stays one file: learners hand in what they already hand in, and the answers cannot be
separated from the page they belong to (a JSON file beside it would be forgotten, renamed or mixed up
with another learner's). Browsers never run a JSON script block, so the page needs no trust; inside
it ``<``, ``>`` and ``&`` are written as JSON escapes (``\\u003c``…), so no learner text, ``</script>``
included, can end the block early, and reading it back gives the exact text.

The format (its fields, what each holds, and which versions the dashboard reads) is documented in one
place, ``instructors/hand-in-format.md``; :func:`read_hand_in` is the one place that checks it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    import tomllib
except ImportError:  # Python 3.10: tomli is a dependency there (pyproject.toml)
    import tomli as tomllib

from helpers.exercises import verdict_shown
from helpers.progress import COURSE_FOLDER

if TYPE_CHECKING:
    from helpers.article import Case
    from helpers.exercises import Exercise

FORMAT = "media-literacy-hand-in"
FORMAT_VERSION = 1
DISTRIBUTION = "media-literacy-course-kit"  # pyproject.toml's [project] name: its version is the course version
BLOCK_ID = "ml-hand-in"
OPENING = f'<script type="application/json" id="{BLOCK_ID}">'
LEARNER_ID_LIMIT = 32
LEARNER_ID = re.compile(r"[\w.\- ]*")  # letters of any script, digits, _ . - and spaces
EXERCISE_FIELDS = ("id", "lesson", "skill", "type", "assessment")  # from the exercise's definition
# From the learner's progress record, each only if the record has it:
RECORD_FIELDS = ("status", "score", "attempts", "hints_used", "revealed", "answer", "draft", "updated")
STATUSES = ("right", "partial", "wrong", "saved", "empty", "invalid", "fault")
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class HandInError(ValueError):
    """A file that is not a readable hand-in of this course; the message says why, in words an instructor can act on.

    The message never holds what a learner chose or typed (their id); ``detail`` may, and is shown only on request.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class HandIn:
    """One learner's hand-in, checked: who (their chosen id), when, for which case, and a record per exercise."""

    course_version: str
    case_id: str
    case_sha256: str
    learner: str
    exported: datetime
    records: dict[str, dict[str, Any]]  # exercise id: its entry (the exercise fields and the record fields it has)
    path: Path | None = None


def course_version(folder: Path = COURSE_FOLDER) -> str:
    """The course's version: ``version`` in pyproject.toml, the one source of truth, read where the helpers are.

    A course folder (a git clone on a JupyterHub, put on ``PYTHONPATH`` and never installed, or an editable
    install) has its pyproject.toml beside ``helpers/``: its version is the version of these very helpers, even
    where another copy of the kit is installed in the environment. A plain install has no pyproject.toml there,
    so the installed package's metadata (written from the same file) says it. "unknown" if neither does.
    """
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        project = {}
    if project.get("name") == DISTRIBUTION and isinstance(project.get("version"), str):
        return project["version"]
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # the helpers copied without installing the kit
        return "unknown"


def learner_id_problem(value: str) -> str:
    """What is wrong with a learner id ("" if it is fine). An empty id is allowed: the hand-in is then anonymous."""
    value = clean_learner_id(value)
    if len(value) > LEARNER_ID_LIMIT:
        return f"Your id is {len(value)} characters long; keep it to {LEARNER_ID_LIMIT} or fewer (a nickname or class number is fine)."
    if not LEARNER_ID.fullmatch(value):
        odd = "".join(dict.fromkeys(c for c in value if not LEARNER_ID.fullmatch(c)))
        return f"Your id can hold letters, digits, spaces, - _ and . only, not {odd}. A nickname or class number is fine."
    return ""


def clean_learner_id(value: str) -> str:
    """A learner id with spaces tidied (runs of spaces become one, none at either end)."""
    return " ".join(value.split())


def hand_in_data(case: Case, exercises: list[Exercise], records: dict[str, dict], learner: str, exported: datetime) -> dict:
    """The hand-in's JSON: the format, the course and case, the learner's id, and one entry per saved exercise.

    A pre-assessment item whose result the learner may not see yet goes without its status and score (the page's
    source would show them); the dashboard judges its answer again when it reads the hand-in.
    """
    entries = []
    by_id = {exercise.id: exercise for exercise in exercises}
    for exercise in exercises:
        record = records.get(f"{case.id}/{exercise.id}")
        if not record:
            continue
        entry = {field: getattr(exercise, field, "") for field in EXERCISE_FIELDS}
        hidden = () if verdict_shown(exercise, case, records, by_id) else ("status", "score")  # a pre item, until its post item
        entry.update((field, record[field]) for field in RECORD_FIELDS if field in record and field not in hidden)
        entries.append(entry)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "course_version": course_version(),
        "case": {"id": case.id, "sha256": str(case.meta.get("sha256", ""))},
        "learner": clean_learner_id(learner),
        "exported": exported.isoformat(timespec="seconds"),
        "exercises": entries,
    }


def script_block(data: dict) -> str:
    """The JSON as a script block that no text inside it can end early (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return OPENING + re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m[0]], text) + "</script>"


def extract_block(page: str) -> Any:
    """The JSON data in a page's answers block; HandInError if there is none, more than one, or it is cut off or damaged."""
    count = page.count(OPENING)
    if count == 0:
        raise HandInError(
            "it holds no machine-readable answers: a copy saved by an earlier version of the course "
            "(before hand-ins carried their answers), or another HTML page"
        )
    if count > 1:
        raise HandInError(f"it holds {count} answer blocks where a hand-in has one (were two files joined?)")
    start = page.index(OPENING) + len(OPENING)
    end = page.find("</script>", start)
    if end < 0:
        raise HandInError("it is cut off: its answers block never ends (an incomplete download or copy; ask for the file again)")
    try:
        return json.loads(page[start:end])
    except ValueError as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ""
        raise HandInError(f"its answers block is damaged: not valid JSON{where}") from None
    except RecursionError:  # nested thousands of levels deep: no export writes that
        raise HandInError("its answers block is damaged: nested too deeply to be a hand-in") from None


def read_hand_in(page: str, path: Path | None = None) -> HandIn:
    """Read and check a hand-in page; HandInError naming the field (and exercise) that is wrong."""
    data = extract_block(page)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise HandInError(f"its answers block is not a hand-in of this course (format {_shown(data, 'format')})")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
        raise HandInError(
            f"it is in hand-in format version {version!r}, and this dashboard reads version {FORMAT_VERSION}"
            + (": update the course kit to read it" if newer else "")
        )
    case = _field(data, "case", dict)
    exercises = _field(data, "exercises", list)
    return HandIn(
        course_version=_field(data, "course_version", str),
        case_id=_field(case, "id", str, "case."),
        case_sha256=_field(case, "sha256", str, "case."),
        learner=_learner(data),
        exported=_time(data),
        records=_records(exercises),
        path=path,
    )


def _shown(data: Any, key: str) -> str:
    return repr(data.get(key)) if isinstance(data, dict) else f"none: the block holds a {type(data).__name__}"


def _field(record: dict, key: str, kind: type, prefix: str = "", where: str = "") -> Any:
    value = record.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
        names = {str: "text", dict: "an object", list: "a list", bool: "true or false"}
        raise HandInError(f"{where}field '{prefix}{key}' should be {names.get(kind, kind.__name__)}, not {value!r}"[:300])
    return value


def _learner(data: dict) -> str:
    learner = data.get("learner")
    if not isinstance(learner, str):  # its value, whatever it holds, goes in the detail only
        raise HandInError("field 'learner' should be text", detail=f"id {learner!r}"[:60])
    if learner_id_problem(learner):
        raise HandInError("field 'learner' is not a learner id this course writes", detail=f"id {learner[:40]!r}")
    return clean_learner_id(learner)


def _time(data: dict) -> datetime:
    stamp = _field(data, "exported", str)
    wanted = f"field 'exported' should be a date and time with its time zone, like 2026-11-27T14:30:00+00:00, not {stamp[:40]!r}"
    try:
        exported = datetime.fromisoformat(stamp)
    except ValueError:
        raise HandInError(wanted) from None
    if exported.tzinfo is None:  # every export writes one; without it the order of two hand-ins is a guess
        raise HandInError(f"{wanted}, which has no time zone")
    try:
        exported.astimezone(timezone.utc)  # a date at the very edge of the calendar cannot be compared with others
    except (ValueError, OverflowError):
        raise HandInError(f"{wanted}: that date is out of range") from None
    return exported


def _records(exercises: list) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for number, entry in enumerate(exercises, start=1):
        where = f"exercise {number}: "
        if not isinstance(entry, dict):
            raise HandInError(f"{where}should be an object, not {entry!r}"[:200])
        for field in EXERCISE_FIELDS:
            _field(entry, field, str, where=where)
        where = f"exercise {number} ('{entry['id']}'): "
        _check_record(entry, where)
        if entry["id"] in records:
            raise HandInError(f"{where}this exercise is listed twice")
        records[entry["id"]] = {k: v for k, v in entry.items() if k in EXERCISE_FIELDS + RECORD_FIELDS}
    return records


def _check_record(entry: dict, where: str) -> None:
    if "status" in entry and entry["status"] not in STATUSES:
        raise HandInError(f"{where}field 'status' should be one of {', '.join(STATUSES)}, not {entry['status']!r}"[:300])
    score = entry.get("score")
    if score is not None and (
        not isinstance(score, (int, float)) or isinstance(score, bool) or not math.isfinite(score) or not 0 <= score <= 1
    ):
        raise HandInError(f"{where}field 'score' should be a number from 0 to 1, not {score!r}"[:300])
    for field in ("attempts", "hints_used"):
        value = entry.get(field, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise HandInError(f"{where}field '{field}' should be a whole number, 0 or more, not {value!r}"[:300])
    if not isinstance(entry.get("revealed", False), bool):
        raise HandInError(f"{where}field 'revealed' should be true or false, not {entry['revealed']!r}"[:300])
