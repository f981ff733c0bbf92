"""Who speaks in an article: each sentence's voice and form, how much of the text each voice gets, and who is absent.

A case's ``voices.csv`` gives, for every sentence id, the voice it carries (a person, or the outlet
itself) and the form (``direct quote``, ``paraphrase`` or ``own assertion``). ``absent-voices.csv``
lists voices a careful reporter would have sought, with why and where to find them. Nothing here is
specific to one article.

For an article with no ``voices.csv`` yet (your own, in lesson 05), :func:`propose_voices` proposes one
from the text: a sentence with a quotation is a direct quote, one with a reporting verb ("said", "told",
"according to") a paraphrase, any other the outlet's own assertion; the speaker is the name next to the
verb, and "he" or "she" is taken to be the last person named. A draft to check sentence by sentence, in
the same columns as ``voices.csv``, never a finding.
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import HTML, display

from helpers.article import ABBREVIATIONS, TITLES, Case, case_caption_html, language_notice_html
from helpers.datafiles import split_list
from helpers.markup import esc
from helpers.plots import show_figure, stacked_bar
from helpers.schema import Column, Table, every_sentence_once, load_table, one_of, sentence_id, source_ids
from helpers.sources import citations_html

FORMS = ("direct quote", "paraphrase", "own assertion")
VOICES = Table(
    "voices.csv",
    (
        Column("sentence", "a sentence id, e.g. P3.S1", checks=(sentence_id,), unique=True),
        Column("voice", "whose words the sentence reports, or The outlet for its own voice"),
        Column("form", f"one of: {', '.join(FORMS)}", checks=(one_of(*FORMS),)),
        Column("note", "why, especially for hard cases", required=False),
    ),
    table_checks=(every_sentence_once,),
)
ABSENT_VOICES = Table(
    "absent-voices.csv",
    (
        Column("voice", "who is missing"),
        Column("why", "why their voice matters here"),
        Column("sources", "source ids from sources.csv, separated by ;", required=False, checks=(source_ids,)),
    ),
)


def load_voices(case: Case) -> pd.DataFrame:
    """One row per sentence: sentence id, voice, form, note, text and word count. Every sentence must be listed once."""
    rows = load_table(VOICES, case)
    names = [c.name for c in VOICES.columns]
    table = pd.DataFrame([{name: row.get(name, "") for name in names} for row in rows], columns=names)
    table["text"] = [case.passage(s) for s in table["sentence"]]
    table["words"] = [len(t.split()) for t in table["text"]]
    return table


def voice_summary(voices: pd.DataFrame) -> pd.DataFrame:
    """Words per voice and form, with each voice's share of the article; largest voice first."""
    summary = voices.pivot_table(index="voice", columns="form", values="words", aggfunc="sum", fill_value=0)
    summary = summary.reindex(columns=list(FORMS), fill_value=0)
    summary.columns.name = None
    summary["words"] = summary.sum(axis=1)
    summary["sentences"] = voices.groupby("voice").size()
    summary["share of words"] = (summary["words"] / summary["words"].sum() * 100).round(0).astype(int).astype(str) + "%"
    return summary.sort_values("words", ascending=False).reset_index()


def show_voices(case: Case) -> None:
    """Chart and table of how much of the text each voice gets, and in what form."""
    summary = voice_summary(load_voices(case))
    fig = stacked_bar(summary, "voice", list(FORMS), "Who speaks in the article, in words", "words")
    show_figure(fig, summary, "Words per voice, by form (direct quote, paraphrase, the outlet's own assertion)")


