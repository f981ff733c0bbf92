"""Exercise definitions (validation, one test per rule) and the checker for every type."""

from __future__ import annotations

import copy

import pytest

from helpers.article import load_case
from helpers.datafiles import DataFileError
from helpers.exercises import answer_lines, check, describe_answer, get_exercise, key_answer, load_exercises

TEXT = "Officials said the vote was free. Critics disagreed.\n\nThe talks began on 1 March 2024. They ended “forever,” he said."

SINGLE = {
    "id": "single",
    "type": "single_choice",
    "skill": "s",
    "prompt": "Pick one.",
    "explanation": "Because.",
    "options": [
        {"id": "a", "text": "A", "correct": True, "explanation": "A is right."},
        {"id": "b", "text": "B", "explanation": "B is wrong because."},
    ],
}
MULTI = {
    "id": "multi",
    "type": "multiple_select",
    "skill": "s",
    "prompt": "Pick.",
    "explanation": "Why.",
    "options": [
        {"id": "a", "text": "A", "correct": True, "explanation": "ea"},
        {"id": "b", "text": "B", "correct": True, "explanation": "eb"},
        {"id": "c", "text": "C", "explanation": "C is a distractor because."},
    ],
}
ORDER = {
    "id": "order",
    "type": "ordering",
    "skill": "s",
    "prompt": "Order.",
    "explanation": "Why.",
    "items": [{"id": "x", "text": "Third"}, {"id": "y", "text": "First"}, {"id": "z", "text": "Second"}],
    "answer": ["y", "z", "x"],
}
CATS = {
    "id": "cats",
    "type": "categorise",
    "skill": "s",
    "prompt": "Label.",
    "explanation": "Why.",
    "categories": [{"id": "q", "label": "Quote"}, {"id": "o", "label": "Own voice"}],
    "items": [
        {"id": "i1", "ref": "P1.S1", "category": "o", "explanation": "e1", "hint": "Who says it?"},
        {"id": "i2", "ref": "P2.S2", "category": "q", "explanation": "e2"},
    ],
}
PHRASES = {
    "id": "tag",
    "type": "phrase_tagging",
    "skill": "s",
    "prompt": "Tag.",
    "explanation": "Why.",
    "refs": ["P2.S2"],
    "phrases": [
        {"id": "f", "text": "forever", "correct": True, "explanation": "Absolute."},
        {"id": "h", "text": "he said", "explanation": "Attribution."},
    ],
}
SHORT = {
    "id": "date",
    "type": "short_answer",
    "kind": "date",
    "skill": "s",
    "prompt": "When?",
    "explanation": "Why.",
    "answer": "2024-03-01",
    "wrong_answers": {"2024-03-02": "That is the next day."},
    "hints": ["Look at P2."],
}
NAME = {
    "id": "name",
    "type": "short_answer",
    "kind": "name",
    "skill": "s",
    "prompt": "Who?",
    "explanation": "Why.",
    "answer": "Emmerson Mnangagwa",
    "accept": ["Mnangagwa"],
}
NUMBER = {
    "id": "num",
    "type": "short_answer",
    "kind": "number",
    "skill": "s",
    "prompt": "How many?",
    "explanation": "Why.",
    "answer": "143",
}
FREE = {
    "id": "free",
    "type": "free_response",
    "skill": "s",
    "prompt": "Write.",
    "explanation": "Why.",
    "model_answer": "Model.",
    "rubric": ["Point one", "Point two"],
}
PAIRS = {
    "id": "pairs",
    "type": "match_pairs",
    "skill": "s",
    "prompt": "Match each claim to its origin.",
    "explanation": "Why.",
    "matches": [{"id": "off", "label": "Officials"}, {"id": "crit", "label": "Critics"}, {"id": "none", "label": "No one"}],
    "items": [
        {"id": "m1", "ref": "P1.S1", "match": "off", "explanation": "“Officials said”."},
        {"id": "m2", "ref": "P1.S2", "match": "crit", "explanation": "The critics disagreed."},
        {"id": "m3", "text": "The talks began in March.", "match": "none", "explanation": "No one is cited."},
    ],
}
TABLE = {
    "id": "table",
    "type": "workspace",
    "skill": "s",
    "prompt": "Add events to your timeline.",
    "explanation": "Why.",
    "columns": [
        {"id": "start", "label": "Date", "kind": "date"},
        {"id": "end", "label": "End date", "kind": "date", "required": False},
        {"id": "what", "label": "What happened", "kind": "long_text", "help": "In your own words."},
        {"id": "kind", "label": "Kind", "kind": "choice", "options": ["Event", "Statement"]},
        {"id": "who", "label": "Who", "kind": "text", "required": False},
        {"id": "source", "label": "Source", "kind": "url"},
    ],
    "end_after": {"end": "start"},
    "min_rows": 2,
    "max_rows": 3,
    "example": {"start": "1 March 2024", "what": "The talks began.", "kind": "Event", "source": "https://example.org/talks"},
}
ALL = [SINGLE, MULTI, ORDER, CATS, PHRASES, SHORT, NAME, NUMBER, FREE, PAIRS, TABLE]


