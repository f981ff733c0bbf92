"""The instructor guide: every lesson's hand-written notes in shape, and answer keys that follow the exercise files.

The keys are generated (helpers.instructor_guide); these tests change exercise files in copies of a case
folder and check that the generated guide changes with them, that learner-facing text is escaped, that the
minute plans add up to the manifest's minutes, and that the committed guide is up to date.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from helpers.article import SEEDS_DIR, load_case
from helpers.course import Course, Lesson, load_course
from helpers.exercises import KeyTable, answer_lines, exercise_type, get_exercise, guide_key, load_exercises
from helpers.instructor_guide import (
    ANSWER_KEY_MD,
    GUIDE_HTML,
    HEADINGS,
    case_folders,
    guide_files,
    key_html,
    list_items,
    markdown_html,
    notes_path,
    notes_problems,
    plan_steps,
    read_notes,
    stale_files,
)

ROOT = Path(__file__).resolve().parent.parent
COURSE = load_course()
SEED = SEEDS_DIR / "medvedev-zimbabwe-2022"


def seeds_with(folder: Path, tmp_path: Path) -> Path:
    """A seeds folder holding only the given case folder (a copy being changed on purpose)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    if folder.parent != seeds:
        shutil.move(str(folder), seeds / folder.name)
    return seeds


def edit_exercises(folder: Path, lesson: str, change) -> None:
    path = folder / "exercises" / f"{lesson}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["exercises"]:
        change(record)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def notes_root(tmp_path: Path, lesson_id: str, text: str, notebook_cells: list[str] | None = None) -> Path:
    """A course root with one lesson's notes (and, if given, a notebook whose code cells are these sources)."""
    root = tmp_path / "root"
    (root / "instructors" / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "instructors" / "lessons" / f"{lesson_id}.md").write_text(text, encoding="utf-8")
    if notebook_cells is not None:
        (root / "lessons").mkdir(exist_ok=True)
        cells = [{"cell_type": "code", "source": s, "metadata": {}, "outputs": []} for s in notebook_cells]
        (root / "lessons" / f"{lesson_id}.ipynb").write_text(json.dumps({"cells": cells}), encoding="utf-8")
    return root


def lesson(lesson_id: str = "04-capstone", minutes: tuple[int, ...] = (30,)) -> Lesson:
    return Lesson(lesson_id, "Capstone", "A skill", "ready", f"lessons/{lesson_id}.ipynb", minutes)


GOOD_NOTES = """# 04 Capstone

## Objectives

- Do it.

## Plan

| Start | Minutes | What happens |
|---|---|---|
| 0:00 | 10 | Teaching. |
| 0:10 | 20 | Exercise 1, `ex-one`. |

## Discussion prompts

- "Why?"

## Common misconceptions

- **"It is easy."** How to address it: try it.
"""


# The hand-written notes: one file per lesson, in shape -------------------------------------------


@pytest.mark.parametrize("lesson_id", [lesson.id for lesson in COURSE.lessons])
def test_every_lesson_in_the_manifest_has_its_notes_in_shape(lesson_id):
    assert notes_problems(COURSE.lesson(lesson_id)) == []


def test_the_minute_plans_add_up_to_the_manifests_minutes():
    totals = {lesson.id: sum(step.minutes for step in plan_steps(read_notes(notes_path(lesson.id)))) for lesson in COURSE.lessons}
    assert totals == {
        "00-start-here": 30,
        "01-source-evaluation": 60,
        "02-timeline-construction": 55,
        "03-claim-tracing": 60,
        "04-capstone": 60,
        "05-your-own-article": 75,
        "06-post-assessment": 25,
        "99-exercise-gallery": 15,
    }
    for lesson_ in COURSE.lessons:
        low, high = lesson_.minutes[0], lesson_.minutes[-1]
        assert low <= totals[lesson_.id] <= high, lesson_.id


