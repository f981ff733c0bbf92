"""Claims and where they come from: an article's checkable claims, each traced upstream hop by hop to a verdict.

A case's ``claims.csv`` lists the claims a lesson traces: the sentences they stand in, the claim in
neutral words, its type (a reported event, a direct quote, an attributed paraphrase, framing or an
unsourced assertion), who asserts it, and, once it has been checked, a verdict on the scale in
:data:`VERDICTS` with the evidence (source ids) and the reasoning. ``claim-hops.csv`` gives, for some
claims, the chain from the article back to the origin: each hop says where the claim came from and went
to, what changed on the way, the evidence and how sure we are (``confirmed``, ``inferred``,
``unconfirmed``). Both files are declared here and checked with the other case tables.

:func:`show_claims_map` draws claims → origins → verdicts as a plotly Sankey diagram, with the same
data as a table under it. :func:`propose_claims` suggests candidate claims from sentences of any
article, splitting them on reporting verbs and conjunctions and naming the speaker from ``voices.csv``
when the case has one: a starting point for a learner, never a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
from IPython.display import HTML, display

from helpers.article import Case, case_caption_html, language_notice_html
from helpers.datafiles import did_you_mean, split_list
from helpers.markup import esc
from helpers.plots import PALETTE, show_figure, table_html
from helpers.provenance import CONFIDENCE
from helpers.schema import CONFIDENCE_LEVELS, Column, Context, Table, load_table, matches, one_of, source_ids
from helpers.sources import citations_html

# The verdict scale, in order from best to worst supported, with "unconfirmed" last: it is not a grade but an open question.
VERDICTS = {
    "supported": "The evidence we checked shows the claim as stated.",
    "misleading": "Something real lies behind it, but a change of wording, an omission or framing makes it say more than, "
    "or other than, the evidence shows.",
    "unsupported": "It is stated as fact without evidence, and the evidence we found shows something weaker or different; "
    "it does not show the claim false.",
    "false": "The best available evidence contradicts it.",
    "unconfirmed": "It may be true, but the evidence that would settle it is not available to us: an open question, "
    "to be marked as one wherever the claim is repeated.",
}
CLAIM_TYPES = {
    "reported event": "something that happened, told in the outlet's voice",
    "direct quote": "someone's words in quotation marks",
    "attributed paraphrase": "someone's words or view, put in the outlet's words (said that…, emphasized…)",
    "framing": "a word or label that names something in one side's terms, as if it were the plain name",
    "unsourced assertion": "a factual claim (what happened, who did it, why) stated with no source",
}
_CLAIM_ID = matches(r"C\d+", "a claim id; write C followed by a number, e.g. C1, C2")


def _sentence_ids(value: str, row: dict, context: Context) -> str | None:
    """Sentence ids of the article, separated by ;."""
    case = context.case
    ids = split_list(value)
    if not ids:
        return "no sentence id here; write sentence ids such as P3.S1, separated by ;"
    if case is None:
        return None
    bad = [i for i in ids if not case.has_sentence(i)]
    if not bad:
        return None
    last = case.sentences[-1].id if case.sentences else "none"
    return (
        f"{', '.join(repr(b) for b in bad)} {'is not a sentence id' if len(bad) == 1 else 'are not sentence ids'} of the article; "
        f"ids look like P3.S1 and this article's run from P1.S1 to {last} (see them with show_article(case, sentence_ids=True))"
    )


def _verdict(value: str, row: dict, context: Context) -> str | None:
    """A verdict on the scale, and, with it, the evidence and reasoning behind it."""
    if value not in VERDICTS:
        return (
            f"{value!r} is not on the verdict scale{did_you_mean(value.lower(), VERDICTS)}; "
            f"write one of: {', '.join(VERDICTS)} (or leave the cell empty until the claim is checked)"
        )
    missing = [name for name in ("evidence", "reasoning") if not row.get(name, "").strip()]
    if missing:
        return (
            f"the verdict {value!r} has no {' and no '.join(missing)}; a verdict needs evidence (source ids from sources.csv, "
            "separated by ;) and reasoning (why the evidence leads to this verdict). If the evidence does not settle it, "
            "write unconfirmed and say what is missing"
        )
    return None


CLAIMS = Table(
    "claims.csv",
    (
        Column("claim", "a claim id, e.g. C1", checks=(_CLAIM_ID,), unique=True),
        Column("sentences", "the sentence ids it stands in, e.g. P3.S1, separated by ;", checks=(_sentence_ids,)),
        Column("text", "the claim in neutral words, one checkable statement"),
        Column("type", f"one of: {', '.join(CLAIM_TYPES)}", checks=(one_of(*CLAIM_TYPES),)),
        Column("asserted_by", "who makes the claim, or The outlet for its own voice"),
        Column("verdict", f"one of: {', '.join(VERDICTS)}", required=False, checks=(_verdict,)),
        Column("evidence", "source ids from sources.csv, separated by ;", required=False, checks=(source_ids,)),
        Column("reasoning", "why the evidence leads to the verdict", required=False),
    ),
)


def _hops_follow_claims(rows: list[tuple[int, dict[str, str]]], context: Context) -> list[tuple[int | None, str | None, str]]:
    """Every hop belongs to a claim of claims.csv, and each claim's hops are numbered 1, 2, 3 … in order."""
    known = _claim_ids(context)
    problems: list[tuple[int | None, str | None, str]] = []
    expected: dict[str, int] = {}
    for number, row in rows:
        claim, hop = row.get("claim", ""), row.get("hop", "")
        unknown = known is not None and claim not in known
        if unknown and claim:
            listed = ", ".join(sorted(known, key=_claim_order)) or "none"
            problems.append(
                (
                    number,
                    "claim",
                    f"{claim!r} is not a claim of claims.csv{did_you_mean(claim, known)}; the claims there are: {listed}. "
                    "Add the claim to claims.csv first, or correct the id",
                )
            )
        if claim and hop.isdigit() and not unknown:  # an unknown claim's hops are reported once, above
            want = expected.get(claim, 1)
            if int(hop) != want:
                problems.append(
                    (
                        number,
                        "hop",
                        f"hop {hop} of claim {claim} should be hop {want}: number each claim's hops 1, 2, 3 … in order",
                    )
                )
            expected[claim] = int(hop) + 1
    return problems


