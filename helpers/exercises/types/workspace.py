"""Workspace: a small table the learner fills in, row by row, with their own research (a timeline, a claim trace).

JSON: ``columns``, a list of ``{"id", "label", "kind", "help"?, "required"?, "options"?}`` where ``kind``
is ``text`` (one line), ``long_text``, ``date`` (any form :func:`helpers.answers.parse_date` reads, with
its year), ``choice`` (one of ``options``) or ``url`` (http or https); ``required`` defaults to true.
Optional: ``end_after`` (``{"end": "start"}``: the date in column ``end`` may not be before the one in
``start``), ``min_rows`` (default 1), ``max_rows`` (default 30) and ``example`` (some or all cells of a
row, shown as the inputs' placeholders). Answer: ``{"rows": [{column id: text}, ...]}``; cells keep the
learner's own text (a date as typed; its reading is shown in the export). Saved, never graded: a table
with a bad row is refused as a whole ("invalid", naming the row, the column and what to write) and the
form keeps the learner's input; the score is the share of ``min_rows`` filled. "Add row" is the view's
Check button: ``read()`` gives the saved rows plus the form's row (or minus the row chosen for removal),
and ``on_feedback`` keeps them once the view has saved them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import TextStyle

from helpers.answers import AnswerFormatError, PartialDate, parse_date
from helpers.article import Case
from helpers.controls import Control, html_widget, shared
from helpers.datafiles import DataFileError, optional
from helpers.exercises.fields import entries, entry_id, entry_value, unique
from helpers.exercises.judging import expect
from helpers.exercises.model import Exercise, Feedback, KeyTable
from helpers.exercises.registry import ExerciseType, register
from helpers.markup import esc

KINDS = ("text", "long_text", "date", "choice", "url")
COLUMN_KEYS = ("id", "label", "kind", "help", "required", "options")
MAX_LENGTH = {"text": 300, "long_text": 3000, "date": 60, "choice": 300, "url": 2000}  # characters in one cell
HOW_TO_WRITE = {
    "text": "a short line of text",
    "long_text": "a few sentences",
    "date": "a date with its year, e.g. 1 November 2022 or 2022-11-01",
    "url": "a web address starting with https:// or http://",
}
DEFAULT_MAX_ROWS = 30
ROWS_LIMIT = 200  # the most max_rows may be: a workspace is a small table


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str  # one of KINDS
    help: str = ""
    required: bool = True
    options: tuple[str, ...] = ()  # choice columns only


@dataclass(frozen=True)
class Workspace:
    columns: tuple[Column, ...]
    end_after: tuple[tuple[str, str], ...] = ()  # (later column id, earlier column id), both dates
    min_rows: int = 1
    max_rows: int = DEFAULT_MAX_ROWS
    example: tuple[tuple[str, str], ...] = ()  # (column id, text) of the example row


# Reading the JSON --------------------------------------------------------------------------------


def parse(record: dict, path: Path, where: str) -> Workspace:
    columns = tuple(_column(entry, path, where, field) for field, entry in entries(record, "columns", path, where, COLUMN_KEYS))
    if not columns:
        raise DataFileError(path, "needs at least one column", row=where, field="columns")
    unique([c.id for c in columns], "columns", path, where)
    kinds = {c.id: c.kind for c in columns}
    pairs = optional(record, "end_after", dict, path, where, {})
    for later, earlier in pairs.items():
        for column in (later, earlier):
            if not isinstance(column, str) or kinds.get(column) != "date":
                raise DataFileError(path, f"{column!r} is not a date column", row=where, field=f"end_after.{later}")
    min_rows = _count(record, "min_rows", 1, path, where)
    max_rows = _count(record, "max_rows", DEFAULT_MAX_ROWS, path, where)
    if not 1 <= max_rows <= ROWS_LIMIT or min_rows > max_rows:
        raise DataFileError(
            path, f"must be from 1 to {ROWS_LIMIT}, and not below min_rows ({min_rows})", row=where, field="max_rows"
        )
    spec = Workspace(columns, tuple(pairs.items()), min_rows, max_rows)
    example = optional(record, "example", dict, path, where, {})
    for key, value in example.items():
        if key not in kinds or not isinstance(value, str):
            raise DataFileError(path, f"{key!r} must be a column id with a text value", row=where, field=f"example.{key}")
    optional_columns = replace(spec, columns=tuple(replace(c, required=False) for c in columns))  # a partial example is fine
    problem = row_problem(optional_columns, dict(example), 1) if example else None
    if problem:
        raise DataFileError(path, f"the example row must be valid: {problem}", row=where, field="example")
    return Workspace(columns, spec.end_after, min_rows, max_rows, tuple(example.items()))


def _column(entry: dict, path: Path, where: str, field: str) -> Column:
    kind = entry_id(entry, "kind", path, where, field)
    if kind not in KINDS:
        raise DataFileError(path, f"unknown kind {kind!r}; known: {', '.join(KINDS)}", row=where, field=f"{field}.kind")
    options = entry_value(entry, "options", list, path, where, field, [])
    if kind == "choice" and (len(options) < 2 or not all(isinstance(o, str) and o.strip() for o in options)):
        raise DataFileError(path, "a choice column needs at least two non-empty options", row=where, field=f"{field}.options")
    if kind != "choice" and options:
        raise DataFileError(path, "only a choice column has options", row=where, field=f"{field}.options")
    if len(set(options)) != len(options):
        raise DataFileError(path, "options must be unique", row=where, field=f"{field}.options")
    return Column(
        id=entry_id(entry, "id", path, where, field),
        label=entry_id(entry, "label", path, where, field),
        kind=kind,
        help=entry_value(entry, "help", str, path, where, field, ""),
        required=entry_value(entry, "required", bool, path, where, field, True),
        options=tuple(options),
    )


def _count(record: dict, key: str, default: int, path: Path, where: str) -> int:
    value = optional(record, key, int, path, where, default)
    if value < 0:
        raise DataFileError(path, "must be 0 or more", row=where, field=key)
    return value


# Checking rows -----------------------------------------------------------------------------------


def cell_problem(column: Column, text: str) -> str | None:
    """What is wrong with one cell and what to write instead, or None if it is fine (blank cells: see row_problem)."""
    limit = MAX_LENGTH[column.kind]
    if len(text) > limit:
        return f"this is {len(text):,} characters long; keep it under {limit:,} (shorten it, or link to your notes)."
    if column.kind == "date":
        try:
            date = parse_date(text)
        except AnswerFormatError as error:  # its message may already say what to write ("Try a form like…")
            advice = "" if "e.g." in str(error) or "Try a form" in str(error) else f" Write {HOW_TO_WRITE['date']}."
            return f"{error}{advice}"
        if date.year is None:
            return f"{text!r} has no year. Write {HOW_TO_WRITE['date']}."
    if column.kind == "choice" and text not in column.options:
        return f"{text!r} is not one of the choices. Choose one of: {', '.join(column.options)}."
    if column.kind == "url" and not _is_web_address(text):
        return f"{text!r} is not a web address. Write {HOW_TO_WRITE['url']} (copy it from the browser's address bar)."
    if column.kind == "text" and "\n" in text:
        return "write this on one line."
    return None


def _is_web_address(text: str) -> bool:
    scheme, _, rest = text.partition("://")
    return scheme.lower() in ("http", "https") and "." in rest.split("/")[0] and not any(c.isspace() for c in text)


def row_problem(spec: Workspace, row: dict[str, str], number: int) -> str | None:
    """The first problem in one row, naming the row number, the column's label and what to write; None if valid."""
    for column in spec.columns:
        text = row.get(column.id, "").strip()
        if not text:
            if column.required:
                what = "one of the choices" if column.kind == "choice" else HOW_TO_WRITE[column.kind]
                return f"Row {number}, “{column.label}”: this column is required; write {what}."
            continue
        problem = cell_problem(column, text)
        if problem:
            return f"Row {number}, “{column.label}”: {problem}"
    labels = {c.id: c.label for c in spec.columns}
    for later, earlier in spec.end_after:
        end, start = _date(row.get(later, "")), _date(row.get(earlier, ""))
        if end and start and (end.year, end.month, end.day) < (start.year, start.month, start.day):
            return (
                f"Row {number}, “{labels[later]}”: {end} is before “{labels[earlier]}” ({start}). "
                f"Write a date on or after {start}, or leave “{labels[later]}” empty if there is none."
            )
    return None