@pytest.fixture
def build(make_case):
    def _build(*records, lesson="01-test"):
        folder = make_case(text=TEXT, files={f"exercises/{lesson}.json": {"lesson": lesson, "exercises": list(records)}})
        case = load_case(folder)
        return case, load_exercises(case)

    return _build


@pytest.fixture
def made(build):
    case, exercises = build(*ALL)
    return case, exercises


# --- Validation: one test per rule --------------------------------------------------------------


def broken(record, **changes):
    record = copy.deepcopy(record)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (broken(SINGLE, type="essay"), r"exercise 'single', field 'type': unknown type 'essay'"),
        (broken(SINGLE, prompt=None), r"exercise 'single', field 'prompt': this field is missing"),
        (broken(SINGLE, explanation="  "), r"field 'explanation': this text is empty"),
        (broken(SINGLE, skill=3), r"field 'skill': expected str, got int"),
        (broken(SINGLE, hints="one"), r"field 'hints': expected list, got str"),
        (broken(SINGLE, hints=[""]), r"field 'hints': every entry must be non-empty text"),
        (broken(SINGLE, options=[SINGLE["options"][0]]), r"field 'options': needs at least 2 entries"),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {**SINGLE["options"][1], "correct": True}]),
            r"field 'options': exactly one option must have",
        ),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {**SINGLE["options"][1], "explanation": ""}]),
            r"field 'options\[2\].explanation': this text is empty",
        ),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {"text": "B", "explanation": "x"}]),
            r"field 'options\[2\]': each entry needs a non-empty 'id'",
        ),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {**SINGLE["options"][1], "id": "a"}]),
            r"field 'options': ids must be unique; repeated: a",
        ),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {"id": "b", "explanation": "x"}]),
            r"field 'options\[2\]': needs a 'text' \(or a 'ref'",
        ),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {**SINGLE["options"][1], "explanation": 5}]),
            r"field 'options\[2\].explanation': expected str, got int",
        ),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {**SINGLE["options"][1], "correct": "yes"}]),
            r"field 'options\[2\].correct': expected bool, got str",
        ),
        (
            broken(SINGLE, options=[{**SINGLE["options"][0]}, {"id": "b", "text": "B"}]),
            r"field 'options\[2\]': every entry needs an 'explanation' that teaches",
        ),
        (broken(SINGLE, options=[{**SINGLE["options"][0]}, "B"]), r"field 'options\[2\]': expected an object, got str"),
        (
            broken(MULTI, options=[{**o, "correct": False} for o in MULTI["options"]]),
            r"field 'options': at least one entry must have",
        ),
        (broken(ORDER, answer=["y", "z"]), r"field 'answer': must list every item id exactly once"),
        (broken(ORDER, answer=["x", "y", "z"]), r"field 'items': the items are already in the answer's order"),
        (broken(CATS, categories=[{"id": "q", "label": "Quote"}]), r"field 'categories': needs at least 2 categories"),
        (
            broken(CATS, categories=[{"id": "q"}, {"id": "o", "label": "Own"}]),
            r"field 'categories\[1\]': each entry needs a non-empty 'label'",
        ),
        (
            broken(CATS, items=[{**CATS["items"][0], "category": "zz"}]),
            r"field 'items\[1\].category': category 'zz' is not one of o, q",
        ),
        (broken(PHRASES, refs=None), r"field 'passage': needs a 'passage' or 'refs'"),
        (
            broken(PHRASES, phrases=[PHRASES["phrases"][0], {"id": "h", "ref": "P2.S2", "explanation": "x"}]),
            r"exercise 'tag', field 'phrases\[2\]': needs a 'text': the words to tag",
        ),
        (
            broken(PHRASES, phrases=[PHRASES["phrases"][0], {"id": "h", "explanation": "x"}]),
            r"exercise 'tag', field 'phrases\[2\]': needs a 'text': the words to tag",
        ),
        (broken(SHORT, kind="colour"), r"field 'kind': unknown kind 'colour'"),
        (broken(SHORT, answer="03/04/2024"), r"field 'answer': the answer '03/04/2024' is not a valid date"),
        (broken(SHORT, wrong_answers={"x": ""}), r"field 'wrong_answers': the explanation for 'x' must be non-empty"),
        (broken(FREE, rubric=[]), r"field 'rubric': this list is empty"),
        (broken(FREE, model_answer=None), r"field 'model_answer': this field is missing"),
        ("not an object", r"exercise 1: expected an object, got str"),
        (
            broken(PAIRS, items=[{**PAIRS["items"][0], "match": "zz"}, PAIRS["items"][1]]),
            r"field 'items\[1\].match': 'zz' is not one of the matches crit, none, off",
        ),
        (
            broken(PAIRS, items=[{k: v for k, v in PAIRS["items"][0].items() if k != "match"}, PAIRS["items"][1]]),
            r"field 'items\[1\]': each entry needs a non-empty 'match'",
        ),
        (broken(PAIRS, matches=[{"id": "off", "label": "Officials"}]), r"field 'matches': needs at least 2 matches"),
        (
            broken(PAIRS, items=[{**PAIRS["items"][0], "explanation": ""}, PAIRS["items"][1]]),
            r"field 'items\[1\].explanation': this text is empty",
        ),
        (
            broken(PAIRS, items=[{**PAIRS["items"][0], "matches": "off"}, PAIRS["items"][1]]),
            r"field 'items\[1\].matches': unknown field \(did you mean 'match'\?\)",
        ),
        (broken(SINGLE, promt="Pick one."), r"field 'promt': unknown field \(did you mean 'prompt'\?\)"),
        (broken(FREE, rubrik=["x"]), r"field 'rubrik': unknown field \(did you mean 'rubric'\?\)"),
        (broken(SINGLE, rubric=["x"]), r"field 'rubric': unknown field; the fields of a single_choice exercise are id,"),
        (
            broken(SINGLE, options=[SINGLE["options"][0], {**SINGLE["options"][1], "explenation": "x"}]),
            r"field 'options\[2\].explenation': unknown field \(did you mean 'explanation'\?\)",
        ),
        (
            broken(CATS, items=[{**CATS["items"][0], "correct": True}]),
            r"field 'items\[1\].correct': unknown field; the fields of an entry of 'items' are id, text, ref, category,",
        ),
        (
            broken(CATS, categories=[{"id": "q", "label": "Quote"}, {"id": "q", "label": "Critic"}]),
            r"field 'categories': ids must be unique; repeated: q",
        ),
        (
            broken(CATS, categories=[*CATS["categories"], {"id": "o", "lable": "Other"}]),
            r"field 'categories\[3\].lable': unknown field \(did you mean 'label'\?\)",
        ),
        (
            broken(TABLE, columns=[{"id": "d", "label": "Date", "kind": "day"}]),
            r"field 'columns\[1\].kind': unknown kind 'day'; known: text, long_text, date, choice, url",
        ),
        (
            broken(TABLE, columns=[{"id": "k", "label": "Kind", "kind": "choice", "options": ["Only one"]}]),
            r"field 'columns\[1\].options': a choice column needs at least two non-empty options",
        ),
        (
            broken(TABLE, columns=[{"id": "w", "label": "What", "kind": "text", "options": ["a", "b"]}]),
            r"field 'columns\[1\].options': only a choice column has options",
        ),
        (
            broken(TABLE, columns=[{"id": "w", "label": "What", "kind": "text", "hlep": "x"}]),
            r"field 'columns\[1\].hlep': unknown field \(did you mean 'help'\?\)",
        ),
        (broken(TABLE, columns=[]), r"field 'columns': needs at least one column"),
        (broken(TABLE, end_after={"what": "start"}), r"field 'end_after.what': 'what' is not a date column"),
        (broken(TABLE, min_rows=5), r"field 'max_rows': must be from 1 to 200, and not below min_rows \(5\)"),
        (broken(TABLE, max_rows=True), r"field 'max_rows': expected int, got bool"),
        (broken(TABLE, example={"start": "30 February 2024"}), r"field 'example': the example row must be valid: Row 1, “Date”:"),
        (broken(TABLE, example={"when": "1 March 2024"}), r"field 'example.when': 'when' must be a column id"),
        (broken(TABLE, end_after={"end": ["start"]}), r"field 'end_after.end': \['start'\] is not a date column"),
        (
            broken(TABLE, example={"start": "2 March 2024", "end": "1 March 2024"}),
            r"field 'example': the example row must be valid: Row 1, “End date”: 1 March 2024 is before",
        ),
    ],
)
def test_each_validation_rule_names_file_exercise_and_field(build, record, message):
    if not message.startswith("exercise"):
        message = r"exercise '[\w-]+', " + message
    with pytest.raises(DataFileError, match=r"01-test\.json, " + message):
        build(record)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (broken(SINGLE, refs=["P7"]), r"field 'refs': 'P7' is not a paragraph or sentence"),
        (
            broken(PHRASES, phrases=[*PHRASES["phrases"], {"id": "n", "text": "not there", "explanation": "x"}]),
            r"the phrase 'not there' does not occur",
        ),
        (broken(CATS, items=[{**CATS["items"][0], "ref": "P9.S1"}]), r"'P9.S1' is not a sentence of the article"),
    ],
)
def test_references_are_checked_against_the_article(build, record, message):
    with pytest.raises(DataFileError, match=message):
        build(record)


