"""Your own article as a case: a new case folder made from pasted text and what you know about it.

:func:`create_case` takes the text and its metadata (title, publisher, date, address, language, licence;
an id, or one made from the title) and writes a case folder the lessons can use: the text byte for
byte in ``article.txt``, ``case.json`` with the text's SHA-256, an empty ``sources.csv`` (its header),
and the workspace exercises of lesson 05 (``exercises/05-your-own-article.json``, copied from the one
definition in the bundled example case, :data:`TEMPLATE`). :func:`show_new_case_form` is the same
function behind a form, for the notebook.

Where the folder goes: ``cases/`` beside the learner's progress file (``my-work/cases/<id>`` by default,
:func:`helpers.progress.own_cases_folder`), not ``seeds/``: a learner's article is their own work, and on a
JupyterHub or Binder ``seeds/`` may be read-only and is shared. ``load_case("<id>")`` looks there after
``seeds/``, so the lessons, ``check_case`` and the exercises find it by its id.

Nothing existing is ever changed: the folder is written under a temporary name and renamed into place
in one step, and an id that a folder already has (in ``seeds/`` or among the learner's cases) is
refused. Every bad input gets its own message naming the form's field (:class:`InputProblem`); the
fields of ``case.json`` are checked by the same declaration every case is checked with
(:data:`helpers.article.CASE_FIELDS`), the id by :data:`helpers.schema.KEBAB_ID`.

The text is kept exactly as given, nothing normalised: the checksum then proves the case holds what was
pasted, and the helpers already read what a paste from a browser brings. A browser's text box turns
Windows line endings into ``\\n`` before the kernel sees them; a text passed to :func:`create_case` from a
file may still have ``\\r\\n``, which splits into the same paragraphs. Non-breaking spaces count as spaces
when the text is split into sentences, and a trailing newline or blank lines make no empty paragraph.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML, display
from ipywidgets.widgets.widget_string import TextStyle

from helpers.answers import AnswerFormatError, PartialDate, parse_date
from helpers.article import CASE_FIELDS, SEEDS_DIR, Case, load_case
from helpers.controls import html_widget, shared
from helpers.datafiles import DataFileError
from helpers.markup import esc
from helpers.progress import own_cases_folder
from helpers.schema import KEBAB_ID, Context, check_record
from helpers.sources import SOURCES

LESSON = "05-your-own-article"
EXAMPLE_CASE = "example-own-article"  # the invented case lesson 05 shows until the learner has made one
TEMPLATE = SEEDS_DIR / EXAMPLE_CASE / "exercises" / f"{LESSON}.json"  # the lesson's workspaces, defined once
TEXT_FILE = "article.txt"
# 60,000 characters is about 10,000 words: three times a long news feature, and far beyond the few hundred
# words a class can read closely in a lesson. The limit keeps a paste of a whole web page (menus, comments)
# or of a book from becoming a case; every helper still answers within a second at this size.
MAX_CHARACTERS = 60_000
ID_LENGTH = 60  # characters of an id made from a title
LABELS = {
    "text": "Text",
    "title": "Title",
    "publisher": "Publisher",
    "published": "Date",
    "url": "Address",
    "language": "Language",
    "licence": "Licence",
    "case_id": "Case id",
}
_RECORD_FIELDS = {  # case.json's field -> the form's field that fills it
    "id": "case_id",
    "title": "title",
    "published_by": "publisher",
    "published": "published",
    "url": "url",
    "language": "language",
    "licence": "licence",
}
_KEBAB = re.compile(KEBAB_ID)


@dataclass(frozen=True)
class InputProblem:
    """One bad input: the form's field (its label, e.g. ``Date``) and what is wrong and what to write."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class CaseInputError(ValueError):
    """The case was not created; ``problems`` lists every bad input, in the form's order."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("The case was not created:\n" + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class NewCase:
    """What the learner gives: the text as pasted, and what they know about it (empty when not known)."""

    text: str
    title: str
    published: str  # the date as typed: 2025-03-14, 14 March 2025, March 14, 2025 …
    publisher: str = ""
    url: str = ""
    language: str = "en"
    licence: str = ""
    case_id: str = ""  # empty: made from the title


# --- Checking --------------------------------------------------------------------------------------


def make_id(title: str, published: dt.date | None = None) -> str:
    """An id from a title: lower-case Latin letters and digits joined by hyphens, with the year if it is not there.

    ``make_id("Council delays vote", date(2025, 3, 14))`` is ``council-delays-vote-2025``. Letters with
    accents lose them; other scripts give nothing (then the learner writes an id).
    """
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)
    year = str(published.year) if published else ""
    if year and year not in words:
        words.append(year)
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > ID_LENGTH and slug:
            break
        slug = f"{slug}-{word}" if slug else word[:ID_LENGTH]
    return slug if any(c.isalpha() for c in slug) else ""


# What an article page puts around its date, which the learner may copy with it: a label before it
# ("Published", "Updated on", "Last modified:") and a time of day with its time zone, before or after it
# ("10.32 GMT", "10:32 AM EST,", "14:05 CET"). They are removed before the date is read by
# :func:`helpers.answers.parse_date` (which reads the date itself, a leading weekday included).
_DATE_LABEL = re.compile(
    r"^\s*(?:(?:first|last)\s+)?(?:published|updated|modified|posted|last\s+modified|date)\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(
    r"(?:(?:\bat\s+)?(?<![\d./-])\d{1,2}(?:[:.]\d{2}){1,2}(?![\d./-])\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s*\(?(?:UTC|GMT|BST|CET|CEST|EET|EEST|[ECMP][SD]T|AEST|AEDT|NZST|NZDT|IST|Z)\b\)?"
    r"|\s*[+-]\d{2}:?\d{2})?\s*,?",
    re.IGNORECASE,
)
# A published date may be one day after the server's today: Binder and many hubs keep UTC, and a learner
# east of it (New Zealand is UTC+12 or +13) may paste an article published on their today, a day ahead.
_TIME_ZONE_SLACK = dt.timedelta(days=1)


def date_as_typed(value: str) -> str:
    """The date without the label and time of day a page shows with it ("Updated 10:32 AM GMT, March 6, 2025")."""
    bare = _TIME_OF_DAY.sub(" ", re.sub(r"(\d{4}-\d{2}-\d{2})T", r"\1 ", _DATE_LABEL.sub("", value)))
    return " ".join(bare.replace(" ,", ",").split()).strip(" ,")


def read_published(value: str, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """The publication date as typed (a label and a time of day beside it are left out), or why it cannot be one."""
    if not value.strip():
        return None, "write the date the text was published, e.g. 14 March 2025 or 2025-03-14"
    try:
        found = parse_date(date_as_typed(value) or value)
    except AnswerFormatError as exc:
        return None, (
            f"{exc} It is the date the text was published: write the month in English (14 March 2025) or the date "
            "as YYYY-MM-DD (2025-03-14)."
        )
    if found.year is None:
        return None, f"{value.strip()!r} has no year; write the year too, e.g. {found} 2025"
    day = dt.date(found.year, found.month, found.day)
    today = today or dt.date.today()
    if day > today + _TIME_ZONE_SLACK:
        return None, (
            f"{found} is in the future (today is {PartialDate(today.year, today.month, today.day)}); a published text "
            "has a date in the past. "
            "Check the year, and the order of day and month"
        )
    return day, None


def text_problem(text: str) -> str | None:
    """Why the text cannot be a case's text (nothing in it, or too long), or None."""
    if not text.strip():
        return "nothing was pasted; paste the article's text into the box, as it stands"
    if len(text) > MAX_CHARACTERS:
        return (
            f"the text is {len(text):,} characters long, more than the {MAX_CHARACTERS:,} (about 10,000 words) a case "
            "can hold; paste only the article (without the page's menus and comments), or a part of it"
        )
    return None


