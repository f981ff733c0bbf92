"""Your own article as a case (helpers/new_case.py, lesson 05): made from pasted text, every bad input explained,
nothing existing ever changed, and the result a case every helper and check accepts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest

from helpers import new_case
from helpers.article import SEEDS_DIR, find_case_folder, load_case, split_paragraphs
from helpers.casefolder import validate_case
from helpers.exercises import load_exercises
from helpers.new_case import (
    MAX_CHARACTERS,
    TEMPLATE,
    CaseForm,
    CaseInputError,
    choose_case,
    create_case,
    make_id,
    write_case,
)
from helpers.progress import ProgressStore, own_cases_folder

from .test_widgets import fill as fill_row
from .test_widgets import seen

TEXT = (
    "Council delays bus vote\r\n\r\n"
    "The council postponed its vote on Tuesday.\xa0“We want to get this right,” council leader Amara Osei said.\r\n\r\n"
    "She said a new plan would follow by March 28.\n"
)
GOOD = {"title": "Council delays bus vote", "published": "14 March 2025", "publisher": "Quillmere Courier"}


def problems_of(**given) -> list[str]:
    """The problems create_case reports, as 'Field: message' lines; fails if the case was created."""
    with pytest.raises(CaseInputError) as caught:
        create_case(**{"text": TEXT, **GOOD, **given})
    return [str(p) for p in caught.value.problems]


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file and folder under ``folder`` with its bytes (files) and its modification time in nanoseconds."""
    found = {}
    for path in sorted([folder, *folder.rglob("*")]):
        data = path.read_bytes() if path.is_file() else None
        found[str(path.relative_to(folder))] = (data, path.stat().st_mtime_ns)
    return found


# --- Every bad input has its own message, naming the form's field ------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"text": ""}, "Text: nothing was pasted; paste the article's text"),
        ({"text": " \n\xa0\r\n\t"}, "Text: nothing was pasted"),
        ({"text": "x" * (MAX_CHARACTERS + 1)}, f"Text: the text is {MAX_CHARACTERS + 1:,} characters long, more than the 60,000"),
        ({"published": ""}, "Date: write the date the text was published, e.g. 14 March 2025"),
        ({"published": "31 February 2024"}, "Date: '31 February 2024' is not a real calendar date"),
        ({"published": "soon"}, "Date: Could not read 'soon' as a date"),
        ({"published": "03/04/2024"}, "Date: '03/04/2024' could be 3 April or 4 March"),
        ({"published": "14 March"}, "Date: '14 March' has no year; write the year too"),
        ({"published": "2999-01-01"}, "Date: 1 January 2999 is in the future (today is"),
        ({"title": ""}, "Title: this field is empty; write a neutral title for the case"),
        (
            {"url": "example.org/article"},
            "Address: 'example.org/article' is not a web address; write it in full, starting with https://",
        ),
        ({"language": "English"}, "Language: 'English' is not a language code; write e.g. en, ru or pt-BR"),
        ({"language": ""}, "Language: this field is empty; write the text's language code"),
        (
            {"case_id": "Bus_Vote"},
            "Case id: 'Bus_Vote' is not an id; write lower-case words and digits joined by hyphens, e.g. bus-vote",
        ),
        (
            {"case_id": "My Case"},
            "Case id: 'My Case' is not an id; write lower-case words and digits joined by hyphens, e.g. my-case",
        ),
        ({"published": "14 mars 2025"}, "Date: Could not read '14 mars 2025' as a date"),
        ({"case_id": "bus--vote"}, "Case id: 'bus--vote' is not an id"),
        ({"title": "Совет откладывает голосование"}, "Case id: no id could be made from the title (it needs Latin letters)"),
        ({"case_id": "medvedev-zimbabwe-2022"}, "Case id: a case named 'medvedev-zimbabwe-2022' already exists"),
    ],
    ids=lambda value: "-" if isinstance(value, str) else next(iter(value)),
)
def test_each_bad_input_gets_its_own_message_naming_the_field(given, expected):
    found = problems_of(**given)
    assert len(found) == 1 and found[0].startswith(expected), found
    assert not own_cases_folder().exists() or not any(own_cases_folder().iterdir()), "nothing is written"


def test_several_bad_inputs_are_all_listed_in_the_forms_order():
    found = problems_of(text="", published="30/02/2024", url="www.example.org", language="en_GB", case_id="X")
    assert [line.split(":")[0] for line in found] == ["Text", "Date", "Address", "Language", "Case id"]


