"""Progress overview and the "download my work" export: right numbers, escaped learner text, a link."""

from __future__ import annotations

import re

import pandas as pd

from helpers.report import export_html, export_work, progress_table, show_export, show_progress
from helpers.widgets import build


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
        2,
        1,
        1,
        0,
        0.75,
    )
    gallery = table.loc["99-exercise-gallery"]
    assert gallery["reflections saved"] == 1 and gallery["not started"] == gallery["exercises"] - 1
    assert pd.isna(gallery["mean score"]), "a saved reflection is not a score"


def test_show_progress_displays_location_chart_and_table(case, store, capsys):
    from unittest import mock

    with mock.patch("helpers.report.display") as shown, mock.patch("helpers.plots.display") as plotted:
        show_progress(case, store)
    assert str(store.path) in shown.call_args_list[0].args[0].data
    chart, table = (call.args[0] for call in plotted.call_args_list)
    assert chart["application/vnd.plotly.v1+json"]["layout"]["title"]["text"] == "Your exercises, lesson by lesson"
    assert [trace["name"] for trace in chart["application/vnd.plotly.v1+json"]["data"]][:2] == ["right", "partly right"]
    table = table.data
    assert "<caption>Exercises per lesson by result" in table and "<td>–</td>" in table


def test_export_contains_answers_results_and_escapes_learner_text(case, store):
    view = build("gallery-free-response", case, store)
    view.control.parts["text"].value = "<script>alert('x')</script> My reflection"
    view.check_button.click()
    view = build("text-type", case, store)
    view.control.parts["radio"].value = "transcript"
    view.check_button.click()
    page = export_html(case, store, learner="<b>Ana</b>")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; My reflection" in page
    assert "Learner: &lt;b&gt;Ana&lt;/b&gt;" in page
    assert "An official transcript of the talks" in page and "✗ Not yet" in page and "attempts 1" in page
    assert "✎ Saved" in page and "Rubric points ticked: none" in page
    assert page.count("<section>") == 2


def test_export_with_nothing_saved(case, store):
    assert "No answers saved yet." in export_html(case, store)


def test_export_work_writes_a_file_and_show_export_links_to_it(case, store, tmp_path, monkeypatch):
    path = export_work(case, folder=tmp_path / "out", store=store)
    assert path.parent == tmp_path / "out" and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    monkeypatch.chdir(tmp_path)
    from unittest import mock

    with mock.patch("helpers.report.display") as shown:
        show_export(case)
    link = shown.call_args.args[0].data
    href = re.search(r'href="([^"]+)" download="([^"]+)"', link)
    assert href and (tmp_path / href[1]).is_file() and href[2].startswith("my-work-medvedev-zimbabwe-2022-")
