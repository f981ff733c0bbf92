"""The class dashboard: a folder of hand-ins (good, broken, duplicated) read into the right counts, answers and gains."""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
from datetime import datetime, timedelta, timezone
from unittest import mock

import pytest

from helpers import class_dashboard as dash
from helpers.example_hand_ins import BROKEN_KINDS, write_example_hand_ins
from helpers.exercises import key_answer, load_exercises
from helpers.hand_in import OPENING, hand_in_data, script_block

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


def seen(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def write(folder, case, name: str, learner: str, records: dict, minutes: int = 0, exercises=None, **changes) -> None:
    """A hand-in file for these records (exercise id: record), exported at T0 + minutes."""
    exercises = exercises or list(load_exercises(case).values())
    keyed = {f"{case.id}/{exercise_id}": record for exercise_id, record in records.items()}
    data = hand_in_data(case, exercises, keyed, learner, T0 + timedelta(minutes=minutes))
    data.update(changes)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!DOCTYPE html><html><body><h1>My work</h1>{script_block(data)}</body></html>", encoding="utf-8")


def keep(shown: list):
    """A stand-in for IPython's display that keeps what is shown."""
    return lambda obj, **_options: shown.append(obj)


def graded(status: str, answer, score: float | None = None, **more) -> dict:
    score = {"right": 1.0, "wrong": 0.0}.get(status, 0.5) if score is None else score
    return {"status": status, "score": score, "answer": answer, "attempts": 1, "hints_used": 0, "revealed": False, **more}


@pytest.fixture
def small_class(tmp_path, case):
    """Five learners: text-type right, right, transcript, transcript, opinion; clue-translation in two orders; a short answer."""
    folder = tmp_path / "hand-ins"
    key = key_answer(load_exercises(case)["clue-translation"])
    write(
        folder,
        case,
        "a.html",
        "A",
        {"text-type": graded("right", "relayed-statements"), "clue-translation": graded("partial", key[:2])},
    )
    write(folder, case, "b.html", "B", {"text-type": graded("right", "relayed-statements", attempts=3, hints_used=2)})
    write(
        folder,
        case,
        "c.html",
        "C",
        {
            "text-type": graded("wrong", "transcript", attempts=4, revealed=True),
            "clue-translation": graded("partial", key[1::-1]),
            "announcement-date": graded("wrong", "My secret <b>typed</b> answer"),
        },
    )
    write(folder, case, "d.html", "D", {"text-type": graded("wrong", "transcript")})
    write(folder, case, "sub/e.html", "", {"text-type": graded("wrong", "opinion-column")})
    return dash.read_class(folder, case)


def test_counts_and_shares_per_exercise_on_a_known_class(small_class):
    assert small_class.learners == 5 and small_class.skipped == ()
    table = dash.results_table(small_class).set_index("exercise")
    row = table.loc["text-type"]
    assert (row["right"], row["not yet right"], row["partly right"], row["not attempted"], row["% right"]) == (2, 3, 0, 0, 40.0)
    row = table.loc["clue-translation"]
    assert (row["partly right"], row["not attempted"], row["% not attempted"]) == (2, 3, 60.0)
    assert table.loc["stop-first-reaction", "not attempted"] == 5
    assert list(table.index[:2]) == ["text-type", "announcement-date"], "in the course's order"


def test_the_most_common_wrong_answers_in_words(small_class):
    table = dash.wrong_answers_table(small_class)
    text_type = table[table["exercise"] == "text-type"]
    assert text_type["answer"].tolist() == [
        "An official transcript of the talks between the two politicians",
        "An opinion column in which a named author argues a case",
    ]
    assert text_type["learners"].tolist() == [2, 1] and set(text_type["result"]) == {"not yet right"}
    clue = table[table["exercise"] == "clue-translation"]
    assert clue["learners"].tolist() == [2], "the same boxes ticked in another order are one answer"
    assert "transcript" not in " ".join(clue["answer"]) and "P1.S2" in clue["answer"].iloc[0]
    assert dash.wrong_answers_table(small_class, top=1)["exercise"].tolist().count("text-type") == 1


def test_no_learner_text_or_id_is_shown_unless_asked(small_class):
    typed = dash.wrong_answers_table(small_class)
    assert typed.loc[typed["exercise"] == "announcement-date", "answer"].tolist() == [dash.HIDDEN_TEXT]
    shown = []
    with mock.patch("helpers.class_dashboard.display", keep(shown)), mock.patch("helpers.plots.display", keep(shown)):
        dash.show_summary(small_class)
        dash.show_wrong_answers(small_class)
        dash.show_learners(small_class)
        dash.show_written_answers(small_class, "announcement-date")
        dash.show_results(small_class)
        dash.show_effort(small_class)
        dash.show_skipped(small_class)
    everything = " ".join(str(getattr(item, "data", item)) for item in shown)
    assert "secret" not in everything and "a.html" not in everything
    assert not re.search(r"<td>[ABCD]</td>|learner id [ABCD]\b", everything)
    assert "learner 1" in everything and "1 learner(s) answered" in everything and "show_text=True" in everything

    asked = dash.wrong_answers_table(small_class, show_text=True)
    assert "My secret <b>typed</b> answer" in asked["answer"].tolist()
    with mock.patch("helpers.class_dashboard.display", keep(shown)):
        dash.show_written_answers(small_class, "announcement-date", show_text=True, show_ids=True)
        dash.show_learners(small_class, show_ids=True)
    assert "My secret &lt;b&gt;typed&lt;/b&gt; answer" in shown[-2].data and "<b>typed" not in shown[-2].data
    assert "<td>C</td>" in shown[-2].data and "<td>(no id)</td>" in shown[-1].data and "sub/e.html" in shown[-1].data


def test_attempts_and_hints(small_class):
    row = dash.effort_table(small_class).set_index("exercise").loc["text-type"]
    assert (row["answered"], row["mean attempts"], row["mean hints used"], row["used a hint"], row["answer shown"]) == (
        5,
        2.0,
        0.4,
        1,
        1,
    )


def test_gains_per_skill_over_learners_who_did_both(tmp_path, case, monkeypatch):
    import helpers.hand_in

    # Every verdict is written here, as for learners who have finished the post-assessment (the export leaves a pre
    # verdict out until then).
    monkeypatch.setattr(helpers.hand_in, "verdict_shown", lambda *_: True)
    who, dates, written = (
        "source evaluation: who is behind the text",
        "timeline construction: resolving a date",
        "claim tracing: judging evidence (written)",
    )
    ticked = {"text": "Because…", "ticked": [0]}
    exercises = list(load_exercises(case).values())
    renamed = [dataclasses.replace(e, skill="<b>Jane</b>") if e.id == "pre-who-is-behind" else e for e in exercises]
    folder = tmp_path / "hand-ins"
    one = {
        "pre-who-is-behind": graded("wrong", "x"),
        "post-who-is-behind": graded("right", "y"),
        "pre-explain-evidence": graded("saved", ticked, 0.25),
        "post-explain-evidence": graded("saved", ticked, 0.75),
    }
    write(folder, case, "1.html", "one", one, exercises=renamed)  # a skill changed in the file does not count
    two = {
        "pre-who-is-behind": graded("partial", "x"),
        "post-who-is-behind": graded("right", "y"),
        "pre-explain-evidence": graded("wrong", ticked, 0.0),  # a status a written item never has: left out
        "post-explain-evidence": graded("saved", ticked, 1.0),
    }
    write(folder, case, "2.html", "two", two)
    write(folder, case, "3.html", "three", {"pre-who-is-behind": graded("right", "x"), "pre-resolve-date": graded("right", "z")})
    write(folder, case, "4.html", "four", {"post-who-is-behind": graded("wrong", "y")})
    five = {"pre-who-is-behind": graded("saved", "x", 0.9), "post-who-is-behind": graded("right", "y")}  # saved: never judged
    write(folder, case, "5.html", "five", five)
    table = dash.gains_table(dash.read_class(folder, case))
    assert table["skill"].tolist() == [who, dates, written], "the course's order; only skills someone answered"
    table = table.set_index("skill")
    row = table.loc[who]
    assert (row["learners with both"], row["pre only"], row["post only"]) == (2, 1, 2), (
        "a saved (unjudged) pre item does not count"
    )
    assert (row["mean pre"], row["mean post"], row["gain"], row["scored by"]) == (0.25, 1.0, 0.75, "the course")
    assert table.loc[dates, "learners with both"] == 0 and table.loc[dates, "pre only"] == 1
    row = table.loc[written]
    assert (row["learners with both"], row["post only"], row["mean pre"], row["mean post"], row["gain"]) == (
        1,
        1,
        0.25,
        0.75,
        0.5,
    )
    assert row["scored by"] == dash.SELF_ASSESSED == "self-assessed (learners tick the rubric)"


def test_no_assessment_items_means_no_gains_and_says_so(small_class):
    assert dash.gains_table(small_class).empty
    with mock.patch("helpers.class_dashboard.display") as shown:
        dash.show_gains(small_class)
    assert "no pre- or post-assessment answers" in shown.call_args.args[0].data


def test_a_learner_who_handed_in_twice_counts_once_with_the_newest(tmp_path, case):
    folder = tmp_path / "hand-ins"
    write(folder, case, "monday.html", "Fox", {"text-type": graded("wrong", "transcript")}, minutes=0)
    write(folder, case, "tuesday.html", "fox", {"text-type": graded("right", "relayed-statements")}, minutes=60 * 24)
    write(folder, case, "copy/tuesday.html", "Fox", {"text-type": graded("right", "relayed-statements")}, minutes=60 * 24)
    write(folder, case, "anonymous-1.html", "", {"text-type": graded("wrong", "transcript")})
    write(folder, case, "anonymous-2.html", "", {"text-type": graded("wrong", "transcript")})
    data = dash.read_class(folder, case)
    assert data.learners == 3 and dash.results_table(data).set_index("exercise").loc["text-type", "right"] == 1
    reasons = {s.path.relative_to(folder).as_posix(): s.reason for s in data.skipped}
    counted = [h.path.name for h in data.hand_ins].index("tuesday.html") + 1  # its number in the table of hand-ins used
    assert reasons["monday.html"].startswith(
        f"an older hand-in from the same learner id, written with other capitals, as learner {counted} (exported 28 Nov 2026"
    )
    assert "Fox" not in reasons["monday.html"] and "tuesday" not in reasons["monday.html"], "neither the id nor a file named"
    assert "a second copy of one hand-in, counted once" in reasons["copy/tuesday.html"]
    assert any("2 hand-in(s) have no learner id" in note for note in data.notes)
    assert any(note.startswith("1 learner id(s) were written with different capitals") for note in data.notes)
    assert not any("Fox" in note or "fox" in note for note in data.notes)
    hidden, shown = dash.skipped_table(data), dash.skipped_table(data, show_ids=True)
    assert hidden["file"].tolist() == ["file 1", "file 2"] and "tuesday" not in hidden.to_string()
    assert shown["file"].tolist() == ["copy/tuesday.html", "monday.html"]
    assert shown["why it was skipped"][1].endswith(f"which is the one counted (learner {counted}: tuesday.html)")


def test_skipped_files_name_no_learner_unless_asked(tmp_path, case):
    """Learning platforms name folders after learners: the skipped list numbers files, and a refused id stays out."""
    folder = tmp_path / "hand-ins"
    write(folder, case, "Jane Doe_12345_assignsubmission_file/my-work.html", "Jane Doe", {}, format_version=0)
    write(folder, case, "Jane Doe_12345_assignsubmission_file/copy.html", "<b>Jane Doe</b>", {})
    data = dash.read_class(folder, case)
    shown = []
    with mock.patch("helpers.class_dashboard.display", keep(shown)):
        dash.show_skipped(data)
        dash.show_summary(data)
    everything = " ".join(item.data for item in shown)
    assert "Jane" not in everything and "file 1" in everything and "file 2" in everything
    assert "field 'learner' is not a learner id this course writes" in everything and "show_ids=True shows them" in everything
    with mock.patch("helpers.class_dashboard.display", keep(shown)):
        dash.show_skipped(data, show_ids=True)
    assert "Jane Doe_12345_assignsubmission_file/copy.html" in shown[-1].data
    assert "<b>Jane" not in shown[-1].data and "(id '<b>Jane Doe</b>')" in seen(shown[-1].data), "escaped, shown when asked"


EXPECTED_REASONS = {
    "not-html": "not an HTML file (.txt)",
    "not-text": "not text (not UTF-8)",
    "not-a-page": "not an HTML page",
    "empty": "the file is empty",
    "no-answers": "it holds no machine-readable answers",
    "damaged": "its answers block is damaged: not valid JSON (line 1, column",
    "cut-off": "it is cut off: its answers block never ends",
    "bad-field": "field 'attempts' should be a whole number, 0 or more, not 'three'",
    "older-format": "it is in hand-in format version 0, and this dashboard reads version 1",
    "older-course": "made with course version 0.0.1, and this dashboard reads",
    "other-case": "it is for another case ('another-case')",
    "other-text": "it is for another text of case 'medvedev-zimbabwe-2022'",
    "duplicate": "an older hand-in from the same learner id as learner 1 (exported 20 Nov 2026 09:01), which is the one counted",
}


def test_generated_class_with_every_broken_kind_skipped_for_its_own_reason(tmp_path, case):
    written = write_example_hand_ins(tmp_path / "class", case, learners=300)  # the benchmark's size
    assert set(written.broken) == set(BROKEN_KINDS) == set(EXPECTED_REASONS)
    (tmp_path / "class" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "class" / ".ipynb_checkpoints" / "x.html").write_text("hidden: never read")
    data = dash.read_class(tmp_path / "class", case)
    reasons = {s.path: s.reason for s in data.skipped}
    assert len(reasons) == len(BROKEN_KINDS)
    for kind, path in written.broken.items():
        assert EXPECTED_REASONS[kind] in reasons[path], (kind, reasons[path])
    assert data.learners == 300 and {h.path for h in data.hand_ins} == set(written.hand_ins)
    results = dash.results_table(data)
    assert (results[dash.PARTS].sum(axis=1) == 300).all() and (
        results[[f"% {p}" for p in dash.PARTS]].sum(axis=1).round() == 100
    ).all()
    accepted = dash.read_class(tmp_path / "class", case, versions=["0.1.0", "0.0.1"])
    assert written.broken["older-course"] not in {s.path for s in accepted.skipped}, "accepted when asked"

    with mock.patch("helpers.class_dashboard.display") as shown:
        dash.show_skipped(data)
    table = shown.call_args.args[0].data
    assert "13 file(s) skipped, and why" in table and "broken" not in seen(table) and "file 13" in seen(table)
    assert "student" not in seen(table) and "my-work" not in seen(table)
    shown_names = dash.skipped_table(data, show_ids=True)
    assert "broken/cut-off.html" in shown_names["file"].tolist()
    assert any(
        reason.endswith("(learner 1: my-work-medvedev-zimbabwe-2022-20261120-090100.html)") for reason in shown_names.iloc[:, 1]
    )


def test_the_generator_is_deterministic_and_varied(tmp_path, case):
    first = write_example_hand_ins(tmp_path / "a", case, learners=25, broken=False)
    second = write_example_hand_ins(tmp_path / "b", case, learners=25, broken=False)
    assert [p.read_bytes() for p in first.hand_ins] == [p.read_bytes() for p in second.hand_ins]
    data = dash.read_class(tmp_path / "a", case)
    statuses = {r.get("status") for h in data.hand_ins for r in h.records.values()}
    assert statuses == {"right", "partial", "wrong", "saved"}
    results = dash.results_table(data)
    assert (results["right"] > 0).sum() > 30 and (results["not yet right"] + results["partly right"] > 0).sum() > 25


def test_charts_come_with_tables(small_class):
    shown = []
    with mock.patch("helpers.plots.display", keep(shown)), mock.patch("helpers.class_dashboard.display", keep(shown)):
        dash.show_results(small_class)
        dash.show_wrong_answers(small_class)
        dash.show_effort(small_class)
    charts = [item["application/vnd.plotly.v1+json"] for item in shown if isinstance(item, dict)]
    tables = [item.data for item in shown if not isinstance(item, dict)]
    assert [c["layout"]["title"]["text"] for c in charts] == [
        "Results per exercise (5 learners)",
        "Most common answers not (yet) right, per exercise",
        "Attempts and hints per exercise",
    ]
    assert charts[0]["data"][0]["name"] == "right" and charts[0]["data"][0]["x"][0] == 40.0
    most, second = charts[1]["data"][:2]
    assert (
        most["y"] == ["text-type", "announcement-date", "clue-translation"]
        and most["x"] == [2, 1, 2]
        and second["x"] == [1, 0, 0]
    )
    assert second["hovertext"] == ["An opinion column in which a named author argues a case", "", ""]
    assert most["hovertext"][1] == dash.HIDDEN_TEXT, "typed answers stay hidden in the chart too"
    assert len(tables) == 3 and all("<caption>" in t for t in tables)
    import plotly.graph_objects as go

    for chart in charts:
        go.Figure(chart)  # plotly accepts every property


def test_a_missing_or_empty_folder_is_said_plainly(tmp_path, case):
    data = dash.read_class(tmp_path / "nowhere", case)
    assert data.learners == 0 and "does not exist" in data.notes[0]
    with mock.patch("helpers.class_dashboard.display") as shown:
        dash.show_results(data)
    assert "No hand-ins to show results for." in shown.call_args.args[0].data


def test_answers_of_the_wrong_shape_or_nested_too_deep_never_break_the_views(tmp_path, case):
    folder = tmp_path / "hand-ins"
    odd = {
        "text-type": graded("wrong", {"not": "an option id"}),
        "clue-translation": graded("partial", [{"a": 1}, ["b"], None]),
        "sift-order": graded("wrong", "not a list"),
        "voices-by-sentence": graded("wrong", ["a", "list", "not", "a", "dict"]),
    }
    write(folder, case, "odd.html", "odd", odd)
    (folder / "deep.html").write_text(
        f'<html><body><script type="application/json" id="ml-hand-in">{"[" * 100_000}{"]" * 100_000}</script></body></html>'
    )
    data = dash.read_class(folder, case)
    assert [s.reason for s in data.skipped] == ["its answers block is damaged: nested too deeply to be a hand-in"]
    table = dash.wrong_answers_table(data)
    assert len(table) == 4 and set(table["answer"]) == {dash.HIDDEN_UNFIT}, "they may hold any text: hidden"
    asked = dash.wrong_answers_table(data, show_text=True)
    assert all(answer.startswith("(saved answer no longer fits") for answer in asked["answer"])
    assert dash.effort_table(data).set_index("exercise").loc["text-type", "answered"] == 1


def test_example_class_shows_a_gain_on_the_case_s_assessment_items(tmp_path, case):
    """Made-up learners answer post items better than pre items; the case's items pair by skill. The pre verdicts
    are left out of hand-ins whose post item is not in, and judged again on reading."""
    import helpers.example_hand_ins as examples
    from helpers.assessment import pairs

    examples.write_example_hand_ins(tmp_path / "class", case, learners=120, broken=False)
    table = dash.gains_table(dash.read_class(tmp_path / "class", case)).set_index("skill")
    graded = sorted(p.skill for p in pairs(case) if p.pre is not None and p.pre.type != "free_response")
    assert len(graded) >= 7 and set(graded) <= set(table.index), table
    assert (table.loc[graded, "learners with both"] > 60).all() and (table.loc[graded, "gain"] > 0).all(), table


def test_an_answer_without_its_verdict_is_judged_by_the_course_checker(tmp_path, case):
    """A pre-assessment item's verdict may be left out of the export while the learner may not see it: judged on reading."""
    folder = tmp_path / "hand-ins"
    write(
        folder,
        case,
        "a.html",
        "A",
        {"text-type": {"answer": "transcript", "attempts": 1}, "announcement-date": {"answer": "1 Nov"}},
    )
    write(folder, case, "b.html", "B", {"text-type": {"answer": "relayed-statements"}, "clue-footer": {"answer": {"odd": 1}}})
    data = dash.read_class(folder, case)
    results = dash.results_table(data).set_index("exercise")
    assert (results.loc["text-type", "right"], results.loc["text-type", "not yet right"]) == (1, 1)
    assert results.loc["announcement-date", "partly right"] == 1 and results.loc["clue-footer", "not attempted"] == 2
    records = {h.learner: h.records for h in data.hand_ins}
    assert records["A"]["announcement-date"]["score"] == 0.5 and "status" not in records["B"]["clue-footer"]


def test_one_odd_file_never_stops_the_dashboard(tmp_path, case, monkeypatch):
    """A date the export never writes is refused with the field named; anything unexpected in one file skips that file."""
    folder = tmp_path / "hand-ins"
    write(folder, case, "good.html", "A", {"text-type": graded("right", "relayed-statements")})
    write(
        folder, case, "year-one.html", "B", {"text-type": graded("right", "relayed-statements")}, exported="0001-01-01T00:00:00"
    )
    write(folder, case, "edge.html", "C", {}, exported="0001-01-01T00:00:00+05:00")
    write(folder, case, "odd.html", "D", {"text-type": graded("wrong", "transcript")})
    reading = dash.read_hand_in

    def trips_on_odd(page, path=None):
        if path.name == "odd.html":
            raise RecursionError("something no test foresaw")
        return reading(page, path)

    monkeypatch.setattr(dash, "read_hand_in", trips_on_odd)
    data = dash.read_class(folder, case)
    assert [h.path.name for h in data.hand_ins] == ["good.html"]
    reasons = {s.path.name: s.reason for s in data.skipped}
    assert "which has no time zone" in reasons["year-one.html"] and "out of range" in reasons["edge.html"]
    assert reasons["odd.html"].startswith("could not be read: RecursionError")
    assert "something no test foresaw" not in reasons["odd.html"], "no exception text (it may hold learner data)"


def test_links_special_files_and_oversized_files_are_listed_not_followed(tmp_path, case, monkeypatch):
    folder = tmp_path / "hand-ins"
    write(folder, case, "a.html", "A", {"text-type": graded("right", "relayed-statements")})
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, case, "b.html", "B", {"text-type": graded("right", "relayed-statements")})
    (folder / "link.html").symlink_to(elsewhere / "b.html")
    (folder / "linked-folder").symlink_to(elsewhere, target_is_directory=True)
    os.mkfifo(folder / "pipe.html")  # reading it would wait for ever
    (folder / "big.html").write_bytes(b"<html>" + b" " * 5000)
    monkeypatch.setattr(dash, "MAX_BYTES", 1000)
    data = dash.read_class(folder, case)
    assert [h.path.name for h in data.hand_ins] == ["a.html"], "nothing read through a link"
    reasons = {s.path.name: s.reason for s in data.skipped}
    assert set(reasons) == {"link.html", "linked-folder", "pipe.html", "big.html"}
    assert (
        reasons["link.html"].startswith("a link to another file or folder") and reasons["linked-folder"] == reasons["link.html"]
    )
    assert reasons["pipe.html"].startswith("not a regular file") and reasons["big.html"] == "too large for a hand-in (over 0 MB)"