def test_a_phrase_given_only_by_ref_is_refused_with_the_whole_message(build):
    phrase = {"id": "h", "ref": "P2.S2", "explanation": "Attribution."}
    with pytest.raises(DataFileError) as raised:
        build(broken(PHRASES, phrases=[PHRASES["phrases"][0], phrase]))
    assert str(raised.value).endswith(
        "01-test.json, exercise 'tag', field 'phrases[2]': needs a 'text': the words to tag, exactly as they occur "
        "in the passage (a 'ref' is not enough)"
    )


def test_a_misspelt_field_is_refused_with_file_exercise_field_and_the_closest_known_one(build):
    with pytest.raises(DataFileError) as raised:
        build(broken(SINGLE, promt="Pick one.", prompt=None))
    assert str(raised.value).endswith(
        "01-test.json, exercise 'single', field 'promt': unknown field (did you mean 'prompt'?); the fields of a "
        "single_choice exercise are id, type, skill, prompt, explanation, refs, hints, sources, assessment, options"
    )


def test_a_repeated_category_id_is_named_as_such_not_as_an_unknown_category(build):
    critic = [{"id": "critic", "label": "Critic"}, {"id": "critic", "label": "Critic again"}]
    items = [{**CATS["items"][0], "category": "critic"}]
    with pytest.raises(DataFileError) as raised:
        build(broken(CATS, categories=critic, items=items))
    assert str(raised.value).endswith("01-test.json, exercise 'cats', field 'categories': ids must be unique; repeated: critic")


