"""Time expressions in an article: find every reference to a time, and resolve it against the publication date.

News articles rarely give full dates. They write "On October 20" without a year, "on Wednesday",
"last month", "two weeks ago", or only "At the same time" and "Earlier". This module finds those
expressions in each sentence of a case (see :mod:`helpers.article`) and resolves each one, where it
can, to a date or a range, with its precision and a one-line reason a learner can check.

:func:`time_expressions` returns a tidy ``pandas.DataFrame``, one row per expression, in text order:

=================  ====================================================================================
column             meaning
=================  ====================================================================================
``sentence``       the sentence id, e.g. ``P4.S1``
``start``, ``end`` character offsets of the expression in that sentence's text (``text[start:end]``)
``text``           the expression exactly as written, e.g. ``on October 20``
``kind``           ``date`` (a calendar date, month, season or year that names itself), ``range`` (two dates, e.g.
                   ``23–27 September``), ``weekday`` (``on Wednesday``, ``last Friday``), ``relative`` (counted
                   from the publication date, ``yesterday``, ``last month``, ``two weeks ago``, ``last autumn``,
                   or from a date before it in the text, ``a week earlier``) or ``vague`` (``At the same time``)
``resolved_start`` the first day it can mean (a ``datetime.date``), or ``None`` when unresolved
``resolved_end``   the last day it can mean (the same day for a day), or ``None``
``precision``      ``day``, ``month``, ``year``, ``range`` (a stretch of days), ``approximate`` (a rounded count
                   such as "two weeks ago"), ``unresolved`` (vague, or no publication date to count from)
                   or ``invalid`` (not a real date, such as "February 30"; kept so it can be questioned)
``reason``         one line saying how it was resolved, or what a vague marker hides
=================  ====================================================================================

How the rules read a text (all are hand-written; ``benchmarks/time_expressions.py`` compares them with
the ``dateparser`` library on a labelled set):

- Month names count only when capitalised and next to a day or a year ("20 October", "Oct. 20",
  "March 2022") or after a time word ("in May", "last March"), so "it may rain" and "a march on the
  capital" are not dates; a four-digit year alone counts only after "in", "since", "until", "by",
  "before", "after" or "during", so "the 1991 borders" and "1500 boats" are not dates.
- A month and day without a year take the year from the same sentence when it names one ("next year",
  "in 2019"); otherwise the publication year, unless that date falls after publication: then the
  previous year ("December 28" in an article of 3 January), except in a sentence that speaks of the
  future before the date ("will", "next", "scheduled").
- A weekday alone ("on Wednesday") means, in news style, the most recent such day on or before
  publication; after "will" or "next" in the same sentence, the next one on or after it.
- "by Friday" and "until Friday" set a deadline: the next Friday, unless the sentence is in the past
  perfect ("had"). Words that mark the future are "will", "would", "shall", "next", "scheduled", "due",
  "is expected" ("is now expected in April"), "upcoming", "planned for", "is set to", and the timetable present ("starts", "begins",
  "opens", "ends", "expires", "takes place"); only those before the expression count.
- Holidays with a fixed date ("Christmas Eve", "New Year's Day") are dates; moveable ones (Easter) are
  not recognised.
- "a week earlier", "the next day", "the previous year" count from the nearest date the text gives before
  them, in their own sentence first ("in 2023 ... the previous year" is 2022): a day or a week from a single
  day, a month from a day or a month (giving a month), a year from any of these (giving the whole year);
  "over the past two weeks" runs back from publication.
- Seasons are three-month spans in the northern hemisphere (autumn: September to November), and the
  reason says so; "this week" is Monday to Sunday.
- Vague markers ("At the same time", "Earlier", "recently", "meanwhile") stay unresolved; their reason
  says what they hide and names the date a reader might take them for (the one in their sentence, or
  the nearest before them, and the publication day).
- The span includes the word that introduces the expression: "On October 20", "in May", "since 2014",
  "from 23 to 27 September", "last Friday".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from IPython.display import HTML, display

from helpers.answers import MONTHS, PartialDate
from helpers.article import Case, language_notice_html, load_case
from helpers.datafiles import DataFileError, read_csv
from helpers.markup import esc

COLUMNS = ("sentence", "start", "end", "text", "kind", "resolved_start", "resolved_end", "precision", "reason")
KINDS = ("date", "range", "weekday", "relative", "vague")
PRECISIONS = ("day", "month", "year", "range", "approximate", "unresolved", "invalid")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --- patterns -----------------------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|Jun\.|July?|Jul\.|Aug(?:ust|\.)?"
    r"|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![a-z])"
)
_DAY = r"(?:[0-3]?\d)(?!\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_COUNT = r"(?:\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
# Words that may introduce a date and belong to its span ("on October 20", "since 2 May", "from March 17").
_ON = r"(?:\b(?:[Oo]n|[Ff]rom|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter)\s+)?"
_SEASON_INTRO = r"(?:\b(?:in|since|during|until|by|from|over)\s+)"
_SEASON = r"spring|summer|autumn|winter|(?<=last )fall|(?<=this )fall|(?<=next )fall"
# Northern-hemisphere meteorological seasons: the month each starts in (winter runs into the next year).
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Holidays on the same date every year (moveable ones, such as Easter, are left out: they need a calendar). A
# one-word name counts only after a preposition and not before a lower-case word ("at Christmas", not "Christmas shopping").
_HOLIDAYS = {
    "Christmas Eve": (12, 24),
    "Christmas Day": (12, 25),
    "Christmas": (12, 25),
    "Boxing Day": (12, 26),
    "New Year's Eve": (12, 31),
    "New Year’s Eve": (12, 31),
    "New Year's Day": (1, 1),
    "New Year’s Day": (1, 1),
    "Valentine's Day": (2, 14),
    "Valentine’s Day": (2, 14),
    "Halloween": (10, 31),
}
_WD_PREFIX = r"(?:(?P<wd>" + _WEEKDAY + r"),?\s+)?"


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


# Each pattern is tried on every sentence; where matches overlap, the longest wins (ties: the earlier pattern).
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("iso", re.compile(r"(?<![\d-])" + _ON + r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")),
    ("numeric", re.compile(r"(?<![\d/.])" + _ON + r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")),
    (
        "day_range",
        re.compile(
            r"(?:\b(?:[Ff]rom|[Bb]etween)\s+)?\b"
            + _g("d", _DAY)
            + r"(?:\s*(?:–|—|-)\s*|\s+(?:to|until|and)\s+)"
            + _g("d2", _DAY)
            + r"\s+(?:of\s+)?"
            + _g("m", _MONTH)
            + r"(?:,?\s+"
            + _g("y", _YEAR)
            + ")?"
        ),
    ),
    (
        "month_day_range",
        re.compile(
            r"(?:\b(?:[Ff]rom|[Bb]etween)\s+)?\b"
            + _g("m", _MONTH)
            + r"\s+"
            + _g("d", _DAY)
            + r"(?:\s*(?:–|—|-)\s*|\s+(?:to|until|and)\s+)"
            + _g("d2", _DAY)
            + r"(?:,?\s+"
            + _g("y", _YEAR)
            + ")?"
        ),
    ),
    (
        "day_month",
        re.compile(
            _ON
            + _WD_PREFIX
            + r"\b(?:the\s+)?"
            + _g("d", _DAY)
            + r"\s+(?:of\s+)?"
            + _g("m", _MONTH)
            + r"(?:,?\s+"
            + _g("y", _YEAR)
            + ")?"
        ),
    ),
    (
        "month_day",
        re.compile(
            _ON + _WD_PREFIX + r"\b" + _g("m", _MONTH) + r"\s+" + _g("d", _DAY) + r"(?:,?\s+" + _g("y", _YEAR) + ")?(?![\\d,]\\d)"
        ),
    ),
    ("month_year", re.compile(r"(?:\b[Ii]n\s+)?\b" + _g("m", _MONTH) + r",?\s+" + _g("y", _YEAR))),
    (
        "month_alone",
        re.compile(
            r"\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Dd]uring|[Ff]rom|[Oo]f|[Tt]o)\s+(?:early\s+|mid-?\s*|late\s+)?"
            r"|(?P<mod>(?:[Ll]ast|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id-?)\s*))" + _g("m", _MONTH) + r"(?!\s*\d)"
        ),
    ),
    (
        "year_range",
        re.compile(
            r"\b(?:[Ff]rom|[Bb]etween)\s+"
            + _g("y", _YEAR)
            + r"(?:\s*(?:–|—|-)\s*|\s+(?:to|until|and)\s+)"
            + _g("y2", _YEAR)
            + r"(?![\d,.]\d)"
        ),
    ),
    (
        "decade",
        re.compile(
            r"(?:\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ff]rom)\s+)?\bthe\s+" + _g("y", r"1[0-9]\d0|20\d0") + r"s\b"
        ),
    ),
    (
        "season",
        re.compile(
            r"(?:" + _SEASON_INTRO + r"(?:(?P<mod>last|this|next|the)\s+)?|\b(?P<mod2>last|this|next)\s+)"
            r"(?P<season>" + _SEASON + r")(?:\s+of\s+(?P<y>" + _YEAR + r")|\s+(?P<y2>" + _YEAR + r"))?\b"
            r"|\b(?P<season2>" + _SEASON + r")(?:\s+of)?\s+(?P<y3>" + _YEAR + r")",
            re.IGNORECASE,
        ),
    ),
    ("weekend", re.compile(r"\b(?:over|at|during|on)\s+the\s+weekend\b", re.IGNORECASE)),
    (
        "year_alone",
        re.compile(
            r"\b(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Dd]uring)\s+(?:(?:early|mid-?|late)\s*)?|(?:[Ee]arly|[Mm]id-?|[Ll]ate)\s*)"
            + _g("y", _YEAR)
            + r"(?![\d,.]\d|s)"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?<!Good )(?<!Black )(?<!Ash )(?<!Cyber )(?<!Bloody )(?<!Super )(?<!Palm )(?<!Easter )(?<!Holy )"
            r"(?<!Maundy )(?<!Man )(?<!Mail )(?<!Mail on )(?:\b(?P<mod>[Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Bb]y|[Ss]ince|[Uu]ntil)\s+)?\b"
            + _g("wd", _WEEKDAY)
            + r"(?:\s+(?:morning|afternoon|evening|night))?\b"
            + r"(?!\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Observer|Independent|Star|Tribune|Night\s+Live|School))"
        ),
    ),
    (
        "holiday",
        re.compile(
            r"(?:"
            + _ON
            + r"\b(?:the\s+)?"
            + _g("holiday", "|".join(h for h in _HOLIDAYS if " " in h))
            + r"|\b(?:[Oo]n|[Aa]t|[Bb]efore|[Aa]fter|[Uu]ntil|[Bb]y|[Ss]ince|[Oo]ver|[Ff]or)\s+"
            + _g("holiday2", "|".join(h for h in _HOLIDAYS if " " not in h))
            + r"(?!\s+[a-z]))(?:,?\s+"
            + _g("y", _YEAR)
            + ")?"
        ),
    ),
    (
        "past_span",
        re.compile(
            r"\b(?:over|in|during|for|within)\s+the\s+(?:past|last)\s+(?:(?P<n>"
            + _COUNT
            + r")\s+)?(?P<unit>day|week|month|year)s?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative_day",
        re.compile(
            r"\b(?P<word>(?:the\s+day\s+before\s+)?yesterday|today|tomorrow|tonight|(?<!the\s)last\s+night"
            r"|this\s+(?:morning|afternoon|evening))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "relative_period",
        re.compile(
            r"(?:\b(?:from|since|until|by|over|during|in)\s+)?\b(?P<edge>earlier|later)?\s*(?:in\s+)?\b(?P<mod>last|this|next)\s+(?P<unit>week|weekend|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "anchored",
        re.compile(
            r"\b(?:(?P<n>" + _COUNT + r")\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|before|after)"
            r"|the\s+(?P<dir2>previous|following|next)\s+(?P<unit2>day|week|month|year)"
            r"|the\s+(?P<unit3>day|week|month|year)\s+(?P<dir3>before|after))\b",
            re.IGNORECASE,
        ),
    ),
    ("ago", re.compile(r"\b(?P<n>" + _COUNT + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    (
        "vague",
        re.compile(
            r"\b(?P<word>at\s+the\s+same\s+time|in\s+the\s+meantime|meanwhile|recently|lately|earlier|later|previously"
            r"|before\s+that|after\s+that|afterwards?|soon|at\s+the\s+time|at\s+that\s+time"
            r"|in\s+recent\s+(?:days|weeks|months|years)|within\s+(?:days|weeks|months|hours)"
            r"|in\s+the\s+(?:coming|next|past|last)\s+(?:few\s+)?(?:days|weeks|months|years)|(?:a\s+few|several)\s+(?:days|weeks|months|years)\s+ago"
            r")\b",
            re.IGNORECASE,
        ),
    ),
)
# Patterns that cannot match a sentence without a digit (skipped there: extraction time is a budget).
_NEEDS_DIGIT = frozenset(
    [
        "iso",
        "numeric",
        "day_range",
        "month_day_range",
        "day_month",
        "month_day",
        "month_year",
        "year_range",
        "decade",
        "year_alone",
    ]
)
_PRIORITY = {name: rank for rank, (name, _) in enumerate(_PATTERNS)}
_KIND_OF = {
    "iso": "date",
    "numeric": "date",
    "day_range": "range",
    "month_day_range": "range",
    "day_month": "date",
    "month_day": "date",
    "month_year": "date",
    "month_alone": "date",
    "year_range": "range",
    "decade": "date",
    "season": "relative",
    "weekend": "relative",
    "anchored": "relative",
    "year_alone": "date",
    "weekday": "weekday",
    "holiday": "date",
    "past_span": "relative",
    "relative_day": "relative",
    "relative_period": "relative",
    "ago": "relative",
    "vague": "vague",
}
# Words before an expression that put it in the future ("will return on Thursday", "The next meeting is on January 12").
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is\s+due|are\s+due|scheduled|(?:is|are)\s+(?:now\s+|still\s+)?expected|is\s+to\s+be|are\s+to\s+be"
    r"|would|next|upcoming|planned\s+for|(?:is|are)\s+set\s+to|starts|begins|opens|ends|expires|takes\s+place|take\s+place)\b",
    re.IGNORECASE,
)
# Between two dates, words that make them one range ("from 30 September to 2 October").
_RANGE_JOIN = re.compile(r"^\s*(?:–|—|-|to|until|till|through|and)\s*$")
_RANGE_OPENER = re.compile(r"\b(?:[Ff]rom|[Bb]etween)\s+$")

# What each vague marker hides, in a few words (looked up by the marker in lower case, spaces collapsed).
_VAGUE_REASONS = {
    "at the same time": "ties this sentence to another moment without saying which",
    "meanwhile": "ties this sentence to another moment without saying which",
    "in the meantime": "ties this sentence to another moment without saying which",
    "earlier": "says only that this came before something else",
    "previously": "says only that this came before something else",
    "before that": "says only that this came before something else",
    "later": "says only that this came after something else",
    "after that": "says only that this came after something else",
    "afterwards": "says only that this came after something else",
    "afterward": "says only that this came after something else",
    "recently": "says only that this was not long before publication: days, weeks or months",
    "lately": "says only that this was not long before publication: days, weeks or months",
    "soon": "says only that this is expected not long after publication",
    "within days": "says only that this is expected not long after publication",
    "within weeks": "says only that this is expected not long after publication",
    "within months": "says only that this is expected not long after publication",
    "within hours": "says only that this is expected not long after publication",
    "at the time": "points to a moment named elsewhere, or to none",
    "at that time": "points to a moment named elsewhere, or to none",
}


# --- data ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """One expression found in a sentence, before it is resolved: where it is and what its parts say."""

    sentence: str
    start: int
    end: int
    text: str
    pattern: str
    parts: dict


@dataclass(frozen=True)
class TimeExpression:
    """One row of :func:`time_expressions`: an expression, where it is, and what it resolves to."""

    sentence: str
    start: int
    end: int
    text: str
    kind: str
    resolved_start: date | None
    resolved_end: date | None
    precision: str
    reason: str


@dataclass(frozen=True)
class Resolution:
    """What one expression resolves to: first and last day (or None), precision and the reason."""

    start: date | None
    end: date | None
    precision: str
    reason: str


@dataclass(frozen=True)
class Label:
    """One row of a labelled set (see ``tests/labels/README.md``): an expression and what it should resolve to."""

    case: str
    sentence: str
    text: str
    kind: str
    start: date | None
    end: date | None
    precision: str
    note: str


# --- finding ------------------------------------------------------------------------------------------


def find_in_sentence(sentence_id: str, text: str) -> list[Found]:
    """Every time expression in one sentence, in text order, overlaps removed and date pairs joined into ranges."""
    has_digit = any(char.isdigit() for char in text)
    candidates = [
        Found(sentence_id, m.start(), m.end(), m.group(0), name, {k: v for k, v in m.groupdict().items() if v is not None})
        for name, pattern in _PATTERNS
        if has_digit or name not in _NEEDS_DIGIT
        for m in pattern.finditer(text)
    ]
    candidates = [_trimmed(c) for c in candidates if c.text.strip()]
    return _join_ranges(_without_overlaps(candidates), text)


def _trimmed(found: Found) -> Found:
    """Drop white space the patterns' optional parts may leave at the edges."""
    stripped = found.text.strip()
    offset = found.text.index(stripped)
    return replace(found, start=found.start + offset, end=found.start + offset + len(stripped), text=stripped)


