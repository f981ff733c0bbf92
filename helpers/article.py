"""The article under study: loading a case folder, checking its text, and naming its parts.

A case folder (see ``seeds/README.md``) holds one article and the data the lessons use with it. This
module loads the folder's ``case.json`` and text, refuses a text that no longer matches its checksum,
and splits the text into paragraphs (``P1``, ``P2``, ...) and sentences (``P1.S1``, ``P1.S2``, ...).
Those ids are how lessons, exercises and data files point at the text, so the splitting rules below
are deliberately simple and stable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from IPython.display import HTML, display

from helpers.datafiles import DataFileError, Problem, decode_text, raise_problems, read_bytes, read_json
from helpers.markup import esc
from helpers.progress import own_cases_folder
from helpers.schema import (
    CONFIDENCE_LEVELS,
    Context,
    Field,
    check_record,
    full_date,
    language_code,
    matches,
    unknown_sources,
    url,
)

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
DEFAULT_CASE = "medvedev-zimbabwe-2022"

# Titles before a name that end with a full stop ("Dr. Priya Menon"): never the end of a sentence, nor a name.
TITLES = frozenset(["mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev"])
# Words that end with a full stop but do not end a sentence (compared in lower case, without the stop).
ABBREVIATIONS = TITLES | frozenset(
    [
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "approx",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "ca",
        "cf",
        "al",
        "dept",
        "est",
        "vol",
        "pp",
    ]
)
NUMBER_ABBREVIATIONS = frozenset(["no"])
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, with its stable id such as ``P3.S1``."""

    id: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article, with its id such as ``P3`` and its sentences."""

    id: str
    number: int
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Case:
    """A case study: the article's metadata from ``case.json``, its text and its parts."""

    id: str
    folder: Path
    meta: dict
    text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def published(self) -> dt.date:
        """The text's publication date (``published`` in case.json), against which lessons resolve dates."""
        return dt.date.fromisoformat(self.meta["published"])

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @cached_property
    def _texts(self) -> dict[str, str]:
        """Every paragraph and sentence id with its text, so that looking one up takes no time."""
        texts = {p.id: p.text for p in self.paragraphs}
        texts.update((s.id, s.text) for s in self.sentences)
        return texts

    def passage(self, ref: str) -> str:
        """Return the text of a paragraph (``P3``) or a sentence (``P3.S1``)."""
        try:
            return self._texts[ref]
        except (KeyError, TypeError):
            raise KeyError(
                f"{ref!r} is not a paragraph or sentence id of case {self.id!r}; ids look like 'P3' or 'P3.S1'"
            ) from None

    def has_ref(self, ref: str) -> bool:
        return isinstance(ref, str) and ref in self._texts

    def has_sentence(self, ref: str) -> bool:
        return self.has_ref(ref) and ".S" in ref


def find_case_folder(case: str | Path) -> Path:
    """Return the folder of a case given its name or a path to a folder.

    A name is looked up in ``seeds/`` (the course's cases), then in the learner's own cases
    (:func:`helpers.progress.own_cases_folder`, where ``helpers.new_case`` creates them). A new case never takes
    a name either place already has, so a name finds one folder.
    """
    candidate = Path(case)
    if candidate.is_dir():
        return candidate
    for folder in case_folders():
        named = folder / str(case)
        if named.is_dir():
            return named
    known = [
        p.name for folder in case_folders() if folder.is_dir() for p in sorted(folder.iterdir()) if (p / "case.json").is_file()
    ]
    places = " or ".join(str(folder) for folder in case_folders())
    raise FileNotFoundError(
        f"No case folder {str(case)!r}: not a folder, and not one of the cases in {places} ({', '.join(known) or 'none'})"
    )


def case_folders() -> tuple[Path, ...]:
    """The folders that hold cases by name: the course's ``seeds/``, then the learner's own cases."""
    return (SEEDS_DIR, own_cases_folder())


def load_case(case: str | Path = DEFAULT_CASE) -> Case:
    """Load a case folder: read and check ``case.json``, check the text's checksum, split it into parts.

    Raises one DataFileError listing every problem in ``case.json`` and the text (``helpers.casefolder``
    checks the rest of the folder).
    """
    folder = find_case_folder(case)
    loaded, problems = read_case(folder)
    raise_problems(problems)
    if loaded is None:  # read_case reports why whenever it returns no case; this is a safety net
        raise DataFileError(folder / "case.json", "the case could not be read")
    return loaded


