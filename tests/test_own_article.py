"""Lesson 05's steps on articles the course was not written for: proposed voices, the article's own timeline,
candidate claims, on every invented test case and on ferry-service-2025 (weekday references and quotes)."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.article import load_case
from helpers.claims import propose_claims
from helpers.time_expressions import time_expressions
from helpers.timeline import article_events, events_table, timeline_figure
from helpers.voices import FORMS, propose_voices, voice_summary

from .conftest import TEST_CASES

CASES = sorted(p for p in TEST_CASES.iterdir() if p.is_dir())
FERRY = TEST_CASES / "ferry-service-2025"


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_every_step_of_lesson_05_works_on_any_invented_case(folder):
    """Every sentence gets one proposed voice, every resolved time expression one event, and candidates come out."""
    case = load_case(folder)
    voices = propose_voices(case)
    assert list(voices["sentence"]) == [s.id for s in case.sentences] and set(voices["form"]) <= set(FORMS)
    assert voice_summary(voices)["words"].sum() == sum(len(s.text.split()) for s in case.sentences)
    events = article_events(case)
    resolved = time_expressions(case).query("precision not in ('unresolved', 'invalid')")
    assert len(events) == len(resolved) and all(e.kind == "in the article" for e in events)
    assert [e.start for e in events] == sorted(e.start for e in events)
    figure = timeline_figure(events, case)
    assert sum(len([x for x in trace["x"] if x]) for trace in figure["data"]) == 2 * len(events)
    assert len(events_table(events, case)) == len(events)
    assert not propose_claims(case).empty


def test_ferry_weekdays_are_counted_from_its_wednesday_and_drawn_in_date_order():
    case = load_case(FERRY)
    assert case.published == date(2025, 5, 14) and case.published.strftime("%A") == "Wednesday"
    events = article_events(case)
    by_words = {e.note.split("”")[0].strip("“"): (e.start, e.sentences) for e in events}
    assert by_words["on Monday"] == (date(2025, 5, 12), ("P2.S1",))
    assert by_words["on Friday"] == (date(2025, 5, 9), ("P3.S1",))
    assert by_words["next Wednesday"] == (date(2025, 5, 21), ("P3.S2",))
    assert by_words["on Tuesday"] == (date(2025, 5, 13), ("P4.S2",))
    assert by_words["last Thursday"] == (date(2025, 5, 8), ("P5.S2",))
    assert by_words["on 30 June"] == (date(2025, 6, 30), ("P6.S3",)), "a contract that ends: the future, not last year"
    assert events[0].when() == "May 2025" and events[0].precision == "month", "'this month' spans the month, drawn first"
    first_day = next(e for e in events if e.precision == "day")
    assert first_day.event.startswith("P5.S2 says: The regional council") and first_day.when() == "8 May 2025"


def test_ferry_voices_name_each_speaker_and_take_a_pronoun_for_the_last_person_named():
    voices = propose_voices(load_case(FERRY)).set_index("sentence")
    assert voices.loc["P1.S1", ["voice", "form"]].tolist() == ["The outlet", "own assertion"]
    assert voices.loc["P2.S1", ["voice", "form"]].tolist() == ["the operator", "paraphrase"]
    assert voices.loc["P3.S1", ["voice", "form"]].tolist() == ["Lina Varga", "direct quote"]
    assert voices.loc["P3.S2", "voice"] == "Lina Varga" and "“She” taken to be Lina Varga" in voices.loc["P3.S2", "note"]
    assert voices.loc["P4.S2", ["voice", "form"]].tolist() == ["Omar Reyes", "direct quote"]
    assert voices.loc["P5.S1", ["voice", "form"]].tolist() == ["the operator", "paraphrase"]
    assert voices.loc["P6.S2", "voice"] == "Councillor Beth Amundsen" and "(check)" in voices.loc["P6.S2", "note"]


def test_a_quote_with_no_speaker_named_says_so_instead_of_guessing():
    from helpers.voices import _sentence_voice

    assert _sentence_voice("“This cannot go on,” one resident wrote.", "")[0] == "unnamed"
    voice, form, _cue, note = _sentence_voice("“It is over,” she said.", "")
    assert (voice, form) == ("unnamed (she)", "direct quote") and "no one is named before it" in note
    assert _sentence_voice("Dr. Lee, an engineer, said the wall would “probably last fifty years.”", "")[0] == "Dr. Lee"


def test_ferry_candidate_claims_keep_quotes_apart_from_their_attribution():
    claims = propose_claims(load_case(FERRY))
    quotes = claims[claims["cue"] == "quotation"]["text"].tolist()
    assert "We will not sign a new contract on these terms" in quotes
    assert not any("she said" in q for q in quotes)


def test_a_title_before_a_name_is_neither_the_speaker_nor_the_end_of_the_clause():
    """ "Dr." and "Mr." end with a stop but not the speaker's name; the title is left out when a full name follows."""
    from helpers.voices import _sentence_voice

    quote = "“The plant will reopen in May,” said Northvale spokesperson Dr. Priya Menon."
    assert _sentence_voice(quote, "")[:2] == ("Priya Menon", "direct quote")
    assert _sentence_voice("The works are on schedule, said Mr. Alan Brook, a spokesman.", "")[0] == "Alan Brook"
    assert _sentence_voice("Dr. Priya Menon said the works were on schedule.", "")[0] == "Priya Menon"
    assert _sentence_voice("Mr Brook said the works were late.", "")[0] == "Mr Brook", "a title and a surname stay together"
    assert _sentence_voice("The works are late, said Dr.", "")[0] == "unnamed", "a title alone names no one"


