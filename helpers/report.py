"""The learner's progress at a glance, and their work exported as one HTML file to hand in.

:func:`show_progress` shows, per lesson, how many exercises are done and how well (a table and a chart).
:func:`export_work` writes every saved answer, score, reflection and timestamp into a self-contained
HTML file, and :func:`show_export` shows a "Save a copy of my work" button that writes one and a link to
download it: on Binder the session ends after a few idle minutes, so this is how a learner keeps their
work. A copy is written only when the learner presses the button, never when the cell runs, so the
folder holds only the copies they chose to make (answers are saved in the progress file as they go, so
nothing is lost before the first press). Copies go beside the progress file, in ``my-work/``: one folder
for all the learner's work. Both functions show the progress file's notices (a corrupt file set aside,
saving only in memory) in the same boxes as the exercises.

Each copy is also a hand-in: the page carries the same answers as JSON, with the course version and an
id the learner chooses in the export form (a nickname or class number; see :mod:`helpers.hand_in`),
which the class dashboard (``instructors/class-dashboard.ipynb``) reads. The id is kept in the progress
file under :data:`LEARNER_KEY`, so the learner types it once for all lessons.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display
from ipywidgets.widgets.widget_string import TextStyle

from helpers.article import Case
from helpers.course import Course, load_course
from helpers.datafiles import DataFileError
from helpers.exercises import STATUS_LABELS, Exercise, describe_answer, load_exercises, verdict_shown
from helpers.hand_in import LEARNER_ID_LIMIT, clean_learner_id, hand_in_data, learner_id_problem, script_block
from helpers.markup import esc, notice_html
from helpers.plots import show_figure, stacked_bar
from helpers.progress import ProgressStore, get_store
from helpers.widgets import shared

EXPORT_ENV_VAR = "MEDIA_LITERACY_EXPORT_DIR"
PARTS = ["right", "partly right", "not yet right", "reflections saved", "results later", "not started"]
RESULTS_LATER = (
    "submitted (you will see how you did at the end of the course)"  # a pre-assessment item, until its post item is in
)
PHASE_LABELS = {"pre": "pre-assessment (before the course)", "post": "post-assessment (after the course)"}
SAVE_COPY = "Save a copy of my work"
LEARNER_KEY = "learner-id"  # the progress record holding the learner's chosen id (exercise records are "case/exercise")


def _now() -> datetime:
    """The local time, for export file names and the times shown (one function, so tests can set the clock)."""
    return datetime.now().astimezone()


def notices_html(store: ProgressStore) -> str:
    """The progress store's pending notices, each in the ⚠ box the exercises use (empty if there are none)."""
    return "".join(notice_html(notice) for notice in store.take_notices())


def progress_table(case: Case, store: ProgressStore | None = None) -> pd.DataFrame:
    """One row per lesson, in the course's order: exercises, how many are right, partly right, not yet right, saved or not started.

    Lessons come in the manifest's order (``lessons/course.json``) and are named by number and title;
    a case's exercise file for a lesson the manifest lacks (an instructor's own) comes last, under its id.
    """
    records = (store or get_store()).records()
    rows: dict[str, dict[str, float]] = {}
    exercises = load_exercises(case)
    for exercise in exercises.values():
        row = rows.setdefault(exercise.lesson, {"lesson": exercise.lesson, "exercises": 0, **{p: 0 for p in PARTS}, "scores": []})
        row["exercises"] += 1
        status = (records.get(f"{case.id}/{exercise.id}") or {}).get("status")
        part = {"right": "right", "partial": "partly right", "wrong": "not yet right", "saved": "reflections saved"}.get(
            status, "not started"
        )
        if part != "not started" and not verdict_shown(exercise, case, records, exercises):
            part, status = "results later", None
        row[part] += 1
        if status in ("right", "partial", "wrong"):
            row["scores"].append(float(records[f"{case.id}/{exercise.id}"].get("score") or 0))
    course = _course()
    order = {lesson.id: number for number, lesson in enumerate(course.lessons)}
    table = pd.DataFrame(
        [
            {
                "lesson": row["lesson"],
                "title": _lesson_label(course, row["lesson"]),
                **{k: v for k, v in row.items() if k not in ("lesson", "scores")},
                "mean score": round(sum(row["scores"]) / len(row["scores"]), 2) if row["scores"] else float("nan"),
            }
            for row in sorted(rows.values(), key=lambda row: (order.get(row["lesson"], len(order)), row["lesson"]))
        ]
    )
    return table