def test_options_and_items_may_still_be_given_by_ref(build):
    option = {"id": "b", "ref": "P1.S2", "explanation": "B is wrong because."}
    case, loaded = build(broken(SINGLE, options=[SINGLE["options"][0], option]), CATS)
    assert answer_lines(loaded["single"], case)[1] == "✗ Critics disagreed.: B is wrong because."


def test_an_entry_error_names_the_entry_and_keeps_the_whole_message(build):
    """Errors inside a list entry name it in full (``options[2].explanation``); the message is built once."""
    with pytest.raises(DataFileError) as raised:
        build(broken(SINGLE, options=[SINGLE["options"][0], {**SINGLE["options"][1], "explanation": 5}]))
    assert str(raised.value).endswith("01-test.json, exercise 'single', field 'options[2].explanation': expected str, got int")


def test_duplicate_ids_across_a_case_are_refused(build):
    with pytest.raises(DataFileError, match=r"exercise 'single', field 'id': this id is already used"):
        build(SINGLE, SINGLE)


def test_lesson_must_match_file_name(make_case):
    folder = make_case(text=TEXT, files={"exercises/01-a.json": {"lesson": "01-b", "exercises": []}})
    with pytest.raises(DataFileError, match=r"field 'lesson': lesson '01-b' must match the file name '01-a'"):
        load_exercises(load_case(folder))


def test_an_unknown_top_level_field_is_refused(make_case):
    folder = make_case(text=TEXT, files={"exercises/01-a.json": {"lesson": "01-a", "exercices": [], "exercises": []}})
    with pytest.raises(DataFileError) as raised:
        load_exercises(load_case(folder))
    assert str(raised.value).endswith(
        "01-a.json, top level, field 'exercices': unknown field (did you mean 'exercises'?); "
        "the fields of a lesson's exercise file are lesson, exercises"
    )


def test_malformed_exercise_file(make_case):
    folder = make_case(text=TEXT, files={"exercises/01-a.json": "{ not json"})
    with pytest.raises(DataFileError, match=r"01-a\.json: not valid JSON"):
        load_exercises(load_case(folder))


def test_unknown_exercise_lists_known_ones(made):
    case, _ = made
    with pytest.raises(KeyError, match="No exercise 'nope'.*Known exercises: cats, date"):
        get_exercise(case, "nope")


