"""Normalising typed answers: dates in their common forms, names, numbers; with property-based tests."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.answers import MONTHS, AnswerFormatError, PartialDate, normalise_name, normalise_text, parse_date, parse_number

SEPT_30 = PartialDate(2022, 9, 30)


@pytest.mark.parametrize(
    "text",
    [
        "30 Sep 2022",
        "2022-09-30",
        "September 30, 2022",
        "30 September 2022",
        "30th September 2022",
        "Sept. 30, 2022",
        "30.09.2022",
        "30/09/2022",
        "9/30/2022",
        "2022/9/30",
        "  30   SEPTEMBER   2022 ",
        "the 30th of September 2022",
        "Sep 30 2022",
    ],
)
def test_common_date_forms_are_the_same_date(text):
    assert parse_date(text) == SEPT_30


def test_date_without_year_keeps_day_and_month():
    assert parse_date("September 30") == PartialDate(None, 9, 30)
    assert parse_date("30/9") == PartialDate(None, 9, 30)


def test_ambiguous_numeric_date_asks_for_a_month_name():
    with pytest.raises(AnswerFormatError, match="could be 3 April or 4 March.*Write the month as a word"):
        parse_date("03/04/2022")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 September 2022", "not a real calendar date"),
        ("29 February 2023", "not a real calendar date"),
        ("yesterday", "Could not read"),
        ("30 сентября 2022", "Could not read"),
        ("", "Could not read"),
        ("Sep Oct 2022", "Could not read"),
    ],
)
def test_unreadable_dates_say_how_to_write_them(text, message):
    with pytest.raises(AnswerFormatError, match=message):
        parse_date(text)


@pytest.mark.parametrize("text", ["30/31/2022", "0/5/2022", "5/0", "13/13/2022", "0/0", "31/9", "2022-13-01", "2022-02-30"])
def test_impossible_numeric_dates_are_not_real_dates(text):
    with pytest.raises(AnswerFormatError) as raised:
        parse_date(text)
    assert str(raised.value) == (
        f"{text!r} is not a real calendar date: months go from 1 to 12, and days from 1 to 28, 29, 30 or 31."
    )


@pytest.mark.parametrize(
    "text",
    ["Friday 30 September 2022", "Fri, 30/09/2022", "fri. 30.09.2022", "Friday, September 30th, 2022", "FRI 2022-09-30"],
)
def test_a_date_may_start_with_its_weekday(text):
    assert parse_date(text) == SEPT_30


def test_a_weekday_with_a_date_without_year_cannot_be_checked_and_is_read():
    assert parse_date("Tuesday 9 January") == PartialDate(None, 1, 9)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Thursday 30 September 2022", "'Thursday 30 September 2022': 30 September 2022 was a Friday, not a Thursday. "),
        ("Mon 28/12/2023", "'Mon 28/12/2023': 28 December 2023 was a Thursday, not a Monday. "),
        ("Friday Saturday 30 September 2022", "names more than one weekday"),
    ],
)
def test_a_weekday_that_does_not_fit_the_date_is_refused_saying_why(text, message):
    with pytest.raises(AnswerFormatError) as raised:
        parse_date(text)
    assert message in str(raised.value)


@pytest.mark.parametrize("text", ["30/09/22", "30.9.22", "30 Sep 22", "Sept 30, 22", "Friday 30/09/22"])
def test_a_two_digit_year_is_refused_asking_for_four_digits(text):
    with pytest.raises(AnswerFormatError) as raised:
        parse_date(text)
    assert str(raised.value).startswith(f"{text!r}: write the year with all four digits, such as 2022 rather than 22")


def test_leap_day_is_a_real_date():
    assert parse_date("29 Feb 2024") == PartialDate(2024, 2, 29)


def test_partial_date_reads_back_in_words():
    assert str(PartialDate(2022, 11, 1)) == "1 November 2022" and str(PartialDate(None, 2, 24)) == "24 February"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Emmerson Mnangagwa", "  emmerson   MNANGAGWA "),
        ("Bashar al-Assad", "Bashar al Assad"),
        ("ZANU-PF", "zanu–pf"),
        ("ZANU-PF", "ZANU PF"),
        ("Zaporizhzhia", "Zaporízhzhia"),
    ],
)
def test_name_variants_match(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_different_names_stay_different():
    assert normalise_name("Medvedev") != normalise_name("Mnangagwa")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mnangagwá", "Mnangagwa"),
        ("Mnangagwa\u0301", "Mnangagwa"),  # the accent typed as a separate combining mark
        ("Việt Nam", "Viet Nam"),  # two marks on one Latin letter
        ("Mnangagwa´", "Mnangagwa"),  # a spacing accent on no letter
    ],
)
def test_accents_on_latin_letters_do_not_matter(a, b):
    assert normalise_name(a) == normalise_name(b)
    assert normalise_text(a) == normalise_text(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("が", "か"),  # Japanese: the voicing mark makes another syllable
        ("क्ष", "कष"),  # Devanagari: the virama joins the consonants
        ("कि", "क"),  # Devanagari: a vowel sign (a spacing mark)
        ("й", "и"),  # Cyrillic: different letters
    ],
)
def test_marks_in_other_scripts_make_different_letters(a, b):
    assert normalise_name(a) != normalise_name(b)
    assert normalise_text(f"{a} ok") != normalise_text(f"{b} ok")


def test_marks_in_other_scripts_are_kept_in_either_unicode_form():
    assert normalise_name("が") == normalise_name("か\u3099") == "か\u3099"
    assert normalise_text("  Зинаида Йорк!  ") == "зинаида йорк".replace("й", "и\u0306")


def test_text_normalisation_drops_punctuation_but_keeps_words():
    assert normalise_text("  The U.N. General Assembly! ") == "the u n general assembly"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("143", 143),
        ("2,158", 2158),
        ("2 158", 2158),
        ("3.5", 3.5),
        ("1,234,567", 1234567),
        ("1,500.5", 1500.5),
        ("-2,158", -2158),
    ],
)
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,5", "12,34", "1,5000", "1,234,56", ",500", "1,,500", "1,500,", "1.5,000"])
def test_a_comma_that_does_not_separate_thousands_is_refused_with_advice(text):
    with pytest.raises(AnswerFormatError) as raised:
        parse_number(text)
    assert str(raised.value) == (
        f"Could not read {text!r} as a number: a comma here only separates thousands, in groups of three digits. "
        "Write 1.5 for one and a half, or 1,500 for fifteen hundred."
    )


def test_bad_number_says_what_to_type():
    with pytest.raises(AnswerFormatError, match="write digits"):
        parse_number("a hundred")


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_any_date_reads_the_same_in_every_unambiguous_form(day):
    expected = PartialDate(day.year, day.month, day.day)
    for form in ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d %Y"):
        assert parse_date(day.strftime(form)) == expected


@given(st.text(max_size=60))
def test_date_parser_never_crashes_on_any_text(text):
    try:
        result = parse_date(text)
    except AnswerFormatError as exc:
        assert str(exc)
    else:
        assert 1 <= result.month <= 12 and 1 <= result.day <= 31


@given(st.from_regex(r"\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?", fullmatch=True))
def test_any_numeric_date_is_read_or_explained(text):
    try:
        result = parse_date(text)
    except AnswerFormatError as exc:
        assert str(exc)
    else:
        assert dt.date(result.year or 2000, result.month, result.day), "only real calendar dates are accepted"


@given(st.text(max_size=80))
def test_name_normalisation_is_idempotent_and_case_blind(text):
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert normalise_name(text.upper()) == normalise_name(text.lower()) or not text.isascii()


def _characters(first: int, last: int, test=lambda c: True) -> list[str]:
    return [chr(cp) for cp in range(first, last + 1) if test(chr(cp))]


LATIN_LETTERS = _characters(0x41, 0x24F, lambda c: unicodedata.name(c, "").startswith("LATIN") and c.isalpha())
ACCENTS = _characters(0x300, 0x36F, lambda c: unicodedata.combining(c) > 0)
OTHER_LETTERS = _characters(0x915, 0x939) + _characters(0x3041, 0x3096) + _characters(0x627, 0x64A) + _characters(0x5D0, 0x5EA)
OTHER_MARKS = _characters(0x93E, 0x94D) + ["\u3099", "\u309a", "\u0301"] + _characters(0x64B, 0x652) + _characters(0x5B0, 0x5BC)


def _spelled(letters, marks):
    """Words of letters, each followed by zero to two marks."""
    return st.lists(
        st.tuples(st.sampled_from(letters), st.lists(st.sampled_from(marks), max_size=2)), min_size=1, max_size=12
    ).map(lambda pairs: "".join(letter + "".join(marks) for letter, marks in pairs))


@given(st.lists(_spelled(LATIN_LETTERS, ACCENTS), min_size=1, max_size=3))
def test_latin_words_with_or_without_accents_are_the_same_name(words):
    text = " ".join(words)
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M"))
    assert normalise_name(text) == normalise_name(plain)


@given(_spelled(OTHER_LETTERS, OTHER_MARKS))
def test_marks_on_letters_of_other_scripts_are_never_dropped(word):
    assert normalise_name(word) == normalise_text(word) == unicodedata.normalize("NFKD", word)


@given(
    st.lists(st.sampled_from(["Emmerson", "Mnangagwa", "al-Assad", "ZANU-PF"]), min_size=1, max_size=4),
    st.sampled_from([" ", "  ", "\t"]),
)
def test_spacing_never_matters_for_names(words, gap):
    assert normalise_name(gap.join(words)) == normalise_name(" ".join(words))


# --- Digits of other scripts: every text a learner can type gets feedback, never a fault -------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("٣٠ September ٢٠٢٢", SEPT_30),  # Arabic-Indic digits are decimal digits: read like 0 to 9
        ("३० September २०२२", SEPT_30),  # Devanagari
        ("３０ September ２０２２", SEPT_30),  # fullwidth, folded to 0 to 9
    ],
)
def test_decimal_digits_of_any_script_are_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["March ፩", "፫፩ March 2022", "March 3፩", "Sep 30 ፪፻፳፪"])
def test_a_date_with_numerals_that_are_not_digits_says_which_to_rewrite(text):
    with pytest.raises(AnswerFormatError) as raised:
        parse_date(text)
    assert type(raised.value) is AnswerFormatError
    assert "write its numbers with the digits 0 to 9 (not " in str(raised.value) and "30 September 2022" in str(raised.value)


@pytest.mark.parametrize(("text", "value"), [("١٤٣", 143), ("１４３", 143), ("2,١٥٨", 2158)])
def test_numbers_in_decimal_digits_of_any_script(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["፻", "nan", "inf", "-Infinity", "1e999"])
def test_numerals_that_are_not_digits_and_non_numbers_are_refused_with_advice(text):
    with pytest.raises(AnswerFormatError, match="write digits"):
        parse_number(text)


def test_the_advice_names_the_numerals_to_rewrite():
    with pytest.raises(AnswerFormatError, match=r"write digits, 0 to 9 \(not ፻\)"):
        parse_number("፻")


# Decimal digits of every script, and the numerals that str.isdigit() accepts but int() and float() refuse.
_NOT_DECIMAL = [char for char in map(chr, range(0x110000)) if char.isdigit() and not char.isdecimal()]
_NUMERALS = st.one_of(st.characters(categories=["Nd"]), st.sampled_from(_NOT_DECIMAL), st.characters(categories=["Nl", "No"]))
_DIGITS_ANY_SCRIPT = st.text(_NUMERALS, min_size=1, max_size=4)
_DATE_TOKENS = st.one_of(
    _DIGITS_ANY_SCRIPT,
    st.sampled_from(sorted(MONTHS)),
    st.sampled_from([" ", ",", ".", "/", "-", "th", "of", "2022", "30"]),
    st.text(max_size=3),
)


def _reads_or_explains(parse, text):
    """parse(text) returns, or raises AnswerFormatError with a message: never another exception."""
    try:
        return parse(text)
    except AnswerFormatError as exc:
        assert str(exc), "the learner is told how to write it"
        return None


_MONTH_AND_NUMERALS = st.tuples(st.sampled_from(sorted(MONTHS)), _DIGITS_ANY_SCRIPT, st.sampled_from(["", " 2022"]))


@given(st.one_of(st.lists(_DATE_TOKENS, max_size=6).map(" ".join), _MONTH_AND_NUMERALS.map(" ".join)))
def test_date_like_text_in_any_digits_is_read_or_explained(text):
    result = _reads_or_explains(parse_date, text)
    if result is not None:
        assert dt.date(result.year or 2000, result.month, result.day)


_NUMBER_TOKENS = st.one_of(_DIGITS_ANY_SCRIPT, st.sampled_from([",", ".", " ", "-", "+", "e", "_", "nan", "inf"]))


@given(st.one_of(st.text(max_size=40), st.lists(_NUMBER_TOKENS, max_size=8).map("".join)))
def test_number_like_text_in_any_digits_is_read_or_explained(text):
    result = _reads_or_explains(parse_number, text)
    assert result is None or math.isfinite(result)


def test_the_learner_sees_advice_not_a_fault_for_numerals_that_are_not_digits(case, store):
    from helpers.widgets import build

    view = build("announcement-date", case, store)
    view.control.parts["text"].value = "March ፩"
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", view.panel.value)).split())
    assert "Can't read that answer" in shown and "write its numbers with the digits 0 to 9 (not ፩)" in shown
    assert "fault in the course" not in shown