def _course() -> Course:
    """The course manifest; without a readable one (a broken copy), lessons are simply listed by id."""
    try:
        return load_course()
    except DataFileError:
        return Course("", ())


def _lesson_label(course: Course, lesson_id: str) -> str:
    lesson = course.lesson(lesson_id)
    return lesson.label if lesson else lesson_id


def show_progress(case: Case, store: ProgressStore | None = None) -> None:
    """Show the progress table and chart (lessons in the course's order), and where the progress file is."""
    store = store or get_store()
    table = progress_table(case, store)
    where = "in memory only (not saved)" if store.in_memory else str(store.path)
    display(HTML(notices_html(store) + f"<p>Your work is saved in <code>{esc(where)}</code>.</p>"))
    if table.empty:
        display(HTML("<p>This case has no exercises yet.</p>"))
        return
    fig = stacked_bar(table, "title", PARTS, "Your exercises, lesson by lesson", "exercises")
    show_figure(
        fig,
        table.drop(columns="lesson").rename(columns={"title": "lesson"}),
        "Exercises per lesson by result; mean score counts checked exercises only",
    )


def export_html(case: Case, store: ProgressStore | None = None, learner: str = "") -> str:
    """The learner's work as one self-contained HTML page (all learner text escaped), ending with its answers as JSON.

    ``learner`` is the id the learner chose (ValueError if :func:`helpers.hand_in.learner_id_problem` refuses it).
    """
    problem = learner_id_problem(learner)
    if problem:
        raise ValueError(problem)
    return export_page(case, (store or get_store()).records(), learner, _now())


