"""Example hand-ins: a made-up class's exported work, for the class dashboard's demonstration, its tests and its benchmark.

:func:`write_example_hand_ins` writes one hand-in per made-up learner, built from the case's real exercise
files: each learner has a level, answers most exercises, right more often the higher their level, and
otherwise gives a wrong or partly right answer made from the exercise's own options (a tempting option
more often than the others), judged by the course's own checker. Post-assessment items are answered at
a higher level than pre items, as after teaching. The pages are made by the course's own export
(:func:`helpers.report.export_page`), so they are exactly what learners hand in.

With ``broken=True`` it adds one file of each kind the dashboard must skip (:data:`BROKEN_KINDS`), and an
older copy from one learner who handed in twice. The same seed always gives the same files.
No learner is real: ids are ``student 001``…, texts come from a short list of stock sentences.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from helpers.article import Case
from helpers.exercises import Exercise, check, exercise_type, key_answer, load_exercises
from helpers.exercises.phases import ANSWERED
from helpers.hand_in import FORMAT_VERSION, OPENING, extract_block

START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
SEED = 2026
NOTES = (
    "The article names no author, so I would look up the outlet first.",
    "It quotes officials but no one from Ukraine or Zimbabwe's opposition.",
    "I would read what other outlets say about this before trusting it.",
    "The dates are missing years, which makes the order hard to follow.",
)
TYPED_WRONG = ("1 November", "Mugabe", "not sure")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
BROKEN_KINDS = (
    "not-html",
    "not-text",
    "not-a-page",
    "empty",
    "no-answers",
    "damaged",
    "cut-off",
    "bad-field",
    "older-format",
    "older-course",
    "other-case",
    "other-text",
    "duplicate",
)


@dataclass
class ExampleSet:
    """What was written: the good hand-ins, and each broken file by its kind (see :data:`BROKEN_KINDS`)."""

    folder: Path
    hand_ins: list[Path] = field(default_factory=list)
    broken: dict[str, Path] = field(default_factory=dict)


def write_example_hand_ins(
    folder: Path | str, case: Case, learners: int = 30, seed: int = SEED, broken: bool = True
) -> ExampleSet:
    """Write ``learners`` hand-ins (and, with ``broken``, one file of each broken kind) into ``folder``."""
    from helpers.report import export_page  # the report imports widgets; only a caller that writes pages needs it

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    exercises = list(load_exercises(case).values())
    written = ExampleSet(folder)
    pages = []
    for number in range(1, learners + 1):
        learner = "" if number % 20 == 0 else f"student {number:03d}"  # a few hand in without an id
        records = learner_records(case, exercises, rng, level=rng.uniform(0.25, 0.95))
        page = export_page(case, records, learner, START + timedelta(minutes=number))
        path = folder / f"student-{number:03d}" / f"my-work-{case.id}-{(START + timedelta(minutes=number)):%Y%m%d-%H%M%S}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page, encoding="utf-8")
        written.hand_ins.append(path)
        pages.append((records, learner, page))
    if broken and pages:
        written.broken = _write_broken(folder, case, pages[0])
    return written


def learner_records(case: Case, exercises: list[Exercise], rng: random.Random, level: float) -> dict[str, dict]:
    """One made-up learner's progress records (``case/exercise``: record), as the exercises would have saved them."""
    records = {}
    for exercise in exercises:
        if rng.random() > (0.35 if exercise.lesson.startswith("99") else 0.9):
            continue  # not attempted
        phase = getattr(exercise, "assessment", "")
        chance = level - 0.2 if phase == "pre" else min(level + 0.1, 0.98) if phase == "post" else level
        record = _record(exercise, case, rng, chance)
        if record:
            records[f"{case.id}/{exercise.id}"] = record
    return records


def _record(exercise: Exercise, case: Case, rng: random.Random, chance: float) -> dict | None:
    right = rng.random() < chance
    answer = key_answer(exercise) if right else wrong_answer(exercise, rng)
    try:
        feedback = check(exercise, answer, case)
    except (TypeError, ValueError):
        return None
    if feedback.status not in ANSWERED:
        return None
    attempts = 1 if right else rng.choice((1, 1, 2, 3, 4))
    graded = exercise_type(exercise.type).graded
    hints = min(len(exercise.hints), rng.choice((0, 0, 0, 1, 2)) if not right else rng.choice((0, 0, 0, 0, 1)))
    return {
        "case": case.id,
        "exercise": exercise.id,
        "lesson": exercise.lesson,
        "type": exercise.type,
        "skill": exercise.skill,
        "answer": answer,
        "status": feedback.status,
        "score": feedback.score,
        "attempts": attempts if graded else 0,
        "hints_used": hints,
        "revealed": bool(graded and attempts >= 3 and feedback.status != "right"),
        "updated": (START + timedelta(seconds=rng.randrange(3600))).isoformat(timespec="seconds"),
    }