def read_case(folder: Path, source_ids: frozenset[str] | None = None) -> tuple[Case | None, list[Problem]]:
    """Read a case folder's ``case.json`` and article; return the case (None if the text cannot be read) and every problem.

    The case is returned even when ``case.json`` has problems, so that the rest of the folder can still be
    checked against the text. ``source_ids`` (the ids in sources.csv), if given, are checked against ``origin_sources``.
    """
    meta_path = folder / "case.json"
    try:
        meta = read_json(meta_path)
    except DataFileError as exc:
        return None, list(exc.problems)
    problems = check_record(meta, CASE_FIELDS, meta_path, Context(source_ids=source_ids, folder=folder))
    if not isinstance(meta, dict) or not isinstance(meta.get("text_file"), str):
        return None, problems
    if any(p.field == "text_file" for p in problems):
        return None, problems
    text_path = folder / meta["text_file"]
    try:
        raw = read_bytes(text_path)
        text = decode_text(text_path, raw)  # a byte-order mark is dropped here; the checksum below is of the bytes as stored
    except DataFileError as exc:
        hint = " (named by 'text_file' in case.json)" if not text_path.exists() else ""
        return None, problems + [replace(p, message=p.message + hint) for p in exc.problems]
    digest = hashlib.sha256(raw).hexdigest()
    expected = meta.get("sha256")
    if isinstance(expected, str) and _SHA256.fullmatch(expected) and digest != expected.lower():
        problems.append(
            Problem(
                text_path,
                f"the text does not match its checksum in case.json (expected sha256 {expected}, found {digest}). "
                "The article must stay exactly as published; if you meant to change it, record the new checksum "
                "and why in case.json.",
            )
        )
    if not text.strip():
        return None, problems + [Problem(text_path, "the article text is empty; paste the article, verbatim")]
    return Case(id=folder.name, folder=folder, meta=meta, text=text, paragraphs=split_paragraphs(text)), problems


def _same_as_folder(value: str, record: dict, context: Context) -> str | None:
    name = context.folder.name if context.folder else value
    if value == name:
        return None
    return f"id {value!r} differs from the folder name {name!r}; write {name!r} (or rename the folder to {value!r})"


def _inside_folder(value: str, record: dict, context: Context) -> str | None:
    """The text file is named relative to the case folder and stays inside it."""
    folder = context.folder
    inside = folder is None or (folder / value).resolve().is_relative_to(folder.resolve())
    if not Path(value).is_absolute() and inside:
        return None
    return (
        f"{value!r} is not inside the case folder; copy the article into the case folder and write its file name, "
        "e.g. article.txt"
    )


def _confidence_levels(value: dict, record: dict, context: Context) -> str | None:
    wrong = [f"{part!r}: {level!r}" for part, level in value.items() if level not in CONFIDENCE_LEVELS]
    if not wrong:
        return None
    return f"{', '.join(wrong)} not allowed; give each part of the origin one of: {', '.join(CONFIDENCE_LEVELS)}"


def _source_list(value: list, record: dict, context: Context) -> str | None:
    if not all(isinstance(i, str) and i.strip() for i in value):
        return 'every entry must be a source id from sources.csv, in quotes, e.g. ["un-ga-12458"]'
    return unknown_sources(value, context)


