"""Sources: the citations behind every contextual fact, and the source cards learners read laterally.

Each case folder has a ``sources.csv`` (schema in ``seeds/README.md``): one row per source with its
publisher, title, date, URL, kind and a neutral summary of what it says. Other data files point at
sources by id, and :func:`check_source_ids` makes sure every such id exists. Lessons run offline, so
a source card shows what the source says; learners with a connection can open the URL and check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML, display

from helpers.article import Case
from helpers.datafiles import DataFileError, contents_key, split_list
from helpers.markup import esc
from helpers.schema import (
    KEBAB_ID,
    Column,
    Context,
    Table,
    check_table,
    date_problem,
    language_code,
    load_table,
    matches,
    one_of,
    unknown_sources,
    url,
)

KINDS = (
    "primary record",
    "press release",  # an institution's own account, for information; not its official record
    "news report",
    "rating or reference",
    "research",
    "aggregator copy",
    "teaching framework",
)
COLUMNS = ("id", "kind", "publisher", "title", "date", "url", "language", "summary")
_PARTIAL_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


def _source_date(value: str, row: dict, context: Context) -> str | None:
    """YYYY-MM-DD, or YYYY-MM or YYYY when that is all the source shows, or n.d. for an undated page."""
    if value == "n.d." or _PARTIAL_DATE.fullmatch(value):
        return None
    problem = date_problem(value)
    if problem and len(value) != 10:
        return f"{value!r} is not a date; write YYYY-MM-DD (or YYYY-MM, or YYYY when that is all the source shows; n.d. for an undated page)"
    return problem


def _undated_needs_note(rows: list, context: Context) -> list:
    return [
        (number, "note", "an undated source (n.d.) needs a note saying so, e.g. 'The page shows no date.'")
        for number, row in rows
        if row.get("date") == "n.d." and not row.get("note")
    ]


SOURCES = Table(
    "sources.csv",
    (
        Column(
            "id",
            "an id of lower-case words joined by hyphens, e.g. un-ga-12458",
            checks=(matches(KEBAB_ID, "an id of lower-case words joined by hyphens; write e.g. un-ga-12458"),),
            unique=True,
        ),
        Column("kind", f"one of: {', '.join(KINDS)}", checks=(one_of(*KINDS),)),
        Column("publisher", "who published it"),
        Column("title", "its exact title"),
        Column("date", "its date, YYYY-MM-DD (or YYYY-MM, YYYY, or n.d. for an undated page)", checks=(_source_date,)),
        Column("url", "its address, https://…", checks=(url,)),
        Column("language", "its language code, e.g. en", checks=(language_code,)),
        Column("summary", "what it says that the course relies on, neutrally"),
        Column("note", "caveats", required=False),
    ),
    table_checks=(_undated_needs_note,),
    required_file=True,
)


@dataclass(frozen=True)
class Source:
    """One source: who published what, when, where, and what it says."""

    id: str
    kind: str
    publisher: str
    title: str
    date: str
    url: str
    language: str
    summary: str
    note: str = ""

    def citation(self) -> str:
        """A one-line citation: publisher, title, date, URL."""
        return f"{self.publisher}, “{self.title}”, {self.date}. {self.url}"


_LOADED: dict[Path, tuple[tuple, dict[str, Source]]] = {}  # case folder: (sources.csv's contents, its sources)


def load_sources(case: Case) -> dict[str, Source]:
    """Read and validate the case's ``sources.csv``; return the sources by id.

    A lesson cites sources in many cells: the file is read and checked again only when it has changed.
    """
    contents = contents_key([case.folder / SOURCES.file])
    cached = _LOADED.get(case.folder)
    if cached is None or cached[0] != contents:
        rows = load_table(SOURCES, case, Context(case=case, folder=case.folder))
        sources = {row["id"]: Source(**{name: row.get(name, "") for name in (*COLUMNS, "note")}) for row in rows}
        cached = _LOADED[case.folder] = (contents, sources)
    return dict(cached[1])


def source_ids_of(folder: Path) -> frozenset[str] | None:
    """The ids in a case folder's ``sources.csv``, or None if the file is missing or its header is wrong."""
    rows, problems = check_table(SOURCES, folder, Context(folder=folder))
    if any(p.row in (None, 1) for p in problems):
        return None
    return frozenset(row["id"] for row in rows if row["id"])