def id_problem(case_id: str, derived: bool) -> str | None:
    """Why ``case_id`` cannot name a case folder, or None."""
    if derived and not case_id:
        return "no id could be made from the title (it needs Latin letters); write one, e.g. council-bus-vote-2025"
    if not _KEBAB.fullmatch(case_id):
        example = make_id(case_id) or "council-bus-vote-2025"
        return f"{case_id!r} is not an id; write lower-case words and digits joined by hyphens, e.g. {example}"
    return None


def already_created(new: NewCase) -> Path | None:
    """The learner's case folder that already holds this very text under the id the form gives, or None.

    Pressing Create again (or after a restart) then finds the case made before instead of refusing the id.
    """
    published, _ = read_published(new.published)
    case_id = new.case_id.strip() or make_id(new.title, published)
    folder = own_cases_folder() / case_id if case_id and _KEBAB.fullmatch(case_id) else None
    try:
        return folder if folder is not None and (folder / TEXT_FILE).read_bytes() == new.text.encode("utf-8") else None
    except OSError:
        return None


def existing_folder(case_id: str) -> Path | None:
    """The folder that already has this id, in ``seeds/`` or among the learner's own cases, or None."""
    for folder in (SEEDS_DIR, own_cases_folder()):
        if os.path.lexists(folder / case_id):
            return folder / case_id
    return None


