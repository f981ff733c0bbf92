"""The class dashboard: a folder of hand-ins read at once, and how the class did, exercise by exercise and skill by skill.

:func:`read_class` reads every file in a folder (and its subfolders) as a hand-in of one case
(:mod:`helpers.hand_in`) and returns the hand-ins it could use, one per learner id (the newest), and
every file it skipped with the reason: a link (never followed) or not a regular file, too large, not HTML, empty,
damaged, cut off, in another format version,
from another course version, for another case or another text of it, or an older copy from a learner
who handed in again. Then, as tables (``*_table``) and as charts with the same data as a table (``show_*``):

- :func:`results_table`: per exercise, the share of learners right, partly right, not yet right, saved
  (reflections and workspaces, never judged) and not attempted. Each learner counts with their last answer.
- :func:`wrong_answers_table`: per exercise, the most common answers that were not (yet) right, in words.
- :func:`effort_table`: attempts, hints used and answers shown, per exercise.
- :func:`gains_table`: per skill, mean post-assessment score minus mean pre-assessment score, over the
  learners who did both (pre and post items pair by identical ``skill``, and by learner); a written skill's
  score is the learners' own rubric ticks, marked self-assessed, as lesson 06 shows it.

Privacy: everything happens in this kernel, on the instructor's machine; nothing is sent anywhere. What
a learner typed (short answers, reflections, workspace rows) is shown only when the instructor passes
``show_text=True``, and learner ids only with ``show_ids=True``; otherwise they are counted, never shown.
"""

from __future__ import annotations

import html
import json
import os
import stat
import statistics
import tempfile
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML, display

from helpers.article import Case
from helpers.exercises import GRADED, Exercise, check, describe_answer, exercise_type, load_exercises
from helpers.exercises.judging import short
from helpers.exercises.phases import ANSWERED
from helpers.hand_in import HandIn, HandInError, course_version, read_hand_in
from helpers.markup import esc
from helpers.plots import grouped_bar, show_figure, stacked_bar, table_html

HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 20_000_000  # a hand-in is tens of kilobytes; anything this large is not one
TYPED = ("short_answer", "free_response", "workspace")  # types whose answers are the learner's own text
UNORDERED = ("multiple_select", "phrase_tagging")  # a list answer whose order does not matter
RESULTS = {"right": "right", "partial": "partly right", "wrong": "not yet right", "saved": "saved"}
PARTS = ["right", "partly right", "not yet right", "saved", "not attempted"]
HIDDEN_TEXT = "(typed by the learner: hidden; show_text=True shows it)"
HIDDEN_UNFIT = "(a saved answer that no longer fits this exercise: hidden, since it may hold any text; show_text=True shows it)"
EXAMPLE_LEARNERS = 40
NOTE_IDS = 10  # exercise ids named in a note, at most; the rest are counted
ORDINALS = ("most common", "second", "third", "fourth", "fifth")
_EXAMPLES: list[tempfile.TemporaryDirectory] = []  # example folders, removed when the kernel stops