def _claim_ids(context: Context) -> frozenset[str] | None:
    """The claim ids in the folder's claims.csv (None if it cannot be read: its own check reports why)."""
    if context.folder is None:
        return None
    path = context.folder / CLAIMS.file
    if not path.exists():
        return frozenset()
    try:
        rows, _ = _read_claims(context)
    except Exception:  # noqa: BLE001 - claims.csv's own check reports what is wrong with it
        return None
    return frozenset(r.get("claim", "") for r in rows if r.get("claim"))


def _read_claims(context: Context) -> tuple[list[dict[str, str]], list]:
    from helpers.schema import check_table  # the same reading as claims.csv's own check

    return check_table(CLAIMS, context.folder, Context(case=None, source_ids=None, folder=context.folder))


def _claim_order(claim: str) -> tuple[int, str]:
    digits = claim[1:]
    return (int(digits), claim) if digits.isdigit() else (10**9, claim)


HOPS = Table(
    "claim-hops.csv",
    (
        Column("claim", "the id of a claim in claims.csv, e.g. C4"),
        Column(
            "hop",
            "the hop's number for this claim: 1, 2, 3 … from the origin towards the article",
            checks=(matches(r"\d+", "a whole number; write 1, 2, 3 …"),),
        ),
        Column("from", "where the claim stood before this hop (the origin, for hop 1)"),
        Column("to", "where it went"),
        Column("changed", "what changed on the way, or that nothing did"),
        Column("evidence", "source ids from sources.csv, separated by ;", checks=(source_ids,)),
        Column("confidence", f"one of: {', '.join(CONFIDENCE_LEVELS)}", checks=(one_of(*CONFIDENCE_LEVELS),)),
    ),
    table_checks=(_hops_follow_claims,),
)


@dataclass(frozen=True)
class Hop:
    number: int
    source: str  # "from"
    target: str  # "to"
    changed: str
    evidence: tuple[str, ...]
    confidence: str


@dataclass(frozen=True)
class Claim:
    id: str
    sentences: tuple[str, ...]
    text: str
    type: str
    asserted_by: str
    verdict: str  # "" until checked
    evidence: tuple[str, ...]
    reasoning: str
    hops: tuple[Hop, ...] = ()

    @property
    def origin(self) -> str:
        """Where the traced chain starts, or who asserts the claim when it has not been traced."""
        return self.hops[0].source if self.hops else f"{self.asserted_by} (not traced)"