def test_a_case_that_exists_is_refused_and_left_byte_for_byte_as_it_was():
    folder = create_case(TEXT, **GOOD)
    (folder / "notes.md").write_text("the learner's own notes")  # what a learner may have added since
    before = snapshot(folder)
    for given in ({}, {"case_id": folder.name}, {"text": "Another text.", "title": "Council delays bus vote"}):
        found = problems_of(**given)
        assert found == [
            f"Case id: a case named {folder.name!r} already exists ({folder}); it was left as it is. "
            f"Write another id, e.g. {folder.name}-2"
        ]
    assert snapshot(folder) == before
    assert sorted(p.name for p in own_cases_folder().iterdir()) == [folder.name], "no temporary folder left behind"


def test_a_folder_made_by_another_kernel_after_the_check_is_never_replaced(tmp_path):
    """The race: the folder appears between the check and the rename (here even an empty one, which a plain rename
    would silently replace). The rename is refused, the folder is unchanged and the temporary folder removed."""
    for content in ({"case.json": b"{}"}, {}):
        parent = tmp_path / f"cases-{len(content)}"
        target = parent / "bus-vote-2025"
        target.mkdir(parents=True)
        for name, data in content.items():
            (target / name).write_bytes(data)
        before = snapshot(target)
        with pytest.raises(CaseInputError, match="already exists"):
            write_case(parent, "bus-vote-2025", TEXT, {"id": "bus-vote-2025"})
        assert snapshot(target) == before and [p.name for p in parent.iterdir()] == ["bus-vote-2025"]


def test_creating_a_case_never_writes_in_the_course_folders():
    before = snapshot(SEEDS_DIR)
    create_case(TEXT, **GOOD)
    problems_of(case_id="medvedev-zimbabwe-2022")
    assert snapshot(SEEDS_DIR) == before


def test_a_refused_write_leaves_no_half_made_case(monkeypatch):
    """A failure while writing (a full disk) leaves no folder and no temporary folder; the error is not hidden."""

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(new_case, "_write_files", full_disk)
    with pytest.raises(OSError, match="No space left"):
        create_case(TEXT, **GOOD)
    assert list(own_cases_folder().iterdir()) == []


# --- What is created ----------------------------------------------------------------------------------


def test_a_created_case_holds_the_text_byte_for_byte_passes_every_check_and_loads_by_its_id(isolated_progress):
    folder = create_case(TEXT, url="https://example.org/bus", licence="CC BY 4.0", **GOOD)
    assert folder == isolated_progress.parent / "cases" / "council-delays-bus-vote-2025"
    raw = (folder / "article.txt").read_bytes()
    assert raw == TEXT.encode("utf-8"), "nothing normalised: Windows line endings, the non-breaking space, the last newline"
    meta = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(raw).hexdigest() and meta["published"] == "2025-03-14"
    assert (
        meta["published_by"] == "Quillmere Courier"
        and meta["url"] == "https://example.org/bus"
        and meta["licence"] == "CC BY 4.0"
    )
    assert "none of it has been checked yet" in meta["origin"]
    assert validate_case(folder.name) == []
    case = load_case(folder.name)
    assert find_case_folder(folder.name) == folder and case.id == folder.name
    assert [p.id for p in case.paragraphs] == ["P1", "P2", "P3"]
    assert case.passage("P2.S2") == "“We want to get this right,” council leader Amara Osei said."
    assert (folder / "exercises" / TEMPLATE.name).read_bytes() == TEMPLATE.read_bytes()
    assert sorted(load_exercises(case)) == ["own-claims", "own-events", "own-sources"]


def test_what_a_browser_paste_brings_splits_as_the_plain_text_does():
    """Windows line endings, non-breaking spaces and a trailing newline change no paragraph or sentence."""
    plain = TEXT.replace("\r\n", "\n").replace("\xa0", " ").rstrip("\n")
    assert split_paragraphs(TEXT) == split_paragraphs(plain)


def test_an_id_is_made_from_the_title_with_the_year():
    assert make_id("Council delays bus vote", dt.date(2025, 3, 14)) == "council-delays-bus-vote-2025"
    assert make_id("Zürich: café owners’ strike in 2024!", dt.date(2024, 5, 1)) == "zurich-cafe-owners-strike-in-2024"
    long = make_id("word " * 40, dt.date(2024, 1, 1))
    assert len(long) <= 60 and long.startswith("word-word") and not long.endswith("-")
    assert make_id("Совет", dt.date(2024, 1, 1)) == ""


def test_an_id_given_is_used_and_a_date_in_any_common_form_is_read():
    folder = create_case(TEXT, title="Anything", published="March 14, 2025", case_id="bus-vote")
    assert folder.name == "bus-vote" and load_case("bus-vote").meta["published"] == "2025-03-14"


