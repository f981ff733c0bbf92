"""Pre- and post-assessment: items answered once, pre verdicts hidden until the post item is in, results and gains.

Engine tests use a made-up case with a pre lesson (00-test) and a post lesson (06-test); the seed's own items
are checked for being matched, parallel and labelled as written for the assessment.
"""

from __future__ import annotations

import copy
import json
import re

import pytest

from helpers.article import load_case
from helpers.assessment import (
    ANSWERED_BOTH,
    NOT_ANSWERED,
    POST,
    PRE,
    course_skill_gains,
    gain_figure,
    readable,
    results_html,
    skill_gains,
)
from helpers.datafiles import DataFileError
from helpers.exercises import check, load_exercises, matched_item
from helpers.report import export_html, progress_table
from helpers.widgets import build
from tests.test_widgets import seen, visible

TEXT = "Officials said the talks went well. Critics disagreed.\n\nThe talks began in March."


def single(phase: str, skill: str = "source evaluation: who is behind the text", suffix: str = "") -> dict:
    return {
        "id": f"{phase}-single{suffix}",
        "type": "single_choice",
        "assessment": phase,
        "skill": skill,
        "prompt": f"Text written for this assessment: a page. Who is behind it? ({phase})",
        "explanation": "The small print names the owner.",
        "options": [
            {"id": "a", "text": "The company", "correct": True, "explanation": "Its small print names it."},
            {"id": "b", "text": "Nobody can tell", "explanation": "The small print is a clue."},
        ],
    }


def multi(phase: str) -> dict:
    return {
        "id": f"{phase}-multi",
        "type": "multiple_select",
        "assessment": phase,
        "skill": "source evaluation: who speaks",
        "prompt": "Who speaks?",
        "explanation": "Voices are those whose words are reported.",
        "options": [
            {"id": "a", "text": "The council", "correct": True, "explanation": "It announced."},
            {"id": "b", "text": "The leader", "correct": True, "explanation": "Quoted."},
            {"id": "c", "text": "Children", "explanation": "Talked about only."},
        ],
    }


def date(phase: str) -> dict:
    return {
        "id": f"{phase}-date",
        "type": "short_answer",
        "kind": "date",
        "assessment": phase,
        "skill": "timeline construction: resolving a date",
        "prompt": "When?",
        "explanation": "The year comes from the date of publication.",
        "answer": "2023-12-28",
    }


def free(phase: str) -> dict:
    return {
        "id": f"{phase}-free",
        "type": "free_response",
        "assessment": phase,
        "skill": "claim tracing: judging evidence (written)",
        "prompt": "Would you share it? Explain.",
        "explanation": "A picture shows something happened somewhere.",
        "model_answer": "Not yet: check where the picture comes from.",
        "rubric": ["Says the picture does not show where", "Names a check"],
        "levels": [
            {"level": "Beginning", "description": "No check.", "sample": "Yes."},
            {"level": "Mastery", "description": "Names checks.", "sample": "Not yet: reverse-search it."},
        ],
    }


PRE_ITEMS = [single("pre"), multi("pre"), date("pre"), free("pre")]
POST_ITEMS = [single("post"), multi("post"), date("post"), free("post")]


@pytest.fixture
def made(make_case):
    def _made(pre=PRE_ITEMS, post=POST_ITEMS):
        files = {"exercises/00-test.json": {"lesson": "00-test", "exercises": list(pre)}}
        if post is not None:
            files["exercises/06-test.json"] = {"lesson": "06-test", "exercises": list(post)}
        return load_case(make_case(text=TEXT, files=files))

    return _made


def refused(made, pre, field: str) -> str:
    with pytest.raises(DataFileError) as raised:
        load_exercises(made(pre=pre, post=None))
    message = str(raised.value)
    assert "00-test.json" in message and f"field '{field}'" in message, message
    return message


# --- Validation: the one place exercise files are checked ----------------------------------------


