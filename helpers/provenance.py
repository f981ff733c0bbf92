"""Where a text comes from: its provenance chain, link by link, each with its evidence and how sure we are.

A case's ``provenance.csv`` lists the links in order (``step``), from the original statement to the
copy the learner reads. Each link says what is claimed about it, the evidence, a confidence level
(``confirmed``, ``inferred`` or ``unconfirmed``) and the sources. Confidence is shown as a word and a
symbol, never by colour alone.
"""

from __future__ import annotations

from IPython.display import HTML, display

from helpers.article import Case
from helpers.datafiles import DataFileError, read_csv
from helpers.markup import esc
from helpers.sources import check_source_ids, citations_html

CONFIDENCE = {"confirmed": "● confirmed", "inferred": "◐ inferred", "unconfirmed": "○ unconfirmed"}


def load_chain(case: Case) -> list[dict]:
    """The provenance links in order; each has step, stage, claim, evidence, confidence and source ids."""
    path = case.folder / "provenance.csv"
    rows = read_csv(path, ("step", "stage", "claim", "evidence", "confidence", "sources"))
    for number, row in enumerate(rows, start=2):
        if not row["step"].isdigit():
            raise DataFileError(path, f"step must be a whole number, not {row['step']!r}", row=number, field="step")
        if row["confidence"] not in CONFIDENCE:
            raise DataFileError(path, f"confidence must be one of: {', '.join(CONFIDENCE)}", row=number, field="confidence")
        row["source_ids"] = check_source_ids(case, row["sources"], path, number)
    steps = [int(r["step"]) for r in rows]
    if steps != sorted(set(steps)):
        raise DataFileError(path, "steps must be unique and listed in order", field="step")
    return rows


def chain_html(case: Case) -> str:
    """The chain as a vertical diagram: one box per link, joined by arrows, each with its evidence."""
    boxes = []
    for row in load_chain(case):
        dashed = "solid" if row["confidence"] == "confirmed" else "dashed"
        boxes.append(
            f'<div class="ml-link" style="border:2px {dashed} #57606a;border-radius:6px;padding:0.4em 0.9em;max-width:46em">'
            f"<p><strong>{esc(row['step'])}. {esc(row['stage'])}</strong> · <em>{esc(CONFIDENCE[row['confidence']])}</em></p>"
            f"<p>{esc(row['claim'])}</p><p><small><strong>Evidence:</strong> {esc(row['evidence'])}</small></p>"
            f"<small>{citations_html(case, row['source_ids'])}</small></div>"
        )
    arrow = '<div aria-hidden="true" style="font-size:1.4em;margin:0.1em 0 0.1em 1.5em">↓</div>'
    legend = (
        "<p><small>Solid border: confirmed. Dashed border: inferred or unconfirmed. "
        + " · ".join(CONFIDENCE.values())
        + "</small></p>"
    )
    return f'<div class="ml-chain" aria-label="Provenance chain">{arrow.join(boxes)}{legend}</div>'


def show_chain(case: Case) -> None:
    """Display the provenance chain."""
    display(HTML(chain_html(case)))