def language_tag(value: str) -> str:
    """The language code as typed, its language part in lower case: "EN" is en, "EN-GB" en-GB (codes ignore case)."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value.strip()):
        return value.strip()  # not a code: the check says so, quoting it as typed
    language, _, region = value.strip().partition("-")
    return language.lower() + (f"-{region}" if region else "")


def case_record(new: NewCase, case_id: str, published: dt.date | None, digest: str, today: dt.date) -> dict:
    """The case.json record for a new case: what the learner gave, and where it comes from in the course's words."""
    given = ", ".join(f"{name}: {value}" for name, value in (("publisher", new.publisher), ("address", new.url)) if value.strip())
    origin = (
        f"Pasted into the course's case form on {today.isoformat()}. "
        + (
            f"What is known about where it comes from is what was entered ({given}); "
            if given
            else "No publisher or address was given; "
        )
        + "none of it has been checked yet."
    )
    record = {
        "id": case_id,
        "title": new.title.strip(),
        "text_file": TEXT_FILE,
        "sha256": digest,
        "language": language_tag(new.language),
        "published": published.isoformat() if published else "",
        "origin": origin,
        "published_by": new.publisher.strip(),
        "url": new.url.strip(),
        "licence": new.licence.strip(),
        "rights": "Kept in the learner's own work folder for study and criticism; not part of the course.",
    }
    optional = ("published_by", "url", "licence")
    return {key: value for key, value in record.items() if value or key not in optional}


def check_new_case(new: NewCase, today: dt.date | None = None) -> tuple[str, dict, list[InputProblem]]:
    """Check everything the learner gave; return the id, the case.json record and every problem, in the form's order."""
    today = today or dt.date.today()
    found: dict[str, str] = {}
    if message := text_problem(new.text):
        found["text"] = message
    published, message = read_published(new.published, today)
    if message:
        found["published"] = message
    derived = not new.case_id.strip()
    case_id = make_id(new.title, published) if derived else new.case_id.strip()
    digest = hashlib.sha256(new.text.encode("utf-8")).hexdigest()
    record = case_record(new, case_id, published, digest, today)
    for problem in check_record(record, CASE_FIELDS, Path("case.json"), Context()):
        field = _RECORD_FIELDS.get(problem.field or "")
        if field and field not in found and field != "case_id":
            found[field] = problem.message.replace("this text is empty", "this field is empty")
    if new.title.strip() or not derived:
        if message := id_problem(case_id, derived):
            found["case_id"] = message
        elif (folder := existing_folder(case_id)) is not None:
            found["case_id"] = (
                f"a case named {case_id!r} already exists ({folder}); it was left as it is. Write another id, e.g. {case_id}-2"
            )
    problems = [InputProblem(LABELS[field], found[field]) for field in LABELS if field in found]
    return case_id, record, problems


# --- Writing ---------------------------------------------------------------------------------------


def create_case(
    text: str,
    *,
    title: str,
    published: str,
    publisher: str = "",
    url: str = "",
    language: str = "en",
    licence: str = "",
    case_id: str = "",
) -> Path:
    """Create a case folder from a text and what is known about it; return the folder.

    Raises :class:`CaseInputError` listing every bad input (each naming its field); then nothing is written.
    """
    new = NewCase(text, title, published, publisher, url, language, licence, case_id)
    case_id, record, problems = check_new_case(new)
    if problems:
        raise CaseInputError(problems)
    return write_case(own_cases_folder(), case_id, text, record)


