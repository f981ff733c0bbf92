"""Normalising typed answers: dates in their common forms, names, numbers; with property-based tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.answers import AnswerFormatError, PartialDate, normalise_name, normalise_text, parse_date, parse_number

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
        ("30 Sep 22", "Could not read"),
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


def test_text_normalisation_drops_punctuation_but_keeps_words():
    assert normalise_text("  The U.N. General Assembly! ") == "the u n general assembly"


@pytest.mark.parametrize(("text", "value"), [("143", 143), ("2,158", 2158), ("2 158", 2158), ("3.5", 3.5)])
def test_numbers(text, value):
    assert parse_number(text) == value


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


@given(
    st.lists(st.sampled_from(["Emmerson", "Mnangagwa", "al-Assad", "ZANU-PF"]), min_size=1, max_size=4),
    st.sampled_from([" ", "  ", "\t"]),
)
def test_spacing_never_matters_for_names(words, gap):
    assert normalise_name(gap.join(words)) == normalise_name(" ".join(words))