def _date(text: str) -> PartialDate | None:
    try:
        return parse_date(text) if text.strip() else None
    except AnswerFormatError:
        return None


def rows(exercise: Exercise, answer: Any) -> list[dict[str, str]]:
    """The answer's rows; TypeError unless it is ``{"rows": [{column id: text}, ...]}``.

    Keys that are not (or no longer) column ids are kept, so a changed exercise never drops what was written.
    """
    shape = '{"rows": [{column id: text}, ...]}'
    expect(exercise, answer, dict, shape)
    found = answer.get("rows")
    expect(exercise, found, list, shape)
    for row in found:
        expect(exercise, row, dict, shape)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in row.items()):
            raise TypeError(f"Exercise {exercise.id!r} takes {shape}: every cell is text")
    return found


def _rows_word(count: int) -> str:
    return "row" if count == 1 else "rows"


def is_blank(row: dict[str, str]) -> bool:
    return not any(value.strip() for value in row.values())


def check(exercise: Exercise, answer: Any, case: Case | None) -> Feedback:
    spec: Workspace = exercise.spec
    table = rows(exercise, {"rows": []} if answer is None else answer)
    keep = "Nothing was saved: what you typed is still in the form. Correct it, then press Add row."
    if len(table) > spec.max_rows:
        return Feedback(
            "invalid",
            0.0,
            f"This table holds at most {spec.max_rows} rows: remove one before adding another.",
            (keep,),
        )
    for number, row in enumerate(table, start=1):
        if is_blank(row):
            return Feedback("empty", 0.0, f"Row {number} is empty: fill in the form, then press Add row.")
        problem = row_problem(spec, row, number)
        if problem:
            return Feedback("invalid", 0.0, problem, (keep,))
    count = len(table)
    score = min(1.0, count / spec.min_rows) if spec.min_rows else 1.0
    more = spec.min_rows - count
    return Feedback(
        "saved",
        score,
        (f"Your table is saved: {count} {_rows_word(count)}." if count else "Your table is saved, with no rows.")
        + (f" Add at least {more} {'more ' if count else ''}{_rows_word(more)}." if more > 0 else "")
        + (f" It is full ({count} rows is the most it holds)." if count == spec.max_rows else ""),
        ("This is your own research: it is saved, not graded. Compare it with a classmate's or the lesson's.",),
    )