def test_the_notes_have_the_four_headings_in_order_and_every_misconception_says_how_to_address_it():
    for lesson_ in COURSE.lessons:
        notes = read_notes(notes_path(lesson_.id))
        assert tuple(h for h, _ in notes.sections)[:4] == HEADINGS
        items = list_items(notes.section("Common misconceptions"))
        assert len(items) >= 3 and all("How to address it" in item for item in items), lesson_.id


def test_a_lesson_without_notes_fails_naming_the_file_and_the_headings(tmp_path):
    (tmp_path / "instructors" / "lessons").mkdir(parents=True)
    (problem,) = notes_problems(lesson("04-capstone", (60,)), tmp_path)
    assert problem.startswith("instructors/lessons/04-capstone.md is missing")
    for needed in ("'# 04 Capstone'", "'## Objectives'", "'## Plan'", "'## Discussion prompts'", "'## Common misconceptions'"):
        assert needed in problem
    assert "| Start | Minutes | What happens |" in problem and "summing to 60" in problem
    assert "How to address it" in problem and "instructors/lessons/03-claim-tracing.md" in problem and "make guide" in problem
    (ranged,) = notes_problems(lesson("05-your-own-article", (30, 45)), tmp_path)
    assert "summing to between 30 and 45" in ranged


def test_good_notes_pass_and_their_plan_is_read(tmp_path):
    root = notes_root(tmp_path, "04-capstone", GOOD_NOTES, ['show("ex-one", case)'])
    assert notes_problems(lesson(), root) == []
    steps = plan_steps(read_notes(notes_path("04-capstone", root)))
    assert [(s.start, s.minutes) for s in steps] == [("0:00", 10), ("0:10", 20)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("## Plan", "## Timing"),
            "the second-level headings must begin with '## Objectives', '## Plan', '## Discussion prompts', ",
        ),
        (("| 0:10 | 20 |", "| 0:10 | 25 |"), "the plan's minutes add up to 35; lessons/course.json gives 30"),
        (("| 0:10 | 20 |", "| 0:12 | 20 |"), "plan row 2: starts at '0:12', but the rows before it end at 0:10"),
        (
            ("| 0:10 | 20 |", "| 0:10 | twenty |"),
            "plan row 2: expected '| 0:05 | 3 | what happens |' (a whole number of minutes)",
        ),
        (
            ("| Start | Minutes | What happens |", "| When | What |"),
            "the plan needs a table starting with '| Start | Minutes | What happens |'",
        ),
        (("`ex-one`", "the first exercise"), "the plan does not name exercise `ex-one`, which lessons/04-capstone.ipynb shows"),
        (("How to address it: try it.", "Try it."), "section '## Common misconceptions', item 1: say how to address it"),
        (('- "Why?"', ""), "section '## Discussion prompts': this section is empty"),
    ],
)
def test_notes_out_of_shape_are_named_with_file_and_place(tmp_path, change, message):
    root = notes_root(tmp_path, "04-capstone", GOOD_NOTES.replace(*change), ['show("ex-one", case)'])
    problems = notes_problems(lesson(), root)
    assert any(p.startswith("instructors/lessons/04-capstone.md") and message in p for p in problems), problems


def test_a_plan_within_a_range_of_minutes_passes_and_outside_it_fails(tmp_path):
    root = notes_root(tmp_path, "04-capstone", GOOD_NOTES, ['show("ex-one", case)'])
    assert notes_problems(lesson(minutes=(25, 35)), root) == []
    assert notes_problems(lesson(minutes=(40, 60)), root) == [
        "instructors/lessons/04-capstone.md: the plan's minutes add up to 30; lessons/course.json gives between 40 and 60"
    ]


# The answer keys follow the exercise files -------------------------------------------------------


def test_the_committed_guide_is_up_to_date():
    assert stale_files() == [], "the instructor guide differs from the notes and exercise files: run `make guide`"