def test_a_bad_assessment_value_names_file_exercise_and_field(made):
    message = refused(made, [{**single("pre"), "assessment": "during"}], "assessment")
    assert "exercise 'pre-single'" in message and "'during' is not an assessment phase" in message
    assert 'use "pre"' in message and '"post"' in message


def test_an_assessment_value_that_is_not_text_is_refused(made):
    assert "exercise 'pre-single'" in refused(made, [{**single("pre"), "assessment": True}], "assessment")


def test_an_assessment_item_with_hints_is_refused(made):
    assert "gives no hints" in refused(made, [{**single("pre"), "hints": ["Look at the small print."]}], "hints")


def test_a_workspace_cannot_be_an_assessment_item(made):
    table = {
        "id": "pre-table",
        "type": "workspace",
        "assessment": "pre",
        "skill": "s",
        "prompt": "Fill in.",
        "explanation": "Why.",
        "columns": [{"id": "what", "label": "What", "kind": "text"}],
    }
    assert "a workspace exercise cannot be an assessment item" in refused(made, [table], "assessment")


def test_two_pre_items_of_one_skill_are_refused_since_the_skill_matches_them(made):
    message = refused(made, [single("pre"), single("pre", suffix="-again")], "skill")
    assert "exercise 'pre-single-again'" in message and "pre item 'pre-single' (00-test) already has this skill" in message


def test_an_ordinary_exercise_has_no_phase_and_pre_and_post_items_are_matched_by_skill(made):
    exercises = load_exercises(made())
    assert matched_item(exercises["pre-date"], exercises).id == "post-date"
    assert matched_item(exercises["post-free"], exercises).id == "pre-free"
    assert exercises["pre-single"].assessment == "pre" and exercises["post-single"].assessment == "post"


# --- The widget: answered once, pre verdicts hidden ---------------------------------------------


def test_a_pre_item_submits_once_shows_no_verdict_and_offers_no_hint_or_answer(made, store):
    case = made()
    view = build("pre-single", case, store)
    assert [b.description for b in view.box.children[3].children] == ["Submit"]
    assert "pre-assessment: answered once" in seen(view.box.children[1])
    assert "Not submitted yet" in seen(view.panel)
    view.control.parts["radio"].value = "a"
    view.control.parts["radio"].value = "b"  # changed before submitting: the last choice counts
    view.check_button.click()
    shown = seen(view.panel)
    assert "✎ Saved" in shown and "You will see how you did at the end of the course" in shown
    for verdict in ("Not yet", "Right", "small print is a clue", "names the owner", "The answer, explained"):
        assert verdict not in shown, verdict
    record = store.get(f"{case.id}/pre-single")
    assert (record["answer"], record["status"], record["score"], record["assessment"]) == ("b", "wrong", 0.0, "pre")
    assert view.control.parts["radio"].disabled and view.check_button.disabled


def test_a_submitted_answer_is_final_and_a_second_submit_changes_nothing(made, store):
    case = made()
    view = build("pre-single", case, store)
    view.control.parts["radio"].value = "b"
    view.check_button.click()
    saved = store.get(f"{case.id}/pre-single")
    view.control.parts["radio"].value = "a"  # only from code: the control is disabled on screen
    view.submit()
    assert "already submitted" in seen(view.panel) and "You will see how you did" in seen(view.panel)
    assert store.get(f"{case.id}/pre-single") == saved and view.attempts == 1


def test_nothing_chosen_or_an_unreadable_date_is_not_a_submission(made, store):
    case = made()
    view = build("pre-single", case, store)
    view.check_button.click()
    assert "Nothing to check yet" in seen(view.panel) and not view.check_button.disabled
    dated = build("pre-date", case, store)
    dated.control.parts["text"].value = "next Tuesday"  # Enter submits: not a date, so it can be corrected
    assert "Can't read that answer" in seen(dated.panel) and not dated.control.parts["text"].disabled
    dated.control.parts["text"].value = "28 Dec 2023"
    assert "✎ Saved" in seen(dated.panel) and dated.control.parts["text"].disabled
    assert store.get(f"{case.id}/pre-date")["status"] == "right"


