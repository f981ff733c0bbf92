"""Pre- and post-assessment items: matching a pre item to its post item, and when a pre item's verdict may be seen.

An exercise with ``"assessment": "pre"`` (lesson 00) or ``"post"`` (the post-assessment) is an assessment
item: answered once, with no hints and no "Show answer" (:class:`helpers.widgets.ExerciseView`). A pre item
and its post item share a ``skill`` (one item per phase and skill in a case, checked when the files are
loaded). The verdict and explanation of a pre item stay hidden until its post item is answered, so that
the pre-assessment does not teach the answers the post-assessment asks for; a post item shows its verdict
as soon as it is submitted, since the answer cannot be changed any more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers.exercises.loading import load_exercises
from helpers.exercises.model import GRADED, Exercise

if TYPE_CHECKING:
    from helpers.article import Case

ANSWERED = (*GRADED, "saved")  # statuses of a submitted answer (a free response is saved, never graded)
OTHER_PHASE = {"pre": "post", "post": "pre"}


def matched_item(exercise: Exercise, exercises: dict[str, Exercise]) -> Exercise | None:
    """An assessment item's partner in the other phase (the item with the same skill), or None."""
    other = OTHER_PHASE.get(exercise.assessment)
    return next((e for e in exercises.values() if other and e.assessment == other and e.skill == exercise.skill), None)


def is_answered(record: dict | None) -> bool:
    """Whether a progress record holds a submitted (judged or saved) answer."""
    return bool(record) and record.get("status") in ANSWERED and "answer" in record


def verdict_shown(exercise: Exercise, case: Case, records: dict[str, dict], exercises: dict[str, Exercise] | None = None) -> bool:
    """May the learner see how they did? Always, except on a pre item whose post item is not answered yet.

    ``exercises``: the case's exercises, when the caller has them already (a loop over them need not read the
    files again for every pre item).
    """
    if exercise.assessment != "pre":
        return True
    post = matched_item(exercise, exercises if exercises is not None else load_exercises(case))
    return post is not None and is_answered(records.get(f"{case.id}/{post.id}"))
