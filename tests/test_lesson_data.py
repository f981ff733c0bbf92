"""Lesson data helpers (voices, provenance, language, source cards) on the seed and on a made-up article.

The made-up case in tests/cases/ goes through the same helpers, proving nothing is specific to the seed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

import pytest

from helpers.article import load_case
from helpers.datafiles import DataFileError
from helpers.language import annotations_html, load_annotations
from helpers.provenance import chain_html, load_chain
from helpers.search_results import load_results, results_html, show_search_results
from helpers.sources import load_sources, show_cards
from helpers.voices import load_absent_voices, load_voices, show_voices, voice_summary

MADE_UP = Path(__file__).parent / "cases" / "harbour-council-2024"


@pytest.fixture
def made_up():
    return load_case(MADE_UP)


@pytest.fixture
def made_up_copy(tmp_path):
    target = tmp_path / "harbour-council-2024"
    shutil.copytree(MADE_UP, target)
    return target


@pytest.mark.parametrize("which", ["seed", "made_up"])
def test_every_sentence_has_exactly_one_voice(which, case, made_up):
    chosen = case if which == "seed" else made_up
    voices = load_voices(chosen)
    assert list(voices["sentence"]) == [s.id for s in chosen.sentences]
    assert voices["words"].sum() == sum(len(s.text.split()) for s in chosen.sentences)


def test_voice_summary_on_the_made_up_article(made_up):
    summary = voice_summary(load_voices(made_up)).set_index("voice")
    assert summary.loc["Ana Ruiz", "direct quote"] == len(
        [
            "a",
            "historic",
            "victory",
            "for",
            "every",
            "family",
            "in",
            "this",
            "town.”",
            "“We",
            "listened",
            "to",
            "residents,",
            "and",
            "we",
            "acted,”",
            "Ruiz",
            "said.",
        ]
    ) + len(["Mayor", "Ana", "Ruiz", "called", "the", "vote"])
    assert summary.loc["The outlet", "sentences"] == 3 and summary.loc["Dr Lee", "paraphrase"] == 0
    assert summary["share of words"].str.endswith("%").all()


def test_voice_summary_on_the_seed_matches_the_sentences(case):
    summary = voice_summary(load_voices(case)).set_index("voice")
    assert summary.loc["Dmitry Medvedev", "direct quote"] == len(case.passage("P3.S1").split())
    assert summary.loc["The outlet", "own assertion"] == sum(
        len(case.passage(s).split()) for s in ("P1.S2", "P6.S3", "P7.S1", "P8.S1", "P8.S2", "P9.S1")
    )
    assert summary.index[0] == "Dmitry Medvedev"


def test_an_unattributed_sentence_is_not_counted_as_matlocks_words(case):
    """P6.S3 names no speaker: it counts as the outlet's own assertion, not as Matlock's paraphrase."""
    voices = load_voices(case).set_index("sentence")
    assert (voices.loc["P6.S3", "voice"], voices.loc["P6.S3", "form"]) == ("The outlet", "own assertion")
    assert "Unattributed" in voices.loc["P6.S3", "note"]
    summary = voice_summary(load_voices(case)).set_index("voice")
    assert summary.loc["Jack Matlock", "paraphrase"] == sum(len(case.passage(s).split()) for s in ("P6.S1", "P6.S2"))


def test_show_voices_shows_a_chart_and_its_table(made_up):
    with mock.patch("helpers.plots.display") as plotted:
        show_voices(made_up)
    chart, table = (call.args[0] for call in plotted.call_args_list)
    bars = chart["application/vnd.plotly.v1+json"]["data"]
    assert [b["name"] for b in bars] == ["direct quote", "paraphrase", "own assertion"] and "Ana Ruiz" in bars[0]["y"]
    assert "table below" in chart["text/plain"]
    layout = chart["application/vnd.plotly.v1+json"]["layout"]
    assert layout["yaxis"]["automargin"] is True, "long voice names must not be cut off at the left edge"
    assert layout["legend"]["traceorder"] == "normal", "the legend lists the forms in the order of the bars"
    assert 0 not in bars[2]["text"] and "" in bars[2]["text"], "an empty segment carries no 0 label"
    shown = table.data
    assert "<caption>Words per voice" in shown and "Ana Ruiz" in shown and "Harbour Town Council" in shown


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace("P2.S2,The outlet", "P9.S9,The outlet"),
            r"voices\.csv, row 5, field 'sentence': 'P9.S9' is not a sentence id",
        ),
        (
            lambda t: t.replace("P2.S2,The outlet,own assertion", "P2.S1,The outlet,own assertion"),
            r"row 5, field 'sentence': 'P2.S1' is already listed in row 4; list each sentence once",
        ),
        (
            lambda t: t.replace("P3.S1,Harbour Town Council,paraphrase", "P3.S1,Harbour Town Council,rumour"),
            r"row 6, field 'form': 'rumour' is not allowed; write one of: direct quote, paraphrase, own assertion",
        ),
        (
            lambda t: t.replace("P4.S1,The outlet,own assertion,footer\n", ""),
            r"field 'sentence': every sentence needs a row; missing: P4.S1",
        ),
        (lambda t: t.replace("P1.S1,The outlet", "P1.S1,"), r"row 2, field 'voice': this cell is empty"),
    ],
)
def test_bad_voices_file_names_row_and_field(made_up_copy, edit, message):
    path = made_up_copy / "voices.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_voices(load_case(made_up_copy))


def test_absent_voices_say_precisely_whose_voice_is_missing(case):
    """Stremousov, a Russian-installed official, is quoted: what is missing is Ukraine's government and residents who opposed the occupation."""
    rows = {r["voice"]: r for r in load_absent_voices(case)}
    ukraine = rows["Ukraine's government"]
    assert "Stremousov" in ukraine["why"] and "bbc-stremousov" in ukraine["source_ids"]
    assert "no Ukrainian voice" not in ukraine["why"]
    assert rows["Residents of the occupied regions who opposed the occupation"]["source_ids"] == ("referendums-coercion",)
    assert "balanced approach" in rows["Zimbabwe's government, in its own words"]["why"]