def load_claims(case: Case) -> list[Claim]:
    """The case's claims, each with its hops (if ``claim-hops.csv`` exists), checked; raises one error listing every problem."""
    rows = load_table(CLAIMS, case)
    hops: dict[str, list[Hop]] = {}
    if (case.folder / HOPS.file).exists():
        for row in load_table(HOPS, case):
            hops.setdefault(row["claim"], []).append(
                Hop(int(row["hop"]), row["from"], row["to"], row["changed"], split_list(row["evidence"]), row["confidence"])
            )
    return [
        Claim(
            row["claim"],
            split_list(row["sentences"]),
            row["text"],
            row["type"],
            row["asserted_by"],
            row.get("verdict", ""),
            split_list(row.get("evidence", "")),
            row.get("reasoning", ""),
            tuple(hops.get(row["claim"], ())),
        )
        for row in rows
    ]


def claims_table(claims: list[Claim]) -> pd.DataFrame:
    """One row per claim: id, sentences, claim, type, origin, verdict (the claims map as text)."""
    return pd.DataFrame(
        [
            {
                "claim": c.id,
                "sentences": ", ".join(c.sentences),
                "the claim": c.text,
                "type": c.type,
                "origin": c.origin,
                "verdict": c.verdict or "not yet checked",
            }
            for c in claims
        ],
        columns=["claim", "sentences", "the claim", "type", "origin", "verdict"],
    )


def claims_map(claims: list[Claim], title: str = "Claims, where they come from, and the verdicts") -> dict[str, Any]:
    """A Sankey diagram: each claim flows to its origin (the first hop's source, or who asserts it) and on to its verdict.

    Returned as a plotly figure dictionary built from plain values, like the other charts (see :mod:`helpers.plots`):
    the kernel never builds a validated figure; ``go.Figure(spec)`` accepts it (the tests check).
    """
    table = claims_table(claims)
    labels = [f"{r.claim}: {_short(r._3)}" for r in table.itertuples()]
    origins = list(dict.fromkeys(table["origin"]))  # shown shortened; the table under the chart gives them in full
    verdicts = [v for v in (*VERDICTS, "not yet checked") if v in set(table["verdict"])]
    nodes = labels + [_short(o) for o in origins] + [f"verdict: {v}" for v in verdicts]
    first_origin, first_verdict = len(labels), len(labels) + len(origins)
    source, target, colour = [], [], []
    for number, row in enumerate(table.itertuples()):
        tint = _verdict_colour(row.verdict)
        source += [number, first_origin + origins.index(row.origin)]
        target += [first_origin + origins.index(row.origin), first_verdict + verdicts.index(row.verdict)]
        colour += [tint, tint]
    node_colours = ["#8c959f"] * len(labels) + ["#57606a"] * len(origins) + [_solid(_verdict_colour(v)) for v in verdicts]
    sankey = {
        "type": "sankey",
        "arrangement": "fixed",
        "node": {"label": nodes, "pad": 12, "thickness": 14, "color": node_colours},
        "link": {"source": source, "target": target, "value": [1] * len(source), "color": colour},
    }
    layout = {
        "title": {"text": title},
        "height": 160 + 34 * len(labels),
        "margin": {"l": 10, "r": 10, "t": 50, "b": 20},
        "font": {"size": 12, "color": "#24292f"},
        "paper_bgcolor": "white",
    }
    return {"data": [sankey], "layout": layout}


_VERDICT_PALETTE = dict(
    zip((*VERDICTS, "not yet checked"), (PALETTE[0], PALETTE[1], PALETTE[6], PALETTE[2], PALETTE[3], "#d0d7de"), strict=True)
)


def _verdict_colour(verdict: str) -> str:
    hex_colour = _VERDICT_PALETTE.get(verdict, "#d0d7de").lstrip("#")
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},0.45)"


def _solid(rgba: str) -> str:
    return rgba.rsplit(",", 1)[0] + ",1)"


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def show_claims_map(case: Case) -> None:
    """The claims map: a Sankey diagram from claims to origins to verdicts, with the same data as a table under it."""
    claims = load_claims(case)
    show_figure(claims_map(claims), claims_table(claims), "Each claim, its origin and its verdict (the chart as a table)")


def show_verdict_scale() -> None:
    """The verdict scale with each verdict's definition."""
    rows = "".join(f"<tr><th>{esc(name)}</th><td>{esc(meaning)}</td></tr>" for name, meaning in VERDICTS.items())
    display(HTML(f'<table class="ml-table"><caption>The verdict scale</caption><tbody>{rows}</tbody></table>'))