@pytest.mark.parametrize(
    "typed",
    [
        "Thu 6 Mar 2025 10.32 GMT",
        "Updated 10:32 AM GMT, March 6, 2025",
        "March 6, 2025 10:32 AM",
        "2025-03-06 10:32",
        "2025-03-06T10:32:00Z",
        "Published: 6 March 2025, 14:05 CET",
        "Last updated on 6 March 2025 at 10:32 +01:00",
        "Tuesday, 1 November 2022",
    ],
)
def test_a_date_copied_from_an_article_page_with_its_label_time_and_zone_is_read(typed):
    """The label and the time of day are left out here; the weekday is read by answers.parse_date."""
    day, problem = new_case.read_published(typed, dt.date(2025, 3, 14))
    assert problem is None and day == (dt.date(2022, 11, 1) if "2022" in typed else dt.date(2025, 3, 6))


def test_a_date_written_with_numbers_only_is_not_taken_for_a_time():
    assert new_case.date_as_typed("12.03.2025") == "12.03.2025"
    assert new_case.date_as_typed("6.3.2025 10.32") == "6.3.2025"
    _day, problem = new_case.read_published("12.03.2025", dt.date(2025, 3, 14))
    assert "could be 12 March or 3 December" in problem


def test_a_month_not_in_english_is_refused_with_what_to_write():
    _day, problem = new_case.read_published("14 mars 2025", dt.date(2025, 3, 14))
    assert "write the month in English (14 March 2025) or the date as YYYY-MM-DD" in problem


def test_tomorrow_is_accepted_for_a_learner_ahead_of_the_servers_time_zone_the_day_after_is_not():
    assert new_case.read_published("15 March 2025", dt.date(2025, 3, 14)) == (dt.date(2025, 3, 15), None)
    _day, problem = new_case.read_published("16 March 2025", dt.date(2025, 3, 14))
    assert "16 March 2025 is in the future (today is 14 March 2025)" in problem


def test_a_language_code_in_capitals_is_accepted_and_kept_in_its_usual_case():
    folder = create_case(TEXT, title="Anything", published="2025-03-14", language="EN-GB", case_id="caps")
    assert load_case(folder).meta["language"] == "en-GB"
    folder = create_case(TEXT, title="Anything", published="2025-03-14", language=" EN ", case_id="caps-2")
    assert load_case(folder).meta["language"] == "en"


def test_a_case_folder_gets_the_usual_mode_not_mkdtemps_private_one():
    previous = os.umask(0o022)
    try:
        folder = create_case(TEXT, title="Anything", published="2025-03-14", case_id="mode")
    finally:
        os.umask(previous)
    assert folder.stat().st_mode & 0o777 == 0o755


def test_a_paste_that_lost_its_blank_lines_is_one_paragraph_and_the_form_says_so():
    form = CaseForm()
    fill(form, text="Council delays bus vote\nBy A. Writer\nThe council postponed its vote.\nIt meets again in April.")
    form.button.click()
    shown = seen(form.message)
    assert "1 paragraph, 2 sentences" in shown, "the headline and byline run into the first sentence"
    assert "1 paragraphs" not in shown and "has 3 line breaks but no empty line" in shown
    form = CaseForm()
    fill(form, case_id="with-blank-lines")
    form.button.click()
    assert "no empty line" not in seen(form.message)


def test_an_unknown_case_names_both_places_cases_are_looked_for():
    with pytest.raises(FileNotFoundError) as caught:
        find_case_folder("no-such-case")
    assert str(SEEDS_DIR) in str(caught.value) and str(own_cases_folder()) in str(caught.value)


# --- The form and choosing the case -------------------------------------------------------------------


def fill(form: CaseForm, text: str = TEXT, **fields: str) -> None:
    form.text.value = text
    for name, value in {**GOOD, **fields}.items():
        form.fields[name].value = value


def test_the_form_creates_the_case_and_says_where():
    form = CaseForm()
    fill(form)
    form.button.click()
    shown = seen(form.message)
    assert "✓ Created your case council-delays-bus-vote-2025" in shown and "3 paragraphs, 4 sentences" in shown
    assert load_case("council-delays-bus-vote-2025").title == "Council delays bus vote"