def _without_overlaps(candidates: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for found in sorted(candidates, key=lambda f: (-(f.end - f.start), _PRIORITY[f.pattern], f.start)):
        if all(found.end <= k.start or found.start >= k.end for k in kept):
            kept.append(found)
    return sorted(kept, key=lambda f: f.start)


def _join_ranges(found: list[Found], text: str) -> list[Found]:
    """Join "30 September to 2 October" (two dates with "to", "–" or "and" between them) into one range."""
    joined: list[Found] = []
    for item in found:
        previous = joined[-1] if joined else None
        if previous and _joinable(previous, item, text):
            opener = _RANGE_OPENER.search(text[: previous.start])
            start = opener.start() if opener else previous.start
            parts = {
                "first": previous.parts,
                "second": item.parts,
                "first_pattern": previous.pattern,
                "second_pattern": item.pattern,
            }
            joined[-1] = Found(item.sentence, start, item.end, text[start : item.end], "date_pair", parts)
        else:
            joined.append(item)
    return joined


def _joinable(first: Found, second: Found, text: str) -> bool:
    dates = ("day_month", "month_day", "iso", "month_year", "year_alone")
    if first.pattern not in dates or second.pattern not in dates:
        return False
    between = text[first.end : second.start]
    if not _RANGE_JOIN.match(between):
        return False
    return "and" not in between or bool(_RANGE_OPENER.search(text[: first.start]))


# --- resolving ----------------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """A date in words, e.g. ``20 October 2022`` (the course's one way of writing dates)."""
    return str(PartialDate(day.year, day.month, day.day))


def _month_name(month: int) -> str:
    """The English name of a month, 1 to 12, as answers.PartialDate writes it."""
    return str(PartialDate(None, month, 1)).split()[1]


def _month_words(year: int, month: int) -> str:
    return f"{_month_name(month)} {year}"


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day_number(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))