def show_claim_types() -> None:
    """The five types of claim, each with what it is."""
    rows = "".join(f"<tr><th>{esc(name)}</th><td>{esc(meaning)}</td></tr>" for name, meaning in CLAIM_TYPES.items())
    display(HTML(f'<table class="ml-table"><caption>Types of claim</caption><tbody>{rows}</tbody></table>'))


def trace_html(case: Case, claim: Claim, held_back: bool = False) -> str:
    """One claim's trace: the claim, then each hop with what changed, its confidence and its sources, then the verdict
    (or, with ``held_back``, a line saying it is shown later, so that the learner gives theirs first)."""
    hops = "".join(
        f"<li><strong>{esc(h.source)}</strong> → <strong>{esc(h.target)}</strong> · <em>{esc(CONFIDENCE[h.confidence])}</em>"
        f"<br>{esc(h.changed)}<br><small>{citations_html(case, h.evidence)}</small></li>"
        for h in claim.hops
    )
    if held_back:
        verdict = "<p><strong>Verdict:</strong> shown later in the lesson, after you have given yours.</p>"
    elif claim.verdict:
        verdict = f"<p><strong>Verdict: {esc(claim.verdict)}.</strong> {esc(claim.reasoning)}</p>"
        verdict += f"<small>{citations_html(case, claim.evidence)}</small>"
    else:
        verdict = "<p><strong>Verdict:</strong> not yet checked.</p>"
    return (
        f'<div class="ml-trace" style="border:1px solid #d0d7de;border-radius:6px;padding:0.4em 0.9em;margin:0.5em 0;max-width:48em">'
        f"<p><strong>{esc(claim.id)}</strong> ({esc(', '.join(claim.sentences))}, {esc(claim.type)}, asserted by {esc(claim.asserted_by)}): "
        f"{esc(claim.text)}</p><ol>{hops}</ol>{verdict}</div>"
    )


def show_trace(case: Case, claim_ids: list[str] | tuple[str, ...], verdicts: bool = True) -> None:
    """Show the hop-by-hop trace of the claims named (and their verdicts, unless ``verdicts=False``)."""
    claims = {c.id: c for c in load_claims(case)}
    unknown = [i for i in claim_ids if i not in claims]
    if unknown:
        raise KeyError(f"no claim {', '.join(unknown)} in claims.csv; the claims are: {', '.join(claims)}")
    display(HTML("".join(trace_html(case, claims[i], held_back=not verdicts) for i in claim_ids)))


# ---------------------------------------------------------------------------------------------------
# Proposing candidate claims from sentences

# A reporting frame: a verb of saying followed by "that" or a comma introduces the reported content ("said that …",
# "As the politician emphasized, …", "it became known that …"); "according to …" closes it.
REPORTING = re.compile(
    r"\b(?:said|says|say|told \w+|announced|announces|emphasi[sz]ed|stressed|noted|added|stated|claimed|argued|warned|"
    r"explained|expressed the opinion|it became known|it was reported|reportedly)(?:\s+that\b|,)",
    re.IGNORECASE,
)
ACCORDING_TO = re.compile(r",?\s+according to\b", re.IGNORECASE)
# Clause boundaries: a semicolon, a conjunction after a comma, or "and"/"but" before a verb that starts a new predicate.
CONJUNCTION = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+(?:and|but)\s+(?=(?:will|would|should|must|can|could|may|agree|agreed|is|are|was|were|has|have|had)\b)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[“\"]([^”\"]+)[”\"]")
_INNER_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


@dataclass(frozen=True)
class Candidate:
    sentence: str
    text: str
    speaker: str  # from voices.csv when the case has it, else proposed from the text, marked "(proposed)"
    cue: str  # why it was split off: the reporting verb, "quotation" or the conjunction
    suggested_type: str  # a suggestion from the cue, or "" when only a reader can tell