def test_absent_voices_cite_known_sources(case, made_up):
    assert [r["voice"] for r in load_absent_voices(made_up)] == [
        "The council members who voted against",
        "Residents who oppose the route",
    ]
    assert all(r["source_ids"] for r in load_absent_voices(case))


def test_unknown_source_in_absent_voices(made_up_copy):
    path = made_up_copy / "absent-voices.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("residents-group", "nobody"), encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"absent-voices\.csv, row 3, field 'sources': source 'nobody' is not in sources\.csv"
    ):
        load_absent_voices(load_case(made_up_copy))


def test_provenance_chain(case, made_up):
    chain = load_chain(case)
    assert [r["step"] for r in chain] == ["1", "2", "3", "4", "5"]
    page = chain_html(case)
    assert "○ unconfirmed" in page and "● confirmed" in page and "◐ inferred" in page
    assert page.count('class="ml-link"') == 5 and "border:2px dashed" in page
    assert chain_html(made_up).count("↓") == 1


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace(",confirmed,council-minutes", ",certain,council-minutes"),
            r"provenance\.csv, row 2, field 'confidence'",
        ),
        (lambda t: t.replace("2,Gazette", "x,Gazette"), r"row 3, field 'step': 'x' is not a whole number; write 1, 2, 3"),
        (lambda t: t.replace("2,Gazette", "1,Gazette"), r"field 'step': steps must be unique"),
        (lambda t: t.replace(",confirmed,gazette-item", ",confirmed,"), r"row 3, field 'sources': this cell is empty"),
    ],
)
def test_bad_provenance_file(made_up_copy, edit, message):
    path = made_up_copy / "provenance.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_chain(load_case(made_up_copy))


def test_language_annotations(case, made_up):
    rows = load_annotations(case)
    assert {r["phrase"] for r in rows} >= {
        "special operation to protect Donbass",
        "balanced approach",
        "Russia thanks",
        "seize",
        "release",
    }
    page = annotations_html(case)
    assert "<mark>special operation to protect Donbass</mark>" in page and "отторгнуть" in page
    assert "<mark>a historic victory</mark>" in annotations_html(made_up)