_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
CASE_FIELDS = (
    Field("id", str, "the case folder's name", checks=(_same_as_folder,)),
    Field("title", str, "a neutral title for the case"),
    Field("text_file", str, "the article's file name in the case folder, normally article.txt", checks=(_inside_folder,)),
    Field(
        "sha256",
        str,
        "the article file's SHA-256 checksum (sha256sum article.txt)",
        checks=(matches(_SHA256.pattern, "a SHA-256 checksum; write the 64 letters and digits sha256sum prints"),),
    ),
    Field("language", str, "the text's language code, e.g. en", checks=(language_code,)),
    Field("published", str, "the date this text was published, YYYY-MM-DD", checks=(full_date,)),
    Field("origin", str, "what is known about where the text comes from, in neutral words"),
    Field("original_language", str, "the original's language code, if this is a translation", False, (language_code,)),
    Field("published_by", str, "who published this copy", False),
    Field("url", str, "the web address of this copy of the text, https://…", False, (url,)),
    Field("licence", str, "the text's licence, e.g. CC BY 2.5 or public domain, if it has one", False),
    Field(
        "origin_confidence",
        dict,
        'each part of the origin with "confirmed", "inferred" or "unconfirmed"',
        False,
        (_confidence_levels,),
    ),
    Field("origin_sources", list, 'ids from sources.csv behind the origin, e.g. ["un-ga-12458"]', False, (_source_list,)),
    Field("rights", str, "why and how the text is reproduced", False),
)


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split text at blank lines into numbered paragraphs, each split into sentences."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    paragraphs = []
    for number, block in enumerate((b for b in blocks if b), start=1):
        pid = f"P{number}"
        sentences = tuple(Sentence(f"{pid}.S{i}", s) for i, s in enumerate(split_sentences(block), start=1))
        paragraphs.append(Paragraph(pid, number, block, sentences))
    return tuple(paragraphs)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences.

    Rules: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed
    by white space and a capital letter, digit or opening quote; not after a known abbreviation
    (``Dr.``), ``No.`` before a number (``No. 5``; otherwise "no." is the word and can end a sentence),
    an initial (``J.``) or a dotted abbreviation (``U.S.``); and never inside an open
    quotation, so that a quotation stays whole with its attribution (``"... forever. We will ...,"
    Medvedev said.`` is one sentence). Joining the sentences with single spaces gives the paragraph back.
    """
    sentences, start, scanned = [], 0, 0
    curly = straight = 0  # quotation marks in paragraph[start:scanned]: curly opened minus closed, straight ones
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph) or not _starts_sentence(paragraph[end]):
            continue
        if _ends_with_abbreviation(_last_word(paragraph, start, match.start() + 1), paragraph[end]):
            continue
        chunk = paragraph[scanned:end]  # counted once each, so that a long paragraph splits in linear time
        curly += chunk.count("“") - chunk.count("”")
        straight += chunk.count('"')
        scanned = end
        if curly > 0 or straight % 2:  # inside an open quotation
            continue
        sentences.append(paragraph[start:end].strip())
        start, curly, straight = end, 0, 0
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _last_word(text: str, start: int, end: int) -> str:
    """The last word of ``text[start:end]`` (without copying the whole span)."""
    first = end
    while first > start and not text[first - 1].isspace():
        first -= 1
    return text[first:end]


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "“‘\"'(["


def _ends_with_abbreviation(last_word: str, following: str) -> bool:
    """Whether a word ending a candidate sentence is an abbreviation's stop rather than a sentence's; ``following`` is the next character."""
    if not last_word.endswith("."):
        return False
    word = last_word.rstrip(".").lstrip("(“‘\"'")
    if len(word) == 1 and word.isalpha():  # an initial such as "J."
        return True
    if word.lower() in NUMBER_ABBREVIATIONS:
        return following.isdigit()
    return "." in word or word.lower() in ABBREVIATIONS


def article_html(case: Case, highlight: tuple[str, ...] | list[str] = (), sentence_ids: bool = False) -> str:
    """Return the article as HTML: numbered paragraphs, every piece of text escaped.

    ``highlight`` lists paragraph or sentence ids to mark (for example the sentences an exercise is about);
    ``sentence_ids`` puts each sentence's id (``P3.S1``) before it, for instructors writing data files.
    """
    marked = set(highlight)
    parts = [
        f'<div class="ml-article" role="article" aria-label="{esc(case.title)}" '
        'style="max-width:46em;line-height:1.55;border-left:3px solid #888;padding-left:1em">'
    ]
    for paragraph in case.paragraphs:
        sentences = []
        for sentence in paragraph.sentences:
            text = esc(sentence.text)
            if sentence.id in marked or paragraph.id in marked:
                text = f'<mark title="{sentence.id}">{text}</mark>'
            if sentence_ids:
                text = f'<small class="ml-sentence-id" style="color:#57606a">[{sentence.id}]</small> {text}'
            sentences.append(text)
        parts.append(
            f'<p id="{paragraph.id}"><strong aria-label="Paragraph {paragraph.number}">'
            f"[{paragraph.id}]</strong> {' '.join(sentences)}</p>"
        )
    parts.append("</div>")
    return "".join(parts)


def show_article(
    case: Case, highlight: tuple[str, ...] | list[str] = (), sentence_ids: bool = False, caption: bool = False
) -> None:
    """Display the article in a notebook as numbered paragraphs; ``sentence_ids=True`` also shows each sentence's id.

    ``caption=True`` puts the case's title and id above it (:func:`case_caption_html`), for a page that may show
    any case (lesson 05: the learner's own, or the invented example).
    """
    display(HTML((case_caption_html(case) if caption else "") + article_html(case, highlight, sentence_ids)))


def case_caption_html(case: Case, what: str = "Text") -> str:
    """A visible line saying which case ``what`` comes from: its title (an invented case's title says so) and id."""
    return (
        '<p class="ml-case-caption" style="margin:0.2em 0;font-weight:600">'
        f"{esc(what)} of the case {esc(case.title)} <small>({esc(case.id)})</small></p>"
    )


def reads_english(case: Case) -> bool:
    """Whether the case's text is in English (``en``, ``en-GB`` …), the only language the text helpers read."""
    return str(case.meta.get("language", "en")).strip().lower().split("-")[0] == "en"


def language_notice_html(case: Case, what: str) -> str:
    """A warning when the text is not in English: ``what`` (e.g. "time references") is found with English words only."""
    if reads_english(case):
        return ""
    return (
        '<div class="ml-language-notice" role="note" style="border-left:5px solid #bf8700;padding:0.3em 0.8em">'
        f"<strong>This text's language is {esc(case.meta.get('language', ''))}, not English.</strong> The course finds "
        f"{esc(what)} with English words only, so what follows misses most of them or is wrong: read the text "
        "yourself and fill in your own tables in section 7.</div>"
    )


def show_passage(case: Case, refs: list[str] | tuple[str, ...]) -> None:
    """Display a few paragraphs or sentences of the article as a block quote with their ids."""
    items = "".join(f"<p><strong>[{esc(ref)}]</strong> {esc(case.passage(ref))}</p>" for ref in refs)
    display(HTML(f'<blockquote class="ml-passage" style="border-left:3px solid #888;padding-left:1em">{items}</blockquote>'))
