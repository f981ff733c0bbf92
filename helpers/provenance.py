"""Where a text comes from: its provenance chain, link by link, each with its evidence and how sure we are.

A case's ``provenance.csv`` lists the links in order (``step``), from the original statement to the
copy the learner reads. Each link says what is claimed about it, the evidence, a confidence level
(``confirmed``, ``inferred`` or ``unconfirmed``) and the sources. Confidence is shown as a word and a
symbol, never by colour alone.
"""

from __future__ import annotations

from IPython.display import HTML, display

from helpers.article import Case
from helpers.datafiles import split_list
from helpers.markup import esc
from helpers.schema import Column, Table, ascending, load_table, one_of, source_ids, whole_number
from helpers.sources import citations_html

CONFIDENCE = {"confirmed": "● confirmed", "inferred": "◐ inferred", "unconfirmed": "○ unconfirmed"}
PROVENANCE = Table(
    "provenance.csv",
    (
        Column("step", "the link's number: 1, 2, 3 … in order", checks=(whole_number,)),
        Column("stage", "a short name for the link, e.g. Party statement"),
        Column("claim", "what is claimed about this link, neutrally"),
        Column("evidence", "what supports the claim"),
        Column("confidence", f"one of: {', '.join(CONFIDENCE)}", checks=(one_of(*CONFIDENCE),)),
        Column("sources", "source ids from sources.csv, separated by ;", checks=(source_ids,)),
    ),
    table_checks=(ascending("step"),),
)


def load_chain(case: Case) -> list[dict]:
    """The provenance links in order; each has step, stage, claim, evidence, confidence and source ids."""
    rows = load_table(PROVENANCE, case)
    for row in rows:
        row["source_ids"] = split_list(row["sources"])
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