def test_a_submitted_pre_answer_is_restored_locked_and_still_without_its_verdict(made, store):
    case = made()
    view = build("pre-multi", case, store)
    for box in view.control.parts["boxes"].values():
        box.value = True
    view.check_button.click()
    again = build("pre-multi", case, store)  # a re-run cell, a restarted kernel
    boxes = again.control.parts["boxes"]
    assert [b.value for b in boxes.values()] == [True, True, True] and all(b.disabled for b in boxes.values())
    assert "Restored your saved answer" in seen(again.panel) and "You will see how you did" in seen(again.panel)
    assert "found" not in seen(again.panel) and "Talked about only" not in seen(again.panel)


def test_a_post_item_shows_its_verdict_on_submit_and_then_its_pre_item_does_too(made, store):
    case = made()
    pre = build("pre-single", case, store)
    pre.control.parts["radio"].value = "b"
    pre.check_button.click()
    post = build("post-single", case, store)
    post.control.parts["radio"].value = "a"
    post.check_button.click()
    shown = seen(post.panel)
    assert "✓ Right" in shown and "Your submitted answer is right" in shown and "The answer, explained" in shown
    assert "names the owner" in shown and post.check_button.disabled
    reopened = build("pre-single", case, store)
    shown = seen(reopened.panel)
    assert "✗ Not yet" in shown and "does not fit; the explanation below says why" in shown
    assert "The small print is a clue" in shown and "✓ The company" in shown, "the verdict and the whole key, explained"
    assert "Try another" not in shown, "no invitation to retry an item answered once"


def test_a_pre_free_response_shows_its_rubric_only_after_the_post_item_and_can_then_be_ticked(made, store):
    case = made()
    view = build("pre-free", case, store)
    view.control.parts["text"].value = "Yes, it is clearly there."
    view.check_button.click()
    assert "rubric" not in view.control.parts and "Model answer" not in visible(view.box)
    assert "You will see how you did" in seen(view.panel) and view.control.parts["text"].disabled
    post = build("post-free", case, store)
    post.control.parts["text"].value = "Not yet: I would reverse-search the picture."
    post.check_button.click()
    assert "Model answer" in visible(post.box) and "Mastery" in visible(post.box)
    post.control.parts["ticks"][0].value = True  # the rubric stays open to tick after the text is final
    assert store.get(f"{case.id}/post-free")["score"] == 0.5
    assert post.control.parts["text"].disabled and not post.control.parts["ticks"][1].disabled
    assert "Your text is final" in seen(post.panel) and "Revise your answer" not in seen(post.panel)
    first = build("pre-free", case, store)  # lesson 06 shows the first answer again, to assess it
    assert "Model answer" in visible(first.box) and first.control.parts["text"].value == "Yes, it is clearly there."
    first.control.parts["ticks"][1].value = True
    record = store.get(f"{case.id}/pre-free")
    assert record["answer"] == {"text": "Yes, it is clearly there.", "ticked": [1]} and record["score"] == 0.5


# --- Results, gains, progress and export --------------------------------------------------------


def answer(store, case, exercise_id, answer, status, score, phase):
    store.save(
        f"{case.id}/{exercise_id}",
        {"answer": answer, "status": status, "score": score, "assessment": phase, "exercise": exercise_id, "attempts": 1},
    )


@pytest.fixture
def answered(made, store):
    """Right before and wrong after (single), partly right before and right after (multi), date only before, free both."""
    case = made()
    answer(store, case, "pre-single", "a", "right", 1.0, "pre")
    answer(store, case, "post-single", "b", "wrong", 0.0, "post")
    answer(store, case, "pre-multi", ["a", "c", "b"], "partial", 0.5, "pre")
    answer(store, case, "post-multi", ["a", "b"], "right", 1.0, "post")
    answer(store, case, "pre-date", "28 December 2023", "right", 1.0, "pre")
    answer(store, case, "pre-free", {"text": "Yes.", "ticked": []}, "saved", 0.0, "pre")
    answer(store, case, "post-free", {"text": "Not yet.", "ticked": [0, 1]}, "saved", 1.0, "post")
    return case