def export_page(case: Case, records: dict[str, dict], learner: str, exported: datetime) -> str:
    """The export page for these progress records, learner id and time (what :func:`export_html` writes)."""
    learner = clean_learner_id(learner)
    by_id = load_exercises(case)
    exercises = list(by_id.values())
    sections = [_section(e, records, case, by_id) for e in exercises if records.get(f"{case.id}/{e.id}")]
    body = "".join(sections) or "<p>No answers saved yet.</p>"
    who = f"<p>Learner id: {esc(learner)}</p>" if learner else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>My work: {esc(case.title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
        "section{border-top:1px solid #ccc}.answer{white-space:pre-wrap}</style></head><body>"
        f"<h1>My work</h1><h2>{esc(case.title)}</h2>{who}"
        f"<p>Exported {esc(exported.isoformat(timespec='minutes'))}.</p>{body}"
        f"{script_block(hand_in_data(case, exercises, records, learner, exported))}</body></html>"
    )


def _section(exercise: Exercise, records: dict[str, dict], case: Case, exercises: dict[str, Exercise]) -> str:
    """One exercise of the export as people read it: prompt, answer in words, draft, result, attempts and hints.

    A pre-assessment item's result stays hidden until its post item is in (as in the lesson).
    """
    record = records[f"{case.id}/{exercise.id}"]
    status = STATUS_LABELS.get(record.get("status") or "", "not checked")
    answer = describe_answer(exercise, record.get("answer"), case)
    score = record.get("score")
    if record.get("status") and not verdict_shown(exercise, case, records, exercises):
        status, score = RESULTS_LATER, None
    draft = record.get("draft")
    draft_text = draft.get("text", "") if isinstance(draft, dict) else ""  # a draft is text only: nothing ticked yet
    draft_line = (
        f'<p class="answer"><strong>Draft, not yet saved and compared:</strong> {esc(draft_text)}</p>' if draft_text else ""
    )
    return (
        "<section>"
        f"<h3>{esc(exercise.lesson)} · {esc(exercise.id)}"
        + (f" · {esc(PHASE_LABELS[exercise.assessment])}" if exercise.assessment else "")
        + f"</h3><p><em>{esc(exercise.prompt)}</em></p>"
        f'<p class="answer"><strong>Answer:</strong> {esc(answer)}</p>{draft_line}'
        f"<p><strong>Result:</strong> {esc(status)}"
        + (f" (score {float(score):.2f})" if isinstance(score, (int, float)) else "")
        + f" · attempts {esc(record.get('attempts', 0))} · hints {esc(record.get('hints_used', 0))}"
        + (" · answer shown" if record.get("revealed") else "")
        + f" · last saved {esc(record.get('updated', ''))}</p></section>"
    )


def export_folder(store: ProgressStore | None = None) -> Path:
    """Where copies go: the folder in ``MEDIA_LITERACY_EXPORT_DIR`` if set, else the progress file's folder.

    By default that is ``my-work/`` in the course folder (see :mod:`helpers.progress`), shown in
    JupyterLab's file browser. A symlinked progress file counts as being where the link is.
    """
    return Path(os.environ.get(EXPORT_ENV_VAR) or (store or get_store()).path.parent)


def export_name(case: Case) -> str:
    """The file name of a copy made now: ``my-work-<case>-<date>-<time>.html``."""
    return f"my-work-{case.id}-{_now().strftime('%Y%m%d-%H%M%S')}.html"


def export_work(case: Case, folder: Path | str | None = None, learner: str = "", store: ProgressStore | None = None) -> Path:
    """Write the learner's work to :func:`export_folder` (or ``folder``); return the file's path."""
    folder = Path(folder or export_folder(store))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / export_name(case)
    path.write_text(export_html(case, store, learner), encoding="utf-8")
    return path


def latest_export(case: Case, store: ProgressStore | None = None) -> Path | None:
    """The newest copy of this case's work in :func:`export_folder`, if any (names sort by time)."""
    name = re.compile(rf"my-work-{re.escape(case.id)}-\d{{8}}-\d{{6}}\.html")  # not another case whose id starts alike
    with contextlib.suppress(OSError):
        copies = sorted(p for p in export_folder(store).iterdir() if name.fullmatch(p.name))
        return copies[-1] if copies else None
    return None


def export_anywhere(case: Case, learner: str, store: ProgressStore) -> tuple[Path | None, str]:
    """Export to the usual folder, else beside the progress file, else a temporary folder.

    Returns the file (None if every folder failed) and, if the usual folder failed, why.
    """
    usual = export_folder(store)
    problem = ""
    for folder in dict.fromkeys((usual, store.path.parent, Path(tempfile.gettempdir()))):
        try:
            return export_work(case, folder, learner, store), problem
        except OSError as exc:
            problem = problem or f"The folder {usual} could not be written ({exc.strerror or exc})"
    return None, problem


def export_message(path: Path | None, problem: str, store: ProgressStore) -> str:
    """What the learner reads after an export: where the file is and a link to download it, or what went wrong."""
    if path is None:
        kept = "only in memory" if store.in_memory else f"in {store.path}"
        return notice_html(
            f"{problem}, and no other folder could be written either, so no copy was saved. Your answers are still kept {kept}."
        )
    moved = notice_html(f"{problem}, so your copy was saved in {path.parent} instead.") if problem else ""
    return moved + (
        f"<p>✔ Saved a copy of your work at {esc(_now().strftime('%H:%M:%S'))}: <code>{esc(path)}</code>. "
        f"{_download_link(path)} (or right-click the file in the file browser and choose Download). "
        f"After answering more, press “{esc(SAVE_COPY)}” again for an up-to-date copy.</p>"
    )


def before_export_message(case: Case, store: ProgressStore) -> str:
    """What the learner reads before pressing the button: where answers are kept, and the last copy if there is one."""
    kept = "only in memory for now" if store.in_memory else f"as you go in <code>{esc(store.path)}</code>"
    latest = latest_export(case, store)
    last = f" Your last copy: <code>{esc(latest)}</code>. {_download_link(latest)}." if latest else " No copy saved yet."
    return (
        f"<p>Your answers are saved {kept}.{last} When you have finished, press “{esc(SAVE_COPY)}” to write "
        "all your answers into one file that you can download and hand in.</p>"
        "<p>If your instructor collects the files, type an id they can tell you apart by first: a nickname or your "
        "class number is fine, you do not need to give your name. It is kept for your next copies.</p>"
    )


def _download_link(path: Path) -> str:
    """A link that downloads the file, relative to the notebook's folder (JupyterLab serves it from there)."""
    try:
        link = os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        link = path.as_uri()
    return f'<a href="{esc(link)}" download="{esc(path.name)}">Download {esc(path.name)}</a>'


def saved_learner_id(store: ProgressStore) -> str:
    """The id the learner chose last time (kept in the progress file), or ""."""
    record = store.records().get(LEARNER_KEY) or {}
    value = record.get("learner")
    return clean_learner_id(value) if isinstance(value, str) and not learner_id_problem(value) else ""


@dataclass
class ExportView:
    """The export on screen: a box for the learner's id, a button that saves a fresh copy, and a message with the link.

    The message is an ``Output`` widget holding an HTML output, not an ``HTML`` widget: JupyterLab
    resolves relative links (the download link) only in outputs it renders itself.
    """

    case: Case
    store: ProgressStore
    learner_box: widgets.Text
    button: widgets.Button
    message: widgets.Output
    box: widgets.VBox

    @property
    def learner(self) -> str:
        return clean_learner_id(self.learner_box.value)

    def save_copy(self) -> Path | None:
        """Write a fresh export and show where it is; return its path (None if it could not be written or the id is refused)."""
        problem = learner_id_problem(self.learner_box.value)
        if problem:
            self.show(notice_html(f"{problem} No copy was saved; your answers are still kept."), problem)
            return None
        if self.learner != saved_learner_id(self.store):
            self.store.save(LEARNER_KEY, {"learner": self.learner})
        path, problem = export_anywhere(self.case, self.learner, self.store)
        self.show(export_message(path, problem, self.store), f"Saved a copy of your work: {path}")
        return path

    def show(self, html: str, plain: str) -> None:
        """Replace the message, with the progress file's notices first."""
        data = {"text/html": f'<div class="ml-export">{notices_html(self.store)}{html}</div>', "text/plain": plain}
        self.message.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)

    @property
    def message_html(self) -> str:
        """The message as the learner sees it (HTML)."""
        return self.message.outputs[0]["data"]["text/html"] if self.message.outputs else ""


