"""Reading typed answers the way a patient teacher would: dates, names and numbers in their common forms.

Short-answer exercises compare what a learner typed with the accepted answers after normalising both,
so "30 Sep 2022", "2022-09-30" and "September 30, 2022" are the same date, and "Al-Assad" and
"al assad" the same name. A date that cannot be read unambiguously (03/04/2022) is not guessed: the
learner is asked to write the month as a word.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass

_MONTH_WORDS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_WORDS, start=1) for name in names}
_WEEKDAY_WORDS = (
    ("monday", "mon"),
    ("tuesday", "tue", "tues"),
    ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
)
WEEKDAYS = {name: number for number, names in enumerate(_WEEKDAY_WORDS) for name in names}  # Monday is 0, as in datetime
_WEEKDAY = re.compile(r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?")
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{2}")
_ANY_LEAP_YEAR = 2000  # a date without a year may be 29 February
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_PUNCTUATION = re.compile(r"[^\w\s-]")  # also matches combining marks, which normalise_text keeps
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


class AnswerFormatError(ValueError):
    """The learner's answer cannot be read in the expected form; the message says how to write it."""


@dataclass(frozen=True)
class PartialDate:
    """A calendar date whose year may be unknown (the article gives most dates without one)."""

    year: int | None
    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.day} {_month_name(self.month)}" + (f" {self.year}" if self.year else "")


def fold(text: str) -> str:
    """Case-fold, strip accents from Latin letters, unify dashes and collapse white space.

    Only Latin letters lose their marks ("Mnangagwá" = "Mnangagwa"): in other scripts a mark changes the
    letter (Japanese "が" is not "か", Devanagari "क्ष" is not "कष"), so it is kept.
    """
    text = _strip_latin_marks(unicodedata.normalize("NFKD", str(text)))
    text = _strip_latin_marks(text.casefold())  # again: case-folding can make a letter Latin ("Ↄ" to "ↄ")
    for dash in _DASHES:
        text = text.replace(dash, "-")
    return " ".join(text.split())


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _strip_latin_marks(text: str) -> str:
    """Drop combining marks (text decomposed with NFKD) except those on a letter of another script than Latin.

    Marks on no letter at all, such as a spacing accent typed on its own ("´"), are dropped too.
    """
    kept, keep_marks = [], False
    for char in text:
        if not _is_mark(char):
            keep_marks = _is_non_latin_letter(char)
        elif not keep_marks:
            continue
        kept.append(char)
    return "".join(kept)


def _is_non_latin_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L") and not unicodedata.name(char, "").startswith("LATIN")


def normalise_text(text: str) -> str:
    """Fold the text and drop punctuation other than hyphens (marks of non-Latin letters stay)."""
    return " ".join(_PUNCTUATION.sub(_punctuation_to_space, fold(text)).split())


def _punctuation_to_space(match: re.Match) -> str:
    return match[0] if _is_mark(match[0]) else " "


def normalise_name(text: str) -> str:
    """Normalise a name: like text, and hyphens count as spaces ("ZANU-PF" = "zanu pf")."""
    return " ".join(normalise_text(text).replace("-", " ").split())


def parse_number(text: str) -> float:
    """Read a number written with or without thousands separators ("2,158", "2 158", "2158").

    A comma only separates thousands: "1,5" is refused with advice, never read as 15.
    """
    cleaned = fold(text).replace(" ", "").replace("\u202f", "")
    if "," in cleaned and not _THOUSANDS.fullmatch(cleaned):
        raise AnswerFormatError(
            f"Could not read {text.strip()!r} as a number: a comma here only separates thousands, in groups of "
            "three digits. Write 1.5 for one and a half, or 1,500 for fifteen hundred."
        )
    odd = _odd_numerals(cleaned)
    unreadable = AnswerFormatError(
        f"Could not read {text.strip()!r} as a number; write digits" + (f", 0 to 9 (not {odd})" if odd else "") + ", e.g. 143."
    )
    try:
        number = float(cleaned.replace(",", ""))
    except ValueError:
        raise unreadable from None
    if not math.isfinite(number):  # float() also reads "nan", "inf" and "1e999": not numbers a learner means
        raise unreadable
    return number


def parse_date(text: str) -> PartialDate:
    """Read a date in a common English form; the year may be missing.

    Accepted: 2022-09-30, 2022/09/30, 30 Sep 2022, 30th September 2022, September 30, 2022, Sept. 30,
    30.09.2022, 30/09/2022 and 9/30/2022 (when the day is over 12), and the same without a year; each may
    start with its weekday ("Thursday 28 December 2023", "Thu, 28/12/2023"). A weekday that does not fit
    the date, and a two-digit year ("28/12/23": which century?), are refused with a message saying why.
    """
    folded = fold(text)
    weekdays = {WEEKDAYS[match[1]] for match in _WEEKDAY.finditer(folded)}
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", _WEEKDAY.sub(" ", folded))
    cleaned = " ".join(re.sub(r"\b(of|the)\b", " ", cleaned).replace(",", " ").replace(".", " . ").split())
    if len(weekdays) > 1:
        raise AnswerFormatError(f"{text.strip()!r} names more than one weekday: keep the one that goes with the date, or none.")
    for reader in (_read_iso, _read_words, _read_numeric):
        result = reader(cleaned)
        if result is not None:
            return _weekday_checked(_validated(result, text), weekdays, text)
    if _TWO_DIGIT_YEAR.fullmatch(cleaned.replace(" . ", ".")) or _has_two_digit_year(cleaned):
        raise AnswerFormatError(
            f"{text.strip()!r}: write the year with all four digits, such as 2022 rather than 22, since a two-digit "
            "year could belong to any century. Try a form like 30 September 2022 or 30/09/2022."
        )
    odd = _odd_numerals(folded)
    raise AnswerFormatError(
        f"Could not read {text.strip()!r} as a date"
        + (f": write its numbers with the digits 0 to 9 (not {odd})" if odd else "")
        + ". Try a form like 30 September 2022 or 2022-09-30."
    )