def test_gains_per_skill_on_right_wrong_partial_and_missing_answers(answered, store):
    table = skill_gains(answered, store).set_index("skill")
    assert table.loc["who is behind the text", [PRE, POST, "gain"]].tolist() == [1.0, 0.0, -1.0]
    assert table.loc["who speaks", [PRE, POST, "gain"]].tolist() == [0.5, 1.0, 0.5]
    assert table.loc["resolving a date", [PRE, POST, "gain"]].tolist() == [1.0, None, None], "missing is not 0"
    assert table.loc["judging evidence (written)", [PRE, POST, "gain"]].tolist() == [0.0, 1.0, 1.0]
    assert table.loc["judging evidence (written)", "scored by"] == "you, ticking the rubric"
    assert table.loc["who speaks", "scored by"] == "the course"
    shown = readable(skill_gains(answered, store)).set_index("skill")
    assert shown.loc["resolving a date", POST] == NOT_ANSWERED and shown.loc["resolving a date", "gain"] == "–"
    assert shown.loc["who is behind the text", "gain"] == "-1.00" and shown.loc["who speaks", "gain"] == "+0.50"


def test_gains_per_course_skill_average_the_skills_answered_both_times_and_count_them(answered, store):
    table = course_skill_gains(skill_gains(answered, store)).set_index("course skill")
    assert table.loc["source evaluation", [PRE, POST, "gain"]].tolist() == [0.75, 0.5, -0.25]
    assert table.loc["source evaluation", ANSWERED_BOTH] == "2 of 2"
    assert table.loc["timeline construction", [PRE, POST, "gain"]].tolist() == [None, None, None], "pre only: no pair"
    assert table.loc["timeline construction", ANSWERED_BOTH] == "0 of 1"


def test_a_skill_answered_on_one_side_only_is_left_out_of_both_course_skill_means(made, store):
    case = made()
    answer(store, case, "pre-single", "a", "right", 1.0, "pre")
    answer(store, case, "post-single", "b", "wrong", 0.0, "post")
    answer(store, case, "pre-multi", ["a", "c", "b"], "partial", 0.5, "pre")  # its post item not answered
    table = course_skill_gains(skill_gains(case, store)).set_index("course skill")
    assert table.loc["source evaluation", [PRE, POST, "gain"]].tolist() == [1.0, 0.0, -1.0], "not 0.75 before"
    assert table.loc["source evaluation", ANSWERED_BOTH] == "1 of 2"
    shown = readable(course_skill_gains(skill_gains(case, store))).set_index("course skill")
    assert shown.loc["timeline construction", PRE] == NOT_ANSWERED and shown.loc["timeline construction", "gain"] == "–"


def test_nothing_answered_is_not_answered_everywhere_never_zero(made, store):
    case = made()
    shown = readable(skill_gains(case, store))
    assert set(shown[PRE]) == {NOT_ANSWERED} and set(shown[POST]) == {NOT_ANSWERED} and set(shown["gain"]) == {"–"}
    figure = gain_figure(skill_gains(case, store))
    assert all(value is None for bar in figure["data"] for value in bar["x"]) and figure["layout"]["barmode"] == "group"


def test_the_chart_draws_answered_scores_and_no_bar_for_a_missing_one(answered, store):
    import plotly.graph_objects as go

    figure = gain_figure(skill_gains(answered, store))
    go.Figure(figure)  # plotly accepts every property
    after = next(bar for bar in figure["data"] if bar["name"] == POST)
    assert after["x"] == [0.0, 1.0, None, 1.0] and after["text"] == ["0", "1", "", "1"]


