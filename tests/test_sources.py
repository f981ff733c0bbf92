"""Sources and source cards: validation with row and field, citations, escaped cards, the case card."""

from __future__ import annotations

import pytest

from helpers.article import load_case
from helpers.datafiles import DataFileError
from helpers.sources import card_html, case_card_html, check_source_ids, citations_html, load_sources

HEADER = "id,kind,publisher,title,date,url,language,summary\n"
GOOD = 'un-vote,primary record,United Nations,"A vote, recorded",2022-10-12,https://press.un.org/en/2022/ga12458.doc.htm,en,The vote was 143 to 5.\n'


def case_with(make_case, rows: str, **meta):
    return load_case(make_case(files={"sources.csv": HEADER + rows}, **meta))


def test_sources_load(make_case):
    sources = load_sources(case_with(make_case, GOOD))
    source = sources["un-vote"]
    assert source.kind == "primary record" and source.title == "A vote, recorded"
    assert source.citation() == "United Nations, “A vote, recorded”, 2022-10-12. https://press.un.org/en/2022/ga12458.doc.htm"


def test_sources_are_read_and_checked_once_until_the_file_changes(make_case, monkeypatch):
    import helpers.sources

    case = case_with(make_case, GOOD)
    loads = []
    monkeypatch.setattr(helpers.sources, "load_table", lambda *a, real=helpers.sources.load_table: loads.append(1) or real(*a))
    first = load_sources(case)
    first.clear()  # a caller changing its copy changes nothing for the next one
    assert load_sources(case)["un-vote"].summary == "The vote was 143 to 5." and loads == [1]
    assert citations_html(case, ["un-vote"]) and loads == [1]
    (case.folder / "sources.csv").write_text(HEADER + GOOD.replace("143 to 5", "143 to 6"), encoding="utf-8")
    assert load_sources(case)["un-vote"].summary == "The vote was 143 to 6." and loads == [1, 1], "same size, seen at once"
    (case.folder / "sources.csv").write_text(HEADER + GOOD.replace("un-vote", "UN Vote"), encoding="utf-8")
    for _ in range(2):  # a bad file is refused every time, never remembered
        with pytest.raises(DataFileError, match="'UN Vote' is not an id"):
            load_sources(case)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("un-vote", "UN Vote"), "row 2, field 'id': 'UN Vote' is not an id of lower-case words"),
        (GOOD.replace("primary record", "blog"), "row 2, field 'kind': 'blog' is not allowed; write one of: primary record"),
        (GOOD.replace("2022-10-12", "12 Oct 2022"), "row 2, field 'date': '12 Oct 2022' is not a date; write YYYY-MM-DD"),
        (
            GOOD.replace("https://press", "press"),
            "row 2, field 'url': 'press.un.org/en/2022/ga12458.doc.htm' is not a web address; write it in full, starting with https://",
        ),
        (GOOD.replace("United Nations", ""), "row 2, field 'publisher': this cell is empty"),
        (GOOD + GOOD, "row 3, field 'id': 'un-vote' is already listed in row 2; list each id once"),
    ],
)
def test_bad_rows_name_row_and_field(make_case, row, message):
    with pytest.raises(DataFileError, match=r"sources\.csv, " + message):
        load_sources(case_with(make_case, row))


def test_missing_sources_file(make_case):
    with pytest.raises(DataFileError, match=r"sources\.csv: file not found"):
        load_sources(load_case(make_case()))


def test_source_ids_are_checked(make_case):
    case = case_with(make_case, GOOD)
    assert check_source_ids(case, "un-vote", "x.csv", 2) == ("un-vote",)
    with pytest.raises(DataFileError, match=r"x\.csv, row 4, field 'sources': source 'nope' is not in sources\.csv"):
        check_source_ids(case, "un-vote; nope", "x.csv", 4)


def test_cards_and_citations_escape_everything(make_case):
    row = 'evil,news report,"<b>Pub</b>","T <script>",2024,https://example.org/?a=1&b="x",en,"S & <i>"\n'
    case = case_with(make_case, row)
    card = card_html(load_sources(case)["evil"], 1)
    assert "<script>" not in card and "<b>Pub" not in card and "<i>" not in card
    assert (
        "&lt;b&gt;Pub&lt;/b&gt;" in card
        and "S &amp; &lt;i&gt;" in card
        and 'href="https://example.org/?a=1&amp;b=&quot;x&quot;"' in card
    )
    assert "Card 1: " in card and "news report" in card
    assert 'rel="noopener"' in citations_html(case, ["evil"])


def test_case_card_shows_origin_confidence_and_sources(make_case):
    case = case_with(
        make_case,
        GOOD,
        origin_confidence={"english_text": "confirmed", "original_publisher": "unconfirmed"},
        origin_sources=["un-vote"],
    )
    card = case_card_html(case)
    assert "original publisher: <strong>unconfirmed</strong>" in card and "Written for the tests." in card
    assert "press.un.org" in card


def test_case_card_shows_address_and_licence_only_when_given(make_case):
    plain = case_card_html(case_with(make_case, GOOD, name="plain"))
    assert "Licence" not in plain and "Address" not in plain
    card = case_card_html(case_with(make_case, GOOD, name="licensed", url="https://example.org/a?b=1&c=2", licence="CC BY 2.5"))
    assert "<th" in card and "Address</th><td" in card and "https://example.org/a?b=1&amp;c=2" in card
    assert "Licence</th><td" in card and "CC BY 2.5" in card


def test_seed_case_origin_sources_exist(case):
    sources = load_sources(case)
    assert set(case.meta["origin_sources"]) <= set(sources)
    assert set(case.meta["origin_confidence"].values()) <= {"confirmed", "inferred", "unconfirmed"}
