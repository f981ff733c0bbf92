"""Timelines (helpers.timeline) on the seed and on a made-up article: events.csv checked, merged, ordered, charted.

The made-up case tests/cases/coast-storm-2023 goes through the same helpers, proving nothing is specific to the seed.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from unittest import mock

import plotly.graph_objects as go
import pytest

from helpers.article import load_case
from helpers.casefolder import validate_case
from helpers.datafiles import DataFileError
from helpers.time_expressions import time_expressions
from helpers.timeline import (
    STYLE,
    Event,
    events_table,
    load_events,
    merge_events,
    narrative_figure,
    narrative_table,
    show_narrative_order,
    show_timeline,
    timeline_figure,
)

MADE_UP = Path(__file__).parent / "cases" / "coast-storm-2023"


@pytest.fixture
def made_up():
    return load_case(MADE_UP)


@pytest.fixture
def made_up_copy(tmp_path):
    target = tmp_path / MADE_UP.name
    shutil.copytree(MADE_UP, target)
    return target


# --- Reading events.csv ------------------------------------------------------------------------------


def test_seed_events_are_read_in_date_order_with_their_precision(case):
    events = load_events(case)
    assert [e.start for e in events] == sorted(e.start for e in events)
    assert {e.kind for e in events} == {"in the article", "context", "after publication"}
    votes = next(e for e in events if e.event.startswith("“Referendums”"))
    assert (votes.start, votes.end, votes.precision, votes.when()) == (
        date(2022, 9, 23),
        date(2022, 9, 27),
        "range",
        "23–27 September 2022",
    )
    matlock = next(e for e in events if "Matlock" in e.event)
    assert matlock.precision == "approximate" and matlock.when() == "around 17 October 2022"
    talks = next(e for e in events if e.start == case.published)
    assert "not confirmed" in talks.note and talks.sentences[0] == "P1.S1"


def test_every_explicit_date_in_the_seed_is_an_event_of_its_sentence(case):
    """The time expressions the helper finds in the article are all on the timeline, at the date it resolves them to."""
    found = time_expressions(case)
    dated = found[found.precision == "day"]
    events = [e for e in load_events(case) if e.kind == "in the article"]
    for row in dated.itertuples():
        if row.resolved_start == case.published:
            continue  # the announcement's own day: the talks, listed under P1.S1
        assert any(e.start == row.resolved_start and row.sentence in e.sentences for e in events), row


def test_made_up_events_are_read(made_up):
    events = load_events(made_up)
    assert len(events) == 8 and events[0].start == date(2021, 1, 14)
    budget = next(e for e in events if "budget" in e.event)
    assert (budget.start, budget.end, budget.when()) == (date(2022, 3, 1), date(2022, 3, 31), "March 2022")
    assert next(e for e in events if e.kind == "context").when() == "26–27 December 2022"


def test_a_case_without_events_has_an_empty_timeline(tmp_path):
    other = load_case(Path(__file__).parent / "cases" / "port-strike-2021")
    assert not (other.folder / "events.csv").exists() and load_events(other) == []


def test_when_says_the_date_as_a_reader_would():
    def event(start, end, precision="range"):
        return Event(start, end, precision, "x", "context")

    assert event(date(2022, 10, 26), date(2022, 11, 1)).when() == "26 October to 1 November 2022"
    assert event(date(2022, 12, 28), date(2023, 1, 2)).when() == "28 December 2022 to 2 January 2023"
    assert event(date(2022, 10, 1), date(2022, 10, 1), "day").when() == "1 October 2022"


# --- Bad events.csv: each problem named with file, row and field ------------------------------------------

HEADER = "date,end_date,precision,event,kind,sentences,sources,note\n"
GOOD = "2022-12-28,,day,The storm floods the coast road,in the article,P1.S1,courier-item,\n"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("2022-02-30,,day,A day that does not exist,context,,courier-item,\n", "date", "'2022-02-30' is not a real date"),
        ("28/12/2022,,day,A date in another form,context,,courier-item,\n", "date", "is not a date written YYYY-MM-DD"),
        (
            "2022-12-28,2022-12-20,range,Ends before it starts,context,,courier-item,\n",
            "end_date",
            "the end date 2022-12-20 is before the start date 2022-12-28",
        ),
        (
            "2022-12-28,,day,Cited to nothing,context,,courier-itme,\n",
            "sources",
            "source 'courier-itme' (did you mean 'courier-item'?) is not in sources.csv",
        ),
        (
            "2022-12-28,,day,Not in the text,in the article,P1.S1;P9.S4,courier-item,\n",
            "sentences",
            "'P9.S4' is not a sentence id of the article",
        ),
        ("2022-12-28,,day,Reported but unplaced,in the article,,courier-item,\n", "sentences", "needs the ids of the sentences"),
        ("2022-12-26,,range,A range with no end,context,,courier-item,\n", "end_date", "a range needs its last day"),
        ("2022-12-26,2022-12-27,day,A day of two days,context,,courier-item,\n", "precision", "write range as the precision"),
        ("2022-03-05,2022-03-31,month,A month from the 5th,context,,courier-item,\n", "date", "a month runs from its first day"),
        ("2022-12-28,,exact,A made-up precision,context,,courier-item,\n", "precision", "'exact' is not allowed"),
        ("2022-12-28,,day,A made-up kind,rumour,,courier-item,\n", "kind", "'rumour' is not allowed"),
    ],
)
def test_bad_events_file_names_file_row_field_and_what_to_write(made_up_copy, row, field, message):
    (made_up_copy / "events.csv").write_text(HEADER + GOOD + row, encoding="utf-8")
    problems = validate_case(made_up_copy)
    assert [(p.path.name, p.row, p.field) for p in problems] == [("events.csv", 3, field)], problems
    assert message in problems[0].message
    with pytest.raises(DataFileError, match=rf"events\.csv, row 3, field '{field}'"):
        load_events(load_case(made_up_copy))


def test_every_problem_is_listed_at_once(made_up_copy):
    bad = "2022-02-30,,day,x,context,,nobody,\n2022-12-28,2022-12-01,range,y,in the article,,courier-item,\n"
    (made_up_copy / "events.csv").write_text(HEADER + bad, encoding="utf-8")
    fields = sorted((p.row, p.field) for p in validate_case(made_up_copy))
    assert fields == [(2, "date"), (2, "sources"), (3, "end_date"), (3, "sentences")]


def test_events_file_with_a_missing_column_says_which(made_up_copy):
    (made_up_copy / "events.csv").write_text("date,precision,event,kind,sources\n2022-12-28,day,x,context,courier-item\n")
    assert validate_case(made_up_copy) == []  # end_date, sentences and note are optional
    (made_up_copy / "events.csv").write_text("date,precision,event,sources\n2022-12-28,day,x,courier-item\n")
    problems = validate_case(made_up_copy)
    assert problems and "kind" in problems[0].message


# --- Merging and ordering ---------------------------------------------------------------------------


def test_merge_orders_by_date_and_keeps_an_event_listed_twice_once(made_up):
    events = load_events(made_up)
    mine = [Event(date(2022, 12, 29), date(2022, 12, 29), "day", "A learner's event", "context", (), ("courier-item",))]
    merged = merge_events(events, mine, [events[0]])
    assert len(merged) == len(events) + 1
    assert [e.start for e in merged] == sorted(e.start for e in merged)
    assert merged.index(mine[0]) == [e.start for e in merged].index(date(2022, 12, 29))


def test_same_day_events_put_the_articles_first():
    later = Event(date(2022, 9, 30), date(2022, 9, 30), "day", "b", "context")
    article = Event(date(2022, 9, 30), date(2022, 9, 30), "day", "a", "in the article")
    assert merge_events([later, article]) == [article, later]


# --- Charts and their tables --------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seed", "made_up"])
def test_timeline_is_a_valid_plotly_figure_with_kinds_apart_by_colour_and_shape(which, case, made_up):
    chosen = case if which == "seed" else made_up
    events = load_events(chosen)
    spec = timeline_figure(events, chosen)
    go.Figure(spec)  # plotly accepts it: raises on any property it does not know
    traces = {t["name"]: t for t in spec["data"]}
    assert set(traces) == {s["label"] for s in STYLE.values()}
    assert len({t["marker"]["color"] for t in traces.values()}) == 3
    assert len({t["marker"]["symbol"] for t in traces.values()}) == 3
    points = sum(len([x for x in t["x"] if x]) for t in traces.values())
    assert points == 2 * len(events), "each event is drawn from its first to its last day"
    assert spec["layout"]["shapes"][0]["x0"] == chosen.published.isoformat()


def test_ranges_are_drawn_as_ranges_and_hover_names_the_source(case):
    spec = timeline_figure(load_events(case), case)
    context = next(t for t in spec["data"] if t["name"] == STYLE["context"]["label"])
    index = next(i for i, y in enumerate(context["y"]) if y and "Referendums" in y)
    assert context["x"][index : index + 2] == ["2022-09-23", "2022-09-27"]
    assert "United Nations" in context["text"][index] and "23–27 September 2022 (range)" in context["text"][index]
    article = next(t for t in spec["data"] if t["name"] == STYLE["in the article"]["label"])
    assert any("Responsible Statecraft" in (t or "") and "around 17 October 2022" in t for t in article["text"])


def test_hover_text_escapes_the_event_text(made_up_copy):
    (made_up_copy / "events.csv").write_text(HEADER + "2022-12-28,,day,<b>bold</b> & more,in the article,P1.S1,courier-item,\n")
    case = load_case(made_up_copy)
    hover = timeline_figure(load_events(case), case)["data"][0]["text"][0]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in hover


def test_show_timeline_shows_the_chart_and_every_event_in_a_table(case):
    with mock.patch("helpers.plots.display") as shown:
        show_timeline(case)
    chart, table = (call.args[0] for call in shown.call_args_list)
    assert "application/vnd.plotly.v1+json" in chart and "table below" in chart["text/plain"]
    html = table.data
    assert "<caption>Timeline: 13 events" in html and "23–27 September 2022" in html
    assert "Responsible Statecraft" in html and "around 17 October 2022" in html
    assert html.count("<tr") == 14  # the header and one row per event


def test_narrative_order_moves_back_in_time_down_the_seed(case):
    events = load_events(case)
    table = narrative_table(events)
    assert table["Paragraph"].tolist() == ["P1", "P4", "P5", "P6", "P7", "P8"]
    spec = narrative_figure(events, case)
    go.Figure(spec)
    dates = spec["data"][0]["x"]
    assert dates[0] == "2022-11-01" and dates == sorted(dates, reverse=True), "news first, background last"
    assert spec["layout"]["yaxis"]["autorange"] == "reversed"


def test_narrative_order_on_the_made_up_article(made_up):
    table = narrative_table(load_events(made_up))
    assert table["Sentence"].tolist() == ["P1.S1", "P2.S1", "P2.S2", "P3.S1", "P4.S1", "P5.S1"]
    assert "after publication" not in " ".join(table["What happened"])


def test_show_narrative_order_shows_chart_and_table(made_up):
    with mock.patch("helpers.plots.display") as shown:
        show_narrative_order(made_up)
    chart, table = (call.args[0] for call in shown.call_args_list)
    assert chart["application/vnd.plotly.v1+json"]["data"][0]["text"][0] == "P1"
    assert "Crews reopen the western lane" in table.data


def test_events_table_reads_like_the_chart(made_up):
    table = events_table(load_events(made_up), made_up)
    assert table.columns.tolist() == ["#", "When", "Precision", "What happened", "Kind", "In the article", "Sources", "Note"]
    assert table.iloc[3]["Sources"] == "The Coast Weather Service (2022-12-26)"


def test_show_timeline_can_leave_out_what_came_after_publication(case):
    with mock.patch("helpers.plots.display") as shown:
        show_timeline(case, kinds=("in the article", "context"))
    chart, table = (call.args[0] for call in shown.call_args_list)
    names = [t["name"] for t in chart["application/vnd.plotly.v1+json"]["data"]]
    assert names == [STYLE["in the article"]["label"], STYLE["context"]["label"]]
    assert "11 events" in table.data and "Kherson city" not in table.data


def test_lesson_02_stays_within_its_time():
    """The exercise minutes in the headings add up to the overview's figure, and the lesson to 45–60 minutes."""
    import re

    import nbformat

    nb = nbformat.read(Path(__file__).parent.parent / "lessons" / "02-timeline-construction.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    minutes = [int(m) for m in re.findall(r"^### Exercise \d+: .*\((\d+) minutes?\)", markdown, flags=re.M)]
    shown = re.findall(r'show\("([a-z0-9-]+)", case\)', "\n".join(c.source for c in nb.cells if c.cell_type == "code"))
    assert len(minutes) == len(shown) == 10
    teaching, exercises = map(int, re.search(r"Teaching: (\d+) minutes\. Exercises: (\d+) minutes\.", markdown).groups())
    assert sum(minutes) == exercises and 45 <= teaching + exercises <= 60


# --- Lesson 02's content against its records ---------------------------------------------------------

EXERCISES_02 = Path(__file__).parent.parent / "seeds" / "medvedev-zimbabwe-2022" / "exercises" / "02-timeline-construction.json"


def _exercise_02(exercise_id: str) -> dict:
    import json

    exercises = json.loads(EXERCISES_02.read_text(encoding="utf-8"))["exercises"]
    return next(e for e in exercises if e["id"] == exercise_id)


def test_narrative_pattern_key_is_true_of_the_chart(case):
    """Paragraphs that tell the same day stay level on the chart (P4 and P5: 20 October), so the keyed answer
    may say the article never moves forward, but not that every paragraph goes further back."""
    dates = narrative_figure(load_events(case), case)["data"][0]["x"]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) < len(dates)
    keyed = next(o for o in _exercise_02("narrative-pattern")["options"] if o.get("correct"))
    assert "never forward" in keyed["text"] and "further back" not in keyed["text"]