def test_language_notes_say_whose_words_and_read_no_motive(case):
    rows = {r["phrase"]: r for r in load_annotations(case)}
    assert "is forever" not in rows, "a commitment about the future, not a label: a discussion prompt, not a loaded phrase"
    balanced = rows["balanced approach"]
    assert "Medvedev's word" in balanced["note"] and "as support" not in balanced["note"] + balanced["device"]
    assert "eadaily-medvedev" in balanced["source_ids"] and "newsday-zim-abstain" in balanced["source_ids"]
    thanks = rows["Russia thanks"]
    assert (
        thanks["sentence"] == "P1.S1" and "party statement" in thanks["device"] and thanks["source_ids"] == ("eadaily-medvedev",)
    )
    assert "UN General Assembly" in rows["joining new territories"]["neutral"], "a neutral wording that is one party's says whose"
    assert "Ukraine's view" in rows["seize"]["neutral"]
    title = rows["the deputy governor of the Kherson region"]
    assert title["sentence"] == "P5.S1" and title["source_ids"] == ("bbc-stremousov",)
    assert "Russian occupation authorities" in title["neutral"]


def test_case_origin_says_only_the_footer_points_to_izvestia(case):
    origin = case.meta["origin"]
    assert "both point" not in origin
    assert "the footer points to the Russian state-aligned newspaper Izvestia" in origin and "reused text" in origin


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace("P1.S2,a historic victory", "P1.S1,a historic victory"),
            r"language\.csv, row 2, field 'phrase': 'a historic victory' does not occur in P1.S1",
        ),
        (lambda t: t.replace("P1.S2,a historic", "P1,a historic"), r"row 2, field 'sentence': 'P1' is not a sentence id"),
    ],
)
def test_bad_language_file(made_up_copy, edit, message):
    path = made_up_copy / "language.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_annotations(load_case(made_up_copy))


def test_source_cards_for_the_made_up_case(made_up):
    with mock.patch("helpers.sources.display") as shown:
        show_cards(made_up, ["council-minutes", "residents-group"])
    page = shown.call_args.args[0].data
    assert "Card 1: Harbour Town Council" in page and "Card 2: Harbour Residents" in page and "primary record" in page


@pytest.mark.parametrize(
    ("source_id", "kind", "url"),
    [
        ("un-ga-12456", "press release", "https://press.un.org/en/2022/ga12456.doc.htm"),
        ("un-ga-12458", "press release", "https://press.un.org/en/2022/ga12458.doc.htm"),
        ("un-library-voting-data", "rating or reference", "https://research.un.org/en/docs/unvoting/undl"),
        ("bbc-stremousov", "news report", "https://www.bbc.co.uk/news/world-europe-63572668"),
        ("cor-state-controlled", "teaching framework", "https://cor.inquirygroup.org/curriculum/lessons/state-controlled-media/"),
        ("rferl-faq", "rating or reference", "https://pressroom.rferl.org/frequently-asked-questions"),
        (
            "vekdaily-stremousov",
            "news report",
            "https://vekdaily.net/amp/kirill-stremousov-deputy-governor-of-kherson-region-died-in-road-accident",
        ),
    ],
)
def test_seed_sources_added_after_review(case, source_id, kind, url):
    source = load_sources(case)[source_id]
    assert (source.kind, source.url) == (kind, url)


def test_the_un_press_release_is_not_presented_as_the_official_record(case):
    release = load_sources(case)["un-ga-12458"]
    assert "UN Digital Library" in release.note


def test_what_the_un_press_release_lists_is_worded_as_checked_only_in_part(case):
    """Only the opening of GA/12458 could be read (it names the five states against): no text may say the
    whole page leaves out the abstaining states, since whether it lists every state's vote was not checked."""
    release = load_sources(case)["un-ga-12458"]
    assert "names the five states that voted against" in release.summary
    assert "whether the full page lists every state's vote was not checked" in release.summary
    root = Path(__file__).parent.parent
    texts = {
        "instructor guide": "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "instructors").rglob("*.md"))),
        "lesson 01 exercises": (case.folder / "exercises" / "01-source-evaluation.json").read_text(encoding="utf-8"),
    }
    for where, text in texts.items():
        flat = " ".join(text.split())
        for claim in ("copy we read does not name", "copy consulted does not name", "Check the record: Zimbabwe"):
            assert claim not in flat, f"{where} says {claim!r} as if the whole record had been read"
        assert flat.count("was not checked") >= 1, where