def test_every_exercise_of_every_case_appears_once_in_the_guide():
    files = guide_files()
    html, markdown = files[GUIDE_HTML], files[ANSWER_KEY_MD]
    total = 0
    for folder in case_folders():
        case = load_case(folder)
        for exercise in load_exercises(case).values():
            total += 1
            assert html.count(f'-{case.id}-{exercise.id}"') == 1, exercise.id
            assert markdown.count(f"`{exercise.id}` · ") == 1, exercise.id
    assert html.count('<section class="exercise"') == total and total >= 48


def test_changing_the_correct_option_in_a_copy_changes_the_key(seed_copy, tmp_path):
    before = guide_files(seeds=seeds_with(seed_copy, tmp_path))
    assert "✓ A short news item that relays officials" in before[ANSWER_KEY_MD]
    assert "✗ An official transcript of the talks" in before[ANSWER_KEY_MD]

    def move_key(record):
        if record["id"] == "text-type":
            for option in record["options"]:
                option["correct"] = option["id"] == "transcript"

    edit_exercises(tmp_path / "seeds" / seed_copy.name, "00-start-here", move_key)
    after = guide_files(seeds=tmp_path / "seeds")
    assert "✓ An official transcript of the talks" in after[ANSWER_KEY_MD]
    assert "✗ A short news item that relays officials" in after[ANSWER_KEY_MD]
    assert '<li class="right">✓ An official transcript of the talks' in after[GUIDE_HTML]
    assert '<li class="right">✓ A short news item' not in after[GUIDE_HTML]


def test_a_changed_rubric_level_hint_and_wrong_answer_show_in_the_key(seed_copy, tmp_path):
    def change(record):
        if record["id"] == "source-verdict":
            record["levels"][2]["sample"] = "A new mastery sample."
        if record["id"] == "announcement-date":
            record["hints"].append("A third hint.")
            record["wrong_answers"]["2022-11-02"] = "That is the day after."

    edit_exercises(seed_copy, "01-source-evaluation", change)
    edit_exercises(seed_copy, "00-start-here", change)
    files = guide_files(seeds=seeds_with(seed_copy, tmp_path))
    assert "<td>“A new mastery sample.”</td>" in files[GUIDE_HTML]
    assert "<li>A third hint.</li>" in files[GUIDE_HTML] and "3. A third hint." in files[ANSWER_KEY_MD]
    assert "<tr><td>2 November 2022</td><td>That is the day after.</td></tr>" in files[GUIDE_HTML]


def test_exercise_files_for_new_lessons_and_cases_are_picked_up_without_code_changes(seed_copy, tmp_path):
    """A later lesson and another case may arrive: a new exercise file and a new case folder just appear.

    (Lesson 04 now exists with its notes, so 08-later, a lesson not in the manifest, stands in for a new one.)
    """
    record = json.loads((seed_copy / "exercises" / "00-start-here.json").read_text(encoding="utf-8"))["exercises"][0]
    new = {"lesson": "08-later", "exercises": [{**record, "id": "capstone-kind", "prompt": "Capstone: what kind of text?"}]}
    (seed_copy / "exercises" / "08-later.json").write_text(json.dumps(new), encoding="utf-8")
    (seed_copy / "exercises" / "07-unlisted.json").write_text(
        json.dumps({"lesson": "07-unlisted", "exercises": [{**record, "id": "unlisted-kind"}]}), encoding="utf-8"
    )
    second = tmp_path / "second-case"
    shutil.copytree(SEED, second)
    for path in (second / "exercises").glob("*.json"):
        path.unlink()
    (second / "exercises" / "08-later.json").write_text(
        json.dumps({"lesson": "08-later", "exercises": [{**record, "id": "second-kind"}]}), encoding="utf-8"
    )
    meta = json.loads((second / "case.json").read_text(encoding="utf-8"))
    (second / "case.json").write_text(json.dumps({**meta, "id": "second-case"}), encoding="utf-8")
    seeds = seeds_with(seed_copy, tmp_path)
    shutil.move(str(second), seeds / "second-case")
    course = Course(COURSE.title, (*COURSE.lessons, lesson("08-later", (60,))))
    files = guide_files(seeds=seeds, course=course)
    html, markdown = files[GUIDE_HTML], files[ANSWER_KEY_MD]
    assert "Capstone: what kind of text?" in html and "`capstone-kind` · single choice" in markdown
    assert "`second-kind` · single choice" in markdown and "Case <code>second-case</code>" in html
    assert "capstone-kind (not shown in the lesson&#x27;s notebook)" in html, "no notebook yet: named by its id"
    assert "No hand-written notes yet: <code>instructors/lessons/08-later.md</code> is missing." in html
    assert "## 07 unlisted" in markdown and "`unlisted-kind` · " in markdown, (
        "an exercise file for an unlisted lesson still appears"
    )


