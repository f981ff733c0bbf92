"""Timelines: the events of a case, from the article and from other records, merged, ordered and charted.

A case folder may hold an ``events.csv`` (schema: :data:`EVENTS`, documented in ``seeds/README.md``):
one row per event, with its first and last day, how precisely the sources date it, what happened in
neutral words, whether the article reports it (``in the article``), leaves it out (``context``) or it
happened after publication (``after publication``), the sentences that mention it and the sources that
date it. The table is checked like the other case files: an impossible date, an end before its start,
an unknown source id or a sentence id the article does not have is named with its file, row and field.

:func:`load_events` reads the table, :func:`merge_events` joins lists of events (for example the case's
and a learner's own) in date order, and two charts show them, each followed by the same data as a table:

- :func:`show_timeline`: every event on a date axis; events the article reports and independent records
  are told apart by colour *and* by marker shape, ranges are drawn as bars from their first to their
  last day, and the hover text names the sources;
- :func:`show_narrative_order`: for the events the article mentions, the paragraph that mentions each
  against the event's date, joined in reading order, so that the text's moves back and forth in time show.

Charts are plotly figure dictionaries (``{"data": [...], "layout": {...}}``; ``go.Figure(spec)`` accepts
them), shown with :func:`helpers.plots.show_figure`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from helpers.article import Case
from helpers.datafiles import split_list
from helpers.plots import AXIS, LIGHT, show_figure
from helpers.schema import Column, Context, Table, date_problem, full_date, load_table, one_of, sentence_id, source_ids
from helpers.time_expressions import find_time_expressions, publication_date

KINDS = ("in the article", "context", "after publication")
PRECISIONS = ("day", "range", "month", "approximate")
# Colour and marker shape per kind: the two differ together, so the kinds stay apart without colour vision.
STYLE = {
    "in the article": {"color": "#0969da", "symbol": "circle", "label": "Reported in the article"},
    "context": {"color": "#9a6700", "symbol": "diamond", "label": "Other records (not reported, or not dated, in the article)"},
    "after publication": {"color": "#8250df", "symbol": "square", "label": "After publication"},
}
_LABEL_WIDTH = 48  # characters of an event's text shown on the chart's axis


def _sentence_ids(value: Any, row: dict, context: Context) -> str | None:
    """Sentence ids of the article, separated by ``;``."""
    for ref in split_list(value):
        message = sentence_id(ref, row, context)
        if message:
            return message
    return None


def _end_not_before_start(value: Any, row: dict, context: Context) -> str | None:
    start = row.get("date", "")
    if date_problem(value) or date_problem(start) or value >= start:
        return None
    return f"the end date {value} is before the start date {start}; write the last day of the event, on or after {start}"


def _precision_fits_dates(rows: list[tuple[int, dict[str, str]]], context: Context) -> list[tuple[int | None, str | None, str]]:
    """A range needs an end date; a day has none (or the same day); a month runs from its first to its last day."""
    problems: list[tuple[int | None, str | None, str]] = []
    for number, row in rows:
        start, end, precision = row.get("date", ""), row.get("end_date", ""), row.get("precision", "")
        if date_problem(start) or (end and date_problem(end)):
            continue  # the date checks have said what is wrong
        if precision == "range" and not end:
            problems.append((number, "end_date", "a range needs its last day here, YYYY-MM-DD"))
        elif precision == "day" and end and end != start:
            problems.append(
                (number, "precision", f"a day has one date, but this row runs to {end}; write range as the precision")
            )
        elif precision == "month":
            first = date.fromisoformat(start)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1]).isoformat()
            if first.day != 1 or end not in ("", last):
                problems.append(
                    (
                        number,
                        "date",
                        f"a month runs from its first day to its last; write {start[:8]}01 and, as the end date, {last}",
                    )
                )
    return problems


def _article_events_cite_sentences(
    rows: list[tuple[int, dict[str, str]]], context: Context
) -> list[tuple[int | None, str | None, str]]:
    return [
        (number, "sentences", "an event in the article needs the ids of the sentences that mention it, e.g. P4.S1")
        for number, row in rows
        if row.get("kind") == "in the article" and not row.get("sentences")
    ]


EVENTS = Table(
    "events.csv",
    (
        Column("date", "the first day it happened, YYYY-MM-DD (for a month, its first day)", checks=(full_date,)),
        Column(
            "end_date",
            "the last day, YYYY-MM-DD, for a range or a month (empty for a single day)",
            required=False,
            checks=(full_date, _end_not_before_start),
        ),
        Column("precision", f"how precisely the sources date it: one of {', '.join(PRECISIONS)}", checks=(one_of(*PRECISIONS),)),
        Column("event", "what happened, in neutral words"),
        Column("kind", f"one of: {', '.join(KINDS)}", checks=(one_of(*KINDS),)),
        Column(
            "sentences",
            "ids of the sentences that mention it, e.g. P4.S1, separated by ;",
            required=False,
            checks=(_sentence_ids,),
        ),
        Column("sources", "ids from sources.csv that date it, separated by ;", checks=(source_ids,)),
        Column("note", "what is uncertain about it, or why it matters", required=False),
    ),
    table_checks=(_precision_fits_dates, _article_events_cite_sentences),
)


@dataclass(frozen=True)
class Event:
    """One event: its first and last day (the same for a day), precision, text, kind, sentences and sources."""

    start: date
    end: date
    precision: str
    event: str
    kind: str
    sentences: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str = ""

    @property
    def paragraph(self) -> str | None:
        """The paragraph of the first sentence that mentions it (``P4`` for ``P4.S1``), or None."""
        return self.sentences[0].split(".")[0] if self.sentences else None

    def when(self) -> str:
        """The date as a reader says it: "20 October 2022", "23–27 September 2022", "around 17 October 2022", "October 2022"."""
        if self.precision == "month":
            return f"{calendar.month_name[self.start.month]} {self.start.year}"
        if self.end == self.start:
            span = _day(self.start)
        elif (self.start.year, self.start.month) == (self.end.year, self.end.month):
            span = f"{self.start.day}–{_day(self.end)}"
        elif self.start.year == self.end.year:
            span = f"{self.start.day} {calendar.month_name[self.start.month]} to {_day(self.end)}"
        else:
            span = f"{_day(self.start)} to {_day(self.end)}"
        return f"around {span}" if self.precision == "approximate" else span


def _day(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def load_events(case: Case) -> list[Event]:
    """The case's ``events.csv``, checked, as events in date order; [] when the case has none."""
    if not (case.folder / EVENTS.file).exists():
        return []
    rows = load_table(EVENTS, case)
    return order_events(
        Event(
            start=date.fromisoformat(row["date"]),
            end=date.fromisoformat(row.get("end_date") or row["date"]),
            precision=row["precision"],
            event=row["event"],
            kind=row["kind"],
            sentences=split_list(row.get("sentences", "")),
            sources=split_list(row["sources"]),
            note=row.get("note", ""),
        )
        for row in rows
    )