def write_case(parent: Path, case_id: str, text: str, record: dict) -> Path:
    """Write the folder under a temporary name in ``parent``, then rename it to ``case_id`` in one step.

    The rename is refused if the target exists by then (another kernel made it a moment ago), so an
    existing folder is never replaced or changed; the temporary folder is removed whatever happens.
    """
    parent.mkdir(parents=True, exist_ok=True)
    target = parent / case_id
    temporary = Path(tempfile.mkdtemp(prefix=f".{case_id}.", suffix=".new", dir=parent))
    try:
        os.chmod(temporary, 0o777 & ~_umask())  # mkdtemp makes it 0700; a case folder gets the usual mode
        _write_files(temporary, text, record)
        if os.path.lexists(target):
            raise FileExistsError(target)
        os.rename(temporary, target)  # atomic; fails on an existing folder with anything in it
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(exc, FileExistsError) or os.path.lexists(target):
            message = f"a case named {case_id!r} already exists ({target}); it was left as it is. Write another id"
            raise CaseInputError([InputProblem(LABELS["case_id"], message)]) from None
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_files(folder: Path, text: str, record: dict) -> None:
    """The case's files: the text as given, case.json, sources.csv's header and lesson 05's workspaces."""
    _write(folder / TEXT_FILE, text.encode("utf-8"))
    _write(folder / "case.json", (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    _write(folder / SOURCES.file, (",".join(c.name for c in SOURCES.columns if c.required) + "\n").encode("utf-8"))
    (folder / "exercises").mkdir()
    _write(folder / "exercises" / TEMPLATE.name, TEMPLATE.read_bytes())


def _write(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:  # "x": never over an existing file
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


# --- The learner's cases ---------------------------------------------------------------------------


def own_cases() -> list[Path]:
    """The learner's own case folders, newest first (by when their case.json was written)."""
    folder = own_cases_folder()
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if not p.name.startswith(".") and (p / "case.json").is_file()]
    return sorted(found, key=lambda p: (p / "case.json").stat().st_mtime, reverse=True)


def choose_case(case_id: str = "", example: str = EXAMPLE_CASE) -> Case:
    """The case named (``choose_case("bus-vote-2025")``: an older one of the learner's), else the learner's newest own
    case, else the invented example when there is none (or it cannot be read); says which, and why when it falls back."""
    note = ""
    if case_id:
        try:
            return _announced(load_case(case_id))
        except (FileNotFoundError, DataFileError) as exc:
            reason = exc.problems[0].message if isinstance(exc, DataFileError) else str(exc)
            note = f"The case {case_id!r} could not be loaded: {reason}. "
    newest = next(iter(own_cases()), None)
    if newest is not None:
        try:
            return _announced(load_case(newest), note)
        except DataFileError as exc:
            note += f"Your case {newest.name} could not be read ({exc.problems[0].message}); check_case lists every problem. "
    case = load_case(example)
    display(
        HTML(
            f"<p>{esc(note)}You have no case of your own yet, so this page shows every step on an <strong>invented "
            f"example</strong>: {esc(case.title)}. Create yours with the form above, then run the cells below again.</p>"
        )
    )
    return case


def _announced(case: Case, note: str = "") -> Case:
    whose = "your case" if case.folder.parent.resolve() == own_cases_folder().resolve() else "the case"
    display(HTML(f"<p>{esc(note)}This page now works on <strong>{whose} {esc(case.id)}</strong>: {esc(case.title)}.</p>"))
    return case


# --- The form --------------------------------------------------------------------------------------


class CaseForm:
    """The form: a box for the text, one line per field, a Create button and a message (never a traceback)."""

    def __init__(self) -> None:
        # The layouts and styles the workspaces' forms use too: shared, so the page sends each once.
        line = {"layout": shared(widgets.Layout, width="auto"), "style": shared(TextStyle, description_width="initial")}
        self.text = widgets.Textarea(
            placeholder="Paste the article's text here, as it stands: title and paragraphs.",
            description="Text",
            continuous_update=False,  # a long paste is sent once, not on every key
            rows=14,
            **line,
        )
        self.fields = {
            name: widgets.Text(value=value, placeholder=hint, description=LABELS[name], continuous_update=False, **line)
            for name, value, hint in (
                ("title", "", "a neutral title, e.g. Council delays vote on bus routes"),
                ("publisher", "", "who published it, if you know (optional)"),
                ("published", "", "the date it was published, e.g. 14 March 2025"),
                ("url", "", "its web address, https://… (optional)"),
                ("language", "en", "a language code: en, fr, pt-BR …"),
                ("licence", "", "e.g. CC BY 4.0 or public domain, if it says (optional)"),
                ("case_id", "", "made from the title if left empty, e.g. council-bus-vote-2025"),
            )
        }
        self.button = widgets.Button(
            description="Create the case",
            button_style="primary",
            layout=shared(widgets.Layout),
            style=shared(widgets.ButtonStyle),
        )
        self.message = html_widget("")
        self.button.on_click(lambda _button: self.submit())
        self.box = widgets.VBox(
            [self.text, *self.fields.values(), self.button, self.message],
            layout=shared(widgets.Layout),
            _dom_classes=("ml-new-case",),  # given when built: adding a class afterwards is one more message
        )

    def _repr_mimebundle_(self, **kwargs) -> dict:
        return self.box._repr_mimebundle_(**kwargs)

    def values(self) -> dict[str, str]:
        return {"text": self.text.value, **{name: field.value for name, field in self.fields.items()}}

    def submit(self) -> Path | None:
        """Create the case from what is typed; show what was made, or every problem. What was typed stays.

        Pressed again with the same text and id, it says the case is already created instead of refusing the id.
        """
        if (folder := already_created(NewCase(**self.values()))) is not None:
            try:
                self.message.value = created_html(load_case(folder), again=True)
                return folder
            except DataFileError:
                pass  # a case that cannot be read: create_case below says the id is taken
        try:
            folder = create_case(**self.values())
        except CaseInputError as exc:
            self.message.value = problems_html(exc.problems)
            return None
        except Exception as exc:  # noqa: BLE001 - a fault in the course or the disk: said plainly, never a traceback
            self.message.value = (
                f'<p class="ml-new-case-fault">The case could not be created: {esc(type(exc).__name__)}: {esc(exc)}. '
                "Nothing you typed was lost; tell your instructor.</p>"
            )
            return None
        self.message.value = created_html(load_case(folder))
        return folder


def problems_html(problems: tuple[InputProblem, ...] | list[InputProblem]) -> str:
    items = "".join(f"<li><strong>{esc(p.field)}</strong>: {esc(p.message)}</li>" for p in problems)
    return (
        '<div class="ml-new-case-problems" role="status" style="border-left:5px solid #cf222e;padding:0.3em 0.8em">'
        f"<strong>✗ The case was not created.</strong> Correct what is listed; what you typed is kept.<ul>{items}</ul></div>"
    )


def created_html(case: Case, again: bool = False) -> str:
    """What the form says once the case exists; ``again``: it was created by an earlier press, nothing new was made."""
    counts = f"{_count(len(case.paragraphs), 'paragraph')}, {_count(len(case.sentences), 'sentence')}"
    return (
        '<div class="ml-new-case-created" role="status" style="border-left:5px solid #1a7f37;padding:0.3em 0.8em">'
        + (
            f"<strong>✓ Your case {esc(case.id)} is already created</strong>"
            if again
            else f"<strong>✓ Created your case {esc(case.id)}</strong>"
        )
        + f" in {esc(case.folder)}: {counts}. "
        + ("Nothing new was made; change the text or the id to make another case. " if again else "")
        + "Now run the cells below (<em>Run ▸ Run Selected Cell and All Below</em>): they will use it."
        + lost_paragraphs_html(case)
        + "</div>"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"


def lost_paragraphs_html(case: Case) -> str:
    """A warning when the whole text became one paragraph though it has line breaks (a paste that lost its blank lines)."""
    breaks = case.text.strip().count("\n")
    if len(case.paragraphs) > 1 or breaks < 2:
        return ""
    return (
        f'<p class="ml-new-case-one-paragraph"><strong>Check the paragraphs:</strong> the text has {breaks} line breaks but '
        "no empty line, so it became one paragraph (the headline and the first paragraph run together). Paragraphs "
        "are split at empty lines: if your paste lost them, put an empty line between paragraphs and create the case "
        "again with another id.</p>"
    )


def show_new_case_form() -> None:
    """Display the form that creates a case from a pasted text (see :func:`create_case`)."""
    display(CaseForm())
