"""The capstone's case (matariki-holiday-2021) and lesson 04: what the learner is told agrees with the data.

The generic suites already validate the folder, judge every key and run the notebook; these tests guard what
is particular to this case: the licence and attribution the text is reproduced under, the helper readings an
exercise quotes (they go stale if the helper changes), the order of events against events.csv, the
claim that stays unconfirmed wherever it is mentioned (the vote count), the one that a lateral search confirmed
(Davis's words), and the article's origin, given as likely, never as certain.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import nbformat
import pytest

from helpers.article import load_case
from helpers.exercises import get_exercise
from helpers.time_expressions import long_date, time_expressions

ROOT = Path(__file__).resolve().parent.parent
CASE_ID = "matariki-holiday-2021"
FOLDER = ROOT / "seeds" / CASE_ID
LESSON = ROOT / "lessons" / "04-capstone.ipynb"


@pytest.fixture(scope="module")
def case():
    return load_case(CASE_ID)


def rows(name: str) -> list[dict[str, str]]:
    with open(FOLDER / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def markdown() -> str:
    nb = nbformat.read(LESSON, as_version=4)
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def test_the_text_is_reproduced_under_its_licence_with_attribution(case):
    meta = json.loads((FOLDER / "case.json").read_text(encoding="utf-8"))
    assert meta["licence"] == "CC BY 2.5"
    assert meta["url"].startswith("https://en.m.wikinews.org/wiki/New_Zealand_announces_new_Matariki_public_holiday")
    assert "https://creativecommons.org/licenses/by/2.5/" in meta["rights"] and "credited to Wikinews" in meta["rights"]
    assert "did not sup" in meta["origin"] and "Left out" in meta["origin"], "the case card says what was copied from where"
    text = markdown()
    assert "Creative Commons Attribution 2.5" in text and "`https://creativecommons.org/licenses/by/2.5/`" in text
    assert "credit Wikinews" in text, "the lesson tells a learner how to credit the text when reusing it"
    assert case.text.endswith("59 votes in favour and 63 votes against.") and case.text.startswith("The New Zealand")


def test_the_date_keys_agree_with_the_helper_resolving_against_the_article_date(case):
    found = {(r["sentence"], r["text"]): r["resolved_start"] for r in time_expressions(case).to_dict("records")}
    assert case.published == date(2021, 2, 7)
    assert get_exercise(case, "cap-thursday").spec.accepted[0] == str(found[("P1.S1", "on Thursday")])
    assert get_exercise(case, "cap-first-holiday").spec.accepted[0] == str(found[("P3.S3", "Friday, June 24")])


def test_the_helper_readings_the_exercise_quotes_are_the_helpers_own(case):
    """If the helper learns to leave 'always fall on a Monday' unresolved, this exercise must change with it."""
    table = time_expressions(case).to_dict("records")
    shown = {}
    for r in table:
        when = {"day": long_date(r["resolved_start"]), "year": str(r["resolved_start"].year)}.get(r["precision"])
        shown[(r["sentence"], r["text"])] = when or r["resolved_start"].strftime("%B %Y")
    for option in get_exercise(case, "cap-helper-readings").spec.choices:
        phrase, sentence, reading = re.fullmatch(r"“(.+)” \((P\d+\.S\d+)\) → (.+)", option.text).groups()
        assert shown.get((sentence, phrase)) == reading, f"{option.text}: the helper now reads {shown.get((sentence, phrase))}"


def test_the_order_of_events_key_follows_the_dates_in_events_csv(case):
    dated = {  # ordering item: the event of events.csv it stands for (its first words)
        "mmp": "New Zealand introduces the mixed-member",
        "katene": "Katene's Matariki Day Bill fails",
        "promise": "Ardern announces in Rotorua",
        "election": "General election",
        "announce": "At Waitangi, Ardern announces",
        "first-holiday": "The first Matariki public holiday",
    }
    events = {
        next(k for k, start in dated.items() if r["event"].startswith(start)): r["date"]
        for r in rows("events.csv")
        if any(r["event"].startswith(s) for s in dated.values())
    }
    answer = list(get_exercise(case, "cap-order").spec.order)
    assert set(answer) == set(events) == set(dated)
    assert [events[item] for item in answer] == sorted(events.values())


UNCONFIRMED = re.compile(r"59")


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def judged_texts(case) -> list[str]:
    evaluation = get_exercise(case, "cap-evaluation").spec
    mastery = next(level for level in evaluation.levels if level.name == "Mastery")
    return [evaluation.model_answer, mastery.sample, markdown().split("## Summary", 1)[1]]


def test_the_vote_count_stays_unconfirmed_everywhere_it_is_judged(case):
    claims = {r["claim"]: r for r in rows("claims.csv")}
    assert claims["C11"]["verdict"] == "unconfirmed"
    mentions = [s for text in judged_texts(case) for s in sentences(text) if UNCONFIRMED.search(s)]
    assert len(mentions) >= 3, "the model answer, the Mastery sample and the summary each name it"
    for sentence in mentions:
        assert "unconfirmed" in sentence, f"said without 'unconfirmed': {sentence}"


def summary(source_id: str) -> str:
    return next(r["summary"] for r in rows("sources.csv") if r["id"] == source_id)


def test_davis_s_quotation_is_confirmed_by_the_sources_it_cites_and_nowhere_called_unconfirmed(case):
    """C5: Newshub's copy breaks off at "educate the publ"; renews.co.nz gives the end. Together they hold every word
    the article puts in quotation marks, so the verdict is supported, and nothing the learner reads says otherwise."""
    quoted = re.search(r'"(to provide advice on .+?)"', case.text).group(1)
    newshub, renews = summary("newshub-first-date"), summary("renews-first-date")
    head = quoted[: quoted.index("educate the publ") + len("educate the publ")]
    tail = quoted[quoted.index("to support the development") :]
    assert head in newshub and tail in renews, "the two cards hold the quoted words between them"
    claims = {r["claim"]: r for r in rows("claims.csv")}
    assert claims["C5"]["verdict"] == "supported"
    assert {"newshub-first-date", "renews-first-date"} <= set(claims["C5"]["evidence"].split(";"))
    hops = {h["hop"]: h["confidence"] for h in rows("claim-hops.csv") if h["claim"] == "C5"}
    assert hops == {"1": "confirmed", "2": "inferred"}, "the same standard as C2's hops"
    assert hops == {h["hop"]: h["confidence"] for h in rows("claim-hops.csv") if h["claim"] == "C2"}
    origins = get_exercise(case, "cap-origins").spec
    key = {item.id: item.category for item in origins.choices}
    assert key["davis"] == "waitangi" and key["count"] == "not-found", "Davis's words lead to the reports; the count does not"
    for text in judged_texts(case):
        for sentence in sentences(text):
            if "Davis" in sentence:
                assert "unconfirmed" not in sentence, sentence


def test_the_article_s_origin_is_given_as_likely_not_as_certain(case):
    """Whether the article is first-hand cannot be confirmed (its list of sources is missing): nothing a learner or
    an instructor reads may call it second-hand as a fact."""
    meta = json.loads((FOLDER / "case.json").read_text(encoding="utf-8"))
    assert meta["origin_confidence"]["sources_the_writers_used"] == "unconfirmed"
    exercises = (FOLDER / "exercises" / "04-capstone.json").read_text(encoding="utf-8")
    notes = (ROOT / "instructors" / "lessons" / "04-capstone.md").read_text(encoding="utf-8")
    for name, text in {"lesson": markdown(), "exercises": exercises, "notes": notes}.items():
        assert "second-hand" not in text.lower(), f"the {name} calls the article second-hand as a fact"
    assert "most likely" in judged_texts(case)[0] and "cannot be confirmed" in judged_texts(case)[0]
