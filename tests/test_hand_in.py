"""Hand-ins: every export carries its answers as JSON that reads back exactly, whatever the learner typed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from helpers import hand_in
from helpers.hand_in import HandInError, extract_block, learner_id_problem, read_hand_in, script_block
from helpers.report import LEARNER_KEY, build_export, export_html, export_page
from helpers.widgets import build

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = 'Ends here </script><script>alert("x")</script> <!-- & &amp; \u2028 </SCRIPT > ]]> {"format": 1}'


def answer_some(case, store) -> None:
    """Answers of four types as a learner gives them: wrong then right, a hint, a reflection and a draft."""
    view = build("text-type", case, store)
    view.control.parts["radio"].value = "transcript"
    view.check_button.click()
    view.hint_button.click()
    view.control.parts["radio"].value = "relayed-statements"
    view.check_button.click()
    view = build("announcement-date", case, store)
    view.control.parts["text"].value = "November 1"
    view.check_button.click()
    view = build("gallery-free-response", case, store)
    view.control.parts["text"].value = HOSTILE
    view.check_button.click()
    view = build("stop-first-reaction", case, store)
    view.control.parts["text"].value = "A draft </script> not yet saved"  # leaving the box saves a draft


def test_an_export_reads_back_as_the_progress_records(case, store):
    answer_some(case, store)
    page = export_html(case, store, learner="Class 7 no. 12")
    got = read_hand_in(page)
    records = {key.split("/", 1)[1]: record for key, record in store.records().items() if key.startswith(f"{case.id}/")}
    assert set(got.records) == set(records) == {"text-type", "announcement-date", "gallery-free-response", "stop-first-reaction"}
    for exercise_id, record in records.items():
        exported = got.records[exercise_id]
        assert {k: v for k, v in exported.items() if k in hand_in.RECORD_FIELDS} == {
            k: v for k, v in record.items() if k in hand_in.RECORD_FIELDS
        }, exercise_id
    text_type = got.records["text-type"]
    assert (text_type["status"], text_type["attempts"], text_type["hints_used"], text_type["answer"]) == (
        "right",
        2,
        1,
        "relayed-statements",
    )
    assert text_type["skill"] == "source evaluation" and text_type["lesson"] == "00-start-here" and text_type["assessment"] == ""
    assert got.records["gallery-free-response"]["answer"]["text"] == HOSTILE
    assert (got.learner, got.case_id, got.case_sha256) == ("Class 7 no. 12", case.id, case.meta["sha256"])
    assert list(got.records) == ["text-type", "announcement-date", "stop-first-reaction", "gallery-free-response"], "course order"


def test_the_course_version_is_pyprojects(case, store):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert hand_in.course_version() == version
    assert read_hand_in(export_html(case, store)).course_version == version


def test_a_clone_that_is_not_installed_stamps_its_own_version(tmp_path):
    """On a JupyterHub the learner's clone is only on PYTHONPATH (no package metadata): its pyproject.toml says the
    version, even where another version of the kit is installed in the environment."""
    clone = tmp_path / "media-literacy-course-kit"
    shutil.copytree(ROOT / "helpers", clone / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (clone / "pyproject.toml").write_text(re.sub(r'(?m)^version = ".*"$', 'version = "9.8.7"', pyproject), encoding="utf-8")
    code = "import sys; sys.path.insert(0, sys.argv[1]); from helpers import hand_in; print(hand_in.__file__, hand_in.course_version())"
    ran = subprocess.run([sys.executable, "-I", "-c", code, str(clone)], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    where, version = ran.stdout.split()
    assert Path(where).is_relative_to(clone) and version == "9.8.7"


def test_without_pyproject_the_installed_metadata_says_the_version_and_without_either_unknown(tmp_path, monkeypatch):
    assert hand_in.course_version(tmp_path) == hand_in.metadata.version(hand_in.DISTRIBUTION), "a plain install"
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "another-project"\nversion = "5.0"\n', encoding="utf-8")
    assert hand_in.course_version(tmp_path) != "5.0", "another project's pyproject.toml is not ours"

    def not_installed(name):
        raise hand_in.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(hand_in.metadata, "version", not_installed)
    assert hand_in.course_version(tmp_path) == "unknown"
    assert (
        hand_in.course_version(ROOT) == tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    )
    (tmp_path / "pyproject.toml").write_text("[project\nbroken", encoding="utf-8")
    assert hand_in.course_version(tmp_path) == "unknown", "a damaged pyproject.toml never stops an export"


def test_learner_text_cannot_break_out_of_the_block(case, store):
    answer_some(case, store)
    page = export_html(case, store)
    assert page.count("</script>") == 1 and page.count("<script") == 1, "only the block's own tags"
    assert page.rindex("</script>") > page.index(hand_in.OPENING) and page.endswith("</script></body></html>")
    block = page[page.index(hand_in.OPENING) : page.index("</script>")]
    assert not re.search(r"[<>&\u2028]", block[len(hand_in.OPENING) :]), "escaped as JSON, not as HTML"
    assert extract_block(page)["exercises"][-1]["answer"]["text"] == HOSTILE
    assert "&lt;/script&gt;&lt;script&gt;alert" in page, "the readable part escapes it as before"


@pytest.mark.parametrize(
    "text",
    ["</script>", "</SCRIPT>", "<!--<script>", "\u2028\u2029", "&lt;", '"\\u003c"', "\x00", "😀 Zoë 学生"],
)
def test_any_text_reads_back_exactly(text):
    data = {"format": hand_in.FORMAT, "answer": text}
    assert extract_block(f"<html><body>{script_block(data)}</body></html>") == data


def test_the_readable_page_is_as_before(case, store):
    answer_some(case, store)
    page = export_html(case, store, learner="Ana")
    assert "<h1>My work</h1>" in page and "Learner id: Ana" in page and page.count("<section>") == 4
    assert "A short news item that relays officials&#x27; statements" in page and "✓ Right" in page and "hints 1" in page


@pytest.mark.parametrize(
    ("learner", "problem"),
    [
        ("", ""),
        ("  Class 7   no. 12 ", ""),
        ("Zoë_2", ""),
        ("学生 12", ""),
        ("x" * 33, "33 characters long; keep it to 32 or fewer"),
        ("ana@school.org", "not @"),
        ("Ana <b>", "not <>"),
    ],
)
def test_learner_ids_are_short_and_need_no_personal_data(learner, problem):
    found = learner_id_problem(learner)
    assert (problem in found) if problem else found == ""
    if problem:
        assert "A nickname or class number is fine" in found or "a nickname or class number is fine" in found


def test_the_export_form_asks_for_an_id_refuses_a_bad_one_and_remembers_a_good_one(case, store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    view = build_export(case, store=store)
    assert view.learner_box.value == "" and view.learner_box.placeholder == "a nickname or class number"
    assert "a nickname or your class number is fine, you do not need to give your name" in view.message_html
    view.learner_box.value = "ana.silva@school.example"
    assert view.save_copy() is None
    assert "not @" in view.message_html and "No copy was saved" in view.message_html
    assert not (tmp_path / "exports").exists()
    view.learner_box.value = " Fox  12 "
    path = view.save_copy()
    assert read_hand_in(path.read_text(encoding="utf-8")).learner == "Fox 12"
    assert store.records()[LEARNER_KEY]["learner"] == "Fox 12"
    assert build_export(case, store=store).learner_box.value == "Fox 12", "typed once for all lessons"


def _page_with(data: dict) -> str:
    return f"<!DOCTYPE html><html><body>{script_block(data)}</body></html>"


def _data(case, store) -> dict:
    return extract_block(export_page(case, store.records(), "Fox", datetime(2026, 11, 27, 14, 30, tzinfo=timezone.utc)))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(format="something-else"), "not a hand-in of this course (format 'something-else')"),
        (lambda d: d.update(format_version=2), "format version 2, and this dashboard reads version 1: update the course kit"),
        (lambda d: d.pop("course_version"), "field 'course_version' should be text, not None"),
        (lambda d: d["case"].update(sha256=7), "field 'case.sha256' should be text, not 7"),
        (lambda d: d.update(exported="yesterday"), "field 'exported' should be a date and time"),
        (lambda d: d.update(exported="0001-01-01T00:00:00"), "not '0001-01-01T00:00:00', which has no time zone"),
        (lambda d: d.update(exported="2026-11-27T14:30:00"), "which has no time zone"),
        (lambda d: d.update(exported="0001-01-01T00:00:00+05:00"), "that date is out of range"),
        (lambda d: d.update(exported="9999-12-31T23:59:59-05:00"), "that date is out of range"),
        (lambda d: d.update(learner="a" * 50), "field 'learner' is not a learner id"),
        (lambda d: d.update(learner={"name": "Jane Doe"}), "field 'learner' should be text"),
        (lambda d: d["exercises"][0].update(score=1.5), "exercise 1 ('text-type'): field 'score' should be a number from 0 to 1"),
        (lambda d: d["exercises"][0].update(attempts=-1), "exercise 1 ('text-type'): field 'attempts' should be a whole number"),
        (lambda d: d["exercises"][0].update(revealed="yes"), "field 'revealed' should be true or false"),
        (lambda d: d["exercises"][0].update(status="great"), "field 'status' should be one of right"),
        (lambda d: d["exercises"][0].pop("skill"), "exercise 1: field 'skill' should be text"),
        (lambda d: d["exercises"].append(dict(d["exercises"][0])), "exercise 5 ('text-type'): this exercise is listed twice"),
    ],
)
def test_a_hand_in_that_breaks_the_format_is_refused_naming_the_field(case, store, change, reason):
    answer_some(case, store)
    data = _data(case, store)
    change(data)
    with pytest.raises(HandInError) as refused:
        read_hand_in(_page_with(data))
    assert reason in str(refused.value)
    if "learner" in reason:
        assert "Jane" not in str(refused.value) and "aaaa" not in str(refused.value), "an id only in the detail"
        assert refused.value.detail.startswith("id ")


def test_the_format_page_lists_exactly_the_fields_written(case, store):
    answer_some(case, store)
    data = _data(case, store)
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", (ROOT / "instructors" / "hand-in-format.md").read_text(), flags=re.M))
    entry_fields = {key for entry in data["exercises"] for key in entry}
    assert documented == set(data) | entry_fields | set(hand_in.RECORD_FIELDS)
    assert entry_fields <= set(hand_in.EXERCISE_FIELDS + hand_in.RECORD_FIELDS)


def test_a_pre_assessment_result_stays_out_of_the_page_source_until_its_post_item_is_in(case, store, tmp_path):
    """The export hides a pre item's verdict until the post item is answered; its JSON must not give it away either.
    The dashboard judges the answer again when it reads the hand-in, so the class's gains still count it."""
    from helpers.class_dashboard import read_class

    view = build("pre-who-is-behind", case, store)
    view.control.parts["radio"].value = "company"
    view.check_button.click()
    assert store.records()[f"{case.id}/pre-who-is-behind"]["status"] == "right", "the course scored it"
    page = export_html(case, store, learner="a")
    entry = read_hand_in(page).records["pre-who-is-behind"]
    assert entry["answer"] == "company" and "status" not in entry and "score" not in entry
    assert '"right"' not in page.split(hand_in.OPENING, 1)[1], "no verdict anywhere in the answers block"
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    assert read_class(tmp_path, case).hand_ins[0].records["pre-who-is-behind"]["status"] == "right", "judged on reading"

    view = build("post-who-is-behind", case, store)
    view.control.parts["radio"].value = "experts"
    view.check_button.click()
    entry = read_hand_in(export_html(case, store, learner="a")).records["pre-who-is-behind"]
    assert (entry["status"], entry["score"]) == ("right", 1.0), "shown once the post item is in"