def test_exercises_are_read_and_checked_once_until_a_file_or_the_article_changes(made, monkeypatch):
    """A lesson looks an exercise up for every one it shows: the files are parsed and checked only when they change."""
    import dataclasses
    import json

    import helpers.exercises.loading as loading

    case, _ = made
    parsed, checked = [], []
    monkeypatch.setattr(loading, "_load", lambda folder, real=loading._load: parsed.append(1) or real(folder))
    monkeypatch.setattr(
        loading, "_check_against_article", lambda *a, real=loading._check_against_article: checked.append(1) or real(*a)
    )
    get_exercise(case, "single")
    parsed.clear(), checked.clear()
    assert get_exercise(case, "single").prompt == "Pick one." and get_exercise(load_case(case.folder), "cats")
    assert parsed == [] and checked == [], "nothing changed: neither parsed nor checked again"

    path = case.folder / "exercises" / "01-test.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["exercises"][0]["prompt"] = "Pick ONE."  # the same size, rewritten at once: a stamp of the file's time could miss it
    path.write_text(json.dumps(data), encoding="utf-8")
    assert get_exercise(case, "single").prompt == "Pick ONE." and parsed == [1] and checked

    checked.clear()
    shorter = dataclasses.replace(case, text=TEXT.split("\n\n")[0], paragraphs=case.paragraphs[:1])
    with pytest.raises(DataFileError, match=r"'P2\.S2' is not a sentence of the article"):
        get_exercise(shorter, "single")  # another text: checked again against it
    with pytest.raises(DataFileError, match=r"'P2\.S2' is not a sentence"):
        get_exercise(shorter, "single")  # and a failed check is never remembered as passed
    assert get_exercise(case, "cats").type == "categorise"


# --- Checking answers ---------------------------------------------------------------------------


def test_single_choice(made):
    case, ex = made
    right = check(ex["single"], "a", case)
    assert (right.status, right.score, right.label) == ("right", 1.0, "✓ Right")
    assert "A is right." in right.details and "Because." in right.details
    wrong = check(ex["single"], "b", case)
    assert (wrong.status, wrong.label) == ("wrong", "✗ Not yet") and wrong.details == ("B is wrong because.",)
    assert check(ex["single"], None, case).status == "empty" and not check(ex["single"], None).counts_as_attempt
    with pytest.raises(TypeError, match="takes an option id"):
        check(ex["single"], 1, case)
    with pytest.raises(ValueError, match="'z' is not an option"):
        check(ex["single"], "z", case)


def test_multiple_select_partial_credit_names_wrong_picks(made):
    case, ex = made
    assert check(ex["multi"], ["a", "b"], case).status == "right"
    half = check(ex["multi"], ["a"], case)
    assert (half.status, half.score) == ("partial", 0.5) and "1 more to find" in half.details[-1]
    mixed = check(ex["multi"], ["a", "b", "c"], case)
    assert mixed.status == "partial" and mixed.score == 0.5
    assert "✗ C: C is a distractor because." in mixed.details and "1 that do not fit" in mixed.headline
    only_wrong = check(ex["multi"], ["c"], case)
    assert (only_wrong.status, only_wrong.score) == ("wrong", 0.0)
    as_many_wrong = check(ex["multi"], ["a", "c"], case)
    assert (as_many_wrong.status, as_many_wrong.score, as_many_wrong.label) == ("wrong", 0.0, "✗ Not yet")
    assert (
        as_many_wrong.headline == "1 of 2 found, 1 that do not fit."
        and "✗ C: C is a distractor because." in as_many_wrong.details
    )
    assert check(ex["multi"], [], case).status == "empty"
    with pytest.raises(TypeError):
        check(ex["multi"], "a", case)


def test_phrase_tagging(made):
    case, ex = made
    assert check(ex["tag"], ["f"], case).status == "right"
    wrong = check(ex["tag"], ["h"], case)
    assert wrong.status == "wrong" and "✗ he said: Attribution." in wrong.details
    assert "Select one or more phrases" in check(ex["tag"], [], case).headline


def test_ordering_names_first_misplaced_item(made):
    case, ex = made
    assert check(ex["order"], ["y", "z", "x"], case).status == "right"
    fb = check(ex["order"], ["y", "x", "z"], case)
    assert (fb.status, round(fb.score, 2)) == ("partial", 0.33)
    assert fb.details == ("The first item out of place is number 2: “Third”.",)
    assert check(ex["order"], ["x", "y", "z"], case).status == "wrong"
    with pytest.raises(ValueError, match="every item exactly once"):
        check(ex["order"], ["y", "z"], case)


def test_categorise_points_at_wrong_items_with_hints(made):
    case, ex = made
    assert check(ex["cats"], {"i1": "o", "i2": "q"}, case).status == "right"
    fb = check(ex["cats"], {"i1": "q", "i2": "q"}, case)
    assert fb.status == "partial" and fb.score == 0.5
    assert fb.details[0] == "Look again at “Officials said the vote was free.” (not Quote). Who says it?"
    some = check(ex["cats"], {"i2": "q"}, case)
    assert some.status == "partial" and "1 item(s) still have no label." in some.details
    assert check(ex["cats"], {}, case).status == "empty"
    with pytest.raises(ValueError, match="'zz' is not a category"):
        check(ex["cats"], {"i1": "zz"}, case)


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("1 March 2024", "right"),
        ("2024-03-01", "right"),
        ("March 1, 2024", "right"),
        ("1st of March 2024", "right"),
        ("1 March", "partial"),
        ("2 March 2024", "wrong"),
        ("2024-04-01", "wrong"),
        ("03/01/2024", "invalid"),
        ("", "empty"),
        ("   ", "empty"),
        ("soon", "invalid"),
    ],
)
def test_short_answer_dates(made, answer, status):
    case, ex = made
    assert check(ex["date"], answer, case).status == status