def test_zimbabwes_march_statement_is_not_pinned_on_one_minister(case):
    """Reports differ on who made Zimbabwe's statement of 3 March 2022 (Shava or acting minister Murwira): the
    event cites both, and no learner-facing text says in our voice that "its foreign minister" said it."""
    march = next(e for e in load_events(case) if e.start == date(2022, 3, 2))
    assert {"teamzimbabwe-es-11-1", "insiderzim-es-11-1"} <= set(march.sources)
    assert "Shava" in march.note and "Murwira" in march.note
    exercise = _exercise_02("balanced-approach-reading")
    texts = [exercise["model_answer"], *(level["sample"] for level in exercise["levels"])]
    notes = "\n".join(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "instructors").rglob("*.md")))
    for text in [*texts, notes]:
        assert "foreign minister said" not in text and "its foreign minister" not in text


def test_withdrawal_is_dated_as_its_source_reports_it(case):
    """The Kyiv Independent dates the order (9 November) and the completion (11 November, by Russia's defence
    ministry): the event says who said each, as the lesson's text does."""
    (withdrawal,) = [e for e in load_events(case) if e.kind == "after publication" and e.end != e.start]
    assert (withdrawal.start, withdrawal.end) == (date(2022, 11, 9), date(2022, 11, 11))
    assert "declared complete by Russia's defence ministry on 11 November" in withdrawal.event


def test_at_the_same_time_key_does_not_say_the_article_dates_it():
    """The article leaves 'At the same time' open (a reader can take it for 1 November, as the helper's reason
    says): the keyed answer rests the date on the report of 20 October, not on what the article implies."""
    keyed = next(o for o in _exercise_02("at-the-same-time")["options"] if o.get("correct"))
    assert keyed["text"].startswith("Around 20 October 2022") and "implies" not in keyed["text"]
    assert "reported his words on 20 October" in keyed["text"] and "gives no date" in keyed["text"]