def test_exercises_are_numbered_and_named_as_the_notebook_shows_them():
    markdown = guide_files()[ANSWER_KEY_MD]
    lesson_03 = markdown.split("## 03 Claim tracing", 1)[1].split("\n## ", 1)[0]
    headings = re.findall(r"^### (.*)$", lesson_03, flags=re.M)
    assert headings[3] == "Exercise 4: Matlock's words? (4 minutes)" and headings[5].startswith(
        "Exercise 6: where each claim leads"
    )
    assert headings.index("Exercise 6: where each claim leads (4 minutes)") > headings.index(
        "Exercise 5: what the monitors counted (3 minutes)"
    )


# Escaping and printing -----------------------------------------------------------------------------


def test_learner_facing_text_is_escaped_in_html_and_markdown(seed_copy, tmp_path):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'

    def inject(record):
        if record["id"] == "text-type":
            record["prompt"] = f"Prompt {attack}"
            record["hints"] = [f"Hint {attack}"]
            record["explanation"] = f"Why {attack}"
            record["options"][0]["text"] = f"Option {attack}"
            record["options"][0]["explanation"] = f"Because {attack}"

    edit_exercises(seed_copy, "00-start-here", inject)
    files = guide_files(seeds=seeds_with(seed_copy, tmp_path))
    html, markdown = files[GUIDE_HTML], files[ANSWER_KEY_MD]
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 5
    assert "<script" not in markdown and "<img" not in markdown and markdown.count("&lt;script&gt;") == 5


def test_hand_written_markdown_cannot_inject_html():
    rendered = markdown_html("Text <script>alert(1)</script> and **bold**\n\n| a | b |\n|---|---|\n| <b>x</b> | y |")
    assert "<script" not in rendered and "&lt;script&gt;" in rendered and "<strong>bold</strong>" in rendered
    assert "<table>" in rendered and "&lt;b&gt;x&lt;/b&gt;" in rendered


def test_the_guide_is_self_contained_printable_and_has_a_table_of_contents():
    html = (ROOT / GUIDE_HTML).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    for external in ("<script", "<link", " src=", "@import", "url("):
        assert external not in html, f"the guide must open offline, without other files: found {external!r}"
    assert "@media print" in html and "break-before:page" in html
    toc = html.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert len(targets) >= 5 * 5
    for target in targets:
        assert f'id="{target}"' in html, f"the table of contents points at #{target}, which is not in the guide"
    for lesson_ in COURSE.lessons:
        assert f'href="#lesson-{lesson_.id}"' in toc


# The key comes from the exercise types themselves ------------------------------------------------