def test_short_answer_known_wrong_answer_explains(made):
    case, ex = made
    fb = check(ex["date"], "2 Mar 2024", case)
    assert fb.details == ("That is the next day.",)
    without_year = check(ex["date"], "2 March", case)
    assert (without_year.status, without_year.details) == ("wrong", ("That is the next day.",))
    assert check(ex["date"], "2 March 2023", case).details == ("Read the prompt again, or take a hint.",), "a year must match"
    assert "A verified timeline needs the year" in check(ex["date"], "1 March", case).details[0]


def test_a_right_date_is_confirmed_in_words(made):
    case, ex = made
    assert check(ex["date"], "1 Mar 2024", case).headline == "1 March 2024 is right."
    assert answer_lines(ex["date"], case)[0] == "Answer: 1 March 2024"


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("Emmerson Mnangagwa", "right"),
        ("  emmerson  MNANGAGWA", "right"),
        ("mnangagwa", "right"),
        ("Mugabe", "wrong"),
        ("Эммерсон Мнангагва", "wrong"),
        ("x" * 5000, "wrong"),
    ],
)
def test_short_answer_names(made, answer, status):
    case, ex = made
    fb = check(ex["name"], answer, case)
    assert fb.status == status
    assert len(fb.headline) < 200


def test_short_answer_numbers_and_types(made):
    case, ex = made
    assert check(ex["num"], "143", case).status == "right"
    assert check(ex["num"], "141", case).status == "wrong"
    assert check(ex["num"], "many", case).status == "invalid"
    assert check(ex["num"], "1,43", case).as_text() == (
        "ⓘ Can't read that answer. Could not read '1,43' as a number: a comma here only separates thousands, "
        "in groups of three digits. Write 1.5 for one and a half, or 1,500 for fifteen hundred."
    )
    with pytest.raises(TypeError, match="takes text"):
        check(ex["num"], 143, case)


def test_free_response_is_saved_never_graded(made):
    case, ex = made
    fb = check(ex["free"], {"text": "My view.", "ticked": [1]}, case)
    assert (fb.status, fb.score, fb.label) == ("saved", 0.5, "✎ Saved") and not fb.counts_as_attempt
    assert check(ex["free"], {"text": "  ", "ticked": []}, case).status == "empty"
    with pytest.raises(TypeError):
        check(ex["free"], {"text": "x", "ticked": [5]}, case)
    with pytest.raises(TypeError):
        check(ex["free"], "just text", case)


def test_html_in_answers_is_returned_as_plain_text_for_escaping(made):
    case, ex = made
    fb = check(ex["name"], "<script>alert(1)</script>", case)
    assert "<script>" in fb.headline  # plain text here; every renderer escapes it (see test_widgets)


def test_answer_lines_and_descriptions(made):
    case, ex = made
    assert answer_lines(ex["order"], case)[:3] == ("1. First", "2. Second", "3. Third")
    assert answer_lines(ex["single"], case)[0] == "✓ A: A is right."
    assert describe_answer(ex["cats"], {"i1": "q"}, case) == "Officials said the vote was free. → Quote"
    assert describe_answer(ex["free"], {"text": "Mine", "ticked": [0]}, case) == "Mine\n[Rubric points ticked: Point one]"
    assert "no longer fits" in describe_answer(ex["single"], "zz", case)
    assert key_answer(ex["cats"]) == {"i1": "o", "i2": "q"}


def test_match_pairs_names_each_wrong_match_with_its_explanation(made):
    case, ex = made
    right = check(ex["pairs"], {"m1": "off", "m2": "crit", "m3": "none"}, case)
    assert (right.status, right.score, right.headline) == ("right", 1.0, "All 3 matched correctly.")
    assert "Officials said the vote was free. → Officials: “Officials said”." in right.details and "Why." in right.details
    some = check(ex["pairs"], {"m1": "off", "m2": "none"}, case)
    assert (some.status, round(some.score, 2), some.headline) == ("partial", 0.33, "1 of 3 matched correctly.")
    assert some.details == (
        "✗ “Critics disagreed.” does not go with No one: The critics disagreed.",
        "1 item(s) still have no match.",
    )
    wrong = check(ex["pairs"], {"m1": "crit", "m2": "off", "m3": "off"}, case)
    assert (wrong.status, wrong.score, wrong.label) == ("wrong", 0.0, "✗ Not yet") and len(wrong.details) == 3
    assert check(ex["pairs"], {}, case).status == "empty" and check(ex["pairs"], None, case).status == "empty"
    with pytest.raises(ValueError, match="'zz' is not a match"):
        check(ex["pairs"], {"m1": "zz"}, case)
    with pytest.raises(ValueError, match="'m9' is not an item"):
        check(ex["pairs"], {"m9": "off"}, case)
    with pytest.raises(TypeError, match="takes a dict from item id to match id"):
        check(ex["pairs"], ["off"], case)
    assert answer_lines(ex["pairs"], case)[2] == "The talks began in March. → No one: No one is cited."
    assert describe_answer(ex["pairs"], {"m3": "crit"}, case) == "The talks began in March. → Critics"
    assert key_answer(ex["pairs"]) == {"m1": "off", "m2": "crit", "m3": "none"}