def wrong_answer(exercise: Exercise, rng: random.Random) -> Any:
    """A wrong or partly right answer in the exercise's own terms; a tempting wrong option comes up more often."""
    key, kind = key_answer(exercise), exercise.type
    choices = getattr(exercise.spec, "choices", ())
    if kind == "single_choice":
        wrong = [c.id for c in choices if not c.correct]
        return wrong[0] if rng.random() < 0.6 else rng.choice(wrong)
    if kind in ("multiple_select", "phrase_tagging"):
        flip = choices[0].id if rng.random() < 0.5 else rng.choice(choices).id
        return [c.id for c in choices if (c.id in key) != (c.id == flip)]
    if kind == "ordering":
        order = list(key)
        first = 0 if rng.random() < 0.5 else rng.randrange(len(order) - 1)
        order[first], order[first + 1] = order[first + 1], order[first]
        return order
    if kind in ("categorise", "match_pairs"):
        labels = [c.id for c in exercise.spec.entries]
        picks = dict(key)
        item = next(iter(picks)) if rng.random() < 0.5 else rng.choice(list(picks))
        picks[item] = rng.choice([label for label in labels if label != key[item]] or labels)
        return picks
    if kind == "short_answer":
        return rng.choice(typed_wrong(exercise))
    if kind == "free_response":
        return {"text": rng.choice(NOTES), "ticked": sorted(rng.sample(range(len(exercise.spec.rubric)), rng.randint(0, 2)))}
    return key  # a workspace: its rows are saved, never judged


def typed_wrong(exercise: Exercise) -> list[str]:
    """Short answers as learners type them: the exercise's known wrong answers, a date without its year, a stray guess."""
    spec = exercise.spec
    if spec.kind != "date":
        return [wrong for wrong, _why in spec.wrong_answers] + list(TYPED_WRONG)
    days = [date.fromisoformat(value) for value in (*(wrong for wrong, _why in spec.wrong_answers), spec.accepted[0])]
    typed = [f"{day.day} {MONTHS[day.month - 1]} {day.year}" for day in days[:-1]]
    return [*typed, *typed, f"{MONTHS[days[-1].month - 1]} {days[-1].day}", TYPED_WRONG[0]]  # known wrong dates come up most


# Broken files ----------------------------------------------------------------------------------


def _write_broken(folder: Path, case: Case, first: tuple[dict, str, str]) -> dict[str, Path]:
    """One file of each broken kind, made from the first learner's hand-in (``first``: records, id, page)."""
    from helpers.report import export_page

    records, learner, page = first
    data = _block_data(page)
    files: dict[str, tuple[str, bytes | str]] = {
        "not-html": ("notes.txt", "Remember to collect the hand-ins on Friday."),
        "not-text": ("scan.html", bytes(range(256)) * 4),
        "not-a-page": ("plain.html", "Just some text someone saved with the wrong name."),
        "empty": ("empty.html", ""),
        "no-answers": ("before-answers-block.html", re.sub(re.escape(OPENING) + ".*?</script>", "", page, flags=re.S)),
        "damaged": ("damaged.html", page.replace('"exercises":[', '"exercises":[{', 1)),
        "cut-off": ("cut-off.html", page[: page.index(OPENING) + len(OPENING) + 200]),
        "bad-field": (
            "bad-field.html",
            _with(page, data, lambda d: d["exercises"][0].update(attempts="three"), "broken bad-field"),
        ),
        "older-format": (
            "older-format.html",
            _with(page, data, lambda d: d.update(format_version=FORMAT_VERSION - 1), "broken older-format"),
        ),
        "older-course": (
            "older-course.html",
            _with(page, data, lambda d: d.update(course_version="0.0.1"), "broken older-course"),
        ),
        "other-case": ("other-case.html", _with(page, data, lambda d: d["case"].update(id="another-case"), "broken other-case")),
        "other-text": ("other-text.html", _with(page, data, lambda d: d["case"].update(sha256="0" * 64), "broken other-text")),
    }
    written = {}
    for kind, (name, content) in files.items():
        path = folder / "broken" / name
        path.parent.mkdir(exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written[kind] = path
    # The first learner handed in once before: an older copy, with fewer answers, in the same folder.
    earlier = dict(list(records.items())[: len(records) // 2])
    older = folder / "student-001" / f"my-work-{case.id}-{START - timedelta(days=1):%Y%m%d-%H%M%S}.html"
    older.write_text(export_page(case, earlier, learner, START - timedelta(days=1)), encoding="utf-8")
    written["duplicate"] = older
    return written


def _block_data(page: str) -> dict:
    return extract_block(page)  # read as the dashboard reads it


def _with(page: str, data: dict, change, learner: str) -> str:
    """The page with its answers block replaced by a changed copy of its data, as learner ``learner``."""
    from helpers.hand_in import script_block

    copy = json.loads(json.dumps(data))
    copy["learner"] = learner  # a learner of their own, not a second copy of the first learner's hand-in
    change(copy)
    start = page.index(OPENING)
    end = page.index("</script>", start) + len("</script>")
    return page[:start] + script_block(copy) + page[end:]
