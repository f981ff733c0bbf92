"""The course manifest (lessons/course.json): checked field by field, and the one list every table, the
progress overview, the exercise files and the notebooks agree with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import course as course_module
from helpers.article import SEEDS_DIR, load_case
from helpers.course import (
    LESSON_HEADER,
    README_HEADER,
    load_course,
    misplaced_exercises,
    myst_config,
    readme_table,
    replace_table,
    shown_exercises,
    table_in,
    unlisted_exercise_lessons,
    write_course_files,
)
from helpers.datafiles import DataFileError
from helpers.exercises import load_exercises

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in SEEDS_DIR.iterdir() if (p / "case.json").is_file())
FIX = "run `make course` after editing lessons/course.json"


@pytest.fixture(scope="module")
def course():
    return load_course()


def write_manifest(folder: Path, lessons: list, title: str = "A course") -> Path:
    (folder / "lessons").mkdir(exist_ok=True)
    path = folder / "lessons" / "course.json"
    path.write_text(json.dumps({"title": title, "lessons": lessons}), encoding="utf-8")
    return path


def entry(lesson_id: str = "01-one", **fields) -> dict:
    return {
        "id": lesson_id,
        "title": "One",
        "skill": "A skill",
        "minutes": 10,
        "status": "planned",
        "notebook": f"lessons/{lesson_id}.ipynb",
        **fields,
    }


# The manifest itself


def test_the_manifest_lists_the_lessons_in_order(course):
    assert [lesson.id for lesson in course.lessons] == [
        "00-start-here",
        "01-source-evaluation",
        "02-timeline-construction",
        "03-claim-tracing",
        "04-capstone",
        "05-your-own-article",
        "06-post-assessment",
        "99-exercise-gallery",
    ]
    assert {lesson.id: lesson.status for lesson in course.lessons}["02-timeline-construction"] == "ready"
    assert course.lesson("02-timeline-construction").time == "45–60 min"
    assert course.lesson("03-claim-tracing").time == "60 min" and course.lesson("03-claim-tracing").status == "ready"
    assert course.lesson("01-source-evaluation").time == "45–60 min" and course.lesson("00-start-here").label == "00 Start here"
    assert course.lesson("04-nothing") is None


def test_every_lesson_notebook_is_in_the_manifest(course):
    listed = {lesson.notebook for lesson in course.lessons}
    for notebook in sorted((ROOT / "lessons").glob("*.ipynb")):
        assert f"lessons/{notebook.name}" in listed, f"{notebook.name} is not in lessons/course.json: add an entry for it"


def test_a_good_manifest_loads(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "01-one.ipynb").write_text("{}")
    path = write_manifest(tmp_path, [entry(status="ready", minutes=[5, 15]), entry("02-two")])
    course = load_course(path, tmp_path)
    assert [(lesson.id, lesson.time) for lesson in course.lessons] == [("01-one", "5–15 min"), ("02-two", "planned")]
    assert [lesson.id for lesson in course.ready] == ["01-one"]
    assert "01-one" in myst_config(course) and "02-two" not in myst_config(course), "a planned lesson has no page yet"


@pytest.mark.parametrize(
    ("lessons", "message"),
    [
        ([entry(status="done")], "lesson '01-one', field 'status': unknown status 'done'; use one of ready, planned"),
        ([entry(title="")], "lesson '01-one', field 'title': this text is empty"),
        ([{k: v for k, v in entry().items() if k != "skill"}], "lesson '01-one', field 'skill': this field is missing"),
        ([entry(notebook="lessons/one.ipynb")], "field 'notebook': expected lessons/01-one.ipynb"),
        ([entry(status="ready")], "field 'notebook': the lesson is ready but lessons/01-one.ipynb does not exist"),
        ([entry(minutes=[60, 45])], "field 'minutes': expected a whole number of minutes, or [shortest, longest]"),
        ([entry(minutes="20 min")], "field 'minutes': expected int or list, got str"),
        ([entry(minutes=0)], "field 'minutes': expected a whole number"),
        ([entry(minutes=["45", 60])], "field 'minutes': expected a whole number"),
        ([entry(minutes=[True])], "field 'minutes': expected a whole number"),
        ([entry(), entry(title="Again")], "lesson 2, field 'id': the id '01-one' is already used by another lesson"),
        (["01-one"], "lesson 1: expected an object, got str"),
    ],
)
def test_a_bad_manifest_names_file_lesson_and_field(tmp_path, lessons, message):
    path = write_manifest(tmp_path, lessons)
    with pytest.raises(DataFileError) as error:
        load_course(path, tmp_path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_a_ready_lesson_needs_its_minutes_a_planned_one_does_not(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "01-one.ipynb").write_text("{}")
    planned = {k: v for k, v in entry().items() if k != "minutes"}
    assert load_course(write_manifest(tmp_path, [planned]), tmp_path).lessons[0].minutes == ()
    with pytest.raises(DataFileError, match="field 'minutes': this field is missing"):
        load_course(write_manifest(tmp_path, [{**planned, "status": "ready"}]), tmp_path)


# The tables and myst.yml are the manifest's


def test_readme_lesson_table_is_the_manifests(course):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table_in(readme, README_HEADER) == readme_table(course), f"the README's lesson table differs from the manifest: {FIX}"
    assert "| [01 Source evaluation](lessons/01-source-evaluation.ipynb) |" in readme
    assert "| [02 Timeline construction](lessons/02-timeline-construction.ipynb) |" in readme
    assert "| [03 Claim tracing](lessons/03-claim-tracing.ipynb) |" in readme and "| 60 min |" in readme


def test_lesson_00_lesson_table_is_the_manifests(course):
    notebook = nbformat.read(ROOT / "lessons" / "00-start-here.ipynb", as_version=4)
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    table = table_in(markdown, LESSON_HEADER)
    assert table == course_module.lesson_table(course), f"lesson 00's lesson table differs from the manifest: {FIX}"
    assert "| 00 Start here (this page) |" in table and "| 03 Claim tracing |" in table


def test_myst_yml_is_the_manifests(course):
    text = (ROOT / "myst.yml").read_text(encoding="utf-8")
    assert text == myst_config(course), f"myst.yml differs from the manifest: {FIX}"
    assert '- file: lessons/01-source-evaluation.ipynb\n      title: "01 Source evaluation"' in text
    assert "02-timeline-construction" in text and "03-claim-tracing" in text


def test_a_table_that_disagrees_is_caught_and_rewritten(course, tmp_path):
    """Change the manifest in a copy: the check fails, and `make course` brings both tables and myst.yml back in line."""
    for name in ("README.md", "lessons/00-start-here.ipynb", "myst.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    renamed = course.lessons[1].__class__(**{**course.lessons[1].__dict__, "title": "Sources"})
    changed_course = course.__class__(course.title, (course.lessons[0], renamed, *course.lessons[2:]))
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert table_in(readme, README_HEADER) != readme_table(changed_course)
    changed = write_course_files(changed_course, tmp_path)
    assert sorted(p.name for p in changed) == ["00-start-here.ipynb", "README.md", "myst.yml"]
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "| [01 Sources](lessons/01-source-evaluation.ipynb) |" in readme and "## Open the course" in readme
    notebook = nbformat.read(tmp_path / "lessons" / "00-start-here.ipynb", as_version=4)
    original = nbformat.read(ROOT / "lessons" / "00-start-here.ipynb", as_version=4)
    assert [c.id for c in notebook.cells] == [c.id for c in original.cells], "cell ids are kept"
    assert "| 01 Sources |" in notebook.cells[2].source and notebook.cells[2].source.endswith(
        original.cells[2].source.split("|\n\n")[-1]
    )
    assert write_course_files(changed_course, tmp_path) == [], "a second run changes nothing"


def test_replace_table_says_where_the_table_is_missing():
    assert replace_table("Intro\n| A |\n|---|\n| x |\nAfter", "| A |", "| A |\n|---|\n| y |", "here") == (
        "Intro\n| A |\n|---|\n| y |\nAfter"
    )
    with pytest.raises(ValueError, match="README.md has no lesson table starting with '| B |'"):
        replace_table("| A |", "| B |", "", "README.md")
    assert table_in("no table here", "| A |") == ""


# Exercise files and notebooks agree with the manifest


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_every_exercise_file_names_a_lesson_in_the_manifest(course, folder):
    assert unlisted_exercise_lessons(course, folder) == []


def test_an_exercise_file_for_an_unlisted_lesson_is_reported(course, seed_copy):
    extra = seed_copy / "exercises" / "05-deepfakes.json"
    extra.write_text(json.dumps({"lesson": "05-deepfakes", "exercises": []}), encoding="utf-8")
    assert unlisted_exercise_lessons(course, seed_copy) == [
        "medvedev-zimbabwe-2022/exercises/05-deepfakes.json: lesson '05-deepfakes' is not in lessons/course.json"
    ]
    extra.write_text(json.dumps({"exercises": []}), encoding="utf-8")
    with pytest.raises(DataFileError, match="05-deepfakes.json, top level, field 'lesson': this field is missing"):
        unlisted_exercise_lessons(course, seed_copy)


def test_each_lesson_shows_only_its_own_exercises(course):
    """Every case folder's exercises count: the capstone (lesson 04) shows those of its own case."""
    owners = {e.id: e.lesson for folder in CASES for e in load_exercises(load_case(folder.name)).values()}
    assert misplaced_exercises(course, owners) == []
    shown = {exercise for lesson in course.ready for _, exercise in shown_exercises(ROOT / lesson.notebook)}
    assert {"text-type", "source-verdict", "gallery-ordering", "cap-evaluation"} <= shown, "the check sees every show() call"


def test_an_exercise_shown_in_another_lesson_is_reported(course, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    cells = [
        nbformat.v4.new_markdown_cell('show("not-code", case)'),
        nbformat.v4.new_code_cell('from helpers.widgets import show\nshow("text-type", case)'),
        nbformat.v4.new_code_cell('show("sift-order", case)\nshow(name, case)'),
        nbformat.v4.new_code_cell('%time show("no-such-exercise", case)\nshow("no-such-exercise", case)'),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    for number, cell in enumerate(notebook.cells):
        cell.id = f"c{number}"
    for lesson in course.ready:
        nbformat.write(notebook if lesson.id == "00-start-here" else nbformat.v4.new_notebook(), tmp_path / lesson.notebook)
    owners = {exercise.id: exercise.lesson for exercise in load_exercises(load_case()).values()}
    assert misplaced_exercises(course, owners, tmp_path) == [
        "lessons/00-start-here.ipynb, cell c2: shows exercise 'sift-order' from 01-source-evaluation.json, another lesson's file",
        "lessons/00-start-here.ipynb, cell c3: shows exercise 'no-such-exercise', which no exercise file defines",
    ]