def test_each_types_guide_key_gives_what_an_instructor_needs(case):
    short = get_exercise(case, "gallery-short-answer-name")
    key = guide_key(short, case)
    assert key[0] == "Answer: Emmerson Mnangagwa" and "Also accepted: Mnangagwa" in key
    table = next(item for item in key if isinstance(item, KeyTable))
    assert table.rows == (("Medvedev", "Medvedev is the Russian politician who negotiated with him."),)
    date = guide_key(get_exercise(case, "resolve-october-17"), case)
    assert "The right day and month without the year is “partly right” (half a point)." in date
    free = guide_key(get_exercise(case, "source-verdict"), case)
    levels = next(item for item in free if isinstance(item, KeyTable))
    assert [row[0] for row in levels.rows] == ["Beginning", "Emerging", "Mastery"] and levels.rows[0][2].startswith("“")
    assert "What to look for (the rubric's points):" in free and any(str(i).startswith("• ") for i in free)
    workspace = guide_key(get_exercise(case, "own-timeline"), case)
    checks = next(item for item in workspace if isinstance(item, str) and item.startswith("What the course checks"))
    assert "“End date” not before “Date”" in checks and "“Precision”: one of day, range, month, approximate" in checks
    origins = guide_key(get_exercise(case, "claim-origins"), case)
    assert origins[0].startswith("[P3.S1] " + case.passage("P3.S1") + " → EADaily's report"), "the item in full, with its id"
    voices = guide_key(get_exercise(case, "voices-by-sentence"), case)
    assert all(" → " in line and "…" not in line.split(" → ")[0] for line in voices)
    single = get_exercise(case, "text-type")
    assert exercise_type("single_choice").guide_key is None
    assert guide_key(single, case) == answer_lines(single, case)[:-1], "a type without its own guide key uses answer_lines"


def test_key_html_marks_answers_nests_points_and_escapes():
    html = key_html(("✓ <b>right</b>", "✗ wrong", "Look for:", "• a point", KeyTable("Cap", ("A",), (("<i>x</i>",),))))
    assert html.startswith(
        '<ul><li class="right">✓ &lt;b&gt;right&lt;/b&gt;</li><li>✗ wrong</li><li>Look for:<ul><li>a point</li></ul></li></ul>'
    )
    assert "<td>&lt;i&gt;x&lt;/i&gt;</td>" in html and "<caption>Cap</caption>" in html


# The old path, the links and the commands ----------------------------------------------------------


def test_the_old_instructor_notes_path_links_to_the_new_place():
    old = (ROOT / "lessons" / "instructor-notes.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", old)
    assert "../instructors/README.md" in links and "../instructors/guide.html" in links
    for link in links:
        assert (ROOT / "lessons" / link).resolve().exists(), link
    assert len(old.splitlines()) < 10, "the old file only points to the new place"


def test_readme_and_lessons_point_to_the_instructor_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "[`instructors/`](instructors/README.md)" in readme and "(instructors/guide.html)" in readme
    assert "lessons/instructor-notes.md" not in readme
    for notebook in sorted((ROOT / "lessons").glob("*.ipynb")):
        assert "instructor-notes.md" not in notebook.read_text(encoding="utf-8"), notebook.name
    index = (ROOT / "instructors" / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([^)#]+)\)", index):
        assert (ROOT / "instructors" / link).exists(), f"instructors/README.md links to {link}, which does not exist"
    for heading in ("## Before the class", "## Running the class", "## Collecting work", "## A note on the topic"):
        assert heading in index


def test_make_guide_and_make_course_regenerate_the_guide():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    course = makefile.split("\ncourse:", 1)[1].split("\n\n", 1)[0]
    guide = makefile.split("\nguide:", 1)[1].split("\n\n", 1)[0]
    assert "-m helpers.instructor_guide" in course and "-m helpers.instructor_guide" in guide


def test_writing_the_guide_rewrites_only_what_changed(tmp_path):
    from helpers.instructor_guide import write_guide

    root = tmp_path / "root"
    shutil.copytree(ROOT / "instructors", root / "instructors")
    shutil.copytree(ROOT / "lessons", root / "lessons")
    assert write_guide(root) == []
    (root / GUIDE_HTML).write_text("old", encoding="utf-8")
    assert write_guide(root) == [root / GUIDE_HTML] and stale_files(root) == []


def test_a_lesson_renamed_in_the_manifest_renames_it_in_the_guide():
    renamed = Course(
        COURSE.title,
        tuple(
            replace(lesson_, title="Sources") if lesson_.id == "01-source-evaluation" else lesson_ for lesson_ in COURSE.lessons
        ),
    )
    files = guide_files(course=renamed)
    assert "## 01 Sources" in files[ANSWER_KEY_MD] and "<h2>01 Sources</h2>" in files[GUIDE_HTML]
