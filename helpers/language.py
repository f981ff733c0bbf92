"""What the words do: annotated phrases of an article, each with the device, a named technique, a neutral wording and notes.

A case's ``language.csv`` lists phrases by sentence id. Each phrase must occur in its sentence. The
``technique`` names come from a published taxonomy (for the seed case, SemEval-2020 Task 11's
propaganda techniques) and the ``sources`` column cites it and any fact the note relies on.
"""

from __future__ import annotations

from IPython.display import HTML, display

from helpers.article import Case
from helpers.datafiles import split_list
from helpers.markup import esc
from helpers.schema import Column, Table, load_table, phrase_in_sentence, sentence_id, source_ids
from helpers.sources import citations_html

COLUMNS = ("sentence", "phrase", "device", "technique", "neutral", "note", "sources")
LANGUAGE = Table(
    "language.csv",
    (
        Column("sentence", "a sentence id, e.g. P3.S1", checks=(sentence_id,)),
        Column("phrase", "the exact words, as in the sentence", checks=(phrase_in_sentence,)),
        Column("device", "what the phrase does, in plain words"),
        Column("technique", "a technique's name from a published taxonomy"),
        Column("neutral", "a neutral wording"),
        Column("note", "the explanation, and any fact it relies on"),
        Column("sources", "source ids from sources.csv, separated by ;", checks=(source_ids,)),
        Column("translation", "a note on the original-language wording", required=False),
    ),
)


def load_annotations(case: Case) -> list[dict]:
    """The annotated phrases, validated against the article and the sources."""
    rows = load_table(LANGUAGE, case)
    for row in rows:
        row["source_ids"] = split_list(row["sources"])
    return rows


def annotations_html(case: Case) -> str:
    """A table: the phrase in its sentence, what it does, the technique, a neutral alternative, notes and sources."""
    body = []
    for row in load_annotations(case):
        sentence = esc(case.passage(row["sentence"])).replace(esc(row["phrase"]), f"<mark>{esc(row['phrase'])}</mark>", 1)
        translation = f"<br><em>Translation:</em> {esc(row['translation'])}" if row.get("translation") else ""
        body.append(
            f"<tr><td><strong>{esc(row['sentence'])}</strong> {sentence}</td><td>{esc(row['device'])}<br><small>{esc(row['technique'])}</small></td>"
            f"<td>{esc(row['neutral'])}</td><td><small>{esc(row['note'])}{translation}{citations_html(case, row['source_ids'])}</small></td></tr>"
        )
    return (
        '<table class="ml-table ml-language"><caption>What the words do</caption>'
        "<thead><tr><th>phrase in its sentence</th><th>what it does (technique)</th><th>a neutral wording</th><th>notes and sources</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def show_annotations(case: Case) -> None:
    """Display the annotated phrases."""
    display(HTML(annotations_html(case)))