def order_events(events) -> list[Event]:
    """Events in date order: by first day, then last day, then the article's before the others."""
    return sorted(events, key=lambda e: (e.start, e.end, KINDS.index(e.kind) if e.kind in KINDS else len(KINDS)))


def merge_events(*lists) -> list[Event]:
    """Several lists of events as one, in date order; an event listed twice (same days and text) is kept once."""
    seen: dict[tuple, Event] = {}
    for events in lists:
        for event in events:
            seen.setdefault((event.start, event.end, event.event.strip().lower()), event)
    return order_events(seen.values())


_FROM_EXPRESSION = {"day": "day", "month": "month", "range": "range", "year": "range", "approximate": "approximate"}


def article_events(case: Case) -> list[Event]:
    """Events as the article dates them, for a case with no ``events.csv`` (e.g. your own article): one per time expression.

    Each resolved time expression (:func:`helpers.time_expressions.time_expressions`) becomes an event
    ``in the article``: its days, the sentence it stands in ("P2.S1 says: …", the article's words, not a fact)
    and, as its note, the words that date it and how they were resolved. Unresolved and invalid
    expressions are left out (the table of time expressions lists them, with why). A starting point to
    check, not a verified timeline: the article is the only source.
    """
    events = []
    published = publication_date(case)
    for found in find_time_expressions(case):
        if found.precision not in _FROM_EXPRESSION or found.resolved_start is None:
            continue
        end = found.resolved_end or found.resolved_start
        since = found.text.split()[0].lower() == "since" and published is not None and end < published
        events.append(
            Event(
                start=found.resolved_start,
                end=published if since else end,  # "since 2022": from 2022 to the time of writing, drawn as a span
                precision="range" if since else _FROM_EXPRESSION[found.precision],
                event=f"{found.sentence} says: {case.passage(found.sentence)}",
                kind="in the article",
                sentences=(found.sentence,),
                note=f"“{found.text}”: {found.reason}",
            )
        )
    return order_events(events)


