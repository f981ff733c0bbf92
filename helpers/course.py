"""The course manifest: one list of the lessons, read from ``lessons/course.json``.

Each lesson has an id (its notebook's and its exercise file's name, e.g. ``01-source-evaluation``), a
title, the skill it teaches, its time in minutes (one number or a range), a status (``ready`` or
``planned``) and its notebook's path. The README's lesson table, lesson 00's lesson table, the myst.yml
table of contents, the progress overview and the tests all read this one list, so adding a lesson is one
entry here followed by ``make course`` (``python -m helpers.course``), which rewrites the two tables and
myst.yml from it. The tests fail when a table disagrees with the manifest, when an exercise file names a
lesson that is not in it, or when a notebook shows another lesson's exercise.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from helpers.datafiles import DataFileError, read_json, require

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "lessons" / "course.json"
STATUSES = ("ready", "planned")
README_HEADER = "| Lesson | What you learn | Time |"
LESSON_HEADER = "| Lesson | Skill | Time |"
START_HERE = "00-start-here"
TABLE_CELL = "start-02"  # the cell of lesson 00 that holds its lesson table


@dataclass(frozen=True)
class Lesson:
    """One lesson of the course, as listed in the manifest."""

    id: str
    title: str
    skill: str
    status: str
    notebook: str
    minutes: tuple[int, ...] = ()  # (20,) or (45, 60); empty for a planned lesson without an estimate

    @property
    def label(self) -> str:
        """The lesson's number and title, e.g. "01 Source evaluation"."""
        return f"{self.id.split('-', 1)[0]} {self.title}"

    @property
    def time(self) -> str:
        """Its time as the tables show it: "20 min", "45–60 min", or "planned"."""
        if self.status == "planned" or not self.minutes:
            return self.status
        return "–".join(str(m) for m in self.minutes) + " min"


@dataclass(frozen=True)
class Course:
    """The course's title and its lessons, in teaching order."""

    title: str
    lessons: tuple[Lesson, ...]

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    @property
    def ready(self) -> tuple[Lesson, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.status == "ready")


def load_course(path: Path | str = MANIFEST, root: Path | str = ROOT) -> Course:
    """Read and check the manifest; a problem raises DataFileError naming the file, lesson and field."""
    path, root = Path(path), Path(root)
    data = read_json(path)
    title = require(data, "title", str, path, "top level")
    records = require(data, "lessons", list, path, "top level")
    lessons: list[Lesson] = []
    for number, record in enumerate(records, start=1):
        lesson = parse_lesson(record, path, f"lesson {number}", root)
        if any(other.id == lesson.id for other in lessons):
            raise DataFileError(
                path, f"the id {lesson.id!r} is already used by another lesson", row=f"lesson {number}", field="id"
            )
        lessons.append(lesson)
    return Course(title, tuple(lessons))


def parse_lesson(record: object, path: Path, where: str, root: Path) -> Lesson:
    """One manifest entry as a Lesson, checked field by field."""
    lesson_id = require(record, "id", str, path, where)
    where = f"lesson '{lesson_id}'"
    status = require(record, "status", str, path, where)
    if status not in STATUSES:
        raise DataFileError(path, f"unknown status {status!r}; use one of {', '.join(STATUSES)}", row=where, field="status")
    notebook = require(record, "notebook", str, path, where)
    if Path(notebook).stem != lesson_id or Path(notebook).suffix != ".ipynb":
        raise DataFileError(
            path, f"expected lessons/{lesson_id}.ipynb (a lesson's notebook is named after its id)", row=where, field="notebook"
        )
    if status == "ready" and not (root / notebook).is_file():
        raise DataFileError(path, f"the lesson is ready but {notebook} does not exist", row=where, field="notebook")
    return Lesson(
        id=lesson_id,
        title=require(record, "title", str, path, where),
        skill=require(record, "skill", str, path, where),
        status=status,
        notebook=notebook,
        minutes=parse_minutes(record, path, where, needed=status == "ready"),
    )


def parse_minutes(record: dict, path: Path, where: str, needed: bool) -> tuple[int, ...]:
    """``minutes``: a whole number, or [shortest, longest]; required for a ready lesson."""
    if "minutes" not in record and not needed:
        return ()
    value = require(record, "minutes", (int, list), path, where)
    minutes = (value,) if isinstance(value, int) else tuple(value)
    whole = all(isinstance(m, int) and not isinstance(m, bool) and m > 0 for m in minutes)
    if not whole or not (len(minutes) == 1 or len(minutes) == 2 and minutes[0] < minutes[1]):
        raise DataFileError(
            path, "expected a whole number of minutes, or [shortest, longest], e.g. [45, 60]", row=where, field="minutes"
        )
    return minutes


def readme_table(course: Course) -> str:
    """The README's lesson table (Markdown): ready lessons link to their notebook."""
    rows = [README_HEADER, "|---|---|---|"]
    for lesson in course.lessons:
        name = f"[{lesson.label}]({lesson.notebook})" if lesson.status == "ready" else lesson.label
        rows.append(f"| {name} | {lesson.skill} | {lesson.time} |")
    return "\n".join(rows)