def test_answers_to_many_unknown_exercises_are_counted_not_all_named(tmp_path, case):
    folder = tmp_path / "hand-ins"
    write(folder, case, "a.html", "A", {"text-type": graded("right", "relayed-statements")})
    page = (folder / "a.html").read_text(encoding="utf-8")
    data = json.loads(page[page.index(OPENING) + len(OPENING) : page.index("</script>")])
    data["exercises"] += [dict(data["exercises"][0], id=f"gone-{n:05d}") for n in range(500)]
    (folder / "a.html").write_text(f"<html><body>{script_block(data)}</body></html>", encoding="utf-8")
    notes = dash.read_class(folder, case).notes
    assert notes == (
        "Answers to 500 exercise(s) this case does not have (now) are left out: "
        + ", ".join(f"gone-{n:05d}" for n in range(10))
        + " and 490 more.",
    )


def test_an_answer_edited_to_hold_a_name_is_hidden_and_escaped_in_the_chart(tmp_path, case):
    """A hand-in edited by hand: an option id replaced by any text. Hidden by default; asked for, escaped in the hover."""
    folder = tmp_path / "hand-ins"
    write(folder, case, "a.html", "A", {"text-type": graded("wrong", "<b>Jane Doe</b>")})
    write(folder, case, "b.html", "B", {"clue-translation": graded("partial", ["P1.S2", "<i>Jane</i>"])})
    write(folder, case, "c.html", "C", {"text-type": graded("wrong", "transcript")})
    data = dash.read_class(folder, case)
    hidden = dash.wrong_answers_table(data)
    assert "Jane" not in hidden.to_string() and hidden["answer"].tolist().count(dash.HIDDEN_UNFIT) == 2
    assert "An official transcript of the talks between the two politicians" in hidden["answer"].tolist(), "known options shown"
    shown = []
    with mock.patch("helpers.plots.display", keep(shown)), mock.patch("helpers.class_dashboard.display", keep(shown)):
        dash.show_wrong_answers(data)
        dash.show_wrong_answers(data, show_text=True)
    hover = [
        text
        for item in shown
        if isinstance(item, dict)
        for bar in item["application/vnd.plotly.v1+json"]["data"]
        for text in bar["hovertext"]
    ]
    assert "Jane" in " ".join(hover) and "<b>" not in " ".join(hover) and "<i>" not in " ".join(hover)
    assert any("&lt;b&gt;Jane Doe&lt;/b&gt;" in text for text in hover)
    assert sum("Jane" in text for text in hover) == 2, "only the chart drawn with show_text=True names her"