def test_seed_sources_are_complete_citations(case):
    for source in load_sources(case).values():
        assert source.publisher and source.title and source.date and source.url.startswith(("https://", "http://")), (
            source.id
        )  # the address as found
        assert "TODO" not in source.citation() + source.summary, f"{source.id} is not filled in"


def test_figure_bundle_is_what_plotlys_own_notebook_renderer_sends(made_up):
    """helpers.plots builds the figure and its bundle itself (to skip slow imports); it must stay identical to plotly's."""
    import plotly.graph_objects as go
    import plotly.io as pio

    from helpers.plots import figure_bundle, stacked_bar

    spec = stacked_bar(voice_summary(load_voices(made_up)), "voice", ["direct quote", "paraphrase"], "Who speaks", "words")
    fig = go.Figure(spec)  # validates: raises on any property or value plotly does not know
    theirs = pio.renderers["plotly_mimetype"].to_mimebundle(fig)["application/vnd.plotly.v1+json"]
    ours = figure_bundle(spec)["application/vnd.plotly.v1+json"]
    theirs.pop("config", None)
    assert ours == theirs
    assert figure_bundle(fig)["application/vnd.plotly.v1+json"] == theirs, "a figure object gives the same bundle"
    assert "Who speaks" in figure_bundle(fig)["text/plain"] and "Who speaks" in figure_bundle(spec)["text/plain"]


def test_a_missing_number_in_a_chart_is_an_empty_segment_as_plotly_writes_it():
    import pandas as pd
    import plotly.graph_objects as go
    import plotly.io as pio

    from helpers.plots import figure_bundle, stacked_bar

    spec = stacked_bar(pd.DataFrame({"who": ["A", "B"], "n": [2.0, float("nan")]}), "who", ["n"], "Counts", "n")
    assert spec["data"][0]["x"] == [2.0, None] and spec["data"][0]["text"] == ["2.0", ""]
    theirs = pio.renderers["plotly_mimetype"].to_mimebundle(go.Figure(spec))["application/vnd.plotly.v1+json"]
    assert figure_bundle(spec)["application/vnd.plotly.v1+json"]["data"] == theirs["data"]


# --- Search results to read laterally ----------------------------------------------------------

RESULTS_HEADER = "query,rank,source,snippet\n"
SOURCES = (
    "id,kind,publisher,title,date,url,language,summary\n"
    "rating,rating or reference,Raters,The <b>rating</b>,2024,https://raters.example/izv?a=1&b=2,en,A rating.\n"
    "copy,aggregator copy,Copies,A copy,2024,https://www.copies.example/izv,en,A copy.\n"
)


def search_case(make_case, rows: str):
    return load_case(make_case(files={"sources.csv": SOURCES, "search-results.csv": RESULTS_HEADER + rows}))


def test_seed_search_results_are_real_cited_pages_in_order(case):
    results = load_results(case)["Izvestia owner"]
    sources = load_sources(case)
    assert [r.rank for r in results] == [1, 2, 3, 4, 5]
    assert [r.source for r in results] == [
        "grokipedia-izvestia",
        "tadviser-izvestia",
        "mbfc-izvestia",
        "howlingpixel-izvestia",
        "eu-izvestia-2024",
    ]
    for result in results:
        assert (result.title, result.url) == (sources[result.source].title, sources[result.source].url)
        assert result.snippet.strip()
    assert results[2].site == "mediabiasfactcheck.com"


