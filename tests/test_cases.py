"""Every case folder is checked as a whole by validate_case, and each kind of malformed folder gets its own message.

Any folder dropped into seeds/ (or tests/cases/) is validated here, so `make test` checks a new case.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path
from unittest import mock

import pytest

from helpers.article import SEEDS_DIR, article_html, load_case
from helpers.casefolder import check_case, main, report_text, validate_case
from helpers.datafiles import BOM, DataFileError
from helpers.sources import case_card_html
from helpers.voices import load_voices

from .conftest import SEED, TEST_CASES

CASE_FOLDERS = sorted(p for p in SEEDS_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))) + sorted(
    p for p in TEST_CASES.iterdir() if p.is_dir()
)


@pytest.mark.parametrize("folder", CASE_FOLDERS, ids=lambda p: p.name)
def test_every_case_folder_has_no_problems(folder):
    problems = validate_case(folder)
    assert problems == [], report_text(problems)


def test_the_seed_and_the_test_case_are_among_the_checked_folders():
    assert {SEED.name, "harbour-council-2024"} <= {p.name for p in CASE_FOLDERS}


# --- Malformed folders: each gives its own message -----------------------------------------------


def replace_in(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}: the test no longer fits the seed"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def change_json(folder: Path, name: str, change) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def set_meta(**changes):
    return lambda folder: change_json(folder, "case.json", lambda meta: meta.update(changes))


def text_file_outside(folder: Path) -> None:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "article.txt").write_bytes((folder / "article.txt").read_bytes())
    set_meta(text_file="../outside/article.txt")(folder)


def first_exercise(change):
    return lambda folder: change_json(folder, "exercises/00-start-here.json", lambda data: change(data["exercises"][0]))


def rename(old: str, new: str):
    return lambda folder: (folder / old).rename(folder / new)


# (id, how to break a copy of the seed, file, row, field, message pattern)
MALFORMED = [
    ("published-yesterday", set_meta(published="yesterday"), "case.json", "top level", "published",
     r"^'yesterday' is not a date written YYYY-MM-DD; write the calendar date, e.g. 2022-11-01"),
    ("published-last-friday", set_meta(published="last Friday"), "case.json", "top level", "published",
     r"^'last Friday' is not a date written YYYY-MM-DD"),
    ("published-feb-30", set_meta(published="2025-02-30"), "case.json", "top level", "published",
     r"^'2025-02-30' is not a real date \(day is out of range for month\)"),
    ("published-not-text", set_meta(published=20221101), "case.json", "top level", "published",
     r"^expected text, got int; write the date this text was published, YYYY-MM-DD"),
    ("url-not-an-address", set_meta(url="pledgetimes.com/article"), "case.json", "top level", "url",
     r"^'pledgetimes\.com/article' is not a web address; write it in full, starting with https://"),
    ("origin-source-unknown", set_meta(origin_sources=["eadaily-medvedev", "nobody"]), "case.json", "top level",
     "origin_sources", r"^source 'nobody' is not in sources\.csv; add a row for it there"),
    ("origin-source-typo", set_meta(origin_sources=["eadaily-medvedef"]), "case.json", "top level", "origin_sources",
     r"^source 'eadaily-medvedef' \(did you mean 'eadaily-medvedev'\?\) is not in sources\.csv"),
    ("origin-confidence-maybe", set_meta(origin_confidence={"english_text_on_aggregator": "maybe"}), "case.json",
     "top level", "origin_confidence",
     r"^'english_text_on_aggregator': 'maybe' not allowed; .* one of: confirmed, inferred, unconfirmed"),
    ("unknown-field", lambda f: change_json(f, "case.json", lambda m: m.update(publisehd_by=m.pop("published_by"))),
     "case.json", "top level", "publisehd_by", r"^unknown field \(did you mean 'published_by'\?\); the fields are: id, title"),
    ("text-file-outside", text_file_outside, "case.json", "top level", "text_file",
     r"^'\.\./outside/article\.txt' is not inside the case folder; copy the article into the case folder"),
    ("text-file-absolute", lambda f: set_meta(text_file=str(SEED / "article.txt"))(f), "case.json", "top level",
     "text_file", r"is not inside the case folder"),
    ("case-json-duplicate-key", lambda f: replace_in(f, "case.json", "{", '{\n  "title": "Another title",'),
     "case.json", None, "title", r"^the key 'title' appears twice in the object with id 'medvedev-zimbabwe-2022'; keep one"),
    ("case-json-not-json", lambda f: replace_in(f, "case.json", '"language": "en",', '"language": "en"'), "case.json",
     None, None, r"^not valid JSON: Expecting ',' delimiter \(line \d+, column \d+\)"),
    ("case-json-missing", lambda f: (f / "case.json").unlink(), "case.json", None, None, r"^file not found"),
    ("article-edited", lambda f: replace_in(f, "article.txt", "forever", "for now"), "article.txt", None, None,
     r"^the text does not match its checksum in case\.json"),
    ("voices-unknown-sentence", lambda f: replace_in(f, "voices.csv", "P9.S1,", "P9.S9,"), "voices.csv", 15,
     "sentence", r"^'P9\.S9' is not a sentence id of the article; ids look like P3\.S1 and this article's run from "
     r"P1\.S1 to P9\.S1"),
    ("voices-sentence-twice", lambda f: replace_in(f, "voices.csv", "P1.S2,", "P1.S1,"), "voices.csv", 3, "sentence",
     r"^'P1\.S1' is already listed in row 2; list each sentence once"),
    ("voices-sentence-missing", lambda f: replace_in(f, "voices.csv", "P1.S2,", "P1.S1,"), "voices.csv", None,
     "sentence", r"^every sentence needs a row; missing: P1\.S2$"),
    ("voices-column-typo", lambda f: replace_in(f, "voices.csv", "sentence,voice", "sentance,voice"), "voices.csv", 1,
     None, r"unknown column 'sentance' \(did you mean 'sentence'\?\)"),
    ("language-phrase-not-in-sentence",
     lambda f: replace_in(f, "language.csv", "P1.S1,balanced approach,", "P1.S1,balanced approaches,"), "language.csv",
     2, "phrase", r"^'balanced approaches' does not occur in P1\.S1; copy the words exactly"),
    ("provenance-confidence-maybe", lambda f: replace_in(f, "provenance.csv", ",unconfirmed,ren-tv-footer", ",maybe,ren-tv-footer"),
     "provenance.csv", 3, "confidence", r"^'maybe' is not allowed; write one of: confirmed, inferred, unconfirmed$"),
    ("absent-voices-unknown-source",
     lambda f: replace_in(f, "absent-voices.csv", ";newsday-zim-abstain", ";newsday-zim-abstian"), "absent-voices.csv",
     3, "sources", r"^source 'newsday-zim-abstian' \(did you mean 'newsday-zim-abstain'\?\) is not in sources\.csv"),
    ("sources-impossible-date", lambda f: replace_in(f, "sources.csv", ",2022-10-12,", ",2022-10-32,"), "sources.csv",
     10, "date", r"^'2022-10-32' is not a real date"),
    ("sources-missing", lambda f: (f / "sources.csv").unlink(), "sources.csv", None, None, r"^file not found"),
    ("voices-misnamed", rename("voices.csv", "voice.csv"), "voice.csv", None, None,
     r"^the course does not read this file \(did you mean 'voices\.csv'\?\)"),
    ("exercise-duplicate-key",
     lambda f: replace_in(f, "exercises/00-start-here.json", '"prompt":', '"prompt": "Twice.", "prompt":'),
     "00-start-here.json", None, "prompt", r"^the key 'prompt' appears twice in the object with id 'text-type'"),
    ("exercise-unknown-source", first_exercise(lambda e: e.update(sources=["nobody"])), "00-start-here.json",
     "exercise 'text-type'", "sources", r"^source 'nobody' is not in sources\.csv"),
    ("exercise-missing-prompt", first_exercise(lambda e: e.pop("prompt")), "00-start-here.json", "exercise 'text-type'",
     "prompt", r"this field is missing"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "breaks", "file", "row", "field", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_case_gives_its_specific_message(seed_copy, name, breaks, file, row, field, message):
    breaks(seed_copy)
    problems = validate_case(seed_copy)
    matching = [p for p in problems if (p.path.name, p.row, p.field) == (file, row, field) and re.search(message, p.message)]
    assert matching, f"no problem at {file}, {row}, {field} matching {message!r}; got:\n{report_text(problems)}"


def test_every_problem_is_reported_at_once(seed_copy):
    set_meta(published="yesterday", origin_confidence={"quote": "maybe"})(seed_copy)
    replace_in(seed_copy, "voices.csv", "P9.S1,", "P9.S9,")
    replace_in(seed_copy, "language.csv", "P1.S1,balanced approach,", "P1.S1,balanced approaches,")
    replace_in(seed_copy, "provenance.csv", ",unconfirmed,ren-tv-footer", ",maybe,ren-tv-footer")
    problems = validate_case(seed_copy)
    where = {(p.path.name, p.row, p.field) for p in problems}
    assert where == {
        ("case.json", "top level", "published"),
        ("case.json", "top level", "origin_confidence"),
        ("voices.csv", 15, "sentence"),
        ("voices.csv", None, "sentence"),  # P9.S1 is now missing
        ("language.csv", 2, "phrase"),
        ("provenance.csv", 3, "confidence"),
    }


def test_a_loaded_case_can_be_checked_too(case):
    assert validate_case(case) == []


def test_a_missing_case_folder_is_a_problem_not_a_traceback():
    problems = validate_case("no-such-case")
    assert len(problems) == 1 and "No case folder 'no-such-case'" in problems[0].message


def test_a_fault_in_a_checker_becomes_a_problem_to_report(seed_copy):
    with mock.patch("helpers.casefolder.load_exercises", side_effect=RuntimeError("boom")):
        problems = validate_case(seed_copy)
    assert [str(p.path.name) for p in problems] == ["exercises"]
    assert "could not be checked (RuntimeError: boom); this is a fault in the course" in problems[0].message


# --- The loaders refuse what validate_case reports ---------------------------------------------


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"published": "yesterday"}, r"case\.json, top level, field 'published': 'yesterday' is not a date"),
        ({"published": "2025-02-30"}, r"field 'published': '2025-02-30' is not a real date"),
        ({"origin_confidence": {"x": "maybe"}}, r"field 'origin_confidence': 'x': 'maybe' not allowed"),
        ({"publised": "2024-01-01"}, r"field 'publised': unknown field \(did you mean 'published'\?\)"),
        ({"text_file": "../other/article.txt"}, r"field 'text_file': .* is not inside the case folder"),
        ({"text_file": "/etc/hostname"}, r"field 'text_file': '/etc/hostname' is not inside the case folder"),
    ],
)
def test_load_case_refuses_an_untyped_case_json(make_case, meta, message):
    with pytest.raises(DataFileError, match=message):
        load_case(make_case(**meta))


def test_case_json_listing_several_problems_names_them_all(make_case):
    with pytest.raises(DataFileError) as raised:
        load_case(make_case(published="yesterday", colour="red"))
    assert {p.field for p in raised.value.problems} == {"published", "colour"}
    assert "… and 1 more problem(s):" in str(raised.value)


def test_published_is_a_date(case):
    assert case.published.isoformat() == "2022-11-01" and case.published.weekday() == 1


def test_case_card_with_an_unknown_origin_source_names_the_field_not_a_key_error(seed_copy):
    set_meta(origin_sources=["nobody"])(seed_copy)
    case = load_case(seed_copy)  # the case itself loads: sources are a separate file
    with pytest.raises(DataFileError, match=r"case\.json, top level, field 'origin_sources': source 'nobody' is not in"):
        case_card_html(case)


# --- Byte-order marks: accepted and dropped in every file, the checksum is of the bytes as stored ----


def test_byte_order_marks_are_accepted_in_every_file(seed_copy):
    for name in ("sources.csv", "voices.csv", "exercises/00-start-here.json"):
        path = seed_copy / name
        path.write_bytes(BOM.encode("utf-8") + path.read_bytes())
    article = seed_copy / "article.txt"
    stored = BOM.encode("utf-8") + article.read_bytes()
    article.write_bytes(stored)
    meta = json.loads((seed_copy / "case.json").read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(stored).hexdigest()  # the checksum of the file as stored, mark included
    (seed_copy / "case.json").write_bytes(BOM.encode("utf-8") + json.dumps(meta).encode("utf-8"))
    assert validate_case(seed_copy) == []
    case = load_case(seed_copy)
    assert case.passage("P1.S1").startswith("Russia thanks") and BOM not in case.text
    assert list(load_voices(case)["sentence"])[0] == "P1.S1"


def test_a_checksum_of_the_text_without_its_mark_is_refused(make_case):
    folder = make_case()
    (folder / "article.txt").write_bytes(BOM.encode("utf-8") + (folder / "article.txt").read_bytes())
    with pytest.raises(DataFileError, match="does not match its checksum"):
        load_case(folder)


# --- Any pasted article loads in seconds -----------------------------------------------------------


def big_article(megabytes: float = 1.0) -> str:
    sentence = "Sentence {} of the report says the council met on 5 March, Dr. Lee said."
    paragraphs, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        paragraph = " ".join(sentence.format(n * 10 + i) for i in range(10))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        n += 1
    # and one long paragraph with a quotation that never closes: it cannot be split, but must not take long
    paragraphs.append("“" + " ".join(sentence.format(i) for i in range(3000)))
    return "\n\n".join(paragraphs)


def test_a_one_megabyte_article_loads_and_checks_in_seconds(make_case):
    text = big_article()
    folder = make_case(text=text, name="big-case")
    started = time.perf_counter()
    case = load_case(folder)
    rows = "".join(f"{s.id},The outlet,own assertion\n" for s in case.sentences)
    (folder / "voices.csv").write_text("sentence,voice,form\n" + rows, encoding="utf-8")
    voices = load_voices(case)
    elapsed = time.perf_counter() - started
    assert len(voices) == len(case.sentences) > 10_000
    assert case.paragraphs[-1].sentences[0].text.startswith("“Sentence 0") and len(case.paragraphs[-1].sentences) == 1
    assert elapsed < 20, f"a 1 MB article took {elapsed:.1f} s to load (was minutes before the fix)"


# --- Showing the result to an instructor -----------------------------------------------------------


def test_check_case_shows_a_table_of_problems(seed_copy):
    set_meta(published="yesterday")(seed_copy)
    with mock.patch("helpers.casefolder.display") as shown:
        check_case(seed_copy)
    bundle = shown.call_args.args[0]
    assert bundle["text/plain"].startswith("1 problem(s) found")
    assert "- medvedev-zimbabwe-2022/case.json, top level, field 'published': 'yesterday' is not a date" in bundle["text/plain"]
    page = bundle["text/html"]
    assert "<td>medvedev-zimbabwe-2022/case.json</td><td>top level</td><td>published</td>" in page
    assert "&#x27;yesterday&#x27;" in page or "&#39;yesterday&#39;" in page


def test_check_case_says_when_there_is_nothing_to_fix():
    with mock.patch("helpers.casefolder.display") as shown:
        check_case("medvedev-zimbabwe-2022")
    assert shown.call_args.args[0]["text/plain"] == ("No problems found. The case folder medvedev-zimbabwe-2022 is ready to use.")


def test_command_line_exit_status(seed_copy, capsys):
    assert main([str(SEED)]) == 0
    set_meta(published="yesterday")(seed_copy)
    assert main([str(seed_copy)]) == 1
    assert "'yesterday' is not a date" in capsys.readouterr().out
    assert main([]) == 2


def test_show_article_can_show_sentence_ids(case):
    page = article_html(case, sentence_ids=True)
    assert '<small class="ml-sentence-id" style="color:#57606a">[P6.S2]</small>' in page
    assert page.count("ml-sentence-id") == len(case.sentences)
    assert "ml-sentence-id" not in article_html(case)


def test_the_instructors_api_in_seeds_readme_imports_and_names_real_functions():
    readme = (SEEDS_DIR / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Checking and using a case: the instructor's API") :]
    imports = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    names: dict = {}
    exec(imports, names)  # the documented imports work
    for call in re.findall(r"^\| `(\w+)\(", section, re.M):
        assert callable(names.get(call)), f"seeds/README.md documents {call}() but the imports do not provide it"
    assert "sentence_ids=True" in section and "show_article(case, sentence_ids=True)" in section
