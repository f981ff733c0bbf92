"""Sources: the citations behind every contextual fact, and the source cards learners read laterally.

Each case folder has a ``sources.csv`` (schema in ``seeds/README.md``): one row per source with its
publisher, title, date, URL, kind and a neutral summary of what it says. Other data files point at
sources by id, and :func:`check_source_ids` makes sure every such id exists. Lessons run offline, so
a source card shows what the source says; learners with a connection can open the URL and check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from IPython.display import HTML, display

from helpers.article import Case
from helpers.datafiles import DataFileError, read_csv, split_list
from helpers.markup import esc

KINDS = ("primary record", "news report", "rating or reference", "research", "aggregator copy", "teaching framework")
COLUMNS = ("id", "kind", "publisher", "title", "date", "url", "language", "summary")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|n\.d\.")  # n.d.: an undated page (say so in the note)
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


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


def load_sources(case: Case) -> dict[str, Source]:
    """Read and validate the case's ``sources.csv``; return the sources by id."""
    path = case.folder / "sources.csv"
    sources: dict[str, Source] = {}
    for number, row in enumerate(read_csv(path, COLUMNS, optional=("note",)), start=2):
        if not _ID.fullmatch(row["id"]):
            raise DataFileError(path, f"ids are lower-case words joined by hyphens, not {row['id']!r}", row=number, field="id")
        if row["id"] in sources:
            raise DataFileError(path, f"the id {row['id']!r} is already used", row=number, field="id")
        if row["kind"] not in KINDS:
            raise DataFileError(path, f"kind must be one of: {', '.join(KINDS)}", row=number, field="kind")
        if not _DATE.fullmatch(row["date"]):
            raise DataFileError(
                path, "dates are written YYYY-MM-DD (or YYYY-MM, or YYYY; n.d. for an undated page)", row=number, field="date"
            )
        if row["date"] == "n.d." and not row.get("note"):
            raise DataFileError(path, "an undated source (n.d.) needs a note saying so", row=number, field="note")
        if not row["url"].startswith(("https://", "http://")):
            raise DataFileError(path, "the URL must start with https:// or http://", row=number, field="url")
        sources[row["id"]] = Source(**row) if "note" in row else Source(**row, note="")
    return sources


def check_source_ids(case: Case, cell: str, path, row: int, field: str = "sources") -> tuple[str, ...]:
    """Split a semicolon-separated list of source ids and check that each is in ``sources.csv``."""
    ids = split_list(cell)
    known = load_sources(case)
    for source_id in ids:
        if source_id not in known:
            raise DataFileError(path, f"source {source_id!r} is not in sources.csv", row=row, field=field)
    return ids


def citations_html(case: Case, ids: tuple[str, ...] | list[str]) -> str:
    """A short list of citations for the given source ids, as HTML."""
    sources = load_sources(case)
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