def _real_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _impossible(text: str, month: int, day: int, year: int | None) -> Resolution:
    if 1 <= month <= 12:
        name = _month_name(month)
        days = calendar.monthrange(year or 2001, month)[1]
        extra = " (29 in a leap year)" if month == 2 and not year else ""
        why = f"{name} has {days} days{extra}" + (f" in {year}" if year else "")
    else:
        why = "months go from 1 to 12"
    return Resolution(None, None, "invalid", f"'{text}' is not a real date: {why}; check the source.")


@dataclass(frozen=True)
class Context:
    """What a resolution may use besides the expression: the publication date, and the sentence around it."""

    published: date | None
    sentence: str
    start: int
    sentence_year: int | None

    @property
    def future(self) -> bool:
        return bool(_FUTURE_CUE.search(self.sentence[: self.start]))

    @property
    def past(self) -> bool:
        """Whether the sentence is in the past perfect ("had"), which turns "by Friday" into a past deadline."""
        return bool(re.search(r"\bhad\b", self.sentence, re.IGNORECASE))


def _no_publication(text: str) -> Resolution:
    return Resolution(
        None,
        None,
        "unresolved",
        f"'{text}' needs the publication date, and case.json has no valid one ('published', YYYY-MM-DD).",
    )


def _infer_year(month: int, day: int, ctx: Context, what: str) -> tuple[int | None, str]:
    """The year of a month and day written without one, and why."""
    if ctx.sentence_year:
        return ctx.sentence_year, f"{what} has no year; the same sentence names {ctx.sentence_year}, so {ctx.sentence_year}"
    pub = ctx.published
    if pub is None:
        return None, ""
    in_pub_year = _real_date(pub.year, month, min(day, 28 if month == 2 else day)) or date(pub.year, month, 1)
    if in_pub_year <= pub:
        if ctx.future and in_pub_year < pub:
            year = pub.year + 1
            return year, (
                f"{what} has no year; the sentence speaks of the future before it, and in {pub.year} it would come "
                f"before the publication date {long_date(pub)}, so {year}"
            )
        if in_pub_year == pub:
            return pub.year, f"{what} has no year; in {pub.year} it is the publication day itself, so {pub.year}"
        return pub.year, f"{what} has no year; it comes before the publication date {long_date(pub)}, so {pub.year}"
    if ctx.future:
        return pub.year, (
            f"{what} has no year; it comes after the publication date {long_date(pub)}, and the sentence speaks of the "
            f"future before it, so {pub.year}"
        )
    year = pub.year - 1
    return year, (
        f"{what} has no year; in {pub.year} it would come after the publication date {long_date(pub)}, "
        f"so it belongs to the previous year, {year}"
    )


