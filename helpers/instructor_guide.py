"""The instructor guide: per lesson, hand-written teaching notes and an answer key generated from the exercise files.

Each lesson in ``lessons/course.json`` has a hand-written file, ``instructors/lessons/<lesson-id>.md``: a
first-level heading with the lesson's name, then these second-level headings in this order:
``## Objectives``, ``## Plan`` (a table ``| Start | Minutes | What happens |``, minute by minute, summing to
the lesson's minutes in the manifest and naming every exercise its notebook shows by its id in backticks),
``## Discussion prompts`` and ``## Common misconceptions`` (one list item per misconception, each saying
"How to address it"). Other ``##`` sections may follow. :func:`notes_problems` lists what is wrong with
one lesson's file, in words a contributor can act on.

The answer key is never written by hand: :func:`build_guide` reads every exercise file of every case
folder in ``seeds/`` and asks the exercise engine for each exercise's key (``guide_key``, declared by
each type's module), so the key cannot drift from what learners are marked against. The exercises are
numbered and named as the lesson's notebook shows them. :func:`guide_html` makes one printable page
that opens without Jupyter (no scripts, no external files) and :func:`answer_key_markdown` the keys in
Markdown; ``make guide`` (``python -m helpers.instructor_guide``, also run by ``make course``) writes
``instructors/guide.html`` and ``instructors/answer-key.md``, and a test fails when they are out of date.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import mistune

from helpers.article import SEEDS_DIR, Case, load_case
from helpers.course import ROOT, Course, Lesson, cell_source, load_course, notebook_cells, shown_in
from helpers.datafiles import DataFileError
from helpers.exercises import Exercise, KeyTable, exercise_type, guide_key, load_exercises
from helpers.markup import esc
from helpers.sources import load_sources

INSTRUCTORS = "instructors"
NOTES_FOLDER = f"{INSTRUCTORS}/lessons"
INDEX = f"{INSTRUCTORS}/README.md"
GUIDE_HTML = f"{INSTRUCTORS}/guide.html"
ANSWER_KEY_MD = f"{INSTRUCTORS}/answer-key.md"
HEADINGS = ("Objectives", "Plan", "Discussion prompts", "Common misconceptions")
PLAN_HEADER = "| Start | Minutes | What happens |"
ADDRESS = "How to address it"
MODEL_NOTES = f"{NOTES_FOLDER}/03-claim-tracing.md"
REGENERATE = "run `make guide` (or `make course`)"


# The hand-written notes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonNotes:
    """One lesson's hand-written notes: its title line, the text before the first section, and its ## sections."""

    path: Path
    title: str
    intro: str
    sections: tuple[tuple[str, str], ...]  # (heading, Markdown body), in file order

    def section(self, heading: str) -> str:
        return next((body for name, body in self.sections if name == heading), "")


@dataclass(frozen=True)
class PlanStep:
    """One row of a lesson plan."""

    start: str  # as written, e.g. "0:05"
    minutes: int
    activity: str


def notes_path(lesson_id: str, root: Path = ROOT) -> Path:
    return root / NOTES_FOLDER / f"{lesson_id}.md"


def read_notes(path: Path) -> LessonNotes:
    """Split a notes file into its title, intro and ``##`` sections (headings inside code blocks are not sections)."""
    title, intro, sections, current, body = "", [], [], None, []
    fenced = False
    for line in path.read_text(encoding="utf-8").split("\n"):
        fenced = fenced != line.lstrip().startswith("```")
        if not fenced and line.startswith("# ") and not title and current is None:
            title = line[2:].strip()
        elif not fenced and line.startswith("## "):
            if current is not None:
                sections.append((current, "\n".join(body).strip()))
            current, body = line[3:].strip(), []
        elif current is None:
            intro.append(line)
        else:
            body.append(line)
    if current is not None:
        sections.append((current, "\n".join(body).strip()))
    return LessonNotes(path, title, "\n".join(intro).strip(), tuple(sections))


