"""Exercise widgets: ordinary ipywidgets controls that collect an answer and show feedback that teaches.

``show("exercise-id")`` in a notebook displays one exercise of a case. The widget reads the learner's
saved answer from the progress file (never from widget state), so re-running the cell, restarting
the kernel or reopening the notebook shows the previous answer and its feedback; a written answer is
also kept as a draft when the learner leaves its box. Judging is done by :func:`helpers.exercises.check`;
every piece of text shown here is HTML-escaped. The answer control, the Check button's label and
whether "Show answer" is offered come from the exercise's type (:mod:`helpers.exercises.types`).

An assessment item (``"assessment": "pre"`` or ``"post"``, :mod:`helpers.exercises.phases`) is shown by the
same view, answered once: a Submit button and no Hint or Show answer; once judged or saved its controls are
disabled, and a pre item's panel says only "Saved" until its post item is answered.

Every widget model is one message from kernel to browser, and every change after it is built another, so
a lesson with many exercises displays quickly only if each exercise sends few: layout and style models
that never change, and the stylesheet, are shared between widgets (:func:`helpers.controls.shared`,
:func:`style_widget`), an exercise is built with its final state instead of being changed just after, and
a button the exercise never shows is never sent (nor a free response's rubric before it is saved). ``benchmarks/widget_traffic.py`` counts the models and
messages per exercise.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

import ipywidgets as widgets
from IPython.display import display
from ipywidgets.widgets.widget_string import HTMLStyle

from helpers.article import Case, load_case
from helpers.controls import _SHARED, Control, html_widget, shared  # noqa: F401 (shared and _SHARED: used by report, tests)
from helpers.exercises import (
    GRADED,
    SHOW_ANSWER_AFTER,
    Exercise,
    Feedback,
    answer_lines,
    check,
    exercise_type,
    get_exercise,
    verdict_shown,
)
from helpers.markup import esc, notice_html
from helpers.progress import ProgressStore, get_store, now, readable_time

LOG = logging.getLogger(__name__)
HIDDEN = Feedback("saved", 0.0, "You will see how you did at the end of the course.")  # a pre item's submitted answer
SELF_ASSESSED = "This is a self-assessment: your ticks are this answer's score. Your text is final; note what you would add."
SUBMITTED = {  # an assessment item's headline once its verdict may be seen (no "try again": it is answered once)
    "right": "Your submitted answer is right.",
    "partial": "Your submitted answer is partly right.",
    "wrong": "Your submitted answer does not fit; the explanation below says why.",
}
COLOURS = {"right": "#1a7f37", "partial": "#9a6700", "wrong": "#cf222e"}
STYLE = """<style>
.ml-exercise { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6em 1em; margin: 0.8em 0; max-width: 52em; }
.ml-exercise .widget-html-content { white-space: normal; line-height: 1.45; }
.ml-exercise .widget-radio-box { width: auto !important; }
.ml-exercise .widget-radio-box label { display: flex !important; flex-direction: row-reverse; justify-content: flex-end;
  align-items: flex-start; gap: 0.4em;
  white-space: normal !important; height: auto !important; line-height: 1.4; margin: 0.15em 0; }
.ml-exercise .widget-radio-box input { flex: none; float: none; margin: 0.2em 0 0 0; }
.ml-exercise .widget-checkbox, .ml-exercise .widget-checkbox label, .ml-exercise .widget-inline-hbox {
  height: auto !important; white-space: normal !important; overflow: visible !important; line-height: 1.4; }
.ml-exercise .widget-toggle-button { width: auto !important; max-width: 100%; height: auto; white-space: normal;
  min-height: var(--jp-widgets-inline-height); text-align: left; }
