"""Claims and their traces (helpers/claims.py): loading and checking claims.csv and claim-hops.csv, the claims map,
and candidate claims proposed from sentences, on the seed and on the made-up harbour-council-2024 article."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

from helpers.article import load_case
from helpers.casefolder import validate_case
from helpers.claims import (
    CLAIM_TYPES,
    VERDICTS,
    claims_map,
    claims_table,
    load_claims,
    propose_claims,
    show_claims_map,
    show_trace,
    trace_html,
)
from helpers.datafiles import DataFileError

MADE_UP = Path(__file__).parent / "cases" / "harbour-council-2024"


@pytest.fixture
def harbour_copy(tmp_path):
    target = tmp_path / "harbour-council-2024"
    shutil.copytree(MADE_UP, target)
    return target


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_in(folder: Path, name: str) -> list:
    return [p for p in validate_case(folder) if p.path.name == name]


# --- The seed's claims: content rules --------------------------------------------------------------


def test_every_verdict_in_the_seed_has_evidence_and_reasoning(case):
    claims = load_claims(case)
    assert len(claims) >= 8
    for claim in claims:
        assert claim.verdict in VERDICTS, claim.id
        assert claim.evidence and claim.reasoning, claim.id
        assert claim.type in CLAIM_TYPES


def test_open_questions_in_the_seed_are_marked_unconfirmed(case):
    claims = {c.id: c for c in load_claims(case)}
    # The talks are reported (supported as far as the party's account goes); their format stays an open question.
    assert claims["C3"].verdict == "supported" and "format stays unconfirmed" in claims["C3"].reasoning
    assert claims["C6"].verdict == "unconfirmed" and "could not be confirmed" in claims["C6"].reasoning  # Matlock's wording
    # The Russian original of the English text stays unconfirmed in every trace that passes through it.
    hops = [h for c in claims.values() for h in c.hops if "original" in h.target.lower() and "izvestia" in h.target.lower()]
    assert hops and all(h.confidence == "unconfirmed" for h in hops)


def test_a_verdict_judges_the_claim_as_written(case):
    """Review: C3 claimed 'were negotiating' but its verdict judged the talks' format, a question the article never raises."""
    claims = {c.id: c for c in load_claims(case)}
    assert "held talks" in claims["C3"].text and "negotiat" in claims["C3"].text
    assert "special military operation" in claims["C8"].reasoning  # the government's own term, not the article's phrase


def test_the_medvedev_trace_names_the_three_changes(case):
    quote = next(c for c in load_claims(case) if c.id == "C4")
    changed = " ".join(h.changed for h in quote.hops)
    assert "отторгнуть" in changed and "seize" in changed
    assert "sanctions" in changed
    thanks = next(c for c in load_claims(case) if c.id == "C1")
    assert "Russia thanks" in " ".join(h.changed for h in thanks.hops)


def test_every_russian_passage_the_data_quotes_is_one_already_checked(case):
    """The lesson's side-by-side table and the sources' summaries hold the Russian passages checked against the stored
    pages; the claims files may quote only those (or parts of them), so an unchecked passage cannot slip into a trace."""
    import re

    notebook = (Path(__file__).parent.parent / "lessons" / "03-claim-tracing.ipynb").read_text(encoding="utf-8")
    shown = json.loads(notebook)
    table = "\n".join("".join(c["source"]) for c in shown["cells"] if "| English text |" in "".join(c["source"]))
    assert "EADaily, 1 November 2022" in table
    quoted = []
    for name in ("claims.csv", "claim-hops.csv"):
        text = (case.folder / name).read_text(encoding="utf-8")
        quoted += [q for q in re.findall(r"“([^”]+)”", text) if re.search("[а-яА-Я]", q)]
    assert len(quoted) >= 5
    summaries = (case.folder / "sources.csv").read_text(encoding="utf-8")
    for passage in quoted:
        if passage.startswith(("как сообщили", "Как сообщили")):
            assert "Как сообщили в ЕР" in notebook
            continue
        assert passage in table or passage in summaries, passage


# --- Loading and the map, on any article ---------------------------------------------------------


def test_made_up_claims_load_with_hops_and_unchecked_claims():
    made_up = load_case(MADE_UP)
    claims = {c.id: c for c in load_claims(made_up)}
    assert [h.number for h in claims["C1"].hops] == [1, 2]
    assert claims["C1"].origin == "The council meeting of 5 March 2024"
    assert claims["C2"].verdict == "" and claims["C2"].origin == "Ana Ruiz (not traced)"
    assert "Verdict:</strong> not yet checked" in trace_html(made_up, claims["C2"])
    table = claims_table(list(claims.values()))
    assert table.set_index("claim").loc["C2", "verdict"] == "not yet checked"


