"""The article module: loading a case, checksums, paragraph and sentence ids, and safe display."""

from __future__ import annotations

import hashlib
import json

import pytest

from helpers.article import article_html, find_case_folder, load_case, split_paragraphs, split_sentences
from helpers.datafiles import DataFileError

from .conftest import SEED


def test_seed_copy_is_byte_for_byte_the_shared_seed(case):
    assert (
        hashlib.sha256((SEED / "article.txt").read_bytes()).hexdigest()
        == "32635b24b57d30087f725518aff61db6c5c5d39a2074e41497a1c4db6bb76771"
    )
    assert case.meta["sha256"] == "32635b24b57d30087f725518aff61db6c5c5d39a2074e41497a1c4db6bb76771"


def test_seed_has_nine_paragraphs_with_stable_sentence_ids(case):
    assert [p.id for p in case.paragraphs] == [f"P{n}" for n in range(1, 10)]
    assert [s.id for s in case.paragraphs[5].sentences] == ["P6.S1", "P6.S2", "P6.S3"]
    assert case.passage("P8.S1") == "On February 24, Russia launched a special operation to protect Donbass."
    assert case.passage("P9").startswith("For more up-to-date videos")


def test_quotation_stays_whole_with_its_attribution(case):
    quote = case.passage("P3.S1")
    assert quote.startswith("“The decision to include") and quote.endswith("Medvedev said.")
    assert len(case.paragraphs[2].sentences) == 1


def test_en_dash_in_party_name_is_kept_and_does_not_split(case):
    sentence = case.passage("P2.S1")
    assert "Zimbabwe African National Union – Patriotic Front (ZANU-PF)" in sentence
    assert len(case.paragraphs[1].sentences) == 1


def test_sentences_joined_give_the_paragraph_back(case):
    for paragraph in case.paragraphs:
        assert " ".join(s.text for s in paragraph.sentences) == paragraph.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith met Gen. Jones. They talked.", ["Dr. Smith met Gen. Jones.", "They talked."]),
        ("The U.S. Embassy said so. Then it left.", ["The U.S. Embassy said so.", "Then it left."]),
        ("J. Matlock wrote it. He agreed.", ["J. Matlock wrote it.", "He agreed."]),
        ("It cost 3.5 million. Nobody paid.", ["It cost 3.5 million.", "Nobody paid."]),
        ("Was it? Yes! Fine.", ["Was it?", "Yes!", "Fine."]),
        ("He said “It ends. We go.” Then he left.", ["He said “It ends. We go.”", "Then he left."]),
        ('She said "Stop. Now." They did.', ['She said "Stop. Now."', "They did."]),
        ("on Nov. 1 the talks began. Later more.", ["on Nov. 1 the talks began.", "Later more."]),
        ("no capital after. this stays", ["no capital after. this stays"]),
        ("Zimbabwe voted no. Russia thanked it.", ["Zimbabwe voted no.", "Russia thanked it."]),
        ("“No.” She left.", ["“No.”", "She left."]),
        ("No. 5 was next.", ["No. 5 was next."]),
        ("It was item no. 12 on the list. Then came more.", ["It was item no. 12 on the list.", "Then came more."]),
        ("One sentence without a stop", ["One sentence without a stop"]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_split_paragraphs_ignores_extra_blank_lines_and_joins_wrapped_lines():
    paragraphs = split_paragraphs("First line\nwrapped here.\n\n\n\nSecond.\n")
    assert [p.text for p in paragraphs] == ["First line wrapped here.", "Second."]
    assert [p.sentences[0].id for p in paragraphs] == ["P1.S1", "P2.S1"]


def test_unknown_ref_names_the_case_and_the_id_format(case):
    with pytest.raises(KeyError, match="'P12' is not a paragraph or sentence id of case 'medvedev-zimbabwe-2022'"):
        case.passage("P12")
    assert not case.has_ref("P1.S9") and case.has_ref("P1.S2")


def test_edited_text_fails_its_checksum_and_names_the_file(seed_copy):
    text_file = seed_copy / "article.txt"
    text_file.write_text(text_file.read_text(encoding="utf-8").replace("forever", "for now"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"article\.txt: the text does not match its checksum"):
        load_case(seed_copy)


def test_missing_case_folder_lists_known_cases():
    with pytest.raises(FileNotFoundError, match="medvedev-zimbabwe-2022"):
        find_case_folder("no-such-case")


def test_missing_text_file_is_named(make_case):
    folder = make_case()
    (folder / "article.txt").unlink()
    with pytest.raises(DataFileError, match=r"article\.txt: file not found"):
        load_case(folder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.pop("sha256"), r"case\.json, top level, field 'sha256': this field is missing"),
        (lambda m: m.update(title=""), r"field 'title': this text is empty"),
        (lambda m: m.update(language=3), r"field 'language': expected text, got int; write the text's language code"),
        (lambda m: m.update(id="other"), r"field 'id'.*differs from the folder name"),
    ],
)
def test_malformed_case_json_names_the_field(make_case, change, message):
    folder = make_case()
    meta = json.loads((folder / "case.json").read_text())
    change(meta)
    (folder / "case.json").write_text(json.dumps(meta))
    with pytest.raises(DataFileError, match=message):
        load_case(folder)


def test_case_json_that_is_not_json_gives_line_and_column(make_case):
    folder = make_case()
    (folder / "case.json").write_text('{"id": "made-up",\n "title": }')
    with pytest.raises(DataFileError, match=r"case\.json: not valid JSON: .*line 2, column"):
        load_case(folder)


def test_case_json_of_wrong_type(make_case):
    folder = make_case()
    (folder / "case.json").write_text("[1, 2]")
    with pytest.raises(DataFileError, match="expected a JSON object {…}, got a list"):
        load_case(folder)


def test_empty_article_is_refused(make_case):
    folder = make_case(text="   \n\n  ")
    with pytest.raises(DataFileError, match="the article text is empty"):
        load_case(folder)


def test_non_utf8_article_is_refused(make_case):
    folder = make_case()
    raw = "Caf\xe9 text.".encode("latin-1")
    (folder / "article.txt").write_bytes(raw)
    meta = json.loads((folder / "case.json").read_text())
    meta["sha256"] = hashlib.sha256(raw).hexdigest()
    (folder / "case.json").write_text(json.dumps(meta))
    with pytest.raises(DataFileError, match="not valid UTF-8"):
        load_case(folder)


def test_article_html_escapes_untrusted_text(make_case):
    folder = make_case(text='<script>alert("x")</script> said the <b>author</b>. Then “A & B” left.')
    page = article_html(load_case(folder))
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "A &amp; B" in page


def test_article_html_numbers_paragraphs_and_marks_highlights(case):
    page = article_html(case, highlight=["P3.S1"])
    assert page.count("<p id=") == 9 and "[P9]" in page
    assert '<mark title="P3.S1">“The decision' in page
    assert page.count("<mark") == 1