def _core(text: str) -> str:
    """The expression without a leading "on" or "from", as a reason quotes it."""
    return re.sub(r"^(?:on|in|from|between|since|until|by|before|after|to|over|during)\s+", "", text, flags=re.IGNORECASE)


def _resolve_day(text: str, parts: dict, ctx: Context) -> Resolution:
    month, day = _month_number(parts["m"]), _day_number(parts["d"])
    what = f"'{_core(text)}'"
    year = int(parts["y"]) if "y" in parts else None
    reason = f"{what} is a full date"
    if year is None:
        year, reason = _infer_year(month, day, ctx, what)
        if year is None:
            return _impossible(text, month, day, None) if not _real_date(2000, month, day) else _no_publication(text)
    found = _real_date(year, month, day)
    if found is None:
        return _impossible(text, month, day, year)
    return Resolution(found, found, "day", _weekday_check(found, parts, f"{reason}: {long_date(found)}") + ".")


def _weekday_check(found: date, parts: dict, reason: str) -> str:
    if "wd" not in parts or WEEKDAYS[found.weekday()] == parts["wd"]:
        return reason
    return f"{reason}; but {long_date(found)} was a {WEEKDAYS[found.weekday()]}, not a {parts['wd']}: check which is right"


def _resolve_iso(text: str, parts: dict, ctx: Context) -> Resolution:
    year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
    found = _real_date(year, month, day)
    if found is None:
        return _impossible(text, month, day, year)
    return Resolution(found, found, "day", f"{text.split()[-1]} is a full date in year-month-day form: {long_date(found)}.")


def _resolve_numeric(text: str, parts: dict, ctx: Context) -> Resolution:
    a, b, year = int(parts["a"]), int(parts["b"]), int(parts["y"])
    if a > 12 and b <= 12:
        return _resolve_iso(text, {"y": year, "m": b, "d": a}, ctx)
    if b > 12 and a <= 12:
        return _resolve_iso(text, {"y": year, "m": a, "d": b}, ctx)
    if a > 12 and b > 12:
        return _impossible(text, 13, 1, year)
    return Resolution(
        None, None, "unresolved", f"'{text}' could be day/month or month/day: countries write dates in different orders."
    )


def _resolve_month(text: str, parts: dict, ctx: Context) -> Resolution:
    month = _month_number(parts["m"])
    name = _month_name(month)
    if "y" in parts:
        year, reason = int(parts["y"]), f"'{_core(text)}' names a month"
    else:
        year, reason = _month_year(month, name, parts.get("mod", "").strip().lower().rstrip("-"), ctx)
        if year is None:
            return _no_publication(text)
    last = calendar.monthrange(year, month)[1]
    return Resolution(date(year, month, 1), date(year, month, last), "month", f"{reason}: {_month_words(year, month)}.")


def _month_year(month: int, name: str, mod: str, ctx: Context) -> tuple[int | None, str]:
    if ctx.sentence_year:
        return ctx.sentence_year, f"{name} has no year; the same sentence names {ctx.sentence_year}"
    pub = ctx.published
    if pub is None:
        return None, ""
    if mod == "next" or (ctx.future and mod != "last"):
        year = pub.year if month > pub.month else pub.year + 1
        return year, f"{name} has no year; the sentence speaks of the future, so the first {name} after publication"
    if mod == "last" or month > pub.month:
        year = pub.year if month < pub.month else pub.year - 1
        return year, f"{name} has no year; the most recent {name} before the publication date {long_date(pub)}"
    return pub.year, f"{name} has no year; the most recent {name} up to the publication date {long_date(pub)}"