def propose_claims(case: Case, sentences: list[str] | tuple[str, ...] | None = None) -> pd.DataFrame:
    """Candidate claims from the sentences named (all, by default): one row per clause, with its speaker and cue.

    A sentence is cut into clauses at semicolons and conjunctions; a quotation stays apart from its attribution, and a
    quotation of several sentences is cut into them; a short quoted phrase inside the outlet's own clause ("called the plan
    “a step backwards” on Tuesday") stays in its sentence. The speaker comes from ``voices.csv`` when the case has one,
    else from :func:`helpers.voices.propose_voices`, marked "(proposed)". The
    result is a list to choose from and rewrite: some candidates are compound, some are not checkable.
    """
    ids = list(sentences) if sentences is not None else [s.id for s in case.sentences]
    unknown = [i for i in ids if not case.has_sentence(i)]
    if unknown:
        raise KeyError(f"{', '.join(unknown)}: not a sentence id of this article (ids look like P3.S1)")
    speakers = _speakers(case)
    rows = [c for sid in ids for c in _candidates(sid, case.passage(sid), speakers.get(sid, ("", "")))]
    return pd.DataFrame([c.__dict__ for c in rows], columns=["sentence", "text", "speaker", "cue", "suggested_type"])


def _speakers(case: Case) -> dict[str, tuple[str, str]]:
    """Sentence id → (voice, form) from voices.csv; proposed from the text when there is none; {} when it cannot be read."""
    from helpers.voices import VOICES, propose_voices  # imported here to keep this module's import light

    if not (case.folder / VOICES.file).exists():
        proposed = propose_voices(case)
        return {r.sentence: (f"{r.voice} (proposed)", r.form) for r in proposed.itertuples()}
    try:
        rows = load_table(VOICES, case)
    except Exception:  # noqa: BLE001 - check_case reports a broken voices.csv; candidates are still proposed without speakers
        return {}
    return {r["sentence"]: (r["voice"], r["form"]) for r in rows}


def _candidates(sid: str, text: str, voice: tuple[str, str]) -> list[Candidate]:
    """A sentence's candidates: each quotation's sentences and clauses, then the reported content or the sentence's own clauses."""
    speaker, form = voice
    out: list[Candidate] = []
    from helpers.voices import quote_inside_a_clause

    quotations = [q for q in _QUOTE.findall(text) if len(q.split()) >= 3]  # fewer words: a quoted term ("referendums")
    if any(quote_inside_a_clause(text, q) for q in quotations):
        quotations = []  # the sentence is the claim, the quoted phrase a part of it
    for quote in quotations:
        for part in _INNER_SENTENCE.split(quote.strip()):
            out += [Candidate(sid, clause, speaker, "quotation", "direct quote") for clause in _clauses(part)]
    if quotations:
        return out  # the rest of the sentence is its attribution ("Ruiz said", "He announced plans")
    paraphrase = "attributed paraphrase" if speaker and form != "own assertion" else ""
    frame = REPORTING.search(text)
    according = ACCORDING_TO.search(text)
    if frame:
        content, cue = text[frame.end() :], frame.group(0).rstrip(",").strip()
    elif according:
        content, cue = text[: according.start()], "according to"
    else:
        content, cue = text, "—"
    kind = paraphrase if cue != "—" or form == "paraphrase" else ""
    return out + [Candidate(sid, clause, speaker, cue, kind) for clause in _clauses(content)]


def _clauses(text: str) -> list[str]:
    parts = [_tidy(p) for p in CONJUNCTION.split(text)]
    return [p for p in parts if len(p.split()) >= 2]


def _tidy(text: str) -> str:
    return text.strip().strip(",;").strip()


def show_candidates(case: Case, sentences: list[str] | tuple[str, ...] | None = None, caption: bool = False) -> None:
    """Show the candidate claims proposed for the sentences named, as a table to choose from.

    ``caption=True`` names the case above the table, for a page that may show any case (lesson 05).
    """
    table = propose_claims(case, sentences)
    shown = table.rename(columns={"text": "candidate claim", "suggested_type": "suggested type"})
    display(
        HTML(
            (case_caption_html(case, "Candidate claims") if caption else "")
            + language_notice_html(case, "reporting verbs, quotations and claim types")
            + table_html(
                shown, "Candidate claims, proposed by splitting on reporting verbs and conjunctions: choose, merge and rewrite"
            )
        )
    )


__all__ = [
    "CLAIMS",
    "CLAIM_TYPES",
    "HOPS",
    "VERDICTS",
    "Candidate",
    "Claim",
    "Hop",
    "claims_map",
    "claims_table",
    "load_claims",
    "propose_claims",
    "show_candidates",
    "show_claim_types",
    "show_claims_map",
    "show_trace",
    "show_verdict_scale",
]