def check_source_ids(case: Case, cell: str, path, row: int, field: str = "sources") -> tuple[str, ...]:
    """Split a semicolon-separated list of source ids and check that each is in ``sources.csv``."""
    ids = split_list(cell)
    message = unknown_sources(ids, Context(source_ids=frozenset(load_sources(case))))
    if message:
        raise DataFileError(path, message, row=row, field=field)
    return ids


def citations_html(case: Case, ids: tuple[str, ...] | list[str]) -> str:
    """A short list of citations for the given source ids, as HTML."""
    sources = load_sources(case)
    unknown = [i for i in ids if i not in sources]
    if unknown:
        raise DataFileError(case.folder / "sources.csv", f"no row for the cited source(s) {', '.join(unknown)}; add them")
    items = "".join(f"<li>{_link(sources[i])}</li>" for i in ids)
    return f'<ul class="ml-citations">{items}</ul>'


def card_html(source: Source, number: int | None = None) -> str:
    """One source card: what a learner reading laterally needs to judge the source."""
    heading = f"Card {number}: " if number is not None else ""
    note = f"<p><small>Note: {esc(source.note)}</small></p>" if source.note else ""
    return (
        f'<div class="ml-card" style="border:1px solid #d0d7de;border-radius:6px;padding:0.5em 1em;margin:0.5em 0;max-width:46em">'
        f"<p><strong>{esc(heading)}{esc(source.publisher)}</strong> · <em>{esc(source.kind)}</em> · {esc(source.date)}</p>"
        f"<p>{_link(source)}</p><p>{esc(source.summary)}</p>{note}</div>"
    )


def show_cards(case: Case, ids: tuple[str, ...] | list[str] | None = None) -> None:
    """Display source cards (all of the case's sources if no ids are given), numbered in order."""
    sources = load_sources(case)
    chosen = list(ids) if ids is not None else list(sources)
    display(HTML("".join(card_html(sources[i], n) for n, i in enumerate(chosen, start=1))))


def _link(source: Source) -> str:
    return f'{esc(source.publisher)}, “<a href="{esc(source.url)}" target="_blank" rel="noopener">{esc(source.title)}</a>”, {esc(source.date)}'


def case_card_html(case: Case) -> str:
    """What is known about where the case's text comes from, with how sure we are and the sources."""
    meta = case.meta
    message = unknown_sources(meta.get("origin_sources", []), Context(source_ids=frozenset(load_sources(case))))
    if message:
        raise DataFileError(case.folder / "case.json", message, row="top level", field="origin_sources")
    confidence = meta.get("origin_confidence", {})
    claims = "".join(f"<li>{esc(key.replace('_', ' '))}: <strong>{esc(level)}</strong></li>" for key, level in confidence.items())
    rows = [
        ("Text", meta["title"]),
        ("Published", f"{meta['published']}" + (f" by {meta['published_by']}" if meta.get("published_by") else "")),
        (
            "Language",
            meta["language"] + (f" (translated from {meta['original_language']})" if meta.get("original_language") else ""),
        ),
        ("Where it comes from", meta["origin"]),
        *([("Address", meta["url"])] if meta.get("url") else []),
        *([("Licence", meta["licence"])] if meta.get("licence") else []),
    ]
    body = "".join(
        f'<tr><th scope="row" style="text-align:left;vertical-align:top">{esc(k)}</th><td style="text-align:left">{esc(v)}</td></tr>'
        for k, v in rows
    )
    return (
        f'<div class="ml-case-card" style="max-width:46em"><table>{body}</table>'
        + (f"<p>How sure we are of each part:</p><ul>{claims}</ul>" if claims else "")
        + (f"<p>Sources:</p>{citations_html(case, meta.get('origin_sources', []))}" if meta.get("origin_sources") else "")
        + "</div>"
    )


def show_case_card(case: Case) -> None:
    """Display the case card: the text's origin, how sure we are, and the sources."""
    display(HTML(case_card_html(case)))