def _resolve_year(text: str, parts: dict, ctx: Context) -> Resolution:
    year = int(parts["y"])
    part = re.search(r"early|mid|late", text, re.IGNORECASE)
    which = f" (the text says only '{part[0].lower()}' in it, so the whole year)" if part else ""
    return Resolution(date(year, 1, 1), date(year, 12, 31), "year", f"'{text}' names a year{which}: {year}.")


def _resolve_year_range(text: str, parts: dict, ctx: Context) -> Resolution:
    start, end = _resolve_year(text, parts, ctx), _resolve_year(text, {"y": parts["y2"]}, ctx)
    return _span(text, start, end, f"'{_core(text)}' runs from one year to another")


def _resolve_decade(text: str, parts: dict, ctx: Context) -> Resolution:
    first = int(parts["y"])
    return Resolution(
        date(first, 1, 1), date(first + 9, 12, 31), "range", f"'{_core(text)}' is a decade: {first} to {first + 9}."
    )


def _season_span(season: str, year: int) -> tuple[date, date]:
    """A season of a year: three months from its start month (winter: December to February of the next year)."""
    first = _SEASON_START[season]
    last_year, last_month = (year + 1, 2) if first == 12 else (year, first + 2)
    return date(year, first, 1), date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])


def _resolve_season(text: str, parts: dict, ctx: Context) -> Resolution:
    season = (parts.get("season") or parts["season2"]).lower()
    year = parts.get("y") or parts.get("y2") or parts.get("y3")
    mod = (parts.get("mod") or parts.get("mod2") or "").lower()
    assumption = "taking seasons as three-month spans in the northern hemisphere"
    if year:
        start, end = _season_span(season, int(year))
        return Resolution(
            start, end, "range", f"'{_core(text)}' names a season of {year}, {assumption}: {_range_words(start, end)}."
        )
    if ctx.published is None:
        return _no_publication(text)
    start, end, which = _pick_season(season, mod, ctx)
    return Resolution(
        start, end, "range", f"'{_core(text)}' is {which} ({long_date(ctx.published)}), {assumption}: {_range_words(start, end)}."
    )


def _pick_season(season: str, mod: str, ctx: Context) -> tuple[date, date, str]:
    pub = ctx.published
    spans = [_season_span(season, year) for year in range(pub.year - 2, pub.year + 2)]
    if mod == "last":
        return (*max(s for s in spans if s[1] < pub), f"the last {season} before publication")
    current = [s for s in spans if s[0] <= pub <= s[1]]
    if current and mod != "next":
        return (*current[0], f"the {season} of publication")
    if mod in ("next", "this") or ctx.future:
        return (*min(s for s in spans if s[0] > pub), f"the next {season} after publication")
    return (*max(s for s in spans if s[0] <= pub), f"the most recent {season} before publication")


def _resolve_weekend(text: str, parts: dict, ctx: Context) -> Resolution:
    pub = ctx.published
    if pub is None:
        return _no_publication(text)
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
    if ctx.future and pub.weekday() < 5:
        saturday += timedelta(days=7)
    which = "the next weekend from" if ctx.future else "the most recent weekend up to"
    sunday = saturday + timedelta(days=1)
    return Resolution(
        saturday, sunday, "range", f"'{text}' is {which} publication ({long_date(pub)}): {_range_words(saturday, sunday)}."
    )


def _resolve_anchored_later(text: str, parts: dict, ctx: Context) -> Resolution:
    """Resolved after the whole text is read, from the date before it (see :func:`_resolve_anchors`)."""
    return Resolution(None, None, "unresolved", f"'{text}' counts from another date, and the text gives none before it.")


def _resolve_range(text: str, parts: dict, ctx: Context) -> Resolution:
    first = {"m": parts["m"], "d": parts["d"], **({"y": parts["y"]} if "y" in parts else {})}
    start = _resolve_day(text, first, ctx)
    if start.start is None:
        return start
    end = _resolve_day(text, {**first, "d": parts["d2"], "y": str(start.start.year)}, ctx)
    return _span(text, start, end, start.reason.split(":")[0])


def _span(text: str, start: Resolution, end: Resolution, reason: str) -> Resolution:
    """A range from two resolved ends, refused when either is not a date or the end comes first."""
    for part in (start, end):
        if part.start is None:
            return part
    if end.end < start.start:
        return Resolution(None, None, "invalid", f"'{text}' ends before it starts; check the source.")
    return Resolution(start.start, end.end, "range", f"{reason}: {_range_words(start.start, end.end)}.")


def _resolve_pair(text: str, parts: dict, ctx: Context) -> Resolution:
    """Two dates joined into a range; a year given on one side only is shared ("30 September to 2 October 2022")."""
    first, second = dict(parts["first"]), dict(parts["second"])
    if "y" in second and "y" not in first:
        first["y"] = second["y"]
    elif "y" in first and "y" not in second:
        second["y"] = first["y"]
    start = _resolve_found(text, parts["first_pattern"], first, ctx)
    end = _resolve_found(text, parts["second_pattern"], second, ctx)
    return _span(text, start, end, f"'{_core(text)}' runs from one date to another")


def _range_words(start: date, end: date) -> str:
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{long_date(start).rsplit(' ', 1)[0]} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def _resolve_weekday(text: str, parts: dict, ctx: Context) -> Resolution:
    pub = ctx.published
    if pub is None:
        return _no_publication(text)
    wanted = WEEKDAYS.index(parts["wd"])
    mod = parts.get("mod", "on").lower()
    back = (pub.weekday() - wanted) % 7
    ahead = (wanted - pub.weekday()) % 7
    day_name = f"{WEEKDAYS[pub.weekday()]} {long_date(pub)}"
    if mod == "last":
        found = pub - timedelta(days=back or 7)
        how = f"'{text}' is the most recent {parts['wd']} before publication ({day_name})"
    elif mod == "next":
        found = pub + timedelta(days=ahead or 7)
        how = f"'{text}' is the first {parts['wd']} after publication ({day_name})"
    elif mod == "this":
        found = pub - timedelta(days=pub.weekday()) + timedelta(days=wanted)
        how = f"'{text}' is the {parts['wd']} of the publication week ({day_name})"
    elif ctx.future or (mod in ("by", "until") and not ctx.past):
        found = pub + timedelta(days=ahead)
        cue = "sets a deadline" if mod in ("by", "until") and not ctx.future else "follows words about the future"
        how = f"'{text}' {cue}, so the next {parts['wd']} on or after publication ({day_name})"
    else:
        found = pub - timedelta(days=back)
        how = f"'{text}' in news style means the most recent {parts['wd']} on or before publication ({day_name})"
    return Resolution(found, found, "day", f"{how}: {long_date(found)}.")