# --- Free response: the levelled rubric ---------------------------------------------------------

LEVELS = [
    {"level": "Beginning", "description": "Gives a verdict only.", "sample": "It is <b>fake</b>."},
    {"level": "Emerging", "description": "Says what it is evidence of.", "sample": "It shows what was said."},
    {
        "level": "Mastery",
        "description": "Says what it is and is not evidence of, with a reason.",
        "sample": "It shows what was said, not what happened.",
    },
]


def test_free_response_levels_are_read_in_order_and_listed_with_the_answer(build):
    from helpers.exercises import answer_lines

    case, exercises = build(broken(FREE, levels=LEVELS))
    levels = exercises["free"].spec.levels
    assert [(lv.name, lv.sample) for lv in levels] == [(lv["level"], lv["sample"]) for lv in LEVELS]
    lines = answer_lines(exercises["free"], case)
    assert (
        "Mastery: Says what it is and is not evidence of, with a reason. Sample: “It shows what was said, not what happened.”"
        in lines
    )


def test_free_response_levels_are_optional(made):
    assert made[1]["free"].spec.levels == ()


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        (LEVELS[:1], r"field 'levels': a levelled rubric needs at least 2 levels, found 1"),
        ([LEVELS[0], {**LEVELS[1], "sample": " "}], r"field 'levels\[2\]\.sample': this text is empty"),
        ([LEVELS[0], {"level": "Emerging", "description": "d"}], r"field 'levels\[2\]\.sample': this field is missing"),
        ([LEVELS[0], {**LEVELS[1], "level": ""}], r"field 'levels\[2\]': each entry needs a non-empty 'level'"),
        ([LEVELS[0], {**LEVELS[1], "smaple": "x"}], r"field 'levels\[2\]\.smaple': unknown field \(did you mean 'sample'\?\)"),
        ([LEVELS[0], {**LEVELS[1], "level": "Beginning"}], r"field 'levels': ids must be unique; repeated: Beginning"),
        ("Beginning, Mastery", r"field 'levels': expected list"),
    ],
)
def test_bad_levels_name_exercise_entry_and_field(build, levels, message):
    with pytest.raises(DataFileError, match=r"01-test\.json, exercise 'free', " + message):
        build(broken(FREE, levels=levels))


# --- Workspace: the learner's own table --------------------------------------------------------

GOOD_ROW = {
    "start": "1 March 2024",
    "end": "",
    "what": "The talks began.",
    "kind": "Event",
    "who": "",
    "source": "https://example.org/a",
}


def row(**changes):
    return {**GOOD_ROW, **changes}