.ml-exercise ul, .ml-exercise ol { margin: 0.3em 0; }
</style>"""


def style_widget() -> widgets.HTML:
    """The exercises' stylesheet: one hidden HTML model that every exercise shows, so it is sent once per kernel.

    A ``<style>`` element applies to the whole page wherever it sits, hidden or not; each exercise carries
    a view of it, so the style is there whichever exercises the page has rendered (JupyterLab renders long
    notebooks lazily) and after any cell is re-run.
    """
    return shared(widgets.HTML, value=STYLE, layout=shared(widgets.Layout, display="none"), style=shared(HTMLStyle))


def feedback_html(feedback: Feedback, note: str = "") -> str:
    """The feedback box: a symbol and a word for the verdict (never colour alone), then the explanations."""
    colour = COLOURS.get(feedback.status, "#57606a")
    items = "".join(f"<li>{esc(line)}</li>" for line in feedback.details if line)
    return (
        f'<div class="ml-feedback ml-status-{feedback.status}" role="status" aria-live="polite" '
        f'style="border-left:5px solid {colour};padding:0.3em 0.8em;margin:0.4em 0">'
        f"<strong>{esc(feedback.label)}.</strong> {esc(feedback.headline)}"
        + (f"<ul>{items}</ul>" if items else "")
        + (f'<div class="ml-note"><small>{esc(note)}</small></div>' if note else "")
        + "</div>"
    )


def unreadable_answer(error: Exception) -> Feedback:
    """The feedback when judging an answer fails unexpectedly: explained to the learner, logged for developers."""
    LOG.error("checking an answer failed", exc_info=error)
    return Feedback(
        "fault",
        0.0,
        "This is a fault in the course, not in your answer: it was not counted or saved. "
        "Please tell your instructor; the details below help them fix it.",
        (f"Details for your instructor: {type(error).__name__}: {error}",),
    )


class ExerciseView:
    """One exercise on screen: prompt, answer control, Check / Hint / Show answer, and a feedback panel.

    Everything below the buttons (notices, feedback, hints, the answer, the attempt count) is one HTML
    widget, re-rendered from this object's state by :meth:`render`; fewer widgets also means fewer
    messages between kernel and browser. The widgets are built with their final state (restored answer,
    panel text, classes), so building an exercise sends each model once and no changes after it. The Hint
    button of an exercise without hints and the Show answer button of a type that offers none are never
    shown: they are built only if used from code (tests), and never sent with the exercise.
    """

    def __init__(self, exercise: Exercise, case: Case, store: ProgressStore) -> None:
        self.exercise, self.case, self.store = exercise, case, store
        self.key = f"{case.id}/{exercise.id}"
        self.kind = exercise_type(exercise.type)
        self.control: Control = self.kind.control(exercise, case)
        saved = store.get(self.key) or {}
        self.attempts = _count(saved.get("attempts"))
        self.hints_used = min(_count(saved.get("hints_used")), len(exercise.hints))
        self.revealed = bool(saved.get("revealed", False))
        self.last_answer: Any = saved.get("answer")
        # Written but not yet saved and compared (free responses only: other answers are checked at once).
        self.draft: Any = saved.get("draft") if self.control.on_draft else None
        self.draft_saved: str | None = saved.get("draft_saved") if self.draft is not None else None
        self.last_feedback: Feedback | None = None  # what the panel shows
        self.saved_feedback: Feedback | None = None  # the verdict on the saved answer
        self.note = ""
        self.notices: list[str] = []

        self.phase = exercise.assessment  # "pre" or "post": answered once, no hints, no "Show answer"
        self.locked = False
        self.check_button = widgets.Button(
            description="Submit" if self.phase else self.kind.check_label,
            button_style="primary",
            tooltip="Submit your answer: an assessment question is answered once" if self.phase else self.kind.check_tooltip,
            layout=shared(widgets.Layout),
            style=shared(widgets.ButtonStyle),
        )
        self.check_button.on_click(lambda _b: self.submit())
        shown = [self.check_button]
        shown += [self.hint_button] if exercise.hints and not self.phase else []
        shown += [self.answer_button] if self.kind.show_answer and not self.phase else []

        self._restore(saved)
        if self.control.on_submit:  # after restoring, so that filling in the saved answer is not a new attempt
            self.control.on_submit(self.submit)
        if self.control.on_draft:
            self.control.on_draft(self.save_draft)
        self.panel = html_widget(self._panel_html())
        self.box = widgets.VBox(
            [
                style_widget(),
                html_widget(self._header_html()),
                self.control.widget,
                widgets.HBox(shown, layout=shared(widgets.Layout)),
                self.panel,
            ],
            layout=shared(widgets.Layout),
            _dom_classes=("ml-exercise", f"ml-exercise-{exercise.id}"),
        )

    @cached_property
    def hint_button(self) -> widgets.Button:
        button = widgets.Button(
            description="Hint",
            icon="lightbulb-o",
            tooltip="Show a hint",
            disabled=self._hints_left() == 0,
            layout=shared(widgets.Layout),
            style=shared(widgets.ButtonStyle),
        )
        button.on_click(lambda _b: self.next_hint())
        return button

    @cached_property
    def answer_button(self) -> widgets.Button:
        button = widgets.Button(
            description="Show answer",
            tooltip="Show the answer and its explanation",
            layout=shared(widgets.Layout),
            style=shared(widgets.ButtonStyle),
        )
        button.on_click(lambda _b: self.reveal())
        return button

    def _hints_left(self) -> int:
        return len(self.exercise.hints) - self.hints_used

    @property
    def submitted(self) -> bool:
        """An assessment item with a judged or saved answer: it is not answered again."""
        return bool(self.phase) and self.saved_feedback is not None

    def verdict_hidden(self) -> bool:
        """A pre item before its post item is answered: its verdict and explanation are not shown yet."""
        return self.phase == "pre" and not verdict_shown(self.exercise, self.case, self.store.records())

    def _lock(self) -> None:
        """Disable every control of a submitted assessment item, once (a free response's rubric, added after, stays open)."""
        if self.locked:
            return
        self.locked = True
        for widget in _tree(self.control.widget):
            if widget.has_trait("disabled"):
                widget.disabled = True
        self.check_button.disabled = True

    def _may_revise(self) -> bool:
        """A submitted self-assessed item (a free response) may still have its rubric ticked once its verdict shows."""
        return not self.kind.graded and not self.verdict_hidden()

    def _repr_mimebundle_(self, **_kwargs: Any) -> dict[str, Any]:
        """Displayed as its widget, with a one-line text for viewers that cannot show widgets.

        ipywidgets' own text is the repr of the whole widget tree, cut at 110 characters: building it
        walks every child's traits, about a fifth of the time it takes to build the exercise.
        """
        return {
            "text/plain": f"[Exercise {self.exercise.id}: {self.exercise.prompt} Run the notebook to answer it.]",
            "application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0, "model_id": self.box.model_id},
        }

    def _header_html(self) -> str:
        quoted = "".join(
            f'<p style="margin:0.2em 0"><strong>[{esc(ref)}]</strong> {esc(self.case.passage(ref))}</p>'
            for ref in self.exercise.refs
            if self.kind.quote_refs
        )
        quote = (
            f'<blockquote style="border-left:3px solid #888;padding-left:1em;margin-left:0">{quoted}</blockquote>'
            if quoted
            else ""
        )
        phase = f" · {self.phase}-assessment: answered once" if self.phase else ""
        return (
            f'<div class="ml-prompt"><small>Exercise <code>{esc(self.exercise.id)}</code> · skill: {esc(self.exercise.skill)}{phase}</small>'
            f"<p><strong>{esc(self.exercise.prompt)}</strong></p>{quote}</div>"
        )

    def _restore(self, saved: dict) -> None:
        self._restore_answer(saved)
        if self.draft is not None:
            try:
                self.control.write(self.draft)
            except Exception:  # a hand-edited or outdated draft: keep the saved answer on screen
                self.draft = self.draft_saved = None
                return
            self.note = f"Restored your draft (saved {readable_time(self.draft_saved)}, not yet saved and compared)."

    def _restore_answer(self, saved: dict) -> None:
        if "answer" not in saved:
            return
        try:
            self.control.write(saved["answer"])
            feedback = check(self.exercise, saved["answer"], self.case)
        except Exception:  # the exercise or the progress file was changed since: ask again, never a traceback
            self.last_feedback = Feedback(
                "empty", 0.0, "Your saved answer no longer fits this exercise (it was changed); please answer again."
            )
            return
        self.last_feedback = self.saved_feedback = feedback
        self.note = f"Restored your saved answer (saved {readable_time(saved.get('updated'))})."
        self._after_feedback(feedback)

    def _after_feedback(self, feedback: Feedback) -> None:
        """Lock a submitted assessment item, then let the control show what follows a verdict (a free response's rubric)."""
        if self.submitted:
            self._lock()
        if self.control.on_feedback and not (self.phase and self.verdict_hidden()):
            self.control.on_feedback(feedback)

    # Actions -----------------------------------------------------------------------------------

    def submit(self) -> Feedback:
        """Check the current answer, save it, and show the feedback (an assessment item: only once)."""
        if self.submitted and not self._may_revise():
            self.note = "You have already submitted this answer: each assessment question is answered once."
            self.render()
            return self.saved_feedback  # type: ignore[return-value] (submitted: there is one)
        answer = self.control.read()
        try:
            feedback = check(self.exercise, answer, self.case)
        except Exception as error:  # a bug or a broken exercise file: explain it in the panel, never a traceback
            feedback = unreadable_answer(error)
        repeated = answer == self.last_answer and self.last_feedback is not None
        if feedback.counts_as_attempt and not repeated:
            self.attempts += 1
        self.last_feedback, self.note = feedback, ""
        if feedback.status in (*GRADED, "saved"):
            self.last_answer, self.saved_feedback, self.draft, self.draft_saved = answer, feedback, None, None
            self._save()
            self._after_feedback(feedback)
        elif self.control.on_feedback:
            self.control.on_feedback(feedback)
        if (
            feedback.status in ("wrong", "partial")
            and self.attempts >= SHOW_ANSWER_AFTER
            and not self.revealed
            and not self.phase
        ):
            self.revealed = True
            self._save()
        self.render()
        return feedback

    def save_draft(self) -> None:
        """Keep what the learner has written so far (on leaving the text box), without judging it.

        Only the draft fields of the saved record change, so a draft never overwrites an answer saved
        meanwhile from another tab or kernel. Back at the saved answer, the draft is dropped.
        """
        answer = self.control.read()
        if answer == self.draft:
            return
        if answer == self.last_answer:
            if self.draft is not None:
                self.draft = self.draft_saved = None
                self.store.update(self.key, draft=None, draft_saved=None)
            return
        self.draft, self.draft_saved = answer, now()
        self.store.update(self.key, **self._identity(), draft=answer, draft_saved=self.draft_saved)
        self.note = f"Draft saved ({readable_time(self.draft_saved)}): it will be here after a restart. Save and compare when you are ready."
        self.render()

    def next_hint(self) -> None:
        if self.hints_used < len(self.exercise.hints):
            self.hints_used += 1
            self._save()
        self.render()

    def reveal(self) -> None:
        self.revealed = True
        self._save()
        self.render()

    # Display -----------------------------------------------------------------------------------

    def render(self) -> None:
        """Redraw the panel (notices, feedback, hints, answer, attempts) from the current state."""
        self.panel.value = self._panel_html()
        if self.exercise.hints:
            self.hint_button.disabled = self._hints_left() == 0

    def _panel_html(self) -> str:
        self.notices.extend(self.store.take_notices())
        parts = [notice_html(n) for n in self.notices]
        if self.phase:
            return "".join(parts) + self._assessment_panel_html()
        if self.last_feedback:
            parts.append(feedback_html(self.last_feedback, self.note))
        elif self.note:  # e.g. a draft saved before any answer was checked
            parts.append(f'<div class="ml-note" role="status"><small>{esc(self.note)}</small></div>')
        if self.hints_used:
            items = "".join(f"<li>{esc(h)}</li>" for h in self.exercise.hints[: self.hints_used])
            parts.append(
                f'<div class="ml-hints"><strong>Hints ({self.hints_used} of {len(self.exercise.hints)})</strong><ol>{items}</ol></div>'
            )
        if self.revealed:
            parts.append(self._answer_html())
        status = [f"Attempts: {self.attempts}"]
        if self.exercise.hints:
            status.append(f"hints used: {self.hints_used} of {len(self.exercise.hints)}")
        if self.revealed:
            status.append("answer shown")
        parts.append(f'<small class="ml-status">{esc(" · ".join(status))}</small>')
        return "".join(parts)

    def _answer_html(self) -> str:
        """The whole key with every explanation ("Show answer", or an assessment item whose verdict may show)."""
        items = "".join(f"<li>{esc(line)}</li>" for line in answer_lines(self.exercise, self.case))
        return (
            '<div class="ml-answer" style="border-left:5px solid #57606a;padding:0.3em 0.8em">'
            f"<strong>The answer, explained</strong><ul>{items}</ul></div>"
        )

    def _assessment_panel_html(self) -> str:
        """An assessment item's panel: a neutral "Saved" on a pre item until its results are open, else the verdict explained."""
        if not self.submitted:
            parts = [feedback_html(self.last_feedback, self.note)] if self.last_feedback else []  # empty or unreadable
            status = "Not submitted yet: you can change your answer until you press Submit."
            return "".join(parts) + f'<small class="ml-status">{esc(status)}</small>'
        feedback = self.saved_feedback
        if self.verdict_hidden():
            shown = HIDDEN
        else:
            details = (SELF_ASSESSED,) if feedback.status == "saved" else feedback.details  # no "revise": the text is final
            shown = Feedback(feedback.status, feedback.score, SUBMITTED.get(feedback.status, feedback.headline), details)
        parts = [feedback_html(shown, self.note)]
        if self.kind.graded and shown is not HIDDEN:
            parts.append(self._answer_html())
        parts.append('<small class="ml-status">Submitted: each assessment question is answered once.</small>')
        return "".join(parts)

    # Saving ------------------------------------------------------------------------------------

    def _identity(self) -> dict[str, str]:
        """What every saved record says about its exercise."""
        return {
            "case": self.case.id,
            "exercise": self.exercise.id,
            "lesson": self.exercise.lesson,
            "type": self.exercise.type,
            "skill": self.exercise.skill,
            **({"assessment": self.phase} if self.phase else {}),
        }

    def _save(self) -> None:
        record = {
            **self._identity(),
            "attempts": self.attempts,
            "hints_used": self.hints_used,
            "revealed": self.revealed,
        }
        if self.saved_feedback is not None:
            record.update(answer=self.last_answer, status=self.saved_feedback.status, score=self.saved_feedback.score)
        if self.draft is not None:
            record.update(draft=self.draft, draft_saved=self.draft_saved)
        self.store.save(self.key, record)


def _tree(widget: widgets.Widget):
    """A widget and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def _count(value: Any) -> int:
    """A saved count (attempts, hints used); 0 if the progress file was edited by hand into something else."""
    try:
        return max(0, int(value))
    except (TypeError, ValueError, OverflowError):
        return 0


def build(exercise_id: str, case: Case | str | None = None, store: ProgressStore | None = None) -> ExerciseView:
    """Build an exercise widget without displaying it (for tests and for composing layouts)."""
    case = case if isinstance(case, Case) else load_case(case) if case else load_case()
    return ExerciseView(get_exercise(case, exercise_id), case, store or get_store())


def show(exercise_id: str, case: Case | str | None = None) -> None:
    """Display one exercise of a case (the default case if none is given)."""
    display(build(exercise_id, case))