def _resolve_holiday(text: str, parts: dict, ctx: Context) -> Resolution:
    name = parts.get("holiday") or parts["holiday2"]
    month, day = _HOLIDAYS[name]
    named = {"m": _month_name(month), "d": str(day), **({"y": parts["y"]} if "y" in parts else {})}
    found = _resolve_day(text, named, ctx)
    return replace(found, reason=f"{name} is {day} {_month_name(month)}; " + found.reason)


def _resolve_past_span(text: str, parts: dict, ctx: Context) -> Resolution:
    pub = ctx.published
    if pub is None:
        return _no_publication(text)
    count = (parts.get("n") or "one").lower()
    n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    unit = parts["unit"].lower()
    if unit in ("day", "week"):
        start = pub - timedelta(days=n * (7 if unit == "week" else 1))
    else:
        months = n * (12 if unit == "year" else 1)
        year, month = divmod(pub.year * 12 + pub.month - 1 - months, 12)
        start = date(year, month + 1, min(pub.day, calendar.monthrange(year, month + 1)[1]))
    return Resolution(
        start, pub, "range", f"'{text}' runs back from the publication date {long_date(pub)}: {_range_words(start, pub)}."
    )


def _resolve_relative_day(text: str, parts: dict, ctx: Context) -> Resolution:
    pub = ctx.published
    if pub is None:
        return _no_publication(text)
    word = " ".join(parts["word"].lower().split())
    offset = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    found = pub + timedelta(days=offset)
    how = {0: "is the publication day", -1: "is the day before publication", 1: "is the day after publication"}
    return Resolution(found, found, "day", f"'{text}' {how.get(offset, 'is two days before publication')}: {long_date(found)}.")


def _resolve_period(text: str, parts: dict, ctx: Context) -> Resolution:
    pub = ctx.published
    if pub is None:
        return _no_publication(text)
    unit, mod = parts["unit"].lower(), parts["mod"].lower()
    step = {"last": -1, "this": 0, "next": 1}[mod]
    start, end = _period(pub, unit, step)
    edge = (parts.get("edge") or "").lower()
    if edge == "earlier":
        end = min(end, pub)
    elif edge == "later":
        start = max(start, pub)
    precision = {"month": "month", "year": "year"}.get(unit, "range") if not edge else "range"
    words = {"month": _month_words(start.year, start.month), "year": str(start.year)}.get(unit) if not edge else None
    when = words or _range_words(start, end)
    return Resolution(start, end, precision, f"'{text}' counts from the publication date {long_date(pub)}: {when}.")


def _period(pub: date, unit: str, step: int) -> tuple[date, date]:
    """The week (Monday to Sunday), weekend, month or year ``step`` units from the one holding ``pub``."""
    if unit in ("week", "weekend"):
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        return (
            (monday + timedelta(days=5), monday + timedelta(days=6))
            if unit == "weekend"
            else (monday, monday + timedelta(days=6))
        )
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + step
        year, month = divmod(index, 12)
        return date(year, month + 1, 1), date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return date(pub.year + step, 1, 1), date(pub.year + step, 12, 31)


def _resolve_ago(text: str, parts: dict, ctx: Context) -> Resolution:
    pub = ctx.published
    if pub is None:
        return _no_publication(text)
    count = parts["n"].lower()
    n = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    unit = parts["unit"].lower()
    if unit in ("day", "week"):
        found = pub - timedelta(days=n * (7 if unit == "week" else 1))
        precision = "day" if unit == "day" else "approximate"
        when = long_date(found) if unit == "day" else f"about {long_date(found)} (such counts are often rounded)"
        return Resolution(
            found, found, precision, f"'{text}' counts back {(pub - found).days} days from {long_date(pub)}: {when}."
        )
    start, end = _period(pub, unit, -n)
    return Resolution(
        start,
        end,
        unit,
        f"'{text}' counts back {n} {unit}(s) from {long_date(pub)}: {_month_words(start.year, start.month) if unit == 'month' else start.year}.",
    )


def _resolve_vague(text: str, parts: dict, ctx: Context) -> Resolution:
    key = " ".join(parts["word"].lower().split())
    hides = _VAGUE_REASONS.get(key) or _vague_reason(key)
    return Resolution(None, None, "unresolved", f"'{text}' gives no date: it {hides}.")


def _vague_reason(key: str) -> str:
    if key.endswith("ago") or key.startswith(("in recent", "in the past", "in the last")):
        return "gives no number to count back from publication"
    if key.startswith(("in the coming", "in the next")):
        return "gives no number to count on from publication"
    return "counts from another event, not from the publication date, and does not name it"


_RESOLVERS = {
    "iso": _resolve_iso,
    "numeric": _resolve_numeric,
    "day_range": _resolve_range,
    "month_day_range": _resolve_range,
    "day_month": _resolve_day,
    "month_day": _resolve_day,
    "month_year": _resolve_month,
    "month_alone": _resolve_month,
    "year_range": _resolve_year_range,
    "decade": _resolve_decade,
    "season": _resolve_season,
    "weekend": _resolve_weekend,
    "anchored": _resolve_anchored_later,
    "year_alone": _resolve_year,
    "weekday": _resolve_weekday,
    "holiday": _resolve_holiday,
    "past_span": _resolve_past_span,
    "relative_day": _resolve_relative_day,
    "relative_period": _resolve_period,
    "ago": _resolve_ago,
    "vague": _resolve_vague,
    "date_pair": _resolve_pair,
}


def _resolve_found(text: str, pattern: str, parts: dict, ctx: Context) -> Resolution:
    return _RESOLVERS[pattern](text, parts, ctx)


def _kind(found: Found) -> str:
    if found.pattern == "date_pair":
        return "range"
    if found.pattern == "season" and any(found.parts.get(key) for key in ("y", "y2", "y3")):
        return "date"  # "the autumn of 2023" names its year; "last autumn" counts from publication
    return _KIND_OF[found.pattern]


def _sentence_year(found: list[Found], published: date | None) -> int | None:
    """The one year a sentence names ("in 2019", "next year"), which its year-less dates then share."""
    years = set()
    for item in found:
        if item.pattern in ("year_alone", "month_year", "iso", "day_month", "month_day") and "y" in item.parts:
            years.add(int(item.parts["y"]))
        elif (
            item.pattern == "relative_period"
            and item.parts["unit"].lower() == "year"
            and not item.parts.get("edge")
            and published
        ):
            years.add(published.year + {"last": -1, "this": 0, "next": 1}[item.parts["mod"].lower()])
    return years.pop() if len(years) == 1 else None