def lesson_table(course: Course, current: str = START_HERE) -> str:
    """Lesson 00's lesson table (Markdown), marking the lesson the learner is reading."""
    rows = [LESSON_HEADER, "|---|---|---|"]
    for lesson in course.lessons:
        here = " (this page)" if lesson.id == current else ""
        rows.append(f"| {lesson.label}{here} | {lesson.skill} | {lesson.time} |")
    return "\n".join(rows)


def myst_config(course: Course) -> str:
    """myst.yml for a course site: the README, then every ready lesson in order (planned ones have no page yet)."""
    entries = "".join(f"    - file: {lesson.notebook}\n      title: {json.dumps(lesson.label)}\n" for lesson in course.ready)
    return (
        "# Made from lessons/course.json by `make course`; edit the manifest, not this file.\n"
        "version: 1\n"
        "project:\n"
        f"  title: {json.dumps(course.title)}\n"
        "  toc:\n"
        "    - file: README.md\n"
        f"{entries}"
        "site:\n"
        "  template: book-theme\n"
    )


def _table_span(lines: list[str], header: str) -> tuple[int, int] | None:
    """Where the Markdown table starting with ``header`` is: (first line, line after its last row)."""
    if header not in lines:
        return None
    start = end = lines.index(header)
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return start, end


def table_in(text: str, header: str) -> str:
    """The Markdown table that starts with ``header`` in a text, or "" if there is none."""
    lines = text.split("\n")
    span = _table_span(lines, header)
    return "\n".join(lines[span[0] : span[1]]) if span else ""


def replace_table(text: str, header: str, table: str, where: str) -> str:
    """Replace the Markdown table that starts with ``header`` by ``table``; ValueError if there is none."""
    lines = text.split("\n")
    span = _table_span(lines, header)
    if span is None:
        raise ValueError(f"{where} has no lesson table starting with {header!r}")
    return "\n".join([*lines[: span[0]], *table.split("\n"), *lines[span[1] :]])


def exercise_file_lessons(case_folder: Path) -> dict[str, str]:
    """Each exercise file of a case folder and the lesson its ``lesson`` field names."""
    files = sorted((case_folder / "exercises").glob("*.json"))
    return {path.name: require(read_json(path), "lesson", str, path, "top level") for path in files}


def unlisted_exercise_lessons(course: Course, case_folder: Path) -> list[str]:
    """One message per exercise file whose lesson is not in the manifest."""
    return [
        f"{case_folder.name}/exercises/{name}: lesson {lesson!r} is not in lessons/course.json"
        for name, lesson in exercise_file_lessons(case_folder).items()
        if course.lesson(lesson) is None
    ]


def shown_exercises(notebook: Path) -> list[tuple[str, str]]:
    """(cell id, exercise id) for each ``show("exercise-id", ...)`` call in a notebook's code cells."""
    found = []
    for number, cell in enumerate(notebook_cells(notebook), start=1):
        if cell["cell_type"] == "code":
            found += [(cell.get("id") or f"cell {number}", exercise) for exercise in shown_in(cell_source(cell))]
    return found


def notebook_cells(notebook: Path) -> list[dict]:
    """A notebook's cells, as stored (read as JSON: no nbformat needed)."""
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def cell_source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def shown_in(source: str) -> list[str]:
    """The exercise ids a code cell's ``show("exercise-id", ...)`` calls name, in order."""
    python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))  # IPython magics
    found = []
    for node in ast.walk(ast.parse(python)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "show" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
    return found


def misplaced_exercises(course: Course, exercise_lessons: dict[str, str], root: Path = ROOT) -> list[str]:
    """One message per exercise a ready lesson's notebook shows from another lesson's exercise file.

    ``exercise_lessons`` maps each exercise id to its lesson (the ``lesson`` of the file it is in).
    """
    problems = []
    for lesson in course.ready:
        for cell, exercise in shown_exercises(root / lesson.notebook):
            owner = exercise_lessons.get(exercise)
            if owner is None:
                problems.append(f"{lesson.notebook}, cell {cell}: shows exercise {exercise!r}, which no exercise file defines")
            elif owner != lesson.id:
                problems.append(
                    f"{lesson.notebook}, cell {cell}: shows exercise {exercise!r} from {owner}.json, another lesson's file"
                )
    return problems


def write_course_files(course: Course, root: Path = ROOT) -> list[Path]:
    """Rewrite the README's and lesson 00's lesson tables and myst.yml from the manifest; return the files changed."""
    import nbformat  # only needed here: JupyterLab brings it

    changed = []
    readme = root / "README.md"
    _write_if_changed(
        readme, replace_table(readme.read_text(encoding="utf-8"), README_HEADER, readme_table(course), "README.md"), changed
    )
    _write_if_changed(root / "myst.yml", myst_config(course), changed)
    path = root / "lessons" / f"{START_HERE}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.get("id") == TABLE_CELL)
    new = replace_table(cell.source, LESSON_HEADER, lesson_table(course), f"{path.name}, cell {TABLE_CELL}")
    if new != cell.source:
        cell.source = new
        nbformat.write(notebook, path)
        changed.append(path)
    return changed


def _write_if_changed(path: Path, text: str, changed: list[Path]) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        changed.append(path)


if __name__ == "__main__":
    written = write_course_files(load_course())
    print(
        "\n".join(f"updated {p.relative_to(ROOT)}" for p in written)
        or "README.md, lessons/00-start-here.ipynb and myst.yml already match lessons/course.json"
    )