def test_claims_map_is_a_valid_sankey_from_claims_to_origins_to_verdicts(case):
    claims = load_claims(case)
    spec = claims_map(claims)
    fig = go.Figure(spec)  # plotly validates every property: an unknown one is refused
    assert fig.to_dict()["data"][0]["node"]["label"] == spec["data"][0]["node"]["label"]
    sankey = fig.data[0]
    assert sankey.type == "sankey"
    labels = list(sankey.node.label)
    assert sum(label.startswith("C") for label in labels) == len(claims)
    assert "verdict: unconfirmed" in labels and "verdict: supported" in labels
    assert len(sankey.link.source) == 2 * len(claims)  # claim → origin, origin → verdict
    for source, target in zip(sankey.link.source, sankey.link.target, strict=True):
        assert source < target  # flows left to right


def test_show_claims_map_displays_the_chart_and_its_table(case, capsys, monkeypatch):
    shown = []
    monkeypatch.setattr("helpers.plots.display", lambda obj, raw=False: shown.append(obj))
    show_claims_map(case)
    assert "application/vnd.plotly.v1+json" in shown[0]
    table = shown[1].data
    assert "The chart as a table" in table and "C9" in table and "unsupported" in table


def test_show_trace_can_hold_back_verdicts(case, monkeypatch):
    shown = []
    monkeypatch.setattr("helpers.claims.display", lambda obj: shown.append(obj.data))
    show_trace(case, ["C4"], verdicts=False)
    show_trace(case, ["C4"])
    assert "Verdict:</strong> shown later in the lesson" in shown[0] and "Verdict: supported" in shown[1]
    assert "supported" not in shown[0]  # neither the verdict nor its reasoning before the learner gives theirs
    assert "○ unconfirmed" in shown[0]
    with pytest.raises(KeyError, match="no claim C99"):
        show_trace(case, ["C99"])


# --- Bad input: every problem named with file, row and field -----------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "row", "field", "message"),
    [
        ("claim-hops.csv", "C1,2,", "C7,2,", 3, "claim", "'C7' is not a claim of claims.csv"),
        (
            "claims.csv",
            ",supported,council-minutes,",
            ",proven,council-minutes,",
            2,
            "verdict",
            "'proven' is not on the verdict scale",
        ),
        ("claims.csv", ",supported,council-minutes,The", ",supported,,The", 2, "verdict", "has no evidence"),
        ("claims.csv", "unconfirmed,residents-group,", "unconfirmed,residents-groop,", 4, "evidence", "'residents-groop'"),
        ("claims.csv", "C3,P2.S2,", "C3,P2.S9,", 4, "sentences", "'P2.S9' is not a sentence id"),
        ("claims.csv", "C4,P3.S1,", "C4,P3.S1;P7.S1,", 5, "sentences", "'P7.S1' is not a sentence id"),
        ("claims.csv", ",direct quote,Ana Ruiz", ",quotation,Ana Ruiz", 3, "type", "'quotation' is not allowed"),
        ("claims.csv", "C4,P3.S1,", "C1,P3.S1,", 5, "claim", "'C1' is already listed in row 2"),
        ("claims.csv", "C4,P3.S1,", "claim4,P3.S1,", 5, "claim", "is not a claim id"),
        ("claim-hops.csv", "C1,2,", "C1,3,", 3, "hop", "hop 3 of claim C1 should be hop 2"),
        ("claim-hops.csv", ",council-minutes,confirmed", ",council-minutes,certain", 2, "confidence", "'certain' is not allowed"),
    ],
    ids=[
        "hop-to-missing-claim",
        "verdict-off-scale",
        "verdict-without-evidence",
        "unknown-source",
        "bad-sentence-id",
        "one-bad-sentence-among-several",
        "unknown-type",
        "claim-twice",
        "bad-claim-id",
        "hops-out-of-order",
        "bad-confidence",
    ],
)
def test_a_broken_claims_file_is_reported_with_file_row_and_field(harbour_copy, name, old, new, row, field, message):
    edit(harbour_copy, name, old, new)
    found = problems_in(harbour_copy, name)
    assert [(p.row, p.field) for p in found] == [(row, field)], found
    assert message in found[0].message
    with pytest.raises(DataFileError) as raised:
        load_claims(load_case(harbour_copy))
    assert message in str(raised.value) and name in str(raised.value)


def test_a_verdict_without_reasoning_or_evidence_says_what_to_write(harbour_copy):
    edit(harbour_copy, "claims.csv", "unconfirmed,residents-group,\"The residents'", "unconfirmed,,\"The residents'")
    edit(
        harbour_copy,
        "claims.csv",
        "supported,council-minutes,The council's minutes record the vote: 7 for and 4 against.",
        "supported,council-minutes,",
    )
    found = problems_in(harbour_copy, "claims.csv")
    assert [(p.row, p.field) for p in found] == [(2, "verdict"), (4, "verdict")]
    assert "has no reasoning" in found[0].message and "has no evidence" in found[1].message
    assert "write unconfirmed and say what is missing" in found[1].message


