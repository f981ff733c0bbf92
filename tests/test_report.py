"""Progress overview and the "download my work" export: right numbers, escaped learner text, a link."""

from __future__ import annotations

import html
import re
from datetime import datetime
from unittest import mock

import pandas as pd
import pytest

from helpers import progress, report
from helpers.progress import ProgressStore
from helpers.report import build_export, export_html, export_work, progress_table, show_export, show_progress
from helpers.widgets import build


def seen(markup: str) -> str:
    """The text a learner reads (tags removed, entities decoded)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


@pytest.fixture
def clock(monkeypatch):
    """The time the report sees; set clock.now to move it."""
    clock = mock.Mock(now=datetime(2024, 3, 5, 9, 0, 0).astimezone())
    monkeypatch.setattr(report, "_now", lambda: clock.now)
    return clock


def test_progress_table_counts_per_lesson(case, store):
    empty = progress_table(case, store)
    assert set(empty["lesson"]) >= {"00-start-here", "99-exercise-gallery"}
    assert (empty["not started"] == empty["exercises"]).all()
    store.save(f"{case.id}/text-type", {"status": "right", "score": 1.0, "answer": "relayed-statements"})
    store.save(f"{case.id}/announcement-date", {"status": "partial", "score": 0.5, "answer": "Nov 1"})
    store.save(f"{case.id}/gallery-free-response", {"status": "saved", "score": 0.5, "answer": {"text": "x", "ticked": [0]}})
    table = progress_table(case, store).set_index("lesson")
    start = table.loc["00-start-here"]
    assert (start["exercises"], start["right"], start["partly right"], start["not started"], start["mean score"]) == (
        10,
        1,
        1,
        8,
        0.75,
    )
    gallery = table.loc["99-exercise-gallery"]
    assert gallery["reflections saved"] == 1 and gallery["not started"] == gallery["exercises"] - 1
    assert pd.isna(gallery["mean score"]), "a saved reflection is not a score"


def test_show_progress_displays_location_chart_and_table(case, store, capsys):
    with mock.patch("helpers.report.display") as shown, mock.patch("helpers.plots.display") as plotted:
        show_progress(case, store)
    assert str(store.path) in shown.call_args_list[0].args[0].data
    chart, table = (call.args[0] for call in plotted.call_args_list)
    assert chart["application/vnd.plotly.v1+json"]["layout"]["title"]["text"] == "Your exercises, lesson by lesson"
    assert [trace["name"] for trace in chart["application/vnd.plotly.v1+json"]["data"]][:2] == ["right", "partly right"]
    table = table.data
    assert "<caption>Exercises per lesson by result" in table and "<td>–</td>" in table


def test_progress_follows_the_course_order_and_names_lessons_by_title(case, store):
    table = progress_table(case, store)
    assert table["lesson"].tolist() == [
        "00-start-here",
        "01-source-evaluation",
        "02-timeline-construction",
        "03-claim-tracing",
        "06-post-assessment",
        "99-exercise-gallery",
    ]
    assert table["title"].tolist() == [
        "00 Start here",
        "01 Source evaluation",
        "02 Timeline construction",
        "03 Claim tracing",
        "06 Post-assessment",
        "99 Exercise gallery",
    ]
    with mock.patch("helpers.report.display"), mock.patch("helpers.plots.display") as plotted:
        show_progress(case, store)
    chart, shown = (call.args[0] for call in plotted.call_args_list)
    assert chart["application/vnd.plotly.v1+json"]["data"][0]["y"] == [
        "00 Start here",
        "01 Source evaluation",
        "02 Timeline construction",
        "03 Claim tracing",
        "06 Post-assessment",
        "99 Exercise gallery",
    ]
    assert "<th>lesson</th>" in shown.data and "01 Source evaluation" in shown.data and "01-source-evaluation" not in shown.data


def test_progress_lists_a_lesson_the_course_lacks_last_under_its_id(case, store, monkeypatch):
    """An instructor's own exercise file (or a lesson dropped from the manifest) still counts, after the course's lessons."""
    course = report.load_course()
    monkeypatch.setattr(report, "load_course", lambda: course.__class__(course.title, course.lessons[1:]))
    table = progress_table(case, store)
    assert table["lesson"].tolist() == [
        "01-source-evaluation",
        "02-timeline-construction",
        "03-claim-tracing",
        "06-post-assessment",
        "99-exercise-gallery",
        "00-start-here",
    ]
    assert table["title"].tolist()[-1] == "00-start-here"


def test_progress_without_a_readable_manifest_lists_lessons_by_id(case, store, monkeypatch):
    def broken():
        raise report.DataFileError("lessons/course.json", "not valid JSON")

    monkeypatch.setattr(report, "load_course", broken)
    table = progress_table(case, store)
    assert table["title"].tolist() == [
        "00-start-here",
        "01-source-evaluation",
        "02-timeline-construction",
        "03-claim-tracing",
        "06-post-assessment",
        "99-exercise-gallery",
    ]


def test_export_contains_answers_results_and_escapes_learner_text(case, store):
    view = build("gallery-free-response", case, store)
    view.control.parts["text"].value = "<script>alert('x')</script> My reflection"
    view.check_button.click()
    view = build("text-type", case, store)
    view.control.parts["radio"].value = "transcript"
    view.check_button.click()
    page = export_html(case, store, learner="  Ana   7b ")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; My reflection" in page
    assert "Learner id: Ana 7b</p>" in page
    with pytest.raises(ValueError, match="letters, digits, spaces"):
        export_html(case, store, learner="<b>Ana</b>")
    assert "An official transcript of the talks" in page and "✗ Not yet" in page and "attempts 1" in page
    assert "✎ Saved" in page and "Rubric points ticked: none" in page
    assert page.count("<section>") == 2


def test_export_includes_a_draft_reflection_escaped(case, store):
    view = build("gallery-free-response", case, store)
    view.control.parts["text"].value = "Half a thought <i>so far</i>"  # left the box, never pressed Save
    page = export_html(case, store)
    assert "Draft, not yet saved and compared:</strong> Half a thought &lt;i&gt;so far&lt;/i&gt;" in page
    assert "Answer:</strong> (no answer)" in page and "<i>so far" not in page


def test_export_with_nothing_saved(case, store):
    assert "No answers saved yet." in export_html(case, store)


def test_export_work_writes_a_file_and_show_export_links_to_it_once_asked(case, store, tmp_path, monkeypatch):
    path = export_work(case, folder=tmp_path / "out", store=store)
    assert path.parent == tmp_path / "out" and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    monkeypatch.chdir(tmp_path)
    with mock.patch("helpers.report.display") as shown:
        show_export(case)
    learner_box, button, message = shown.call_args.args[0].children
    assert button.description == "Save a copy of my work" and learner_box.placeholder == "a nickname or class number"
    assert not (tmp_path / "exports").exists(), "running the cell writes nothing"
    button.click()
    link = message.outputs[0]["data"]["text/html"]
    href = re.search(r'href="([^"]+)" download="([^"]+)"', link)
    assert href and (tmp_path / href[1]).is_file() and href[2].startswith("my-work-medvedev-zimbabwe-2022-")


def test_running_the_last_cell_again_and_again_writes_no_file(case, store, tmp_path):
    for _ in range(5):  # "Run all" in each lesson, kernel restarts: before, each run wrote one more file
        view = build_export(case, store=store)
    assert not (tmp_path / "exports").exists()
    text = seen(view.message_html)
    assert f"Your answers are saved as you go in {store.path}. No copy saved yet." in text
    assert "press “Save a copy of my work” to write all your answers into one file" in text
    assert "Download" not in text


def test_copies_go_in_my_work_beside_the_progress_file_by_default(case, tmp_path, monkeypatch):
    course = tmp_path / "course"
    (course / "lessons").mkdir(parents=True)
    monkeypatch.setattr(progress, "COURSE_FOLDER", course)
    monkeypatch.delenv(progress.ENV_VAR)
    monkeypatch.delenv(report.EXPORT_ENV_VAR)
    monkeypatch.chdir(course / "lessons")  # the kernel runs in the notebook's folder
    store = progress.get_store()
    assert store.path == course / "my-work" / "progress.json" and report.export_folder() == course / "my-work"
    store.save(f"{case.id}/text-type", {"answer": "transcript", "status": "wrong"})
    copy = build_export(case).save_copy()
    assert sorted(p.name for p in (course / "my-work").iterdir()) == sorted(["progress.json", "progress.json.lock", copy.name])
    assert not (course / "lessons" / "my-work").exists(), "no second folder beside the notebooks"


def test_exports_follow_a_chosen_progress_file(case, tmp_path, monkeypatch):
    monkeypatch.delenv(report.EXPORT_ENV_VAR)
    store = ProgressStore(tmp_path / "amira" / "progress.json")
    assert report.export_folder(store) == tmp_path / "amira"


def test_the_message_links_to_the_last_copy_after_a_restart(case, store, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build_export(case, store=store).save_copy()
    clock.now = datetime(2024, 3, 5, 9, 30, 0).astimezone()
    newest = build_export(case, store=store).save_copy()
    (newest.parent / f"my-work-{case.id}-extra-20991231-235959.html").write_text("another case's copy")
    reopened = build_export(case, store=store)
    text = seen(reopened.message_html)
    assert f"Your last copy: {newest}. Download {newest.name}." in text
    assert newest.name == f"my-work-{case.id}-20240305-093000.html"


def test_show_progress_shows_the_notice_about_a_corrupt_progress_file(case, store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{ not json", encoding="utf-8")
    with mock.patch("helpers.report.display") as shown, mock.patch("helpers.plots.display"):
        show_progress(case, store)
    first = shown.call_args_list[0].args[0].data
    assert 'class="ml-notice" role="alert"' in first
    assert f"⚠ Your progress file {store.path} could not be read" in seen(first) and "It was kept as" in seen(first)
    assert store.take_notices() == [], "shown once"


def test_show_export_shows_the_notice_about_saving_in_memory(case, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = ProgressStore(blocker / "progress.json")
    store.save(f"{case.id}/text-type", {"answer": "transcript", "status": "wrong"})
    view = build_export(case, store=store)
    assert "⚠ Your answers cannot be saved" in seen(view.message_html) and 'role="alert"' in view.message_html


def test_save_a_copy_button_exports_the_answers_given_since(case, store, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    view = build_export(case, store=store)  # as during "Run all", before any answer
    view.button.click()
    first = re.search(r'href="([^"]+)"', view.message_html)[1]
    assert "No answers saved yet." in (tmp_path / first).read_text(encoding="utf-8")
    assert "Saved a copy of your work at 09:00:00" in seen(view.message_html)

    answered = build("text-type", case, store)
    answered.control.parts["radio"].value = "transcript"
    answered.check_button.click()
    clock.now = datetime(2024, 3, 5, 9, 12, 30).astimezone()
    view.button.click()

    href = re.search(r'href="([^"]+)" download="([^"]+)"', view.message_html)
    assert href[2] == f"my-work-{case.id}-20240305-091230.html" and href[1].endswith(href[2])
    assert "An official transcript of the talks" in (tmp_path / href[1]).read_text(encoding="utf-8")
    assert f"Saved a copy of your work at 09:12:30: {tmp_path / href[1]}. Download {href[2]}" in seen(view.message_html)
    assert "No answers saved yet." in (tmp_path / first).read_text(encoding="utf-8"), "earlier copies are kept"


def _blocked(tmp_path, name):
    blocker = tmp_path / name
    blocker.write_text("a file where a folder should be")
    return blocker / "folder"


def test_an_unwritable_export_folder_falls_back_to_the_progress_folder(case, store, tmp_path, monkeypatch):
    monkeypatch.setenv(report.EXPORT_ENV_VAR, str(_blocked(tmp_path, "blocked")))
    view = build_export(case, store=store)
    view.button.click()
    text = seen(view.message_html)
    assert f"⚠ The folder {tmp_path / 'blocked' / 'folder'} could not be written" in text
    assert f"so your copy was saved in {store.path.parent} instead" in text
    assert list(store.path.parent.glob("my-work-*.html")) and "Download my-work-" in text


def test_then_to_a_temporary_folder_and_never_a_traceback(case, tmp_path, monkeypatch):
    monkeypatch.setenv(report.EXPORT_ENV_VAR, str(_blocked(tmp_path, "blocked")))
    store = ProgressStore(_blocked(tmp_path, "also-blocked") / "progress.json")
    monkeypatch.setattr(report.tempfile, "tempdir", str(tmp_path / "temporary"))
    view = build_export(case, store=store)
    view.button.click()
    assert f"so your copy was saved in {tmp_path / 'temporary'} instead" in seen(view.message_html)
    assert list((tmp_path / "temporary").glob("my-work-*.html"))

    monkeypatch.setattr(report.tempfile, "tempdir", str(_blocked(tmp_path, "blocked-too")))
    view.button.click()
    text = seen(view.message_html)
    assert "could not be written" in text and "so no copy was saved" in text and "Download" not in text


def test_export_lists_the_rows_of_a_workspace_table_escaped(case, store):
    view = build("gallery-workspace", case, store)
    inputs = view.control.parts["inputs"]
    inputs["start"].value, inputs["what"].value = "12 Oct 2022", "The <b>UN</b> votes."
    inputs["source"].value = "https://press.un.org/en/2022/ga12458.doc.htm"
    view.check_button.click()
    page = export_html(case, store)
    assert (
        "Row 1. Date: 12 Oct 2022 (12 October 2022); What happened: The &lt;b&gt;UN&lt;/b&gt; votes.; "
        "Source address: https://press.un.org/en/2022/ga12458.doc.htm"
    ) in page
    assert "✎ Saved" in page and "<b>UN" not in page