_BOUNDS = {
    "before": "the event comes some time before this",
    "after": "the event comes some time after this",
    "since": "the event runs from this to the time of writing",
    "until": "the event runs up to this",
    "by": "the event comes no later than this",
}


def _with_bound(item: Found, res: Resolution) -> Resolution:
    """Say so when a word before the date makes it a bound ("before Christmas", "since 2018"), not the event's time."""
    word = item.text.split()[0].lower()
    if word not in _BOUNDS or item.pattern == "weekday" or res.start is None:
        return res
    return replace(res, reason=f"{res.reason.rstrip('.')}; '{word}': {_BOUNDS[word]}.")


def resolve_sentence(sentence_id: str, text: str, published: date | None) -> list[TimeExpression]:
    """Find and resolve the time expressions of one sentence against a publication date (or ``None``)."""
    found = find_in_sentence(sentence_id, text)
    year = _sentence_year(found, published)
    rows = []
    for item in found:
        ctx = Context(published, text, item.start, year)
        res = _with_bound(item, _resolve_found(item.text, item.pattern, item.parts, ctx))
        rows.append(
            TimeExpression(
                sentence_id, item.start, item.end, item.text, _kind(item), res.start, res.end, res.precision, res.reason
            )
        )
    return rows


# --- the whole article --------------------------------------------------------------------------------


def publication_date(case: Case) -> date | None:
    """:attr:`Case.published`, or ``None`` if it is missing or unreadable (a case built in memory, e.g. from pasted text)."""
    try:
        return case.published
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def find_time_expressions(case: Case, published: date | None = None) -> list[TimeExpression]:
    """Every time expression in the case's sentences, resolved, in text order (see :func:`time_expressions`)."""
    pub = published or publication_date(case)
    rows = [row for s in case.sentences for row in resolve_sentence(s.id, s.text, pub)]
    return _explain_vague(_resolve_anchors(rows), pub)


_ANCHOR_STEP = re.compile(r"(?P<n>\w+)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|before|after)", re.IGNORECASE)


def _resolve_anchors(rows: list[TimeExpression]) -> list[TimeExpression]:
    """Resolve "a week earlier", "the previous year" from a date the text gives before them (see :func:`_anchor_for`)."""
    resolved: list[TimeExpression] = []
    for row in rows:
        step = _anchor_step(row.text) if row.precision == "unresolved" and row.kind == "relative" else None
        anchor = _anchor_for(row, resolved, step[1]) if step else None
        if anchor is not None:
            row = _from_anchor(row, anchor)
        resolved.append(row)
    return resolved


# The anchors each unit can count from: a day or a week from a single day; a month from a day or a month; a
# year from a day, a month or a year ("in 2023 ... the previous year" is 2022).
_ANCHOR_PRECISIONS = {
    "day": ("day", "approximate"),
    "week": ("day", "approximate"),
    "month": ("day", "approximate", "month"),
    "year": ("day", "approximate", "month", "year"),
}


def _anchor_for(row: TimeExpression, before: list[TimeExpression], unit: str) -> TimeExpression | None:
    """The date a step counts from: the nearest one before it in its own sentence, else the nearest one before it."""
    usable = [
        r
        for r in before
        if r.resolved_start is not None
        and r.precision in _ANCHOR_PRECISIONS[unit]
        and (r.precision != "approximate" or r.resolved_start == r.resolved_end)
    ]
    same = [r for r in usable if r.sentence == row.sentence]
    return (same or usable or [None])[-1]


def _anchor_step(text: str) -> tuple[int, str] | None:
    """How far and in which unit an anchored expression moves: ("a week earlier") -> (-1, "week")."""
    words = text.lower().split()
    match = _ANCHOR_STEP.search(text)
    count = match["n"].lower() if match else ""
    n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
    if match and n:  # "two weeks later"; "the year before" falls through to the words below
        sign = -1 if match["dir"].lower() in ("earlier", "before") else 1
        return sign * n, match["unit"].lower()
    unit = next((w for w in words if w in ("day", "week", "month", "year")), None)
    sign = -1 if {"previous", "before"} & set(words) else 1
    return (sign, unit) if unit else None


def _from_anchor(row: TimeExpression, anchor: TimeExpression) -> TimeExpression:
    """A step from the anchor; a year step gives the whole year, a month step from a month the whole month."""
    steps, unit = _anchor_step(row.text)
    day = anchor.resolved_start
    counts = f"'{row.text}' counts from the date before it in the text, '{anchor.text}' ({anchor.sentence})"
    if unit in ("day", "week"):
        found = day + timedelta(days=steps * (7 if unit == "week" else 1))
        about = "" if unit == "day" else "about "
        precision = "day" if unit == "day" else "approximate"
        return replace(
            row, resolved_start=found, resolved_end=found, precision=precision, reason=f"{counts}: {about}{long_date(found)}."
        )
    if unit == "year":
        year = day.year + steps
        start, end = date(year, 1, 1), date(year, 12, 31)
        return replace(row, resolved_start=start, resolved_end=end, precision="year", reason=f"{counts}: {year}.")
    year, month = divmod(day.year * 12 + day.month - 1 + steps, 12)
    start = date(year, month + 1, 1)
    end = date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    reason = f"{counts}: {_month_words(year, month + 1)}."
    return replace(row, resolved_start=start, resolved_end=end, precision="month", reason=reason)


def _explain_vague(rows: list[TimeExpression], pub: date | None) -> list[TimeExpression]:
    """Add to each vague marker's reason the date a reader might take it for: its sentence's, or the nearest before it."""
    dated = [row for row in rows if row.resolved_start is not None]
    explained = []
    for index, row in enumerate(rows):
        if row.kind == "vague":
            same = next((d for d in dated if d.sentence == row.sentence), None)
            before = next((d for d in reversed(rows[:index]) if d.resolved_start is not None), None)
            row = replace(row, reason=row.reason.rstrip(".") + _nearest_hint(same, before, pub) + ".")
        explained.append(row)
    return explained


def _nearest_hint(same: TimeExpression | None, before: TimeExpression | None, pub: date | None) -> str:
    if same is not None:
        return f"; this sentence gives a date itself, '{same.text}' ({_when(same)})"
    publication = f"the publication day, {long_date(pub)}" if pub else ""
    if before is not None:
        hint = f"; the nearest date before it is '{before.text}' ({before.sentence}, {_when(before)})"
        return hint + (f", and a reader could also take it for {publication}" if pub else "")
    return f"; a reader could take it for {publication}" if pub else ""