def show_sentence_voices(case: Case) -> None:
    """A table of every sentence with its voice and form."""
    voices = load_voices(case)
    rows = "".join(
        f"<tr><td>{esc(r.sentence)}</td><td>{esc(r.voice)}</td><td>{esc(r.form)}</td><td>{esc(r.text)}</td><td><small>{esc(r.note)}</small></td></tr>"
        for r in voices.itertuples()
    )
    display(
        HTML(
            '<table class="ml-table"><caption>Each sentence, its voice and its form</caption>'
            "<thead><tr><th>id</th><th>voice</th><th>form</th><th>sentence</th><th>note</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    )


def load_absent_voices(case: Case) -> list[dict[str, str]]:
    """The absent voices: who, why they matter here, and the sources where their account can be found."""
    rows = load_table(ABSENT_VOICES, case)
    for row in rows:
        row["source_ids"] = split_list(row.get("sources", ""))
    return rows


def show_absent_voices(case: Case) -> None:
    """List the voices the article leaves out, each with why it matters and where to find it."""
    items = []
    for row in load_absent_voices(case):
        where = citations_html(case, row["source_ids"]) if row["source_ids"] else ""
        items.append(f"<li><strong>{esc(row['voice'])}</strong>: {esc(row['why'])}{where}</li>")
    display(HTML(f'<ul class="ml-absent">{"".join(items)}</ul>'))


# ---------------------------------------------------------------------------------------------------
# Proposing voices for an article that has no voices.csv

REPORTING_VERB = re.compile(
    r"\b(?:said|says|told|tells|added|announced|stated|claimed|argued|warned|explained|noted|stressed|insisted|"
    r"wrote|asked|emphasi[sz]ed|confirmed|denied|called|described|expressed)\b"
)
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+(?P<who>[^,.;:“”\"]+)")
QUOTATION = re.compile(r"[“\"]([^”\"]+)[”\"]")
PRONOUNS = frozenset(["he", "she", "they", "He", "She", "They"])
# Titles before a name ("Dr. Priya Menon", "Mr Alan Brook"): part of no one's name, so left out of the voice.
SPEAKER_TITLES = TITLES | frozenset(["miss", "professor", "sir", "dame"])  # also written without a stop
_WORD_LIMIT = 6  # words on either side of a reporting verb that may name the speaker
_APPOSITIVE = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*),\s+[^,]{1,40},\s*$")  # "Dr. Lee, an engineer,"
_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)")  # two or more capitalised words, not first


def propose_voices(case: Case) -> pd.DataFrame:
    """A proposed ``voices.csv`` for any article: each sentence's voice and form, with the cue and a note (see the module)."""
    rows, last_named = [], ""
    for sentence in case.sentences:
        voice, form, cue, note = _sentence_voice(sentence.text, last_named)
        last_named = _last_named(sentence.text, voice if form != "own assertion" and not note else "") or last_named
        rows.append({"sentence": sentence.id, "voice": voice, "form": form, "note": note or f"cue: {cue}", "text": sentence.text})
    table = pd.DataFrame(rows, columns=["sentence", "voice", "form", "note", "text"])
    table["words"] = [len(t.split()) for t in table["text"]]
    return table


def _last_named(text: str, speaker: str) -> str:
    """Who "he" or "she" in a later sentence most likely is: this sentence's named speaker, else the last name in it."""
    names = [n for n in _NAMED.findall(text) if n.split()[0] not in ("The", "A", "An")]
    return speaker if speaker and speaker[:1].isupper() else (names[-1] if names else "")


def _sentence_voice(text: str, last_named: str) -> tuple[str, str, str, str]:
    """(voice, form, cue, note) for one sentence; the note says when a pronoun was taken for a name."""
    quoted = any(len(q.split()) >= 3 and not quote_inside_a_clause(text, q) for q in QUOTATION.findall(text))
    outside = QUOTATION.sub(" ", text)  # the words around the quotations: where the attribution is
    according = ACCORDING_TO.search(outside)
    verb = REPORTING_VERB.search(outside)
    speaker, cue = "", "quotation marks" if quoted else "—"
    if according:
        speaker, cue = according["who"].strip(), "according to"
    elif verb:
        speaker, cue = _speaker_near(outside, verb), verb.group(0)
    if not quoted and cue == "—":
        return "The outlet", "own assertion", cue, ""
    form = "direct quote" if quoted else "paraphrase"
    if speaker in PRONOUNS:
        if last_named:
            return (
                last_named,
                form,
                cue,
                f"cue: {cue}; “{speaker}” taken to be {last_named}, the last person named before (check)",
            )
        return f"unnamed ({speaker})", form, cue, f"cue: {cue}; “{speaker}”: no one is named before it"
    return speaker or "unnamed", form, cue, "" if speaker else f"cue: {cue}; no speaker named"


def quote_inside_a_clause(text: str, quote: str) -> bool:
    """Whether a quotation is a short phrase within the outlet's own clause, not words reported after a verb or a colon.

    'The mayor called the plan “a step in the right direction” on Tuesday.': yes (the sentence is the outlet's, or a
    paraphrase, with a quoted phrase in it). '“We acted,” Ruiz said.', 'Ruiz said: “We acted.”', 'Ruiz said “we
    acted”', 'said that “…”': no. Used for voices here and for candidate claims in :mod:`helpers.claims`.
    """
    before = text[: max(text.find(quote) - 1, 0)].rstrip()
    if not before or before[-1] in ",:;—–-(":
        return False
    last = before.split()[-1].lower()
    if last == "that" or REPORTING_VERB.fullmatch(last):
        return False
    return len(quote.split()) * 2 < len(text.split())


_PLACE_WORDS = frozenset(["in", "of", "from", "at", "for"])  # "Magistrates in Glenmoor said": the magistrates speak


def _speaker_near(text: str, verb: re.Match) -> str:
    """The name just before the verb ("Tom Keller said"), else just after it ("said union leader Tomas Berg")."""
    before = _clause_words(text[: verb.start()].split()[-_WORD_LIMIT:], from_end=True)
    name = _name_at_end(before)
    size = len(name.split())
    if name and len(before) > size + 1 and before[-size - 1].lower() in _PLACE_WORDS:  # "Magistrates in Glenmoor"
        start = len(before) - size - 2
        start -= start > 0 and before[start - 1].lower() in ("the", "a", "an")  # "The mayor of Quillmere"
        return " ".join(before[start:])
    if name:
        return name
    appositive = _APPOSITIVE.search(text[: verb.start()])
    if appositive:
        return appositive[1]
    after = _clause_words(text[verb.end() :].split()[:_WORD_LIMIT], from_end=False)
    return _name_at_end(after, capitalised_only=True)  # "said the wall would …" is what was said, not who


def _clause_words(words: list[str], from_end: bool) -> list[str]:
    """The words next to the verb up to a punctuation mark (a comma or a quotation's end ends the speaker's name)."""
    kept: list[str] = []
    for word in reversed(words) if from_end else words:
        ends = word[-1] in ",;:" or (word[-1] == "." and not _abbreviation(word))
        if from_end and (ends or word[-1] in '”"'):
            break
        kept.append(word.strip(',;:.”“"'))
        if not from_end and ends:
            break
    return list(reversed(kept)) if from_end else kept


def _abbreviation(word: str) -> bool:
    """Whether a word's full stop is an abbreviation's ("Dr.", "U.S."), the sentence splitter's list, not a clause's end."""
    bare = word.strip('“"(').rstrip(".")
    return bare.lower() in ABBREVIATIONS or "." in bare or (len(bare) == 1 and bare.isupper())


def _name_at_end(words: list[str], capitalised_only: bool = False) -> str:
    """A run of capitalised words at the end ("Amara Osei"), a pronoun, or "the council"; else ""."""
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        run.insert(0, word)
    if run and run[-1] in PRONOUNS:
        return run[-1]
    while len(run) > 2 and run[0].rstrip(".").lower() in SPEAKER_TITLES:  # "Dr. Priya Menon": Priya Menon; "Dr. Lee" stays
        run.pop(0)
    if run and (run[0] in ("The", "A", "An") or run[0].rstrip(".").lower() in SPEAKER_TITLES) and len(run) == 1:
        run = []
    if run or capitalised_only:
        return " ".join(run)
    lower = [w.lower() for w in words]
    if "the" in lower:
        return " ".join(words[len(lower) - 1 - lower[::-1].index("the") :])
    return words[-1] if words and words[-1] in PRONOUNS else ""


def show_proposed_voices(case: Case) -> None:
    """The proposed voices: words per voice and form (a chart and its table), then every sentence with its voice."""
    voices = propose_voices(case)
    summary = voice_summary(voices)
    display(
        HTML(case_caption_html(case, "Proposed voices") + language_notice_html(case, "speakers, quotations and reporting verbs"))
    )
    fig = stacked_bar(
        summary, "voice", list(FORMS), "Who speaks in the article, in words (proposed: check each sentence)", "words"
    )
    show_figure(fig, summary, "Words per proposed voice, by form (direct quote, paraphrase, the outlet's own assertion)")
    rows = "".join(
        f"<tr><td>{esc(r.sentence)}</td><td>{esc(r.voice)}</td><td>{esc(r.form)}</td><td>{esc(r.text)}</td><td><small>{esc(r.note)}</small></td></tr>"
        for r in voices.itertuples()
    )
    display(
        HTML(
            '<table class="ml-table"><caption>Each sentence with its proposed voice and form: a draft to check</caption>'
            "<thead><tr><th>id</th><th>voice</th><th>form</th><th>sentence</th><th>why</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    )