def missing_notes_message(lesson: Lesson) -> str:
    """What to write when a lesson has no notes file: where, which headings, and a model to copy."""
    return (
        f"{NOTES_FOLDER}/{lesson.id}.md is missing: every lesson in lessons/course.json needs its hand-written instructor "
        f"notes there. Write a first line '# {lesson.label}', then these second-level headings in this order: "
        "'## Objectives' (a list), "
        f"'## Plan' (a table '{PLAN_HEADER}', one row per step, Start as 0:00, 0:05…, the minutes summing to "
        f"{_minutes_wanted(lesson)}, every exercise the notebook shows named by its id in backticks), "
        "'## Discussion prompts' (a list), "
        f"'## Common misconceptions' (a list, each item saying '{ADDRESS}: …'). "
        f"Copy {MODEL_NOTES} as a model, then {REGENERATE}."
    )


def notes_problems(lesson: Lesson, root: Path = ROOT) -> list[str]:
    """Every problem with a lesson's hand-written notes, each naming the file and what to write; [] if none."""
    path = notes_path(lesson.id, root)
    if not path.is_file():
        return [missing_notes_message(lesson)]
    notes = read_notes(path)
    name = f"{NOTES_FOLDER}/{lesson.id}.md"
    found = tuple(heading for heading, _ in notes.sections)
    if found[: len(HEADINGS)] != HEADINGS:
        wanted = ", ".join(f"'## {h}'" for h in HEADINGS)
        shown = ", ".join(f"'## {h}'" for h in found) or "none"
        return [f"{name}: the second-level headings must begin with {wanted}, in this order; found {shown}"]
    problems = [f"{name}, section '## {h}': this section is empty" for h in HEADINGS if not notes.section(h)]
    problems += plan_problems(lesson, notes, root)
    problems += [
        f"{name}, section '## Common misconceptions', item {number}: say how to address it ('{ADDRESS}: …')"
        for number, item in enumerate(list_items(notes.section("Common misconceptions")), start=1)
        if ADDRESS.lower() not in item.lower()
    ]
    return problems


def list_items(markdown: str) -> list[str]:
    """The top-level list items of a Markdown text ('- ' or '* '), each with its continuation lines."""
    items: list[str] = []
    for line in markdown.split("\n"):
        if line.startswith(("- ", "* ")):
            items.append(line[2:])
        elif items and line.startswith(" ") and line.strip():
            items[-1] += " " + line.strip()
    return items


def plan_steps(notes: LessonNotes) -> list[PlanStep]:
    """The rows of the Plan table; DataFileError naming the row if one cannot be read."""
    lines = notes.section("Plan").split("\n")
    if PLAN_HEADER not in lines:
        raise DataFileError(notes.path, f"the plan needs a table starting with '{PLAN_HEADER}'", field="## Plan")
    start = lines.index(PLAN_HEADER) + 2  # after the header and its |---| line
    steps = []
    for number, line in enumerate(lines[start:], start=1):
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[1].isdigit() or int(cells[1]) <= 0 or not cells[2]:
            raise DataFileError(
                notes.path,
                f"expected '| 0:05 | 3 | what happens |' (a whole number of minutes), got {line!r}",
                row=f"plan row {number}",
            )
        steps.append(PlanStep(cells[0], int(cells[1]), cells[2]))
    if not steps:
        raise DataFileError(notes.path, "the plan table has no rows", field="## Plan")
    return steps


def clock(minutes: int) -> str:
    """Minutes from the start of the lesson as the plan writes them: 0:00, 0:45, 1:05."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def plan_problems(lesson: Lesson, notes: LessonNotes, root: Path = ROOT) -> list[str]:
    """The plan's start times add up, its total fits the manifest, and it names every exercise the notebook shows."""
    name = f"{NOTES_FOLDER}/{lesson.id}.md"
    try:
        steps = plan_steps(notes)
    except DataFileError as error:
        return [str(error).replace(str(notes.path), name)]
    problems, elapsed = [], 0
    for number, step in enumerate(steps, start=1):
        if step.start != clock(elapsed):
            problems.append(
                f"{name}, plan row {number}: starts at {step.start!r}, but the rows before it end at {clock(elapsed)}"
            )
        elapsed += step.minutes
    if lesson.minutes and not _fits(elapsed, lesson.minutes):
        problems.append(f"{name}: the plan's minutes add up to {elapsed}; lessons/course.json gives {_minutes_wanted(lesson)}")
    notebook = root / lesson.notebook
    if notebook.is_file():
        plan = notes.section("Plan")
        problems += [
            f"{name}: the plan does not name exercise `{exercise}`, which {lesson.notebook} shows (write its id in backticks)"
            for exercise in dict.fromkeys(e for _, e in notebook_headings(notebook).values())
            if f"`{exercise}`" not in plan
        ]
    return problems