def test_the_form_lists_every_problem_and_keeps_what_was_typed():
    form = CaseForm()
    fill(form, published="31/02/2025", url="not an address")
    form.button.click()
    shown = seen(form.message)
    assert "✗ The case was not created" in shown and "Date : '31/02/2025' is not a real calendar date" in shown
    assert "Address : 'not an address' is not a web address" in shown
    assert form.text.value == TEXT and form.fields["url"].value == "not an address"
    form.fields["published"].value, form.fields["url"].value = "2025-03-14", ""
    form.button.click()
    assert "✓ Created your case" in seen(form.message)
    form.button.click()  # a second click, nothing changed: the case made a moment ago, not a clash
    again = seen(form.message)
    assert "✓ Your case council-delays-bus-vote-2025 is already created" in again and "Nothing new was made" in again
    assert "already exists" not in again and "e.g. council-delays-bus-vote-2025-2" not in again
    form.text.value = TEXT + " One more sentence."  # another text under the same id: that is a clash
    form.button.click()
    assert "✗ The case was not created" in seen(form.message) and "already exists" in seen(form.message)


def test_the_form_escapes_what_was_typed():
    form = CaseForm()
    fill(form, language="<b>en</b>")
    form.button.click()
    assert "&lt;b&gt;en&lt;/b&gt;" in form.message.value and "<b>en</b>" not in form.message.value


def test_a_fault_is_said_plainly_never_a_traceback(monkeypatch):
    def broken(**_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(new_case, "create_case", broken)
    form = CaseForm()
    fill(form)
    assert form.submit() is None
    assert "The case could not be created: PermissionError" in seen(form.message) and "Nothing you typed was lost" in seen(
        form.message
    )


def test_the_lesson_uses_the_example_until_the_learner_has_a_case_then_their_newest(monkeypatch):
    shown = []
    monkeypatch.setattr(new_case, "display", shown.append)
    assert choose_case().id == "example-own-article" and "invented example" in shown[-1].data
    first = create_case(TEXT, **GOOD)
    second = create_case("A second text.", title="Second", published="2025-03-15")
    os.utime(first / "case.json", ns=(1, 1))  # the first is the older one
    assert choose_case().id == second.name and "your case second-2025" in shown[-1].data


def test_an_older_case_is_chosen_by_its_id_and_an_unknown_id_falls_back_saying_why(monkeypatch):
    shown = []
    monkeypatch.setattr(new_case, "display", shown.append)
    first = create_case(TEXT, **GOOD)
    create_case("A second text.", title="Second", published="2025-03-15")
    assert choose_case(first.name).id == first.name and f"your case {first.name}" in shown[-1].data
    assert choose_case("medvedev-zimbabwe-2022").id == "medvedev-zimbabwe-2022" and "the case medvedev" in shown[-1].data
    assert choose_case("no-such-case").id == "second-2025"
    assert "The case &#x27;no-such-case&#x27; could not be loaded" in shown[-1].data and "your case second-2025" in shown[-1].data


def test_a_broken_own_case_falls_back_to_the_example_and_says_why(monkeypatch):
    shown = []
    monkeypatch.setattr(new_case, "display", shown.append)
    folder = create_case(TEXT, **GOOD)
    (folder / "article.txt").write_text("Changed afterwards.")
    assert choose_case().id == "example-own-article"
    assert "could not be read (the text does not match its checksum" in shown[-1].data


# --- The workspaces: saved with the learner's progress and exported ------------------------------------


def test_the_workspaces_of_a_new_case_are_saved_under_its_id_and_exported(isolated_progress):
    from helpers.report import export_html
    from helpers.widgets import build

    folder = create_case(TEXT, **GOOD)
    case = load_case(folder.name)
    store = ProgressStore(isolated_progress)
    view = build("own-events", case, store)
    row = {"start": "11 March 2025", "precision": "day", "what": "The article says the council postponed its vote."}
    fill_row(view, **row, dated_by="the article: on Tuesday")
    view.check_button.click()
    assert "✎ Saved" in seen(view.panel)
    assert store.get(f"{folder.name}/own-events")["answer"]["rows"][0]["start"] == "11 March 2025"
    assert "The article says the council postponed its vote." in export_html(case, store)


def test_the_workspaces_offer_the_courses_own_claim_types_verdicts_and_source_kinds():
    from helpers.claims import CLAIM_TYPES, VERDICTS
    from helpers.sources import KINDS

    exercises = {e["id"]: e for e in json.loads(TEMPLATE.read_text(encoding="utf-8"))["exercises"]}
    options = {(e, c["id"]): c.get("options") for e, x in exercises.items() for c in x["columns"]}
    assert options[("own-claims", "type")] == list(CLAIM_TYPES) and options[("own-claims", "verdict")] == list(VERDICTS)
    assert set(options[("own-sources", "kind")]) - set(KINDS) == {"the article itself", "other"}
    assert all(e["type"] == "workspace" and "sources" not in e for e in exercises.values()), "no source ids: a new case has none"
