"""What the words do: annotated phrases of an article, each with the device, a named technique, a neutral wording and notes.

A case's ``language.csv`` lists phrases by sentence id. Each phrase must occur in its sentence. The
``technique`` names come from a published taxonomy (for the seed case, SemEval-2020 Task 11's
propaganda techniques) and the ``sources`` column cites it and any fact the note relies on.
"""

from __future__ import annotations

from IPython.display import HTML, display

from helpers.article import Case
from helpers.datafiles import DataFileError, read_csv
from helpers.markup import esc
from helpers.sources import check_source_ids, citations_html

COLUMNS = ("sentence", "phrase", "device", "technique", "neutral", "note", "sources")


def load_annotations(case: Case) -> list[dict]:
    """The annotated phrases, validated against the article and the sources."""
    path = case.folder / "language.csv"
    rows = read_csv(path, COLUMNS, optional=("translation",))
    for number, row in enumerate(rows, start=2):
        if not case.has_ref(row["sentence"]) or "." not in row["sentence"]:
            raise DataFileError(path, f"{row['sentence']!r} is not a sentence id of the article", row=number, field="sentence")
        if row["phrase"] not in case.passage(row["sentence"]):
            raise DataFileError(path, f"{row['phrase']!r} does not occur in {row['sentence']}", row=number, field="phrase")
        row["source_ids"] = check_source_ids(case, row["sources"], path, number)
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
