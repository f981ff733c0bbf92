"""The learner's progress at a glance, and their work exported as one HTML file to hand in.

:func:`show_progress` shows, per lesson, how many exercises are done and how well (a table and a chart).
:func:`export_work` writes every saved answer, score, reflection and timestamp into a self-contained
HTML file, and :func:`show_export` adds a download link: on Binder the session ends after a few idle
minutes, so this is how a learner keeps their work.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from helpers.article import Case
from helpers.exercises import STATUS_LABELS, describe_answer, load_exercises
from helpers.markup import esc
from helpers.plots import show_figure, stacked_bar
from helpers.progress import ProgressStore, get_store

EXPORT_ENV_VAR = "MEDIA_LITERACY_EXPORT_DIR"
PARTS = ["right", "partly right", "not yet right", "reflections saved", "not started"]


def progress_table(case: Case, store: ProgressStore | None = None) -> pd.DataFrame:
    """One row per lesson: exercises, how many are right, partly right, not yet right, saved or not started."""
    records = (store or get_store()).records()
    rows: dict[str, dict[str, float]] = {}
    for exercise in load_exercises(case).values():
        row = rows.setdefault(exercise.lesson, {"lesson": exercise.lesson, "exercises": 0, **{p: 0 for p in PARTS}, "scores": []})
        row["exercises"] += 1
        status = (records.get(f"{case.id}/{exercise.id}") or {}).get("status")
        part = {"right": "right", "partial": "partly right", "wrong": "not yet right", "saved": "reflections saved"}.get(
            status, "not started"
        )
        row[part] += 1
        if status in ("right", "partial", "wrong"):
            row["scores"].append(float(records[f"{case.id}/{exercise.id}"].get("score") or 0))
    table = pd.DataFrame(
        [
            {
                **{k: v for k, v in row.items() if k != "scores"},
                "mean score": round(sum(row["scores"]) / len(row["scores"]), 2) if row["scores"] else float("nan"),
            }
            for row in rows.values()
        ]
    )
    return table.sort_values("lesson").reset_index(drop=True) if not table.empty else table


def show_progress(case: Case, store: ProgressStore | None = None) -> None:
    """Show the progress table and chart, and where the progress file is."""
    store = store or get_store()
    table = progress_table(case, store)
    where = "in memory only (not saved)" if store.in_memory else str(store.path)
    display(HTML(f"<p>Your work is saved in <code>{esc(where)}</code>.</p>"))
    if table.empty:
        display(HTML("<p>This case has no exercises yet.</p>"))
        return
    fig = stacked_bar(table, "lesson", PARTS, "Your exercises, lesson by lesson", "exercises")
    show_figure(fig, table, "Exercises per lesson by result; mean score counts checked exercises only")


def export_html(case: Case, store: ProgressStore | None = None, learner: str = "") -> str:
    """The learner's work as one self-contained HTML page (all learner text escaped)."""
    records = (store or get_store()).records()
    sections = []
    for exercise in load_exercises(case).values():
        record = records.get(f"{case.id}/{exercise.id}")
        if not record:
            continue
        status = STATUS_LABELS.get(record.get("status") or "", "not checked")
        answer = describe_answer(exercise, record.get("answer"), case)
        score = record.get("score")
        sections.append(
            "<section>"
            f"<h3>{esc(exercise.lesson)} · {esc(exercise.id)}</h3><p><em>{esc(exercise.prompt)}</em></p>"
            f'<p class="answer"><strong>Answer:</strong> {esc(answer)}</p>'
            f"<p><strong>Result:</strong> {esc(status)}"
            + (f" (score {float(score):.2f})" if isinstance(score, (int, float)) else "")
            + f" · attempts {esc(record.get('attempts', 0))} · hints {esc(record.get('hints_used', 0))}"
            + (" · answer shown" if record.get("revealed") else "")
            + f" · last saved {esc(record.get('updated', ''))}</p></section>"
        )
    body = "".join(sections) or "<p>No answers saved yet.</p>"
    who = f"<p>Learner: {esc(learner)}</p>" if learner.strip() else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>My work: {esc(case.title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
        "section{border-top:1px solid #ccc}.answer{white-space:pre-wrap}</style></head><body>"
        f"<h1>My work</h1><h2>{esc(case.title)}</h2>{who}"
        f"<p>Exported {esc(datetime.now().astimezone().isoformat(timespec='minutes'))}.</p>{body}</body></html>"
    )


def export_work(case: Case, folder: Path | str | None = None, learner: str = "", store: ProgressStore | None = None) -> Path:
    """Write the learner's work to ``my-work/`` beside the notebook (or ``folder``); return the file's path."""
    folder = Path(folder or os.environ.get(EXPORT_ENV_VAR) or Path.cwd() / "my-work")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"my-work-{case.id}-{datetime.now().strftime('%Y%m%d-%H%M')}.html"
    path.write_text(export_html(case, store, learner), encoding="utf-8")
    return path


def show_export(case: Case, learner: str = "") -> None:
    """Export the learner's work and show a link to download it."""
    path = export_work(case, learner=learner)
    try:
        link = os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        link = path.as_uri()
    display(
        HTML(
            f'<p>✔ Your work is in <code>{esc(path)}</code>. <a href="{esc(link)}" download="{esc(path.name)}">'
            f"Download {esc(path.name)}</a> (or right-click the file in the file browser and choose Download).</p>"
        )
    )