def test_hops_without_a_claims_file_are_refused(harbour_copy):
    (harbour_copy / "claims.csv").unlink()
    found = problems_in(harbour_copy, "claim-hops.csv")
    assert {p.row for p in found} == {2, 3} and all("the claims there are: none" in p.message for p in found)


def test_a_misnamed_claims_file_is_not_silently_ignored(harbour_copy):
    (harbour_copy / "claims.csv").rename(harbour_copy / "claim.csv")
    found = problems_in(harbour_copy, "claim.csv")
    assert found and "did you mean 'claims.csv'" in found[0].message


def test_claims_are_optional_for_a_case(harbour_copy):
    (harbour_copy / "claims.csv").unlink()
    (harbour_copy / "claim-hops.csv").unlink()
    assert validate_case(harbour_copy) == []


# --- Candidate claims from sentences ------------------------------------------------------------------


def candidates(case, ids):
    return [(r.sentence, r.text, r.speaker, r.cue, r.suggested_type) for r in propose_claims(case, ids).itertuples()]


def test_candidates_split_a_quotation_and_attach_the_speaker_from_voices():
    made_up = load_case(MADE_UP)
    assert candidates(made_up, ["P2.S1"]) == [
        ("P2.S1", "We listened to residents", "Ana Ruiz", "quotation", "direct quote"),
        ("P2.S1", "we acted", "Ana Ruiz", "quotation", "direct quote"),
    ]


def test_candidates_cut_off_a_reporting_frame():
    made_up = load_case(MADE_UP)
    assert candidates(made_up, ["P3.S1"]) == [
        ("P3.S1", "The project will cost 4.2 million euros", "Harbour Town Council", "according to", "attributed paraphrase")
    ]
    assert candidates(made_up, ["P2.S2"]) == [("P2.S2", "Critics were not available for comment.", "The outlet", "—", "")]


def test_candidates_split_the_seed_on_reporting_verbs_and_conjunctions(case):
    p6 = candidates(case, ["P6.S1"])
    assert [c[1] for c in p6] == [
        "Ukraine should renounce claims to the territories annexed to the Russian Federation",
        "agree to negotiations.",
    ]
    assert {c[2] for c in p6} == {"Jack Matlock"} and {c[3] for c in p6} == {"said that"}
    p3 = [c[1] for c in candidates(case, ["P3.S1"])]
    assert p3 == [
        "The decision to include these regions in Russia based on the will of their inhabitants is forever.",
        "We will never allow anyone to seize the mentioned territories",
        "will use all available opportunities to protect the people living there",
    ]
    p4 = candidates(case, ["P4.S1"])
    assert p4[0][1].startswith("Syrian President Bashar al-Assad congratulated") and p4[0][3] == "it became known that"


def test_candidates_without_voices_take_the_proposed_speaker_and_say_it_is_proposed(harbour_copy):
    (harbour_copy / "voices.csv").unlink()
    rows = candidates(load_case(harbour_copy), ["P2.S1", "P3.S1"])
    assert [r[1] for r in rows] == ["We listened to residents", "we acted", "The project will cost 4.2 million euros"]
    assert [r[2] for r in rows] == ["Ruiz (proposed)", "Ruiz (proposed)", "the council (proposed)"]
    assert rows[2][4] == "attributed paraphrase"


def test_a_short_quoted_phrase_inside_the_outlets_clause_keeps_its_sentence(make_case):
    text = (
        "Plan praised\n\n"
        "The mayor called the new bus plan “a step in the right direction” at Tuesday's meeting of the council. "
        "“We listened to residents,” Ana Ruiz said. Ana Ruiz said: “We listened to residents.”"
    )
    rows = candidates(load_case(make_case(text)), ["P2.S1", "P2.S2", "P2.S3"])
    assert (
        rows[0][1].startswith("The mayor called the new bus plan “a step in the right direction” at Tuesday")
        and rows[0][3] == "—"
    )
    assert [(r[1].rstrip("."), r[3]) for r in rows[1:]] == [("We listened to residents", "quotation")] * 2, (
        "a reported quotation still stands apart"
    )


def test_candidates_with_a_broken_voices_file_still_come(harbour_copy):
    edit(harbour_copy, "voices.csv", "P2.S1,Ana Ruiz,direct quote", "P2.S1,Ana Ruiz,quote")
    rows = candidates(load_case(harbour_copy), ["P2.S1"])
    assert [r[1] for r in rows] == ["We listened to residents", "we acted"] and {r[2] for r in rows} == {""}


def test_candidates_for_an_unknown_sentence_say_so(case):
    with pytest.raises(KeyError, match="P9.S9: not a sentence id"):
        propose_claims(case, ["P1.S1", "P9.S9"])


