"""Who speaks in an article: each sentence's voice and form, how much of the text each voice gets, and who is absent.

A case's ``voices.csv`` gives, for every sentence id, the voice it carries (a person, or the outlet
itself) and the form (``direct quote``, ``paraphrase`` or ``own assertion``). ``absent-voices.csv``
lists voices a careful reporter would have sought, with why and where to find them. Nothing here is
specific to one article.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, display

from helpers.article import Case
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