def test_show_gains_draws_both_tables_with_their_charts_and_says_one_item_is_a_small_sample(answered, store, monkeypatch):
    from helpers import assessment, plots

    shown = []
    monkeypatch.setattr(assessment, "display", shown.append)
    monkeypatch.setattr(plots, "display", lambda item, raw=False: shown.append(item))
    assessment.show_gains(answered, store)
    charts = [item["application/vnd.plotly.v1+json"] for item in shown if isinstance(item, dict)]
    tables = [item.data for item in shown if not isinstance(item, dict)]
    assert "one question is a small sample" in tables[0]
    assert [chart["layout"]["title"]["text"] for chart in charts] == [
        "Your score per skill, before and after the course",
        "Your mean score per course skill, before and after the course",
    ]
    assert charts[1]["data"][0]["y"] == ["source evaluation", "timeline construction", "claim tracing"]
    assert charts[1]["data"][1]["x"] == [0.5, None, 1.0], "after: a course skill with no answer draws no bar"
    assert "not answered" in tables[1] and "Per course skill" in tables[2] and "0 of 1" in tables[2]


def test_results_show_both_answers_explained_only_where_the_post_answer_is_in(answered, store):
    shown = re.sub(r"<[^>]+>", " ", results_html(answered, store))
    who = shown[shown.index("who is behind the text") : shown.index("who speaks")]
    assert "Before the course" in who and "After the course" in who
    assert "✓ Right" in who and "✗ Not yet" in who and "Its small print names it" in who and "The small print is a clue" in who
    dated = shown[shown.index("resolving a date") : shown.index("judging evidence")]
    assert "Answer this skill's question above first" in dated and "28 December" not in dated


def test_results_say_not_answered_for_a_pre_item_skipped(made, store):
    case = made()
    answer(store, case, "post-date", "28 Dec 2023", "right", 1.0, "post")
    shown = re.sub(r"<[^>]+>", " ", results_html(case, store))
    dated = shown[shown.index("resolving a date") :]
    assert "Before the course (lesson 00): not answered" in re.sub(r"\s+", " ", dated) and "✓ Right" in dated


def test_progress_and_export_keep_a_pre_verdict_hidden_until_the_post_item_is_in(made, store):
    case = made()
    answer(store, case, "pre-single", "b", "wrong", 0.0, "pre")
    row = progress_table(case, store).set_index("lesson").loc["00-test"]
    assert (row["results later"], row["not yet right"]) == (1, 0)
    page = export_html(case, store)
    assert "pre-assessment (before the course)" in page and "you will see how you did at the end of the course" in page
    assert "✗ Not yet" not in page and "score" not in page.split("pre-single")[1]
    answer(store, case, "post-single", "a", "right", 1.0, "post")
    page = export_html(case, store)
    assert "✗ Not yet" in page and "✓ Right" in page and "post-assessment (after the course)" in page
    assert progress_table(case, store).set_index("lesson").loc["00-test", "not yet right"] == 1


def test_the_first_written_answer_is_offered_for_ticking_only_once_its_post_answer_is_in(made, store, monkeypatch):
    from helpers import assessment

    case = made()
    shown = []
    monkeypatch.setattr(assessment, "display", shown.append)
    assessment.show_self_assessment(case, store)
    assert "did not answer this question in lesson 00" in shown[-1].data
    answer(store, case, "pre-free", {"text": "Yes.", "ticked": []}, "saved", 0.0, "pre")
    assessment.show_self_assessment(case, store)
    assert "answer this skill's question above first" in shown[-1].data
    answer(store, case, "post-free", {"text": "Not yet.", "ticked": [0]}, "saved", 0.5, "post")
    assessment.show_self_assessment(case, store)
    view = shown[-1]
    assert view.exercise.id == "pre-free" and "Model answer" in visible(view.box) and view.control.parts["text"].disabled


# --- The seed's items ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_items():
    case = load_case("medvedev-zimbabwe-2022")
    exercises = load_exercises(case)
    return case, exercises, [e for e in exercises.values() if e.assessment]