def test_workspace_saves_valid_rows_never_graded(made):
    case, ex = made
    one = check(ex["table"], {"rows": [row()]}, case)
    assert (one.status, one.score, one.label) == ("saved", 0.5, "✎ Saved") and not one.counts_as_attempt
    assert one.headline == "Your table is saved: 1 row. Add at least 1 more row."
    two = check(ex["table"], {"rows": [row(), row(start="2024-03-02", end="5 Mar 2024", kind="Statement")]}, case)
    assert (two.status, two.score, two.headline) == ("saved", 1.0, "Your table is saved: 2 rows.")
    full = check(ex["table"], {"rows": [row()] * 3}, case)
    assert full.headline == "Your table is saved: 3 rows. It is full (3 rows is the most it holds)."
    none = check(ex["table"], {"rows": []}, case)  # every row removed: saved, so the removal is kept
    assert (none.status, none.score, none.headline) == ("saved", 0.0, "Your table is saved, with no rows. Add at least 2 rows.")
    assert check(ex["table"], None, case).status == "saved"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([row(what="  ")], "Row 1, “What happened”: this column is required; write a few sentences."),
        ([row(kind="")], "Row 1, “Kind”: this column is required; write one of the choices."),
        (
            [row(), row(start="30 February 2022")],
            "Row 2, “Date”: '30 February 2022' is not a real calendar date: months go from 1 to 12, and days from 1 to 28, "
            "29, 30 or 31. Write a date with its year, e.g. 1 November 2022 or 2022-11-01.",
        ),
        ([row(start="soon")], "Row 1, “Date”: Could not read 'soon' as a date. Try a form like 30 September 2022"),
        ([row(start="1 March")], "Row 1, “Date”: '1 March' has no year. Write a date with its year"),
        ([row(start="03/04/2024")], "Row 1, “Date”: '03/04/2024' could be 3 April or 4 March"),
        (
            [row(end="28 Feb 2024")],
            "Row 1, “End date”: 28 February 2024 is before “Date” (1 March 2024). Write a date on or after 1 March 2024, "
            "or leave “End date” empty if there is none.",
        ),
        ([row(kind="Opinion")], "Row 1, “Kind”: 'Opinion' is not one of the choices. Choose one of: Event, Statement."),
        (
            [row(source="ftp://example.org/a")],
            "Row 1, “Source”: 'ftp://example.org/a' is not a web address. Write a web address starting with https:// or http://",
        ),
        ([row(source="javascript:alert(1)")], "Row 1, “Source”: 'javascript:alert(1)' is not a web address."),
        ([row(source="www.example.org")], "Row 1, “Source”: 'www.example.org' is not a web address."),
        ([row(source="https://example.org/a b")], "is not a web address"),
        ([row(what="x" * 10_000)], "Row 1, “What happened”: this is 10,000 characters long; keep it under 3,000"),
        ([row(who="a\nb")], "Row 1, “Who”: write this on one line."),
        ([row()] * 4, "This table holds at most 3 rows: remove one before adding another."),
    ],
)
def test_workspace_refuses_a_bad_row_naming_row_column_and_what_to_write(made, rows, message):
    case, ex = made
    feedback = check(ex["table"], {"rows": rows}, case)
    assert (feedback.status, feedback.score, feedback.label) == ("invalid", 0.0, "ⓘ Can't read that answer")
    assert feedback.headline.startswith(message) or message in feedback.headline, feedback.headline
    assert feedback.headline.count(" e.g. ") + feedback.headline.count("Try a form") <= 1, "one piece of advice, not two"
    assert feedback.details == ("Nothing was saved: what you typed is still in the form. Correct it, then press Add row.",)


def test_workspace_blank_form_row_asks_for_input_and_wrong_shapes_raise(made):
    case, ex = made
    blank = check(ex["table"], {"rows": [row(), {c: "" for c in GOOD_ROW}]}, case)
    assert (blank.status, blank.headline) == ("empty", "Row 2 is empty: fill in the form, then press Add row.")
    for wrong in ("text", {"rows": "x"}, {"rows": ["x"]}, {"rows": [{"what": 3}]}, {"table": []}):
        with pytest.raises(TypeError, match=r"takes \{\"rows\": \[\{column id: text\}"):
            check(ex["table"], wrong, case)


def test_workspace_html_in_a_cell_is_kept_as_plain_text(made):
    case, ex = made
    script = "<script>alert(1)</script><b>bold</b>"
    assert check(ex["table"], {"rows": [row(what=script)]}, case).status == "saved"  # text, escaped where shown
    assert script in describe_answer(ex["table"], {"rows": [row(what=script)]}, case)


def test_workspace_example_may_be_partial_and_the_key_fills_the_rest(build):
    case, exercises = build(broken(TABLE, example={"what": "The talks began."}))
    assert key_answer(exercises["table"])["rows"][0] == {
        "start": "1 November 2022",
        "end": "",
        "what": "The talks began.",
        "kind": "Event",
        "who": "",
        "source": "https://example.org/",
    }
    assert check(exercises["table"], key_answer(exercises["table"]), case).status == "saved"


def test_workspace_key_sample_describe_and_answer_lines(made):
    case, ex = made
    assert key_answer(ex["table"]) == {"rows": [row(source="https://example.org/talks")] * 2}
    assert describe_answer(ex["table"], {"rows": [row(start="2024-03-01"), row(who="Officials")]}, case) == (
        "Row 1. Date: 2024-03-01 (1 March 2024); What happened: The talks began.; Kind: Event; Source: https://example.org/a\n"
        "Row 2. Date: 1 March 2024; What happened: The talks began.; Kind: Event; Who: Officials; Source: https://example.org/a"
    )
    assert describe_answer(ex["table"], {"rows": []}, case) == "(no rows yet)"
    assert "no longer fits" in describe_answer(ex["table"], ["a row"], case)
    assert answer_lines(ex["table"], case)[:3] == (
        "Your own table, saved but not graded: from 2 to 3 rows. The columns:",
        "• Date: a date with its year, e.g. 1 November 2022 or 2022-11-01",
        "• End date (optional): a date with its year, e.g. 1 November 2022 or 2022-11-01",
    )
