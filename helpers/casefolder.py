"""Checking a whole case folder at once: every problem in every file, as a list an instructor can act on.

:func:`validate_case` reads a case folder the way the lessons will (``case.json``, the article and its
checksum, ``sources.csv``, the lesson tables that are present, and the exercise files) and returns
every problem it finds, each naming the file, the row or exercise, the field, and what to write
instead. It never raises: an instructor sees a list, not a traceback. :func:`check_case` shows that
list in a notebook; ``python -m helpers.casefolder seeds/<case>`` prints it in a terminal.

The tables checked are the ones declared in the lesson modules (listed in :data:`TABLES`); a new
lesson's table is declared in its module and added there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from IPython.display import display

from helpers.article import Case, find_case_folder, read_case
from helpers.claims import CLAIMS, HOPS
from helpers.datafiles import DataFileError, Problem, did_you_mean
from helpers.exercises import load_exercises
from helpers.language import LANGUAGE
from helpers.markup import esc
from helpers.provenance import PROVENANCE
from helpers.schema import Context, Table, check_table, unknown_sources
from helpers.search_results import SEARCH_RESULTS
from helpers.sources import SOURCES, source_ids_of
from helpers.timeline import EVENTS
from helpers.voices import ABSENT_VOICES, VOICES

TABLES: tuple[Table, ...] = (SOURCES, PROVENANCE, VOICES, ABSENT_VOICES, LANGUAGE, SEARCH_RESULTS, EVENTS, CLAIMS, HOPS)
EXERCISES = "exercises"
OTHER_FILES = ("case.json", "README.md", EXERCISES)


def validate_case(case: str | Path | Case) -> list[Problem]:
    """Check a case folder (a path, the name of a folder in ``seeds/``, or a loaded case); return every problem, or [] if none."""
    try:
        folder = case.folder if isinstance(case, Case) else find_case_folder(case)
    except FileNotFoundError as exc:
        return [Problem(Path(str(case)), str(exc))]
    source_ids, loaded, problems = None, None, []
    try:
        source_ids = source_ids_of(folder)
        loaded, problems = read_case(folder, source_ids)
    except Exception as exc:  # noqa: BLE001 - see _guarded
        problems = [_fault(folder / "case.json", exc)]
    context = Context(case=loaded, source_ids=source_ids, folder=folder)
    for table in TABLES:
        if table.required_file or (folder / table.file).exists():
            problems += _guarded(folder / table.file, lambda table=table: check_table(table, folder, context)[1])
    if loaded is not None:
        problems += _guarded(folder / EXERCISES, lambda: _exercise_problems(loaded, context))
    return problems + _unknown_files(folder, loaded)


def _exercise_problems(case: Case, context: Context) -> list[Problem]:
    """Problems in the exercise files: the exercise loader's first one, or each unknown source an exercise cites."""
    try:
        exercises = load_exercises(case)
    except DataFileError as exc:
        return list(exc.problems)
    problems = []
    for exercise in exercises.values():
        message = unknown_sources(exercise.sources, context)
        if message:
            path = case.folder / EXERCISES / f"{exercise.lesson}.json"
            problems.append(Problem(path, message, f"exercise '{exercise.id}'", "sources"))
    return problems


def _unknown_files(folder: Path, case: Case | None) -> list[Problem]:
    """Data files the course would silently ignore, such as ``voice.csv`` for ``voices.csv``."""
    text_file = case.meta.get("text_file") if case else "article.txt"
    known = [t.file for t in TABLES] + [*OTHER_FILES, str(text_file)]
    return [
        Problem(
            path,
            f"the course does not read this file{did_you_mean(path.name, known)}; "
            f"the data files it reads are: {', '.join(t.file for t in TABLES)} and case.json",
        )
        for path in sorted(folder.iterdir())
        if path.suffix.lower() in (".csv", ".json") and path.name not in known
    ]


def _guarded(path: Path, step: Callable[[], list[Problem]]) -> list[Problem]:
    """Run one checking step; a fault in the course's own code becomes a problem in the list, never a traceback."""
    try:
        return step()
    except DataFileError as exc:
        return list(exc.problems)
    except Exception as exc:  # noqa: BLE001 - the instructor gets a line to report, and the other files are still checked
        return [_fault(path, exc)]


def _fault(path: Path, exc: Exception) -> Problem:
    return Problem(path, f"could not be checked ({type(exc).__name__}: {exc}); this is a fault in the course, please report it")


def report_text(problems: list[Problem], folder: Path | None = None) -> str:
    """The problems as plain text, one a line, with file names relative to the cases folder."""
    if not problems:
        return "No problems found." + (f" The case folder {folder.name} is ready to use." if folder else "")
    lines = [f"{len(problems)} problem(s) found. Fix them in the files named, then check again:"]
    lines += [f"- {_relative(p, folder)}: {p.message}" for p in problems]
    return "\n".join(lines)


def report_html(problems: list[Problem], folder: Path | None = None) -> str:
    """The problems as an HTML table (file, row or exercise, field, what to do), every piece of text escaped."""
    if not problems:
        return f'<p class="ml-case-check">✓ {esc(report_text(problems, folder))}</p>'
    rows = "".join(
        f"<tr><td>{esc(_file_name(p, folder))}</td><td>{esc('' if p.row is None else str(p.row))}</td>"
        f"<td>{esc(p.field or '')}</td><td>{esc(p.message)}</td></tr>"
        for p in problems
    )
    return (
        f'<table class="ml-table ml-case-check"><caption>{len(problems)} problem(s) found: fix them in the files named, '
        "then check again</caption><thead><tr><th>file</th><th>row or exercise</th><th>field</th><th>problem and what to write</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def check_case(case: str | Path | Case) -> None:
    """Check a case folder and show the result in a notebook: a table of problems, or that there are none."""
    problems = validate_case(case)
    folder = _folder_or_none(case)
    display({"text/plain": report_text(problems, folder), "text/html": report_html(problems, folder)}, raw=True)


def _folder_or_none(case: str | Path | Case) -> Path | None:
    if isinstance(case, Case):
        return case.folder
    try:
        return find_case_folder(case)
    except FileNotFoundError:
        return None


def _file_name(problem: Problem, folder: Path | None) -> str:
    """The file as ``<case>/voices.csv`` when it is in the case folder, else as given."""
    if folder is None or not problem.path.is_relative_to(folder.parent):
        return str(problem.path)
    return str(problem.path.relative_to(folder.parent))


def _relative(problem: Problem, folder: Path | None) -> str:
    return Problem(Path(_file_name(problem, folder)), problem.message, problem.row, problem.field).where


def main(argv: list[str]) -> int:
    """``python -m helpers.casefolder FOLDER...``: print each folder's problems; exit status 1 if there are any."""
    if not argv:
        print("usage: python -m helpers.casefolder seeds/<case> [more case folders]", file=sys.stderr)
        return 2
    found = 0
    for case in argv:
        problems = validate_case(case)
        found += len(problems)
        print(f"{case}: {report_text(problems, _folder_or_none(case))}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