# Showing rows ------------------------------------------------------------------------------------


def cell_text(column: Column, text: str) -> str:
    """A cell for the export: dates with their reading (“1 Nov 2022 (1 November 2022)”)."""
    date = _date(text) if column.kind == "date" else None
    return f"{text} ({date})" if date and str(date) != text.strip() else text


def describe(exercise: Exercise, answer: Any, case: Case) -> str:
    table = rows(exercise, answer)
    if not table:
        return "(no rows yet)"
    lines = []
    for number, row in enumerate(table, start=1):
        cells = [f"{c.label}: {cell_text(c, row.get(c.id, ''))}" for c in exercise.spec.columns if row.get(c.id, "").strip()]
        lines.append(f"Row {number}. " + "; ".join(cells))
    return "\n".join(lines)


WIDTHS = {"date": "7.5em", "choice": "9em"}  # table column widths; text columns share the rest
CELL = "vertical-align:top;text-align:left;padding:0.2em 0.4em;border-bottom:1px solid #d0d7de"


def table_html(spec: Workspace, table: list[dict[str, str]]) -> str:
    """The saved rows as an HTML table; every cell escaped, web addresses as links that open a new tab."""
    if not table:
        return '<p class="ml-workspace-empty"><em>No rows yet: fill in the form below and press Add row.</em></p>'
    head = "".join(
        f'<th scope="col" style="{CELL}' + (f";width:{WIDTHS[c.kind]}" if c.kind in WIDTHS else "") + f'">{esc(c.label)}</th>'
        for c in spec.columns
    )
    body = "".join(
        f'<tr><td style="{CELL}">{number}</td>'
        + "".join(f'<td style="{CELL}">{_cell_html(c, row.get(c.id, ""))}</td>' for c in spec.columns)
        + "</tr>"
        for number, row in enumerate(table, start=1)
    )
    return (
        '<table class="ml-workspace-table" style="width:100%;table-layout:fixed;border-collapse:collapse;'
        'overflow-wrap:anywhere;font-size:0.95em">'
        f'<thead><tr><th scope="col" style="{CELL};width:2.5em">#</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _cell_html(column: Column, text: str) -> str:
    if column.kind == "url" and _is_web_address(text):
        return f'<a href="{esc(text)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text).replace("\n", "<br>")


# The control -------------------------------------------------------------------------------------


def _input(column: Column, placeholder: str) -> widgets.Widget:
    label = column.label + ("" if column.required else " (optional)")
    common = {
        "description": label,
        "style": shared(TextStyle, description_width="initial"),
        "layout": shared(widgets.Layout, width="auto"),
    }
    if column.kind == "choice":
        return widgets.Dropdown(options=[("— choose —", ""), *((o, o) for o in column.options)], value="", **common)
    kind = widgets.Textarea if column.kind == "long_text" else widgets.Text
    extra = {"rows": 3} if column.kind == "long_text" else {}
    return kind(value="", placeholder=placeholder, continuous_update=False, **common, **extra)


def _help_html(spec: Workspace) -> str:
    items = "".join(
        f"<li><strong>{esc(c.label)}</strong>: {esc(c.help or HOW_TO_WRITE.get(c.kind, 'one of the choices'))}</li>"
        for c in spec.columns
    )
    return f'<details class="ml-workspace-help"><summary>How to fill in each column</summary><ul>{items}</ul></details>'


def control(exercise: Exercise, case: Case) -> Control:
    spec: Workspace = exercise.spec
    example = dict(spec.example)
    inputs = {c.id: _input(c, f"e.g. {example[c.id]}" if example.get(c.id) else c.help) for c in spec.columns}
    table = html_widget(table_html(spec, []))
    remove_menu = widgets.Dropdown(
        options=[],
        disabled=True,  # built as it is shown with no rows: no update message right after building
        description="Row to remove:",
        style=shared(TextStyle, description_width="initial"),
        layout=shared(widgets.Layout, width="16em"),
    )
    remove_button = widgets.Button(
        description="Remove row",
        disabled=True,
        tooltip="Remove the chosen row from your table (saved at once)",
        layout=shared(widgets.Layout),
        style=shared(widgets.ButtonStyle),
    )
    state: dict[str, Any] = {"saved": [], "pending": None, "removing": None, "adding": False}

    def show_rows(table_rows: list[dict[str, str]]) -> None:
        state["saved"] = [dict(r) for r in table_rows]
        table.value = table_html(spec, state["saved"])
        remove_menu.options = [(f"Row {n}", n - 1) for n in range(1, len(state["saved"]) + 1)]
        remove_menu.index = len(state["saved"]) - 1 if state["saved"] else None  # the last row: often the one just added
        remove_menu.disabled = remove_button.disabled = not state["saved"]

    def read() -> dict:
        """The saved rows with the form's row added, or with the chosen row removed (Remove row)."""
        current = [dict(r) for r in state["saved"]]
        if state["removing"] is not None:
            index, state["removing"], state["adding"] = state["removing"], None, False
            table_rows = [r for i, r in enumerate(current) if i != index]
        else:
            state["adding"] = True
            table_rows = [*current, {c.id: (inputs[c.id].value or "").strip() for c in spec.columns}]
        state["pending"] = table_rows
        return {"rows": table_rows}

    def write(answer: Any) -> None:
        show_rows(rows(exercise, answer))

    def on_submit(callback: Callable[[], None]) -> None:
        def remove(_button: widgets.Button) -> None:
            if remove_menu.value is not None:
                state["removing"] = remove_menu.value
                callback()

        remove_button.on_click(remove)

    def on_feedback(feedback: Feedback) -> None:
        if feedback.status != "saved" or state["pending"] is None:
            return  # refused: the form keeps what the learner typed
        show_rows(state["pending"])
        if state["adding"]:
            for widget in inputs.values():
                widget.value = ""
        state["pending"], state["adding"] = None, False

    form = widgets.VBox(
        [html_widget(_help_html(spec)), *inputs.values()],
        layout=shared(widgets.Layout, border="1px dashed #d0d7de", padding="0.3em 0.6em"),
    )
    remover = widgets.HBox([remove_menu, remove_button], layout=shared(widgets.Layout))
    return Control(
        widgets.VBox([table, remover, form], layout=shared(widgets.Layout)),
        read,
        write,
        on_submit,
        on_feedback,
        parts={"inputs": inputs, "table": table, "remove_menu": remove_menu, "remove_button": remove_button},
    )


# The answer key ----------------------------------------------------------------------------------

SAMPLE = {
    "text": "An event",
    "long_text": "What happened, in a sentence.",
    "date": "1 November 2022",
    "url": "https://example.org/",
}


def key_answer(exercise: Exercise) -> dict:
    """``min_rows`` valid rows: the example row, with a sample value in any required column it leaves empty."""
    spec: Workspace = exercise.spec
    example = dict(spec.example)
    row = {c.id: example.get(c.id) or _sample(c) for c in spec.columns}
    return {"rows": [dict(row) for _ in range(max(1, spec.min_rows))]}


def _sample(column: Column) -> str:
    """A valid value for a required column; optional ones stay empty (an end date could be before the example's start)."""
    if not column.required:
        return ""
    return column.options[0] if column.kind == "choice" else SAMPLE[column.kind]


def sample_wrong(exercise: Exercise) -> dict:
    """A row whose first column is filled wrongly (too long, or not a date, choice or address)."""
    row = key_answer(exercise)["rows"][0]
    first = exercise.spec.columns[0]
    row[first.id] = {"date": "30 February 2022", "url": "ftp://example.org", "choice": "(not a choice)"}.get(
        first.kind, "x" * (MAX_LENGTH[first.kind] + 1)
    )
    return {"rows": [row]}


def answer_lines(exercise: Exercise, case: Case) -> list[str]:
    spec: Workspace = exercise.spec
    lines = [f"Your own table, saved but not graded: from {spec.min_rows} to {spec.max_rows} rows. The columns:"]
    for c in spec.columns:
        lines.append(
            f"• {c.label}{'' if c.required else ' (optional)'}: {c.help or HOW_TO_WRITE.get(c.kind, 'one of ' + ', '.join(c.options))}"
        )
    return lines


def guide_key(exercise: Exercise, case: Case) -> list[str | KeyTable]:
    """The instructor guide's key: the columns, what each added row is checked for, and the example row."""
    spec: Workspace = exercise.spec
    labels = {c.id: c.label for c in spec.columns}
    checks = [
        "every required column filled",
        *(f"“{c.label}”: {HOW_TO_WRITE[c.kind]}" for c in spec.columns if c.kind in ("date", "url")),
        *(f"“{c.label}”: one of {', '.join(c.options)}" for c in spec.columns if c.kind == "choice"),
        *(f"“{labels[later]}” not before “{labels[earlier]}”" for later, earlier in spec.end_after),
    ]
    lines: list[str | KeyTable] = [
        *answer_lines(exercise, case),
        "What the course checks in each row as it is added (a row that fails is refused, naming its row and column): "
        + "; ".join(checks)
        + ". What a row says is not checked: read the rows with the learner.",
    ]
    if spec.example:
        lines.append(
            KeyTable("The example row the form shows", ("Column", "Example"), tuple((labels[k], v) for k, v in spec.example))
        )
    return lines


register(
    ExerciseType(
        name="workspace",
        required=("columns",),
        optional=("end_after", "min_rows", "max_rows", "example"),
        parse=parse,
        check=check,
        key_answer=key_answer,
        sample_wrong=sample_wrong,
        answer_lines=answer_lines,
        describe=describe,
        control=control,
        check_label="Add row",
        check_tooltip="Add the row in the form to your table (saved at once)",
        show_answer=False,
        graded=False,
        quote_refs=True,
        guide_key=guide_key,
        assessable=False,  # rows are added one at a time: not an answer given once
    )
)