def _when(row: TimeExpression) -> str:
    if row.resolved_start is None:
        return "unresolved"
    if row.resolved_start == row.resolved_end:
        return long_date(row.resolved_start)
    if row.precision == "month":
        return _month_words(row.resolved_start.year, row.resolved_start.month)
    if row.precision == "year":
        return str(row.resolved_start.year)
    return _range_words(row.resolved_start, row.resolved_end)


def time_expressions(case: Case, published: date | str | None = None) -> pd.DataFrame:
    """A table of every time expression in the case, one row per expression (columns in the module docstring).

    ``published`` overrides case.json's publication date (a ``date`` or ``YYYY-MM-DD``). Without a valid
    publication date, explicit dates with a year are still resolved; the rest are listed as unresolved,
    with a reason saying so.
    """
    pub = _as_date(published) if isinstance(published, str) else published
    rows = find_time_expressions(case, pub)
    return pd.DataFrame([[getattr(r, c) for c in COLUMNS] for r in rows], columns=list(COLUMNS))


def _as_date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"published={value!r} is not a date in YYYY-MM-DD form, e.g. 2022-11-01") from None


# --- display ------------------------------------------------------------------------------------------


def time_expressions_html(case: Case, table: pd.DataFrame | None = None) -> str:
    """An HTML table of the time expressions: the sentence with the expression marked, kind, date, precision, reason."""
    table = time_expressions(case) if table is None else table
    if table.empty:
        return '<p class="ml-time-expressions">No time expressions were found in this article.</p>'
    head = "".join(
        f'<th scope="col" style="padding:0.2em 0.5em;border-bottom:1px solid #888">{esc(h)}</th>'
        for h in ("Sentence", "Where in the text", "Kind", "Resolved to", "Precision", "Why")
    )
    body = "".join(_html_row(case, row) for row in table.itertuples(index=False))
    return (
        '<table class="ml-time-expressions" style="border-collapse:collapse;text-align:left">'
        f"<caption>Time expressions found in the article: {esc(case.title)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _html_row(case: Case, row) -> str:
    sentence = case.passage(row.sentence)
    marked = f"{esc(sentence[: row.start])}<mark>{esc(sentence[row.start : row.end])}</mark>{esc(sentence[row.end :])}"
    resolved = "—" if row.resolved_start is None else _when(TimeExpression(*row))
    cells = (esc(row.sentence), marked, esc(row.kind), esc(resolved), esc(row.precision), esc(row.reason))
    styles = ["", "", "", "white-space:nowrap;", "", ""]
    tds = (
        f'<td style="{style}vertical-align:top;padding:0.2em 0.5em">{cell}</td>'
        for style, cell in zip(styles, cells, strict=True)
    )
    return "<tr>" + "".join(tds) + "</tr>"


def show_time_expressions(case: Case, table: pd.DataFrame | None = None) -> None:
    """Display the case's time expressions in a notebook, each sentence with its expression highlighted."""
    display(HTML(language_notice_html(case, "time references") + time_expressions_html(case, table)))


# --- labelled sets ------------------------------------------------------------------------------------

LABEL_COLUMNS = ("case", "sentence", "text", "kind", "start", "end", "precision")
LABEL_KINDS = (*KINDS, "not_a_date")
LABEL_OPTIONAL = ("sentence", "text", "kind", "start", "end", "precision", "note")


def read_labels(path: Path, cases: dict[str, Case]) -> list[Label]:
    """Read and check a labelled set of time expressions (schema in ``tests/labels/README.md``).

    Every row must name a case in ``cases``, a sentence of it, text that occurs in that sentence, a known
    kind and precision, and dates in ``YYYY-MM-DD`` form with the end not before the start.
    """
    rows = read_csv(path, required=("case", "sentence", "text", "kind"), optional=("start", "end", "precision", "note"))
    return [_label(path, number, row, cases) for number, row in enumerate(rows, start=2)]


def labelled_cases(path: Path, extra_folders: tuple[Path, ...] = ()) -> dict[str, Case]:
    """Load every case a labelled set names: from ``extra_folders`` (e.g. ``tests/cases``) if there, else from seeds."""
    names = dict.fromkeys(row["case"] for row in read_csv(path, required=("case",), optional=LABEL_OPTIONAL))
    folders = {name: next((f / name for f in extra_folders if (f / name).is_dir()), name) for name in names}
    return {name: load_case(folder) for name, folder in folders.items()}


def _label(path: Path, number: int, row: dict, cases: dict[str, Case]) -> Label:
    case = cases.get(row["case"])
    if case is None:
        raise DataFileError(path, f"unknown case {row['case']!r}; known: {', '.join(sorted(cases))}", row=number, field="case")
    if not case.has_ref(row["sentence"]) or "." not in row["sentence"]:
        raise DataFileError(path, f"{row['sentence']!r} is not a sentence id of case {case.id!r}", row=number, field="sentence")
    if row["text"] not in case.passage(row["sentence"]):
        raise DataFileError(path, f"{row['text']!r} does not occur in sentence {row['sentence']}", row=number, field="text")
    if row["kind"] not in LABEL_KINDS:
        raise DataFileError(
            path, f"unknown kind {row['kind']!r}; expected one of {', '.join(LABEL_KINDS)}", row=number, field="kind"
        )
    start, end = _label_date(path, number, row, "start"), _label_date(path, number, row, "end")
    if start and end and end < start:
        raise DataFileError(path, f"the end {end} is before the start {start}", row=number, field="end")
    precision = row.get("precision", "")
    if row["kind"] != "not_a_date" and precision not in PRECISIONS:
        raise DataFileError(
            path, f"unknown precision {precision!r}; expected one of {', '.join(PRECISIONS)}", row=number, field="precision"
        )
    return Label(row["case"], row["sentence"], row["text"], row["kind"], start, end, precision, row.get("note", ""))


def _label_date(path: Path, number: int, row: dict, field: str) -> date | None:
    value = row.get(field, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(path, f"{value!r} is not a date in YYYY-MM-DD form", row=number, field=field) from None


def label_span(label: Label, case: Case) -> tuple[int, int]:
    """Where a label's text is in its sentence (its first occurrence)."""
    start = case.passage(label.sentence).index(label.text)
    return start, start + len(label.text)