def _has_two_digit_year(text: str) -> bool:
    """A date in words with two short numbers and a month ("28 Dec 23"): one of them is a year without its century."""
    tokens = [t for t in re.split(r"[\s.]+", text) if t]
    numbers = [t for t in tokens if t not in MONTHS]
    return sum(t in MONTHS for t in tokens) == 1 and len(numbers) == 2 and all(t.isdecimal() and len(t) <= 2 for t in numbers)


def _weekday_checked(date: PartialDate, weekdays: set[int], original: str) -> PartialDate:
    """The date, unless the weekday typed with it is not the day of the week it fell on (checkable only with a year)."""
    if not weekdays or date.year is None:
        return date
    (given,) = weekdays
    actual = dt.date(date.year, date.month, date.day).weekday()
    if given != actual:
        raise AnswerFormatError(
            f"{original.strip()!r}: {date} was a {_weekday_name(actual)}, not a {_weekday_name(given)}. "
            "Check the date, or leave the weekday out."
        )
    return date


def _weekday_name(number: int) -> str:
    """The English name of a weekday, Monday = 0 (not calendar.day_name, which follows the locale)."""
    return _WEEKDAY_WORDS[number][0].capitalize()


def _odd_numerals(text: str) -> str:
    """The characters that are numerals but not decimal digits (Ethiopic "፩", Chinese "三"), which int() and float() cannot read.

    Decimal digits of any script ("٣٠", "३०") are read like 0 to 9, and fullwidth or circled ones become 0 to 9
    when folded; these others cannot be, so the learner is told which characters to rewrite.
    """
    return "".join(dict.fromkeys(char for char in text if char.isnumeric() and not char.isdecimal()))


def _read_iso(text: str) -> PartialDate | None:
    match = re.fullmatch(r"(\d{4})\s*[-/]\s*(\d{1,2})\s*[-/]\s*(\d{1,2})", text.replace(" . ", "."))
    return PartialDate(int(match[1]), int(match[2]), int(match[3])) if match else None


def _read_words(text: str) -> PartialDate | None:
    tokens = [t for t in re.split(r"[\s.]+", text) if t]
    months = [t for t in tokens if t in MONTHS]
    if len(months) != 1:
        return None
    month = MONTHS[months[0]]
    numbers = [t for t in tokens if t not in MONTHS]
    if not all(t.isdecimal() for t in numbers) or not 1 <= len(numbers) <= 2:  # isdigit() would let "፩" reach int()
        return None
    day = [int(t) for t in numbers if len(t) <= 2]
    year = [int(t) for t in numbers if len(t) == 4]
    if len(day) != 1 or len(year) + len(day) != len(numbers):
        return None
    return PartialDate(year[0] if year else None, month, day[0])


def _read_numeric(text: str) -> PartialDate | None:
    match = re.fullmatch(r"(\d{1,2})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*(\d{4}))?", text.replace(" . ", "."))
    if not match:
        return None
    first, second = int(match[1]), int(match[2])
    year = int(match[3]) if match[3] else None
    if first == second or not (1 <= first <= 12 and 1 <= second <= 12):
        # At most one reading can be a real date (30/9, 9/30); _validated rejects impossible ones (0/5, 30/31).
        return PartialDate(year, second, first) if first > 12 else PartialDate(year, first, second)
    raise AnswerFormatError(
        f"{match[0]!r} could be {first} {_month_name(second)} or {second} {_month_name(first)}: "
        "countries write dates in different orders. Write the month as a word, e.g. 30 September 2022."
    )


def _validated(date: PartialDate, original: str) -> PartialDate:
    """Return the date if it exists in the calendar, else raise an AnswerFormatError saying why not."""
    not_real = AnswerFormatError(
        f"{original.strip()!r} is not a real calendar date: months go from 1 to 12, and days from 1 to 28, 29, 30 or 31."
    )
    if not 1 <= date.month <= 12:
        raise not_real
    if date.year is not None and not 1000 <= date.year <= 2999:
        raise AnswerFormatError(f"{original.strip()!r}: write the year with four digits, e.g. 2022.")
    if not 1 <= date.day <= calendar.monthrange(date.year or _ANY_LEAP_YEAR, date.month)[1]:
        raise not_real
    return date


def _month_name(number: int) -> str:
    """The English name of a month, 1 to 12 (not calendar.month_name, which follows the locale)."""
    return _MONTH_WORDS[number - 1][0].capitalize()