def _fits(total: int, minutes: tuple[int, ...]) -> bool:
    return total == minutes[0] if len(minutes) == 1 else minutes[0] <= total <= minutes[1]


def _minutes_wanted(lesson: Lesson) -> str:
    if not lesson.minutes:
        return "the lesson's minutes"
    return str(lesson.minutes[0]) if len(lesson.minutes) == 1 else f"between {lesson.minutes[0]} and {lesson.minutes[1]}"


# The answer key ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyEntry:
    """One exercise in the guide, as its lesson's notebook shows it."""

    exercise: Exercise
    case: Case
    number: int  # its place in the notebook (1, 2, …); 0 if the notebook does not show it
    heading: str  # the notebook's heading above it, or "" if none


@dataclass(frozen=True)
class LessonGuide:
    lesson: Lesson
    notes: LessonNotes | None
    keys: tuple[KeyEntry, ...]


def notebook_headings(notebook: Path) -> dict[int, tuple[str, str]]:
    """Each ``show("id", …)`` of a notebook in order: {place: (the nearest heading above it, exercise id)}."""
    found, heading = {}, ""
    for cell in notebook_cells(notebook):
        source = cell_source(cell)
        if cell["cell_type"] == "markdown":
            headings = [line.lstrip("#").strip() for line in source.split("\n") if line.startswith("#")]
            heading = headings[-1] if headings else heading
        elif cell["cell_type"] == "code":
            for exercise in shown_in(source):
                found[len(found) + 1] = (heading, exercise)
    return found


def case_folders(seeds: Path = SEEDS_DIR) -> list[Path]:
    """Every case folder in ``seeds/`` (a folder with a case.json), in name order."""
    return sorted(p for p in seeds.iterdir() if (p / "case.json").is_file()) if seeds.is_dir() else []


def lesson_keys(lesson: Lesson, cases: list[Case], root: Path = ROOT) -> tuple[KeyEntry, ...]:
    """The lesson's exercises from every case, in the order its notebook shows them (unshown ones last, in file order)."""
    notebook = root / lesson.notebook
    places = notebook_headings(notebook) if notebook.is_file() else {}
    where = {exercise: (number, heading) for number, (heading, exercise) in reversed(places.items())}
    keys = []
    for case in cases:
        for exercise in load_exercises(case).values():
            if exercise.lesson == lesson.id:
                number, heading = where.get(exercise.id, (0, ""))
                keys.append(KeyEntry(exercise, case, number, heading))
    return tuple(sorted(keys, key=lambda k: (k.case.id, k.number == 0, k.number)))


def build_guide(course: Course, cases: list[Case], root: Path = ROOT) -> tuple[LessonGuide, ...]:
    """Every lesson of the manifest with its notes (None if missing) and keys; then any other lesson an exercise file names."""
    guides = []
    for lesson in course.lessons:
        path = notes_path(lesson.id, root)
        guides.append(LessonGuide(lesson, read_notes(path) if path.is_file() else None, lesson_keys(lesson, cases, root)))
    listed = {lesson.id for lesson in course.lessons}
    others = sorted({e.lesson for case in cases for e in load_exercises(case).values()} - listed)
    for lesson_id in others:
        number, _, title = lesson_id.partition("-")
        lesson = Lesson(lesson_id, title or number, "(not in lessons/course.json)", "planned", f"lessons/{lesson_id}.ipynb")
        guides.append(LessonGuide(lesson, None, lesson_keys(lesson, cases, root)))
    return tuple(guides)


def exercise_title(entry: KeyEntry) -> str:
    """How the guide names an exercise: the notebook's heading, or its id if the notebook does not show it."""
    if entry.number and entry.heading:
        return entry.heading
    return f"{entry.exercise.id} (not shown in the lesson's notebook)" if not entry.number else f"Exercise {entry.number}"


