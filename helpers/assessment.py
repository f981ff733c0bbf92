"""The pre- and post-assessment: what the learner answered before and after the course, explained, and their gain per skill.

The items are ordinary exercises with ``"assessment": "pre"`` (lesson 00) or ``"post"`` (lesson 06); a pre
item and its post item share a ``skill`` such as ``"source evaluation: who is behind the text"``, whose
part before the colon is the course-level skill (:mod:`helpers.exercises.phases`). The engine judges and
saves them like any exercise, keeping a pre item's verdict hidden until its post item is answered.

Here, read from the progress file:

- :func:`show_results`: per skill whose post answer is in, the learner's pre and post answers, each
  with its verdict and explanation (the first time the pre verdicts are shown).
- :func:`skill_gains` and :func:`course_skill_gains`: the gain per skill, mean post score minus mean pre
  score, as tables; an item not answered is "not answered" (``None``), never a score of 0, and a course
  skill's means count only the skills answered both before and after, so both sides cover the same items.
- :func:`show_gains`: those tables, each with its chart, and what one item per skill can and cannot tell.

A free response's score is the share of its rubric's points the learner ticked: a self-assessment, said so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML, display

from helpers.article import Case
from helpers.exercises import (
    STATUS_LABELS,
    Exercise,
    answer_lines,
    check,
    describe_answer,
    exercise_type,
    is_answered,
    load_exercises,
    matched_item,
)
from helpers.markup import esc
from helpers.plots import grouped_bar, show_figure
from helpers.progress import ProgressStore, get_store

NOT_ANSWERED = "not answered"
PRE, POST = "before (pre)", "after (post)"
ANSWERED_BOTH = "skills answered before and after"
SMALL_SAMPLE = (
    "Each skill has one question before the course and one after it: one question is a small sample, so a "
    "gain or a loss on one skill may come from the questions (parallel, on new texts, but not the same) as "
    "much as from you. Read the numbers as a prompt to look back at your answers, not as a grade."
)


@dataclass(frozen=True)
class Pair:
    """One skill's assessment items: the pre item (lesson 00) and the post item (lesson 06), either possibly missing."""

    skill: str
    pre: Exercise | None
    post: Exercise | None

    @property
    def course_skill(self) -> str:
        return self.skill.split(":", 1)[0].strip()


def pairs(case: Case) -> list[Pair]:
    """Every skill with an assessment item, in the order of the pre items, then post items with no pre item."""
    exercises = load_exercises(case)
    found: dict[str, Pair] = {}
    for phase in ("pre", "post"):
        for exercise in exercises.values():
            if exercise.assessment == phase and exercise.skill not in found:
                other = matched_item(exercise, exercises)
                pre, post = (exercise, other) if phase == "pre" else (other, exercise)
                found[exercise.skill] = Pair(exercise.skill, pre, post)
    return list(found.values())


def score(case: Case, exercise: Exercise | None, records: dict[str, dict]) -> float | None:
    """The saved score of an answered item (0 to 1), or None if it is not answered (or there is no such item)."""
    if exercise is None:
        return None
    record = records.get(f"{case.id}/{exercise.id}")
    if not is_answered(record):
        return None
    try:
        return min(1.0, max(0.0, float(record.get("score") or 0.0)))
    except (TypeError, ValueError):  # a hand-edited file: judge the saved answer again
        return _rejudged(case, exercise, record)


def _rejudged(case: Case, exercise: Exercise, record: dict) -> float | None:
    try:
        return check(exercise, record.get("answer"), case).score
    except Exception:  # an answer that no longer fits the item: as good as not answered
        return None


def _gain(pre: float | None, post: float | None) -> float | None:
    return None if pre is None or post is None else round(post - pre, 2)


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None


def skill_gains(case: Case, store: ProgressStore | None = None) -> pd.DataFrame:
    """One row per skill: its course-level skill, the pre and post scores (None: not answered) and the gain."""
    records = (store or get_store()).records()
    rows = []
    for pair in pairs(case):
        pre, post = score(case, pair.pre, records), score(case, pair.post, records)
        rows.append(
            {
                "course skill": pair.course_skill,
                "skill": pair.skill.split(":", 1)[-1].strip(),
                PRE: pre,
                POST: post,
                "gain": _gain(pre, post),
                "scored by": _scored_by(pair),
            }
        )
    return pd.DataFrame(rows, columns=["course skill", "skill", PRE, POST, "gain", "scored by"], dtype=object)


def _scored_by(pair: Pair) -> str:
    item = pair.post or pair.pre
    return "the course" if item is None or exercise_type(item.type).graded else "you, ticking the rubric"