def test_the_seed_has_eight_matched_pairs_of_the_same_type_on_the_courses_skills(seed_items):
    _case, exercises, items = seed_items
    pre = [e for e in items if e.assessment == "pre"]
    post = [e for e in items if e.assessment == "post"]
    assert len(pre) == len(post) == 8
    assert {e.lesson for e in pre} == {"00-start-here"} and {e.lesson for e in post} == {"06-post-assessment"}
    for item in pre:
        partner = matched_item(item, exercises)
        assert partner is not None and partner.type == item.type, item.id
        assert item.skill.split(":")[0] in {"source evaluation", "timeline construction", "claim tracing"}
    assert sum(e.type == "free_response" for e in pre) == 1
    free = next(e for e in pre if e.type == "free_response")
    assert [level.name for level in free.spec.levels] == ["Beginning", "Emerging", "Mastery"]
    assert all(level.sample for level in free.spec.levels)


def test_every_item_is_on_a_text_written_for_the_assessment_not_the_seed(seed_items):
    case, _exercises, items = seed_items
    for item in items:
        assert "written for this assessment" in item.prompt, item.id
        assert not item.refs, f"{item.id}: an assessment item is on its own text, not the article"
        for word in ("Medvedev", "Zimbabwe", "Mnangagwa", "referendum"):
            assert word not in json.dumps(item.__dict__, default=str), (item.id, word)


# Names of real places, organisations, brands, accounts and people once found in these "invented" texts.
REAL_NAMES = (
    "Ashford",
    "Riverside Museum",
    "Elmbridge",
    "Carlow",
    "Restwell",
    "Brightwell",
    "Portfield",
    "Greenvale",
    "CityNewsNow",
    "Amir Haddad",
    "Harlow",
    "Stoke Island",
    "Northpoint",
    "Lakeside",
)


def assessment_texts() -> dict[str, str]:
    """Every assessment item of the seed as raw JSON text, by id (prompt, options, explanations, rubric)."""
    folder = load_case("medvedev-zimbabwe-2022").folder / "exercises"
    items = [
        e
        for name in ("00-start-here", "06-post-assessment")
        for e in json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))["exercises"]
    ]
    return {e["id"]: json.dumps(e, ensure_ascii=False) for e in items if e.get("assessment")}


def test_the_invented_texts_name_no_real_place_brand_account_or_famous_person_found_so_far():
    texts = assessment_texts()
    assert len(texts) == 16
    for item_id, text in texts.items():
        found = [name for name in REAL_NAMES if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE)]
        assert not found, f"{item_id} names {found}, which exist: use an invented name"


def test_the_date_items_read_a_date_with_its_weekday_and_explain_a_two_digit_year(seed_items):
    case, exercises, _items = seed_items
    assert check(exercises["pre-resolve-date"], "Thursday 28 December 2023", case).status == "right"
    assert check(exercises["post-resolve-date"], "Mon, 30/12/2024", case).status == "right"
    refused = check(exercises["pre-resolve-date"], "28/12/23", case)
    assert refused.status == "invalid" and "four digits" in " ".join([refused.headline, *refused.details])


def test_the_matched_who_is_behind_items_give_the_same_kind_of_clue():
    texts = assessment_texts()
    for item_id in ("pre-who-is-behind", "post-who-is-behind"):
        assert "All rights reserved" in texts[item_id] and "copyright holder" in texts[item_id], item_id
        assert "owned and run by" not in texts[item_id], item_id


def test_parallel_items_ask_the_same_number_of_things(seed_items):
    _case, exercises, items = seed_items
    for item in (e for e in items if e.assessment == "pre"):
        partner = matched_item(item, exercises)
        spec, other = item.spec, partner.spec
        if hasattr(spec, "choices"):
            assert len(spec.choices) == len(other.choices), item.id
            assert sum(c.correct for c in spec.choices) == sum(c.correct for c in other.choices), item.id
        if hasattr(spec, "rubric"):
            assert len(spec.rubric) == len(other.rubric) and len(spec.levels) == len(other.levels)


def test_a_copy_of_an_item_with_a_bad_phase_in_the_seed_names_the_seed_file(seed_copy):
    path = seed_copy / "exercises" / "06-post-assessment.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["exercises"][0] = {**copy.deepcopy(data["exercises"][0]), "assessment": "Post"}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_exercises(load_case(seed_copy))
    assert "06-post-assessment.json, exercise 'post-who-is-behind', field 'assessment'" in str(raised.value)