def build_export(case: Case, learner: str = "", store: ProgressStore | None = None) -> ExportView:
    """Build the id box, the button that saves a copy of the learner's work, and the message under it (nothing is written yet).

    The id box starts with ``learner`` if given, else the id the learner chose last time.
    """
    store = store or get_store()
    learner_box = widgets.Text(
        value=clean_learner_id(learner) or saved_learner_id(store),
        description="Your id for the class:",
        placeholder="a nickname or class number",
        tooltip=f"Optional, up to {LEARNER_ID_LIMIT} characters: your instructor tells hand-ins apart by it",
        continuous_update=False,
        layout=shared(widgets.Layout, width="auto"),
        style=shared(TextStyle, description_width="initial"),
    )
    button = widgets.Button(
        description=SAVE_COPY,
        icon="download",
        tooltip="Write your answers so far to a new file in your my-work folder and show a link to download it",
        layout=shared(widgets.Layout, width="auto"),
        style=shared(widgets.ButtonStyle),
    )
    message = widgets.Output(layout=shared(widgets.Layout))
    box = widgets.VBox([learner_box, button, message], layout=shared(widgets.Layout, align_items="flex-start"))
    view = ExportView(case, store, learner_box, button, message, box)
    button.on_click(lambda _button: view.save_copy())
    view.show(before_export_message(case, view.store), "Press “Save a copy of my work” to save a copy of your work.")
    return view


def show_export(case: Case, learner: str = "") -> None:
    """Show the "Save a copy of my work" button, which writes the learner's work to a file and links to it."""
    display(build_export(case, learner).box)