def course_skill_gains(table: pd.DataFrame) -> pd.DataFrame:
    """Per course-level skill: the mean pre and post scores over the skills answered both times, their count, and the gain.

    A skill answered only before or only after is left out of both means, so that the two means are over the
    same questions (otherwise a gain could come from which questions were answered, not from how).
    """
    rows = []
    for course_skill, group in table.groupby("course skill", sort=False):
        both = [(pre, post) for pre, post in zip(group[PRE], group[POST], strict=True) if pre is not None and post is not None]
        pre, post = _mean([pair[0] for pair in both]), _mean([pair[1] for pair in both])
        rows.append(
            {
                "course skill": course_skill,
                PRE: pre,
                POST: post,
                "gain": _gain(pre, post),
                ANSWERED_BOTH: f"{len(both)} of {len(group)}",
            }
        )
    return pd.DataFrame(rows, dtype=object)


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The table as the learner reads it: a missing score says "not answered", a gain has its sign."""
    shown = table.copy()
    for column in (PRE, POST):
        shown[column] = [NOT_ANSWERED if v is None else f"{v:.2f}" for v in shown[column]]
    shown["gain"] = ["–" if v is None else f"{v:+.2f}" for v in shown["gain"]]
    return shown


def gain_figure(table: pd.DataFrame, title: str = "Your score per skill, before and after the course") -> dict:
    """A grouped bar chart of the pre and post scores (a plotly figure dictionary); no bar where not answered.

    One group per row: a skill ("course skill: skill") in a :func:`skill_gains` table, a course skill in a
    :func:`course_skill_gains` table.
    """
    if "skill" in table:
        table = table.assign(label=[f"{c}: {s}" for c, s in zip(table["course skill"], table["skill"], strict=True)])
    else:
        table = table.assign(label=table["course skill"])
    return grouped_bar(table, "label", [PRE, POST], title, "score (0 to 1)", (0, 1.1))


def show_gains(case: Case, store: ProgressStore | None = None) -> None:
    """Show the gain per skill as a chart and a table, then per course-level skill, with what the numbers can tell."""
    table = skill_gains(case, store)
    if table.empty:
        display(HTML("<p>This case has no assessment items.</p>"))
        return
    display(HTML(f"<p>{esc(SMALL_SAMPLE)}</p>"))
    show_figure(gain_figure(table), readable(table), "Your score per skill before and after the course; gain = after − before")
    per_course_skill = course_skill_gains(table)
    show_figure(
        gain_figure(per_course_skill, "Your mean score per course skill, before and after the course"),
        readable(per_course_skill),
        "Per course skill: mean score over the skills you answered both before and after; gain = mean after − mean before",
    )


# --- The results: both answers, explained ------------------------------------------------------


def _answer_html(case: Case, exercise: Exercise | None, record: dict | None, when: str) -> str:
    """One answer with its verdict and explanation, or a plain "not answered"."""
    if exercise is None:
        return f"<p><strong>{esc(when)}:</strong> no question in this course.</p>"
    if not is_answered(record):
        return f"<p><strong>{esc(when)}:</strong> {NOT_ANSWERED}.</p>"
    try:
        feedback = check(exercise, record["answer"], case)
    except Exception:
        return f"<p><strong>{esc(when)}:</strong> your saved answer no longer fits this question (it was changed).</p>"
    explained = [*feedback.details, *(answer_lines(exercise, case) if exercise_type(exercise.type).graded else ())]
    items = "".join(f"<li>{esc(line)}</li>" for line in dict.fromkeys(explained) if line)
    return (
        f'<div class="ml-result"><p><strong>{esc(when)}</strong> <small>({esc(exercise.id)})</small></p>'
        f"<details><summary>The question</summary><p>{esc(exercise.prompt)}</p></details>"
        f"<p><strong>Your answer:</strong> {esc(describe_answer(exercise, record['answer'], case))}</p>"
        f"<p><strong>{esc(STATUS_LABELS[feedback.status])}.</strong> {esc(feedback.headline)}</p><ul>{items}</ul></div>"
    )


def results_html(case: Case, store: ProgressStore | None = None) -> str:
    """Per skill, the pre and post answers explained; a skill whose post answer is not in yet says so and shows neither."""
    records = (store or get_store()).records()
    sections = []
    for pair in pairs(case):
        post_record = records.get(f"{case.id}/{pair.post.id}") if pair.post else None
        heading = f"<h4>{esc(pair.skill)}</h4>"
        if not is_answered(post_record):
            sections.append(
                f'<section class="ml-results-pending">{heading}<p>Answer this skill\'s question above first: '
                "then run this cell again to see both your answers, explained.</p></section>"
            )
            continue
        pre_record = records.get(f"{case.id}/{pair.pre.id}") if pair.pre else None
        sections.append(
            f'<section class="ml-results-pair">{heading}'
            + _answer_html(case, pair.pre, pre_record, "Before the course (lesson 00)")
            + _answer_html(case, pair.post, post_record, "After the course (this lesson)")
            + "</section>"
        )
    return '<div class="ml-results">' + ("".join(sections) or "<p>This case has no assessment items.</p>") + "</div>"


def show_results(case: Case, store: ProgressStore | None = None) -> None:
    """Show the results: per skill answered after the course, both answers with their verdicts and explanations."""
    display(HTML(results_html(case, store)))


def show_self_assessment(case: Case, store: ProgressStore | None = None) -> None:
    """Show each pre item the learner scores themselves (a written answer), to tick its rubric once its post item is in.

    The pre item's own widget, from lesson 00: its text is final, and with its post item answered its rubric
    opens, so ticking the points the first answer makes gives that answer its score.
    """
    from helpers.widgets import build  # widgets import the exercise types; only this function needs them

    store = store or get_store()
    records = store.records()
    for pair in pairs(case):
        if pair.pre is None or exercise_type(pair.pre.type).graded:
            continue
        if not is_answered(records.get(f"{case.id}/{pair.pre.id}")):
            display(
                HTML(f"<p>{esc(pair.skill)}: you did not answer this question in lesson 00, so there is nothing to assess.</p>")
            )
        elif pair.post is None or not is_answered(records.get(f"{case.id}/{pair.post.id}")):
            display(HTML(f"<p>{esc(pair.skill)}: answer this skill's question above first, then run this cell again.</p>"))
        else:
            display(build(pair.pre.id, case, store))