def test_search_results_page_shows_titles_addresses_snippets_and_says_it_is_not_live(make_case):
    case = search_case(make_case, "izvestia,1,copy,Words <i>from</i> the copy\nizvestia,2,rating,Words from the rating\n")
    page = results_html(case, "izvestia")
    assert "not a live search" in page and page.count('class="ml-result"') == 2
    assert page.index("Result 1 · copies.example") < page.index("Result 2 · raters.example"), "www. is dropped, order kept"
    assert "<i>" not in page and "&lt;i&gt;from&lt;/i&gt;" in page and "The &lt;b&gt;rating&lt;/b&gt;" in page
    assert 'href="https://raters.example/izv?a=1&amp;b=2"' in page and 'rel="noopener"' in page
    with mock.patch("helpers.search_results.display") as shown:
        show_search_results(case, "izvestia")
    assert shown.call_args.args[0].data == page


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("q,2,copy,x\n", r"row 2, field 'rank': ranks run 1, 2, 3 … within a query; expected 1 here, not '2'"),
        ("q,1,copy,x\nq,1,rating,y\n", r"row 3, field 'rank': .*expected 2 here, not '1'"),
        ("q,one,copy,x\n", r"row 2, field 'rank'"),
        ("q,1,nobody,x\n", r"row 2, field 'source': source 'nobody' is not in sources\.csv"),
        ("q,1,copy,\n", r"row 2, field 'snippet': this cell is empty"),
    ],
)
def test_bad_search_results_name_row_and_field(make_case, rows, message):
    with pytest.raises(DataFileError, match=r"search-results\.csv, " + message):
        load_results(search_case(make_case, rows))


def test_unknown_query_and_missing_file_are_named(make_case):
    case = search_case(make_case, "izvestia,1,copy,x\n")
    with pytest.raises(DataFileError, match=r"no results for the query 'nope'; queries in the file: 'izvestia'"):
        results_html(case, "nope")
    with pytest.raises(DataFileError, match=r"search-results\.csv: file not found"):
        load_results(load_case(make_case(name="no-results", files={"sources.csv": SOURCES})))


def test_the_case_check_lists_search_results_problems_with_the_other_files(seed_copy):
    """search-results.csv is declared with the lesson tables, so check_case reads it and lists its problems."""
    from helpers.casefolder import validate_case

    assert validate_case(seed_copy) == []
    path = seed_copy / "search-results.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",3,mbfc-izvestia,", ",3,mbfc-izvestja,"), encoding="utf-8")
    problems = [(p.path.name, p.row, p.field) for p in validate_case(seed_copy)]
    assert problems == [("search-results.csv", 4, "source")]


def test_rferl_has_an_outside_card_verified_in_the_stored_page(case):
    """The outside card on RFE/RL: Radio World's report on the 2025 grant dispute, in words seen in it."""
    source = load_sources(case)["radioworld-rferl-grant-2025"]
    assert (source.kind, source.publisher, source.title) == (
        "news report",
        "Radio World",
        "RFE/RL Sues the USAGM to Get Its Grant Back",
    )
    assert source.url == "https://www.radioworld.com/news-and-business/headlines/rfe-rl-sues-the-usagm-to-get-its-grant-back"
    assert source.date == "2025-03" and "shows no publication date" in source.note
    assert "“is suing the United States Agency for Global Media to block the termination of its federal grant”" in source.summary


def test_partly_seen_search_results_are_worded_as_seen(case):
    """Grokipedia and Howling Pixel were read only in part: no card says what the whole page leaves out."""
    sources = load_sources(case)
    for source_id in ("grokipedia-izvestia", "howlingpixel-izvestia"):
        card = sources[source_id]
        assert "does not say" not in card.summary + card.note, source_id
        assert "nothing in the part shown says who wrote it" in card.summary and "only part of the page was seen" in card.note
    howling = sources["howlingpixel-izvestia"]
    assert "appears to match Wikipedia's “Izvestia” article" in howling.summary
    assert "Wikipedia's own “Izvestia” article and its references" in howling.note
    compared = sources["thefullwiki-izvestia"]
    assert compared.kind == "aggregator copy" and "“From Wikipedia, the free encyclopedia”" in compared.summary


def test_case_tables_keep_referendums_in_quotation_marks_in_our_own_voice(case):
    """Review: the course's own words put the “referendums” in quotation marks; quoted passages, source titles,
    the article's phrases (language.csv) and ids (e.g. referendums-coercion) may say referendum(s) plainly. A source card's note said 'the referendums' conduct'."""
    import csv
    import re

    offenders = []
    for path in sorted(case.folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column, text in row.items():
                    if column in ("title", "phrase") or not text:
                        continue
                    own_words = re.sub(r"“[^”]*”|«[^»]*»", "", text)
                    if re.search(r"(?<![\w-])referend\w*(?![\w-])", own_words, re.IGNORECASE):
                        offenders.append(f"{path.name}, row {number}, {column}")
    assert offenders == []
