"""The article under study: loading a case folder, checking its text, and naming its parts.

A case folder (see ``seeds/README.md``) holds one article and the data the lessons use with it. This
module loads the folder's ``case.json`` and text, refuses a text that no longer matches its checksum,
and splits the text into paragraphs (``P1``, ``P2``, ...) and sentences (``P1.S1``, ``P1.S2``, ...).
Those ids are how lessons, exercises and data files point at the text, so the splitting rules below
are deliberately simple and stable.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML, display

from helpers.datafiles import DataFileError, read_json, read_text, require
from helpers.markup import esc

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
DEFAULT_CASE = "medvedev-zimbabwe-2022"

# Words that end with a full stop but do not end a sentence (compared in lower case, without the stop).
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
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
# Abbreviations only when a number follows ("No. 5"); elsewhere the ordinary word ("Zimbabwe voted no.").
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
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    def passage(self, ref: str) -> str:
        """Return the text of a paragraph (``P3``) or a sentence (``P3.S1``)."""
        for paragraph in self.paragraphs:
            if paragraph.id == ref:
                return paragraph.text
            for sentence in paragraph.sentences:
                if sentence.id == ref:
                    return sentence.text
        raise KeyError(f"{ref!r} is not a paragraph or sentence id of case {self.id!r}; ids look like 'P3' or 'P3.S1'")

    def has_ref(self, ref: str) -> bool:
        try:
            self.passage(ref)
        except KeyError:
            return False
        return True


def find_case_folder(case: str | Path) -> Path:
    """Return the folder of a case given its name (a folder in ``seeds/``) or a path to a folder."""
    candidate = Path(case)
    if candidate.is_dir():
        return candidate
    named = SEEDS_DIR / str(case)
    if named.is_dir():
        return named
    known = sorted(p.name for p in SEEDS_DIR.iterdir() if (p / "case.json").is_file()) if SEEDS_DIR.is_dir() else []
    raise FileNotFoundError(
        f"No case folder {str(case)!r}: not a folder, and not one of the cases in {SEEDS_DIR} ({', '.join(known) or 'none'})"
    )


def load_case(case: str | Path = DEFAULT_CASE) -> Case:
    """Load a case folder: read ``case.json``, check the text's checksum, split it into parts."""
    folder = find_case_folder(case)
    meta_path = folder / "case.json"
    meta = read_json(meta_path)
    if not isinstance(meta, dict):
        raise DataFileError(meta_path, f"expected a JSON object, got {type(meta).__name__}")
    for key in ("id", "title", "text_file", "sha256", "language", "published", "origin"):
        require(meta, key, str, meta_path, "top level")
    if meta["id"] != folder.name:
        raise DataFileError(meta_path, f"id {meta['id']!r} differs from the folder name {folder.name!r}", field="id")
    text_path = folder / meta["text_file"]
    raw = text_path.read_bytes() if text_path.is_file() else None
    if raw is None:
        raise DataFileError(text_path, "file not found (named by 'text_file' in case.json)")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta["sha256"].lower():
        raise DataFileError(
            text_path,
            f"the text does not match its checksum in case.json (expected sha256 {meta['sha256']}, "
            f"found {digest}). The article must stay exactly as published; if you meant to change it, "
            "record the new checksum and why in case.json.",
        )
    text = read_text(text_path)
    if not text.strip():
        raise DataFileError(text_path, "the article text is empty")
    return Case(id=meta["id"], folder=folder, meta=meta, text=text, paragraphs=split_paragraphs(text))


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
    sentences, start = [], 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph) or not _starts_sentence(paragraph[end]):
            continue
        if _ends_with_abbreviation(paragraph[start : match.start() + 1], paragraph[end]):
            continue
        if _inside_quotation(paragraph[start : match.end()]):
            continue
        sentences.append(paragraph[start:end].strip())
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "“‘\"'(["


def _ends_with_abbreviation(text: str, following: str) -> bool:
    """Whether ``text`` ends with an abbreviation's stop rather than a sentence's; ``following`` is the next character."""
    words = text.split()
    if not words or not words[-1].endswith("."):
        return False
    word = words[-1].rstrip(".").lstrip("(“‘\"'")
    if len(word) == 1 and word.isalpha():  # an initial such as "J."
        return True
    if word.lower() in NUMBER_ABBREVIATIONS:
        return following.isdigit()
    return "." in word or word.lower() in ABBREVIATIONS


def _inside_quotation(text: str) -> bool:
    curly_open = text.count("“") > text.count("”")
    straight_open = text.count('"') % 2 == 1
    return curly_open or straight_open


def article_html(case: Case, highlight: tuple[str, ...] | list[str] = ()) -> str:
    """Return the article as HTML: numbered paragraphs, every piece of text escaped.

    ``highlight`` lists paragraph or sentence ids to mark (for example the sentences an exercise is about).
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
            sentences.append(text)
        parts.append(
            f'<p id="{paragraph.id}"><strong aria-label="Paragraph {paragraph.number}">'
            f"[{paragraph.id}]</strong> {' '.join(sentences)}</p>"
        )
    parts.append("</div>")
    return "".join(parts)


def show_article(case: Case, highlight: tuple[str, ...] | list[str] = ()) -> None:
    """Display the article in a notebook as numbered paragraphs."""
    display(HTML(article_html(case, highlight)))


def show_passage(case: Case, refs: list[str] | tuple[str, ...]) -> None:
    """Display a few paragraphs or sentences of the article as a block quote with their ids."""
    items = "".join(f"<p><strong>[{esc(ref)}]</strong> {esc(case.passage(ref))}</p>" for ref in refs)
    display(HTML(f'<blockquote class="ml-passage" style="border-left:3px solid #888;padding-left:1em">{items}</blockquote>'))