def exercise_facts(entry: KeyEntry) -> str:
    """The line under an exercise's name: id, type, skill, whether it is graded, and its assessment phase if any."""
    exercise = entry.exercise
    graded = "graded" if exercise_type(exercise.type).graded else "saved, not graded"
    phase = getattr(exercise, "assessment", "")  # the assessment field, where the engine has it
    parts = [exercise.id, exercise.type.replace("_", " "), f"skill: {exercise.skill}", graded]
    if phase:
        parts.append(f"{phase}-assessment item")
    return " · ".join(parts)


def citations(entry: KeyEntry) -> list[str]:
    """The exercise's sources as one-line citations (publisher, title, date, address)."""
    if not entry.exercise.sources:
        return []
    sources = load_sources(entry.case)
    return [sources[i].citation() if i in sources else f"{i} (not in sources.csv)" for i in entry.exercise.sources]


# HTML ----------------------------------------------------------------------------------------------

_MARKDOWN = mistune.create_markdown(escape=True, plugins=["table"])

CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:52em;margin:1.5em auto;padding:0 1em;line-height:1.45;color:#111}
h1,h2,h3,h4,h5{font-family:Helvetica,Arial,sans-serif;line-height:1.2}
h2{border-bottom:2px solid #333;padding-bottom:0.2em;margin-top:2em}
table{border-collapse:collapse;margin:0.6em 0;width:100%}
th,td{border:1px solid #999;padding:0.25em 0.5em;text-align:left;vertical-align:top}
th{background:#eee}
blockquote{border-left:3px solid #888;margin-left:0;padding-left:1em;color:#333}
code{font-family:Menlo,Consolas,monospace;font-size:0.92em}
.exercise{border:1px solid #ccc;border-radius:4px;padding:0.2em 1em 0.6em;margin:1em 0}
.facts{color:#444;font-size:0.92em}
.key li.right{font-weight:bold}
.toc ul{list-style:none;padding-left:1.2em}
.toc ul ul{display:inline;padding:0}.toc ul ul li{display:inline}.toc ul ul li::before{content:' · '}.toc ul ul li:first-child::before{content:' — '}
.missing{border:2px solid #9a6700;padding:0.5em 1em}
@media print{
 body{max-width:none;margin:0;font-size:11pt}
 nav.toc{break-after:page}
 section.lesson{break-before:page}
 .exercise,table,blockquote{break-inside:avoid}
 a{color:inherit;text-decoration:none}
 a[href^="http"]::after{content:" <" attr(href) ">";font-size:0.85em;word-break:break-all}
}
"""


def markdown_html(text: str, shift: int = 0) -> str:
    """Hand-written Markdown as HTML (raw HTML in it is escaped), its headings moved ``shift`` levels down."""
    rendered = _MARKDOWN(text)
    if shift:
        rendered = re.sub(r"<(/?)h([1-6])", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", rendered)
    return rendered


def anchor(*parts: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") for part in parts)


def key_html(items: tuple[str | KeyTable, ...]) -> str:
    """A key's lines as a list (✓ lines, the answers, in bold; '•' lines nested under the line before) and its
    tables as tables; every text escaped."""
    out: list[str] = []
    lines: list[tuple[str, list[str]]] = []  # (a line, the '•' lines under it)

    def flush() -> None:
        if lines:
            out.append("<ul>" + "".join(_key_item(line, points) for line, points in lines) + "</ul>")
            lines.clear()

    for item in items:
        if isinstance(item, KeyTable):
            flush()
            out.append(table_html(item))
        elif item.startswith("• ") and lines:
            lines[-1][1].append(item[2:])
        else:
            lines.append((item.removeprefix("• "), []))
    flush()
    return "".join(out)


def _key_item(line: str, points: list[str]) -> str:
    right = ' class="right"' if line.startswith("✓") else ""
    nested = "<ul>" + "".join(f"<li>{esc(p)}</li>" for p in points) + "</ul>" if points else ""
    return f"<li{right}>{esc(line)}{nested}</li>"


def table_html(table: KeyTable) -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in table.rows)
    return f"<table><caption>{esc(table.caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def exercise_html(entry: KeyEntry, lesson_anchor: str) -> str:
    exercise, case = entry.exercise, entry.case
    passage = "".join(f"<p><strong>[{esc(ref)}]</strong> {esc(case.passage(ref))}</p>" for ref in exercise.refs)
    hints = "".join(f"<li>{esc(h)}</li>" for h in exercise.hints)
    sources = "".join(f"<li>{esc(c)}</li>" for c in citations(entry))
    return (
        f'<section class="exercise" id="{anchor(lesson_anchor, case.id, exercise.id)}">'
        f"<h4>{esc(exercise_title(entry))}</h4>"
        f'<p class="facts">{esc(exercise_facts(entry))}</p>'
        f"<p><strong>Prompt.</strong> {esc(exercise.prompt)}</p>"
        + (f"<blockquote>{passage}</blockquote>" if passage else "")
        + f'<div class="key"><p><strong>Key.</strong></p>{key_html(guide_key(exercise, case))}</div>'
        f"<p><strong>Why.</strong> {esc(exercise.explanation)}</p>"
        + (f"<p><strong>Hints</strong>, in the order learners get them:</p><ol>{hints}</ol>" if hints else "")
        + (f"<p><strong>Sources</strong> for the facts the feedback states:</p><ul>{sources}</ul>" if sources else "")
        + "</section>"
    )


def lesson_html(guide: LessonGuide) -> str:
    lesson, notes = guide.lesson, guide.notes
    top = anchor("lesson", lesson.id)
    parts = [f'<section class="lesson" id="{top}"><h2>{esc(lesson.label)}</h2>']
    parts.append(f'<p class="facts">{esc(lesson.skill)} · {esc(lesson.time)} · notebook <code>{esc(lesson.notebook)}</code></p>')
    if notes is None:
        parts.append(
            f'<p class="missing">No hand-written notes yet: <code>{esc(NOTES_FOLDER)}/{esc(lesson.id)}.md</code> is missing.</p>'
        )
    else:
        parts.append(markdown_html(notes.intro, shift=2) if notes.intro else "")
        for heading, body in notes.sections:
            parts.append(f'<h3 id="{anchor(top, heading)}">{esc(heading)}</h3>{markdown_html(body, shift=2)}')
    parts.append(f'<h3 id="{anchor(top, "answer-key")}">Answer key</h3>')
    if not guide.keys:
        parts.append("<p>This lesson has no exercises.</p>")
    cases = sorted({k.case.id for k in guide.keys})
    for case_id in cases:
        entries = [k for k in guide.keys if k.case.id == case_id]
        parts.append(f"<p><em>Case <code>{esc(case_id)}</code>: {esc(entries[0].case.title)}.</em></p>")
        parts += [exercise_html(entry, top) for entry in entries]
    parts.append("</section>")
    return "\n".join(part for part in parts if part)  # a line per block: the generated file diffs and merges readably


def toc_html(course: Course, guides: tuple[LessonGuide, ...]) -> str:
    items = []
    for guide in guides:
        top = anchor("lesson", guide.lesson.id)
        headings = [h for h, _ in guide.notes.sections] if guide.notes else []
        sub = "".join(f'<li><a href="#{anchor(top, h)}">{esc(h)}</a></li>' for h in [*headings, "Answer key"])
        items.append(f'<li><a href="#{top}">{esc(guide.lesson.label)}</a><ul>{sub}</ul></li>\n')
    return f'<nav class="toc"><h2>Contents</h2><ul><li><a href="#course">Running the course</a></li>\n{"".join(items)}</ul></nav>'


def guide_html(course: Course, guides: tuple[LessonGuide, ...], index_markdown: str) -> str:
    """The whole guide as one self-contained, printable HTML page (no scripts, no external files)."""
    index = re.sub(r"^# .*\n", "", index_markdown, count=1)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(course.title)}: instructor guide</title><style>{CSS}</style></head><body>\n"
        f"<h1>{esc(course.title)}: instructor guide</h1>\n"
        "<p>Made by <code>make guide</code> from the hand-written notes in <code>instructors/</code> and the exercise files "
        "of every case folder in <code>seeds/</code>; do not edit this file. Print it, or open it in any browser.</p>\n"
        f"{toc_html(course, guides)}\n"
        f'<section id="course"><h2>Running the course</h2>\n{markdown_html(index, shift=1)}</section>\n'
        + "\n".join(lesson_html(g) for g in guides)
        + "</body></html>\n"
    )


# Markdown ------------------------------------------------------------------------------------------


def md(text: str) -> str:
    """Plain text made safe for Markdown: punctuation that Markdown reads is escaped, and so is HTML."""
    text = re.sub(r"([\\`*_\[\]|#])", r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def key_markdown(items: tuple[str | KeyTable, ...]) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, KeyTable):
            out += ["", f"*{md(item.caption)}*", "", "| " + " | ".join(md(c) for c in item.columns) + " |"]
            out.append("|" + "---|" * len(item.columns))
            out += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in item.rows]
            out.append("")
        else:
            out.append(f"  - {md(item[2:])}" if item.startswith("• ") else f"- {md(item)}")
    return out


def answer_key_markdown(course: Course, guides: tuple[LessonGuide, ...]) -> str:
    """Every lesson's answer key in Markdown: the same keys as the HTML guide, readable on a code-hosting site."""
    out = [
        f"# {md(course.title)}: answer keys",
        "",
        "Made by `make guide` from the exercise files of every case folder in `seeds/`; do not edit this file. "
        "The printable guide, with the teaching notes, is `guide.html` in this folder.",
    ]
    for guide in guides:
        out += ["", f"## {md(guide.lesson.label)}", ""]
        if not guide.keys:
            out.append("This lesson has no exercises.")
        for entry in guide.keys:
            exercise = entry.exercise
            out += [
                "",
                f"### {md(exercise_title(entry))}",
                "",
                f"`{exercise.id}` · {md(exercise_facts(entry).split(' · ', 1)[1])}",
            ]
            out += ["", f"Case `{entry.case.id}`. **Prompt.** {md(exercise.prompt)}", ""]
            out += [f"> \\[{ref}\\] {md(entry.case.passage(ref))}" for ref in exercise.refs]
            out += [
                "",
                "**Key.**",
                "",
                *key_markdown(guide_key(exercise, entry.case)),
                "",
                f"**Why.** {md(exercise.explanation)}",
            ]
            if exercise.hints:
                out += ["", "**Hints**, in order:", "", *(f"{n}. {md(h)}" for n, h in enumerate(exercise.hints, 1))]
            if exercise.sources:
                out += ["", "**Sources:**", "", *(f"- {md(c)}" for c in citations(entry))]
    return "\n".join(re.sub(r"\n{3,}", "\n\n", "\n".join(out)).split("\n")).rstrip() + "\n"


# Writing the files ----------------------------------------------------------------------------------


def guide_files(root: Path = ROOT, seeds: Path = SEEDS_DIR, course: Course | None = None) -> dict[str, str]:
    """The generated files' texts by path (relative to the root), from the manifest, the notes and the case folders."""
    course = course or load_course(root / "lessons" / "course.json", root)
    cases = [load_case(folder) for folder in case_folders(seeds)]
    guides = build_guide(course, cases, root)
    index = root / INDEX
    index_text = index.read_text(encoding="utf-8") if index.is_file() else ""
    return {GUIDE_HTML: guide_html(course, guides, index_text), ANSWER_KEY_MD: answer_key_markdown(course, guides)}


def stale_files(root: Path = ROOT, seeds: Path = SEEDS_DIR) -> list[str]:
    """The generated files that differ from what the sources make now."""
    return [name for name, text in guide_files(root, seeds).items() if _read(root / name) != text]


def write_guide(root: Path = ROOT, seeds: Path = SEEDS_DIR) -> list[Path]:
    """Write the generated files that changed; return them."""
    changed = []
    for name, text in guide_files(root, seeds).items():
        path = root / name
        if _read(path) != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def main() -> int:
    try:
        written = write_guide()
    except DataFileError as error:
        print(f"The guide was not written: {error}", file=sys.stderr)
        return 1
    course = load_course()
    for lesson in course.lessons:
        for problem in notes_problems(lesson):
            print(f"warning: {problem}", file=sys.stderr)
    print("\n".join(f"updated {p.relative_to(ROOT)}" for p in written) or f"{GUIDE_HTML} and {ANSWER_KEY_MD} are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