# --- Tables ----------------------------------------------------------------------------------------


def _sources_of(case: Case) -> dict:
    from helpers.sources import load_sources  # the sources are read only when a table or chart needs them

    return load_sources(case)


def _source_names(sources: dict, ids: tuple[str, ...]) -> str:
    return "; ".join(f"{sources[i].publisher} ({sources[i].date})" if i in sources else i for i in ids)


def events_table(events: list[Event], case: Case) -> pd.DataFrame:
    """The events as a table a learner reads: number, when, precision, what happened, kind, sentences, sources."""
    sources = _sources_of(case)
    return pd.DataFrame(
        [
            {
                "#": number,
                "When": event.when(),
                "Precision": event.precision,
                "What happened": event.event,
                "Kind": event.kind,
                "In the article": ", ".join(event.sentences) or "–",
                "Sources": _source_names(sources, event.sources),
                "Note": event.note or "–",
            }
            for number, event in enumerate(events, start=1)
        ]
    )


# --- Charts ----------------------------------------------------------------------------------------


def _label(number: int, event: Event) -> str:
    text = event.event if len(event.event) <= _LABEL_WIDTH else event.event[: _LABEL_WIDTH - 1].rstrip() + "…"
    return f"{number}. {text}"


def _hover(event: Event, sources: dict) -> str:
    from helpers.markup import esc

    lines = [f"<b>{esc(event.event)}</b>", f"When: {esc(event.when())} ({event.precision})", f"Kind: {event.kind}"]
    if event.sentences:
        lines.append(f"In the article: {', '.join(event.sentences)}")
    lines.append(f"Source: {esc(_source_names(sources, event.sources))}")
    if event.note:
        lines.append(f"Note: {esc(event.note)}")
    return "<br>".join(lines)


def timeline_figure(events: list[Event], case: Case, title: str = "Timeline") -> dict[str, Any]:
    """Every event on a date axis, one row each in date order: a marker for a day, a bar from first to last day for a range.

    One trace per kind, told apart by colour and marker shape; a dotted line marks the publication day.
    Returned as a plotly figure dictionary.
    """
    labels = [_label(n, e) for n, e in enumerate(events, start=1)]
    sources = _sources_of(case)
    traces = []
    for kind, style in STYLE.items():
        xs: list[Any] = []
        ys: list[Any] = []
        texts: list[Any] = []
        for label, event in zip(labels, events, strict=True):
            if event.kind != kind:
                continue
            hover = _hover(event, sources)
            xs += [event.start.isoformat(), event.end.isoformat(), None]  # a day is a bar of length zero: its marker shows
            ys += [label, label, None]
            texts += [hover, hover, None]
        if xs:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": style["label"],
                    "x": xs,
                    "y": ys,
                    "text": texts,
                    "hovertemplate": "%{text}<extra></extra>",
                    "line": {"color": style["color"], "width": 7},
                    "marker": {
                        "color": style["color"],
                        "symbol": style["symbol"],
                        "size": 13,
                        "line": {"color": "white", "width": 1},
                    },
                    "connectgaps": False,
                }
            )
    layout = {
        "template": {"layout": LIGHT},
        "title": {"text": title},
        "xaxis": {"type": "date", "title": {"text": "Date"}, **AXIS},
        "yaxis": {"autorange": "reversed", "categoryorder": "array", "categoryarray": labels, **AXIS},
        "height": 180 + 30 * len(events),
        "margin": {"l": 10, "r": 10, "t": 60, "b": 100},
        "legend": {"orientation": "h", "yref": "container", "y": 0.02, "yanchor": "bottom"},
        "shapes": [_publication_line(case)],
        "annotations": [_publication_note(case)],
    }
    return {"data": traces, "layout": layout}