def test_she_after_a_titled_speaker_is_taken_to_be_that_person_not_the_title(make_case):
    text = "Plant to reopen\n\n“The plant will reopen in May,” said Northvale spokesperson Dr. Priya Menon. She said the repairs cost more than planned."
    voices = propose_voices(load_case(make_case(text))).set_index("sentence")
    assert voices.loc["P2.S1", "voice"] == "Priya Menon"
    assert voices.loc["P2.S2", "voice"] == "Priya Menon" and "“She” taken to be Priya Menon" in voices.loc["P2.S2", "note"]


def _shown(monkeypatch, module, show, case) -> str:
    """What a show_ function puts on the page, as one HTML string (charts left out)."""
    shown: list = []
    monkeypatch.setattr(module, "display", shown.append)
    if hasattr(module, "show_figure"):
        monkeypatch.setattr(module, "show_figure", lambda *args, **kwargs: None)
    show(case)
    return "".join(getattr(item, "data", "") or "" for item in shown)


FRENCH = "Le conseil reporte le vote\n\nLe conseil a reporté mardi le vote prévu le 28 mars. « Nous voulons bien faire », a dit la maire. Le vote aura lieu en avril."


def test_a_text_not_in_english_gets_a_notice_above_times_voices_and_claims(monkeypatch, make_case):
    from helpers import claims, time_expressions, voices

    case = load_case(make_case(FRENCH, language="fr"))
    for module, show in (
        (time_expressions, time_expressions.show_time_expressions),
        (voices, voices.show_proposed_voices),
        (claims, claims.show_candidates),
    ):
        page = _shown(monkeypatch, module, show, case)
        assert "ml-language-notice" in page and "language is fr, not English" in page, show.__name__
    english = load_case(make_case(name="english", language="en-GB"))
    for module, show in ((time_expressions, time_expressions.show_time_expressions), (voices, voices.show_proposed_voices)):
        assert "ml-language-notice" not in _shown(monkeypatch, module, show, english)


def test_the_example_is_named_as_invented_above_its_text_voices_and_claims(monkeypatch):
    from functools import partial

    from helpers import article, claims, voices

    case = load_case("example-own-article")
    for module, show in (
        (article, partial(article.show_article, sentence_ids=True, caption=True)),
        (voices, voices.show_proposed_voices),
        (claims, partial(claims.show_candidates, caption=True)),
    ):
        page = _shown(monkeypatch, module, show, case)
        assert 'class="ml-case-caption"' in page and "Invented example: a town council" in page
        assert page.index("ml-case-caption") < page.index("P2.S1" if module is not claims else "<table")
    plain = _shown(monkeypatch, article, article.show_article, case)
    assert "ml-case-caption" not in plain, "lessons 0 to 4 show their article as before"


def test_who_speaks_before_a_place_is_the_speaker_not_the_place():
    from helpers.voices import _sentence_voice

    assert _sentence_voice("Magistrates in Glenmoor said the fine stood.", "")[0] == "Magistrates in Glenmoor"
    assert _sentence_voice("The mayor of Quillmere said the plan was sound.", "")[0] == "The mayor of Quillmere"
    assert _sentence_voice("A spokesperson for Northvale Water said repairs had begun.", "")[0] == (
        "A spokesperson for Northvale Water"
    )
    assert _sentence_voice("Tom Keller said the plan was sound.", "")[0] == "Tom Keller"


def test_a_short_quoted_phrase_does_not_make_the_whole_sentence_a_direct_quote():
    from helpers.voices import _sentence_voice

    sentence = "Tom Keller said the plan was “a step in the right direction” for the town and for its older residents."
    assert _sentence_voice(sentence, "")[:2] == ("Tom Keller", "paraphrase")
    assert _sentence_voice("Tom Keller said “the plan is a step in the right direction”.", "")[:2] == (
        "Tom Keller",
        "direct quote",
    )
    assert _sentence_voice("“The plan is a step in the right direction,” Tom Keller said.", "")[:2] == (
        "Tom Keller",
        "direct quote",
    )


def test_since_a_year_is_drawn_from_that_year_to_publication_not_as_the_year_alone(make_case):
    case = load_case(make_case("Fares\n\nFares have risen since 2022. In 2023 they rose most.", published="2025-03-14"))
    by_words = {e.note.split("”")[0].strip("“"): e for e in article_events(case)}
    since = by_words["since 2022"]
    assert (since.start, since.end, since.precision) == (date(2022, 1, 1), date(2025, 3, 14), "range")
    assert (by_words["In 2023"].start, by_words["In 2023"].end) == (date(2023, 1, 1), date(2023, 12, 31))