@dataclass(frozen=True)
class Skipped:
    """A file the dashboard did not use, and why: ``reason`` names no learner (shown always), ``detail`` may (a file
    name, a learner id: shown only with ``show_ids=True``)."""

    path: Path
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class ClassData:
    """The hand-ins used (one per learner), the files skipped with reasons, and notes on what was read."""

    case: Case
    folder: Path
    hand_ins: tuple[HandIn, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()

    @property
    def learners(self) -> int:
        return len(self.hand_ins)

    def exercises(self) -> list[Exercise]:
        """The case's exercises, in the course's order."""
        return list(load_exercises(self.case).values())


# Reading ---------------------------------------------------------------------------------------


def read_class(folder: Path | str, case: Case, versions: Collection[str] | None = None) -> ClassData:
    """Read every hand-in in ``folder`` for ``case``; ``versions``: the course versions to accept (default: this one)."""
    folder = Path(folder)
    accepted = set(versions or (course_version(),))
    read, skipped = [], []
    for path in hand_in_files(folder):
        try:
            read.append(read_file(path, case, accepted))
        except HandInError as exc:
            skipped.append(Skipped(path, str(exc), exc.detail))
        except Exception as exc:  # noqa: BLE001 - whatever one file holds, it must not stop the whole class's dashboard
            skipped.append(Skipped(path, f"could not be read: {type(exc).__name__} (a file the dashboard did not expect)"))
    kept, older = newest_per_learner(read)
    notes = [f"The folder {folder} does not exist: no hand-ins were read."] if not folder.is_dir() else []
    notes += _notes(kept, case, read)
    return ClassData(case, folder, tuple(kept), tuple(sorted(skipped + older, key=lambda s: str(s.path))), tuple(notes))


def open_hand_ins(folder: Path | str, case: Case, versions: Collection[str] | None = None) -> ClassData:
    """Read the hand-ins in ``folder``; if it holds none, a made-up example class instead, and say which it is.

    The example class (:mod:`helpers.example_hand_ins`: 40 learners and one broken file of each kind) is
    written to a temporary folder that is removed when the kernel stops; nothing is written beside the notebook.
    """
    folder = Path(folder)
    if hand_in_files(folder):
        return read_class(folder, case, versions)
    examples = tempfile.TemporaryDirectory(prefix="example-hand-ins-")
    _EXAMPLES.append(examples)
    from helpers.example_hand_ins import write_example_hand_ins  # only needed for the example class

    write_example_hand_ins(examples.name, case, learners=EXAMPLE_LEARNERS)
    display(
        HTML(
            f"<p>ⓘ <code>{esc(folder.resolve())}</code> holds no hand-ins yet, so this dashboard shows a made-up example "
            f"class: {EXAMPLE_LEARNERS} learners who do not exist, and a few broken files to show what is skipped. "
            "Put your class's hand-ins in that folder and run the notebook again.</p>"
        )
    )
    return read_class(examples.name, case, versions)


def hand_in_files(folder: Path) -> list[Path]:
    """Every entry in the folder and its subfolders that is not a folder, except hidden ones (``.DS_Store``,
    ``.ipynb_checkpoints``…). Links are listed but never followed (:func:`read_file` skips them, saying so)."""
    if not folder.is_dir():
        return []
    found = []
    for root, folders, files in os.walk(folder):  # never descends into a linked folder
        here = Path(root)
        links = [name for name in folders if (here / name).is_symlink()]
        folders[:] = sorted(name for name in folders if not name.startswith(".") and name not in links)
        found += [here / name for name in (*files, *links) if not name.startswith(".")]
    return sorted(found)


def read_file(path: Path, case: Case, versions: Collection[str]) -> HandIn:
    """One file as a hand-in of ``case`` made with one of ``versions``; HandInError saying why it cannot be used."""
    raw = _read_regular_file(path)
    if not raw.strip():
        raise HandInError("the file is empty")
    try:
        page = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HandInError("not text (not UTF-8): not a page the course saved, or a damaged one") from None
    if "<html" not in page[:1000].lower():
        raise HandInError("not an HTML page (it does not start like one)")
    hand_in = read_hand_in(page, path)
    _check_case(hand_in, case)
    if hand_in.course_version not in versions:
        raise HandInError(
            f"made with course version {hand_in.course_version}, and this dashboard reads {', '.join(sorted(versions))} "
            "(the exercises may differ; read_class(..., versions=[...]) accepts more)"
        )
    judge_unjudged(hand_in, case)
    return hand_in


def _read_regular_file(path: Path) -> bytes:
    """An HTML file's bytes, at most MAX_BYTES; a link (never followed) or anything but a regular file is refused."""
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise HandInError("a link to another file or folder, which the dashboard does not follow: copy the file itself here")
        if not stat.S_ISREG(mode):
            raise HandInError("not a regular file (a device, pipe or socket), so not a hand-in")
        if path.suffix.lower() not in HTML_SUFFIXES:
            raise HandInError(f"not an HTML file ({path.suffix or 'no extension'}): hand-ins are the .html copies learners save")
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # never more, whatever the file's size says
    except OSError as exc:
        raise HandInError(f"could not be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise HandInError(f"too large for a hand-in (over {MAX_BYTES / 1e6:.0f} MB)")
    return raw


def judge_unjudged(hand_in: HandIn, case: Case) -> None:
    """Give a saved answer that carries no verdict (e.g. a pre-assessment item whose result the learner may not see
    yet, so the export leaves it out) the verdict the course's checker gives it now."""
    exercises = load_exercises(case)
    for exercise_id, record in hand_in.records.items():
        exercise = exercises.get(exercise_id)
        if exercise is None or "status" in record or record.get("answer") is None:
            continue
        try:
            feedback = check(exercise, record["answer"], case)
        except (TypeError, ValueError, KeyError):
            continue  # an answer of a shape the exercise does not take: left unjudged, counted as not attempted
        if feedback.status in ANSWERED:
            record.update(status=feedback.status, score=feedback.score)


def _check_case(hand_in: HandIn, case: Case) -> None:
    if hand_in.case_id != case.id:
        raise HandInError(f"it is for another case ('{hand_in.case_id}'), not '{case.id}'")
    if hand_in.case_sha256 != case.meta.get("sha256"):
        raise HandInError(f"it is for another text of case '{case.id}' (the article's checksum differs: it was changed since)")


def newest_per_learner(hand_ins: list[HandIn]) -> tuple[list[HandIn], list[Skipped]]:
    """One hand-in per learner id, the newest (by export time); the older ones as skipped. Hand-ins without an id all count."""
    newest: dict[str, HandIn] = {}
    anonymous = []
    for hand_in in sorted(hand_ins, key=lambda h: (h.exported, str(h.path))):
        if hand_in.learner:
            newest[hand_in.learner.casefold()] = hand_in
        else:
            anonymous.append(hand_in)
    kept = sorted([*newest.values(), *anonymous], key=lambda h: str(h.path))
    number = {id(h): n for n, h in enumerate(kept, start=1)}  # as the table of hand-ins used numbers them
    older = [
        _older(h, newest[h.learner.casefold()], number[id(newest[h.learner.casefold()])])
        for h in hand_ins
        if h.learner and id(h) not in number
    ]
    return kept, older


def _older(older: HandIn, newer: HandIn, number: int) -> Skipped:
    """An older hand-in as skipped: the reason points at the one counted by its number; its file name is the detail."""
    same = "the same learner id" if older.learner == newer.learner else "the same learner id, written with other capitals,"
    if older.exported == newer.exported:
        reason = f"{same} and export time as learner {number}: a second copy of one hand-in, counted once"
    else:
        reason = f"an older hand-in from {same} as learner {number} (exported {newer.exported:%d %b %Y %H:%M}), which is the one counted"
    return Skipped(older.path or Path("?"), reason, f"learner {number}: {newer.path.name if newer.path else '?'}")


def _notes(hand_ins: list[HandIn], case: Case, read: list[HandIn]) -> list[str]:
    notes = []
    spellings: dict[str, set[str]] = {}
    for hand_in in read:
        spellings.setdefault(hand_in.learner.casefold(), set()).add(hand_in.learner)
    merged = sum(len(written) > 1 for written in spellings.values())
    if merged:
        notes.append(
            f"{merged} learner id(s) were written with different capitals in different hand-ins, and each counts as one "
            "learner, with the newest hand-in (ids are compared ignoring capitals and extra spaces). If they are "
            "different learners, ask them for distinct ids, such as their class numbers."
        )
    anonymous = sum(not h.learner for h in hand_ins)
    if anonymous:
        notes.append(
            f"{anonymous} hand-in(s) have no learner id: each counts as one learner "
            "(a learner who handed in twice without an id counts twice)."
        )
    known = set(load_exercises(case))
    unknown = sorted({e for h in hand_ins for e in h.records} - known)
    if unknown:
        named = ", ".join(short(exercise_id, 40) for exercise_id in unknown[:NOTE_IDS])
        more = f" and {len(unknown) - NOTE_IDS} more" if len(unknown) > NOTE_IDS else ""
        notes.append(f"Answers to {len(unknown)} exercise(s) this case does not have (now) are left out: {named}{more}.")
    return notes


# Views -----------------------------------------------------------------------------------------


def _result(record: dict | None) -> str:
    return RESULTS.get((record or {}).get("status"), "not attempted")


def results_table(data: ClassData) -> pd.DataFrame:
    """Per exercise (in the course's order): how many learners are right, partly right, not yet right, saved, not attempted, and the shares in %."""
    rows = []
    for exercise in data.exercises():
        counts = Counter(_result(h.records.get(exercise.id)) for h in data.hand_ins)
        row = {"exercise": exercise.id, "lesson": exercise.lesson, "type": exercise.type}
        row.update({part: counts.get(part, 0) for part in PARTS})
        row.update({f"% {part}": _percent(counts.get(part, 0), data.learners) for part in PARTS})
        rows.append(row)
    return pd.DataFrame(rows, columns=["exercise", "lesson", "type", *PARTS, *(f"% {p}" for p in PARTS)])


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def canonical(exercise: Exercise, answer: Any) -> Any:
    """An answer put in one form, so that the same answer given in another order (ticked boxes) counts as the same."""
    if exercise.type in UNORDERED and isinstance(answer, list) and all(isinstance(i, str) for i in answer):
        order = {c.id: n for n, c in enumerate(exercise.spec.choices)}
        return sorted(answer, key=lambda i: (order.get(i, len(order)), str(i)))
    if exercise.type == "short_answer" and isinstance(answer, str):
        return " ".join(answer.split()).casefold()
    return answer


def wrong_answers_table(data: ClassData, top: int = 3, show_text: bool = False) -> pd.DataFrame:
    """Per graded exercise, its ``top`` most common answers that were not (yet) right, in words, with how many gave each.

    Typed answers (short answers) are counted but shown only with ``show_text=True``.
    """
    rows = []
    for exercise in data.exercises():
        if not exercise_type(exercise.type).graded:
            continue
        given: Counter[str] = Counter()
        answers: dict[str, tuple[str, Any]] = {}
        for hand_in in data.hand_ins:
            record = hand_in.records.get(exercise.id) or {}
            if record.get("status") in ("partial", "wrong"):
                answer = canonical(exercise, record.get("answer"))
                key = json.dumps(answer, sort_keys=True, default=str)
                given[key] += 1
                shown = answer if exercise.type in UNORDERED else record.get("answer")  # as the first learner typed it
                answers.setdefault(key, (_result(record), shown))
        for key, count in sorted(given.items(), key=lambda item: (-item[1], item[0]))[:top]:
            result, answer = answers[key]
            rows.append(
                {
                    "exercise": exercise.id,
                    "answer": answer_words(exercise, answer, data.case, show_text),
                    "result": result,
                    "learners": count,
                }
            )
    return pd.DataFrame(rows, columns=["exercise", "answer", "result", "learners"])


def answer_words(exercise: Exercise, answer: Any, case: Case, show_text: bool = False) -> str:
    """An answer in words, if it may be shown: a typed answer, or one that no longer fits the exercise (a changed
    exercise, or a file edited by hand: it may hold any text), only with ``show_text=True``."""
    if show_text:
        return describe_answer(exercise, answer, case)
    if exercise.type in TYPED:
        return HIDDEN_TEXT
    return describe_answer(exercise, answer, case) if only_known_ids(exercise, answer) else HIDDEN_UNFIT


def only_known_ids(exercise: Exercise, answer: Any) -> bool:
    """Whether every text in an answer (and every key) is one of the exercise's own option or category ids."""
    spec = exercise.spec
    known = {c.id for c in getattr(spec, "choices", ())} | {e.id for e in getattr(spec, "entries", ())}
    waiting = [answer]
    while waiting:  # not recursive: an answer nested deeply must not stop the dashboard
        value = waiting.pop()
        if isinstance(value, dict):
            waiting += [*value.keys(), *value.values()]
        elif isinstance(value, list):
            waiting += value
        elif isinstance(value, str) and value not in known:
            return False
    return True


def effort_table(data: ClassData) -> pd.DataFrame:
    """Per exercise: learners who answered, their mean attempts, mean hints used, and how many used hints or had the answer shown."""
    rows = []
    for exercise in data.exercises():
        records = [h.records[exercise.id] for h in data.hand_ins if _result(h.records.get(exercise.id)) != "not attempted"]
        attempts = [r.get("attempts", 0) for r in records]
        hints = [r.get("hints_used", 0) for r in records]
        rows.append(
            {
                "exercise": exercise.id,
                "lesson": exercise.lesson,
                "answered": len(records),
                "mean attempts": round(statistics.fmean(attempts), 2) if records else float("nan"),
                "mean hints used": round(statistics.fmean(hints), 2) if records else float("nan"),
                "used a hint": sum(h > 0 for h in hints),
                "answer shown": sum(bool(r.get("revealed")) for r in records),
            }
        )
    return pd.DataFrame(rows)


SELF_ASSESSED = "self-assessed (learners tick the rubric)"
GAINS_COLUMNS = ["skill", "scored by", "learners with both", "pre only", "post only", "mean pre", "mean post", "gain"]


def gains_table(data: ClassData) -> pd.DataFrame:
    """Per skill with assessment items: learners with pre and post scores, mean pre, mean post, gain (post − pre).

    Pre and post pair by learner: each learner's newest hand-in holds all their lessons' answers. A learner's pre
    (post) score for a skill is the mean score of their pre (post) items with that skill that are judged, or, for a
    written item, saved with the rubric points they ticked (a self-assessment, as lesson 06 shows it: "scored by");
    the means and the gain are over the learners who have both. Which items are pre or post, and their skills, come
    from the case's own exercise files, as lesson 06 reads them.
    """
    items = {e.id: e for e in data.exercises() if e.assessment in ("pre", "post")}
    scores: dict[tuple[str, str], dict[int, list[float]]] = {}
    for number, hand_in in enumerate(data.hand_ins):
        for exercise_id, record in hand_in.records.items():
            exercise, score = items.get(exercise_id), record.get("score")
            if exercise is None or not isinstance(score, (int, float)):
                continue
            graded = exercise_type(exercise.type).graded
            if record.get("status") in (GRADED if graded else ("saved",)):
                scores.setdefault((exercise.skill, exercise.assessment), {}).setdefault(number, []).append(float(score))
    self_assessed = {e.skill for e in items.values() if not exercise_type(e.type).graded}
    rows = []
    for skill in dict.fromkeys(e.skill for e in items.values()):  # the course's order
        if (skill, "pre") not in scores and (skill, "post") not in scores:
            continue
        pre, post = scores.get((skill, "pre"), {}), scores.get((skill, "post"), {})
        both = sorted(set(pre) & set(post))
        mean_pre = statistics.fmean(statistics.fmean(pre[n]) for n in both) if both else float("nan")
        mean_post = statistics.fmean(statistics.fmean(post[n]) for n in both) if both else float("nan")
        rows.append(
            {
                "skill": skill,
                "scored by": SELF_ASSESSED if skill in self_assessed else "the course",
                "learners with both": len(both),
                "pre only": len(set(pre) - set(post)),
                "post only": len(set(post) - set(pre)),
                "mean pre": round(mean_pre, 2),
                "mean post": round(mean_post, 2),
                "gain": round(mean_post - mean_pre, 2),
            }
        )
    return pd.DataFrame(rows, columns=GAINS_COLUMNS)


def learners_table(data: ClassData, show_ids: bool = False) -> pd.DataFrame:
    """One row per hand-in used: learner id (only with ``show_ids=True``, else a number), file, export time, exercises answered."""
    rows = []
    for number, hand_in in enumerate(data.hand_ins, start=1):
        who = (hand_in.learner or "(no id)") if show_ids else f"learner {number}"
        rows.append(
            {
                "learner": who,
                "file": _relative(hand_in.path, data.folder) if show_ids else "(hidden)",
                "exported": f"{hand_in.exported:%Y-%m-%d %H:%M}",
                "answered": sum(_result(r) != "not attempted" for r in hand_in.records.values()),
                "right": sum(r.get("status") == "right" for r in hand_in.records.values()),
            }
        )
    return pd.DataFrame(rows, columns=["learner", "file", "exported", "answered", "right"])


def written_answers_table(data: ClassData, exercise_id: str, show_text: bool = False, show_ids: bool = False) -> pd.DataFrame:
    """Every learner's answer to one exercise, in words: shown only with ``show_text=True`` (the learners' own text)."""
    exercise = load_exercises(data.case)[exercise_id]
    rows = []
    for number, hand_in in enumerate(data.hand_ins, start=1):
        record = hand_in.records.get(exercise_id)
        if not record or "answer" not in record:
            continue
        text = describe_answer(exercise, record["answer"], data.case) if show_text else HIDDEN_TEXT
        who = (hand_in.learner or "(no id)") if show_ids else f"learner {number}"
        rows.append({"learner": who, "answer": text, "result": _result(record)})
    return pd.DataFrame(rows, columns=["learner", "answer", "result"])


def skipped_table(data: ClassData, show_ids: bool = False) -> pd.DataFrame:
    """Every file skipped, with the reason; its path within the folder and the reason's details (a file or learner
    id it names) only with ``show_ids=True``, since learning platforms name folders and files after learners."""
    rows = []
    for number, skipped in enumerate(data.skipped, start=1):
        reason = f"{skipped.reason} ({skipped.detail})" if show_ids and skipped.detail else skipped.reason
        rows.append(
            {"file": _relative(skipped.path, data.folder) if show_ids else f"file {number}", "why it was skipped": reason}
        )
    return pd.DataFrame(rows, columns=["file", "why it was skipped"])


def _relative(path: Path | None, folder: Path) -> str:
    if path is None:
        return "?"
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


# Showing ---------------------------------------------------------------------------------------


def summary_html(data: ClassData) -> str:
    """What was read, in one paragraph, with the notes; ids are never named here."""
    ids = {h.learner.casefold() for h in data.hand_ins if h.learner}
    text = (
        f"<p>Read <strong>{data.learners}</strong> hand-in(s) for case <code>{esc(data.case.id)}</code> from "
        f"<code>{esc(data.folder)}</code>: {len(ids)} with a learner id, {data.learners - len(ids)} without; "
        f"<strong>{len(data.skipped)}</strong> file(s) skipped (listed with the reason for each). "
        "Everything was read on this machine; nothing was sent anywhere.</p>"
    )
    return text + "".join(f"<p>ⓘ {esc(note)}</p>" for note in data.notes)


def show_summary(data: ClassData) -> None:
    display(HTML(summary_html(data)))


def show_skipped(data: ClassData, show_ids: bool = False) -> None:
    """The files skipped and why (a table), or a line saying none were; file names only with ``show_ids=True``."""
    table = skipped_table(data, show_ids)
    if table.empty:
        display(HTML("<p>No file was skipped.</p>"))
        return
    caption = f"{len(table)} file(s) skipped, and why" + ("" if show_ids else " (file names hidden: show_ids=True shows them)")
    display(HTML(f'<div class="ml-skipped">{table_html(table, caption)}</div>'))


def _nothing(data: ClassData, table: pd.DataFrame, what: str) -> bool:
    if data.learners and not table.empty:
        return False
    display(HTML(f"<p>{esc(what)}</p>"))
    return True


def show_results(data: ClassData) -> None:
    """Per exercise, the share of learners by result: a stacked bar chart and its table."""
    table = results_table(data)
    if _nothing(data, table, "No hand-ins to show results for."):
        return
    shares = table[["exercise", *(f"% {p}" for p in PARTS)]].rename(columns={f"% {p}": p for p in PARTS})
    fig = stacked_bar(shares, "exercise", PARTS, f"Results per exercise ({data.learners} learners)", "% of learners")
    show_figure(fig, table.drop(columns=[f"% {p}" for p in PARTS[1:]]), "Learners per exercise by their last answer's result")


def show_wrong_answers(data: ClassData, top: int = 3, show_text: bool = False) -> None:
    """The most common answers not (yet) right: one bar per exercise, a segment per answer (hover for its words), and the table."""
    table = wrong_answers_table(data, top, show_text)
    if _nothing(data, table, "No answer that was not (yet) right: nothing to show."):
        return
    ranks = [ORDINALS[n] if n < len(ORDINALS) else f"number {n + 1}" for n in range(top)]
    rows: dict[str, dict[str, Any]] = {}
    for exercise, group in table.groupby("exercise", sort=False):
        rows[exercise] = {"exercise": exercise, **dict(zip(ranks, group["learners"], strict=False))}
        # plotly draws some HTML tags in hover text, and decodes &amp; &lt; &gt; (not &quot;): escape those three only
        rows[exercise]["words"] = [html.escape(short(answer, 80), quote=False) for answer in group["answer"]]
    wide = pd.DataFrame(list(rows.values()), columns=["exercise", *ranks, "words"])
    wide[ranks] = wide[ranks].fillna(0).astype(int)
    fig = stacked_bar(wide, "exercise", ranks, "Most common answers not (yet) right, per exercise", "learners")
    for number, bar in enumerate(fig["data"]):
        bar["hovertext"] = [words[number] if number < len(words) else "" for words in wide["words"]]
    show_figure(fig, table, f"Up to {top} most common answers not (yet) right, per exercise, in words")


def show_effort(data: ClassData) -> None:
    """Attempts and hints per exercise: a grouped bar chart and its table."""
    table = effort_table(data)
    if _nothing(data, table, "No hand-ins to show attempts and hints for."):
        return
    fig = grouped_bar(
        table,
        "exercise",
        ["mean attempts", "mean hints used"],
        "Attempts and hints per exercise",
        "mean per learner who answered",
    )
    show_figure(fig, table, "Attempts, hints used and answers shown, per exercise (learners who answered)")


def show_gains(data: ClassData) -> None:
    """Mean pre and post scores per skill (grouped bars) and the gains table; a line if no learner did both."""
    table = gains_table(data)
    if _nothing(data, table, "These hand-ins hold no pre- or post-assessment answers, so there are no gains to show."):
        return
    fig = grouped_bar(table, "skill", ["mean pre", "mean post"], "Pre- and post-assessment per skill", "mean score (0 to 1)")
    show_figure(
        fig,
        table,
        "Gain per skill: mean post score minus mean pre score, over the learners who answered both "
        f"(a written skill is {SELF_ASSESSED})",
    )


def show_learners(data: ClassData, show_ids: bool = False) -> None:
    """The hand-ins used, one row per learner; ids and file names only with ``show_ids=True``."""
    table = learners_table(data, show_ids)
    caption = "Hand-ins used" + ("" if show_ids else " (learner ids hidden: show_ids=True shows them)")
    display(HTML(table_html(table, caption)))


def show_written_answers(data: ClassData, exercise_id: str, show_text: bool = False, show_ids: bool = False) -> None:
    """The learners' answers to one exercise; without ``show_text=True`` only how many there are."""
    table = written_answers_table(data, exercise_id, show_text, show_ids)
    if not show_text:
        display(
            HTML(
                f"<p>{len(table)} learner(s) answered <code>{esc(exercise_id)}</code>. Their own words stay hidden unless you ask: show_text=True.</p>"
            )
        )
        return
    display(HTML(table_html(table, f"Answers to {exercise_id}")))