def _publication_line(case: Case) -> dict[str, Any]:
    day = case.published.isoformat()
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": day,
        "x1": day,
        "y0": 0,
        "y1": 1,
        "line": {"dash": "dot", "color": "#57606a"},
    }


def _publication_note(case: Case) -> dict[str, Any]:
    return {
        "xref": "x",
        "yref": "paper",
        "x": case.published.isoformat(),
        "y": 1,
        "yanchor": "bottom",
        "text": f"Published {_day(case.published)}",
        "showarrow": False,
        "font": {"color": "#57606a"},
    }


def show_timeline(
    case: Case, events: list[Event] | None = None, title: str | None = None, kinds: tuple[str, ...] = KINDS
) -> None:
    """Show the timeline chart of the case's events (or of ``events``) of the given kinds, followed by the same events as a table."""
    events = [e for e in (load_events(case) if events is None else events) if e.kind in kinds]
    title = title or f"Timeline: {len(events)} events around the article of {_day(case.published)}"
    show_figure(timeline_figure(events, case, title), events_table(events, case), title)


def narrative_rows(events: list[Event]) -> list[tuple[int, str, Event]]:
    """The events the article mentions, in reading order: (paragraph number, first sentence id, event)."""
    rows = [(int(e.paragraph[1:]), e.sentences[0], e) for e in events if e.kind == "in the article" and e.paragraph]
    return sorted(rows, key=lambda row: (row[0], tuple(int(p) for p in row[1][1:].replace("S", "").split("."))))


def narrative_figure(events: list[Event], case: Case, title: str = "Where the article tells each event") -> dict[str, Any]:
    """Paragraph (down the page) against the event's date, points joined in reading order. A plotly figure dictionary."""
    rows = narrative_rows(events)
    style = STYLE["in the article"]
    trace = {
        "type": "scatter",
        "mode": "lines+markers+text",
        "name": "Events in reading order",
        "x": [e.start.isoformat() for _, _, e in rows],
        "y": [paragraph for paragraph, _, _ in rows],
        "text": [f"P{paragraph}" for paragraph, _, _ in rows],
        "textposition": "middle right",
        "customdata": [f"{sentence}: {e.event} ({e.when()})" for _, sentence, e in rows],
        "hovertemplate": "%{customdata}<extra></extra>",
        "line": {"color": style["color"], "width": 1.5, "dash": "dot"},
        "marker": {"color": style["color"], "symbol": style["symbol"], "size": 12},
    }
    layout = {
        "template": {"layout": LIGHT},
        "title": {"text": title},
        "xaxis": {"type": "date", "title": {"text": "Date of the event"}, **AXIS},
        "yaxis": {"title": {"text": "Paragraph (reading order, top to bottom)"}, "autorange": "reversed", "dtick": 1, **AXIS},
        "height": 420,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 60},
        "showlegend": False,
        "shapes": [_publication_line(case)],
        "annotations": [_publication_note(case)],
    }
    return {"data": [trace], "layout": layout}


def narrative_table(events: list[Event]) -> pd.DataFrame:
    """The narrative chart as a table: reading order, paragraph, sentence, the event's date, what happened."""
    return pd.DataFrame(
        [
            {
                "Reading order": n,
                "Paragraph": f"P{paragraph}",
                "Sentence": sentence,
                "Event date": e.when(),
                "What happened": e.event,
            }
            for n, (paragraph, sentence, e) in enumerate(narrative_rows(events), start=1)
        ]
    )


def show_narrative_order(case: Case, events: list[Event] | None = None) -> None:
    """Show where in the text each of the article's events is told against when it happened, and the same as a table."""
    events = load_events(case) if events is None else events
    title = "Where the article tells each event (paragraph) against when it happened"
    show_figure(narrative_figure(events, case, title), narrative_table(events), title)