def test_every_sentence_of_every_case_gets_candidates_without_error(case):
    for chosen in (case, load_case(MADE_UP)):
        table = propose_claims(chosen)
        assert set(table["sentence"]) == {s.id for s in chosen.sentences}
        assert all(len(text.split()) >= 2 for text in table["text"])


# --- The lesson's exercises use the claims they talk about -------------------------------------------


def test_lesson_exercises_cite_the_sources_of_their_traces(case):
    data = json.loads((case.folder / "exercises" / "03-claim-tracing.json").read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in data["exercises"]}
    assert 9 <= len(by_id) <= 12
    assert "eadaily-medvedev" in by_id["medvedev-changes"]["sources"]
    assert {"matlock-responsible-statecraft", "svpressa-matlock"} <= set(by_id["matlock-wording"]["sources"])
    assert "osce-smm-38-2022" in by_id["shelling-monitors"]["sources"]
    # Where experts could differ, the exercise is a discussion prompt, not a graded key.
    assert by_id["verdict-shelling"]["type"] == "free_response"


def test_an_item_keyed_as_a_reported_event_carries_no_wording_keyed_as_framing(case):
    """The classify exercise scores one type per item; an item scored as a plain event must not also quote the loaded
    words ("inclusion", "joining", "referendums") that a learner was taught to class as framing, or a defensible
    answer (framing) would be marked wrong."""
    data = json.loads((case.folder / "exercises" / "03-claim-tracing.json").read_text(encoding="utf-8"))
    items = next(e for e in data["exercises"] if e["id"] == "claim-types")["items"]
    events = [i for i in items if i["category"] == "event"]
    assert events
    for item in events:
        text = item["text"].lower()
        assert not any(word in text for word in ("inclusion", "joining", "referendum", "special operation")), item["id"]


def test_the_learners_own_claim_is_saved_and_in_their_export(case, store):
    """Section 6's workspace: a row with a missing verdict is refused and kept; the full row is saved and exported."""
    from helpers.report import export_html
    from helpers.widgets import build

    view = build("your-claim", case, store)
    inputs = view.control.parts["inputs"]
    inputs["sentence"].value, inputs["claim"].value = "P7.S1", "The article says Putin signed agreements on 30 September."
    inputs["type"].value = "reported event"
    inputs["chain"].value = "The signing → reports of the day (inferred) → this text (inferred)."
    inputs["reasoning"].value = "No record of the signing read yet."
    view.check_button.click()
    assert "Verdict" in view.panel.value and inputs["claim"].value.startswith("The article says Putin")
    inputs["verdict"].value = "unconfirmed"
    view.check_button.click()
    saved = store.get(f"{case.id}/your-claim")
    assert saved and saved["answer"]["rows"][0]["verdict"] == "unconfirmed"
    page = export_html(case, store)
    assert "Row 1. Sentence id: P7.S1; The claim: The article says Putin signed agreements on 30 September." in page
    assert "Verdict: unconfirmed" in page


def test_matlocks_op_ed_is_dated_only_as_far_as_its_address_goes(case):
    """The copy consulted shows no date line (sources.csv); the lesson and the trace give the date as the address's."""
    notebook = json.loads((Path(__file__).parent.parent / "lessons" / "03-claim-tracing.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "Responsible Statecraft, 17 October 2022" not in text
    assert "dated 17 October" in text
    matlock = next(c for c in load_claims(case) if c.id == "C6")
    assert all("(17 October 2022)" not in h.source for h in matlock.hops)
    assert "address dated 17 October 2022" in matlock.hops[0].source


def test_the_izvestia_link_stays_unconfirmed_and_rests_on_the_footer_alone():
    """Review: a hop said "probably Izvestia's" and that "the footer and the reused paragraphs point to an Izvestia
    text"; reuse shows that background text was reused, not who wrote it, and the link is unconfirmed everywhere."""
    root = Path(__file__).parent.parent
    hops = (root / "seeds" / "medvedev-zimbabwe-2022" / "claim-hops.csv").read_text(encoding="utf-8")
    notebook = "\n".join(
        "".join(c["source"])
        for c in json.loads((root / "lessons" / "03-claim-tracing.ipynb").read_text(encoding="utf-8"))["cells"]
    )
    notes = (root / "instructors" / "lessons" / "03-claim-tracing.md").read_text(encoding="utf-8")
    for name, text in (("claim-hops.csv", hops), ("lesson 03", notebook), ("notes of lesson 03", notes)):
        assert "probably Izvestia" not in text, name
        assert "reused paragraphs point" not in text, name
        for mention in re.findall(r"\([^()]*Izvestia's[^()]*\)", text):
            assert "unconfirmed" in mention, (name, mention)
    assert "Only the footer points to an Izvestia text" in hops
