"""The learner's saved work: one JSON progress file per learner, written so that nothing is lost.

Answers are never kept in widget state (JupyterLab drops it); they are saved here as they happen and
widgets are rebuilt from this file. Every save locks the file, re-reads it, changes one record and
replaces the file atomically (temporary file, flush, fsync, rename), so a crash mid-write never leaves a
half-written file and two notebooks open at once do not overwrite each other's answers.

Where the file lives: the path in the environment variable ``MEDIA_LITERACY_PROGRESS`` if set, else
``my-work/progress.json`` in the course folder (the folder holding ``lessons/``, which is where JupyterLab
opens with ``make lab`` and on Binder, so the learner sees ``my-work`` in the file browser and can
download it; :func:`work_folder`). The copies of their work the learner saves go beside the progress
file (``helpers.report.export_folder``), so one folder holds all of it. If the course folder cannot be written (a shared, read-only install), ``~/my-work`` is used instead.
Progress that earlier versions kept in ``~/.media-literacy/progress.json`` (or ``~/my-work`` on Binder)
is copied over, once, when the new file does not exist yet; the old file is left as it was.

A corrupt file is moved aside with a timestamp and the learner is told (decided under the lock, after a
second look, so a file another kernel has just replaced is never moved); an unwritable location keeps
working in memory, starting from what the file last held, and says so once. A symbolic link is
followed: the file it points to is the one replaced (see :meth:`ProgressStore.target`). Temporary files
left by a writer killed mid-save are removed by the next save (:func:`remove_stale_temporary_files`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ENV_VAR = "MEDIA_LITERACY_PROGRESS"
FORMAT = "media-literacy-progress"
VERSION = 1
STALE_TEMP_SECONDS = 3600  # a save takes well under a second; a temporary file this old was left by a killed writer
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]  # whose pids a temp name holds

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


WORK_FOLDER = "my-work"
OWN_CASES = "cases"  # the learner's own case folders, in the work folder (helpers.new_case)
COURSE_FOLDER = Path(__file__).resolve().parent.parent  # holds lessons/ when the kit is installed with pip -e


def work_folder() -> Path:
    """The one folder for the learner's work, progress file and saved copies: ``my-work`` in the course folder.

    ``~/my-work`` if the course folder cannot be written, or if this is not a course folder (the helpers
    installed as a plain package).
    """
    folder = COURSE_FOLDER / WORK_FOLDER
    if (COURSE_FOLDER / "lessons").is_dir() and _can_write(folder):
        return folder
    return Path.home() / WORK_FOLDER


def own_cases_folder() -> Path:
    """Where the learner's own case folders go: ``cases/`` beside the progress file (``my-work/cases`` by default).

    A learner's own article is their work, like their answers: it goes where they can write (on a JupyterHub
    or Binder the course's ``seeds/`` may be read-only, and is shared by everyone), it is downloaded and
    handed in with the rest, and it follows ``MEDIA_LITERACY_PROGRESS`` when that is set.
    """
    return default_path().parent / OWN_CASES


def _can_write(folder: Path) -> bool:
    existing = folder if folder.exists() else folder.parent
    return os.access(existing, os.W_OK | os.X_OK)


def default_path() -> Path:
    """Where progress is saved, following the rules in this module's docstring."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return work_folder() / "progress.json"


def earlier_default_paths() -> list[Path]:
    """Where earlier versions of the course saved progress when ``MEDIA_LITERACY_PROGRESS`` was not set."""
    if os.environ.get(ENV_VAR):
        return []
    home, current = Path.home(), default_path()
    return [
        path for path in (home / ".media-literacy" / "progress.json", home / WORK_FOLDER / "progress.json") if path != current
    ]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def readable_time(stamp: Any) -> str:
    """A saved timestamp as the learner reads it, in their local time: "25 Nov 2026, 14:37" ("earlier" if unreadable)."""
    try:
        return datetime.fromisoformat(str(stamp)).astimezone().strftime("%d %b %Y, %H:%M")
    except ValueError:
        return "earlier"


class UnreadableFile(ValueError):
    """The progress file exists but is not valid JSON in this course's progress format."""


class ProgressStore:
    """Reads and writes one progress file; falls back to memory when the file cannot be written."""

    def __init__(self, path: Path | str | None = None, earlier: list[Path] | None = None) -> None:
        """``earlier``: progress files to copy from if this one does not exist yet (default: where older versions saved)."""
        self.path = Path(path) if path is not None else default_path()
        self.earlier = list(earlier) if earlier is not None else (earlier_default_paths() if path is None else [])
        self.in_memory = False
        self.notices: list[str] = []  # messages for the learner, shown once by the widgets or the report
        self._memory: dict[str, dict] = {}
        self._last_read: dict[str, dict] = {}  # the file's records as last read, to seed memory mode

    def target(self) -> Path:
        """The file itself: a symbolic link (a learner's file kept in a shared folder) is followed to its target.

        Saving replaces the target, with the lock and the temporary file in the target's folder, so the
        link stays a link and every answer reaches the file it points to.
        """
        return Path(os.path.realpath(self.path))

    # Reading ----------------------------------------------------------------------------------

    def records(self) -> dict[str, dict]:
        """All saved records, keyed by ``case/exercise``, read fresh from the file."""
        self._adopt_earlier()
        if self.in_memory:
            return dict(self._memory)
        try:
            return self._read_or_set_aside()
        except OSError as exc:
            self._go_in_memory(f"could not read {self.path} ({exc.strerror or exc})")
            return dict(self._memory)

    def get(self, key: str) -> dict | None:
        return self.records().get(key)

    def _read_or_set_aside(self) -> dict[str, dict]:
        """Read without the lock; only if the file looks unreadable, take the lock and look again.

        Another kernel may be replacing the file at this moment, so an unreadable first read is not
        enough to move the file aside: that is decided under the lock, by :meth:`_read_locked`.
        """
        try:
            return self._read()
        except UnreadableFile:
            with self._lock():
                return self._read_locked()

    def _read_locked(self) -> dict[str, dict]:
        """Read the file while holding the lock, setting it aside (and starting afresh) if it is unreadable."""
        try:
            return self._read()
        except UnreadableFile as exc:
            self._set_aside(exc)
            return {}

    def _read(self) -> dict[str, dict]:
        """The file's records ({} if there is no file); raises UnreadableFile if it is not a progress file."""
        try:
            raw = self.target().read_bytes()
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise UnreadableFile(str(exc)) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("records"), dict):
            raise UnreadableFile("not a progress file of this course")
        self._last_read = {k: v for k, v in data["records"].items() if isinstance(v, dict)}
        return dict(self._last_read)

    def _set_aside(self, reason: Exception) -> None:
        """Move the unreadable file to a timestamped name and tell the learner (call with the lock held)."""
        target = self.target()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.stem}.corrupt-{stamp}{target.suffix}")
        counter = 1
        while aside.exists():
            aside = target.with_name(f"{target.stem}.corrupt-{stamp}-{counter}{target.suffix}")
            counter += 1
        try:
            os.replace(target, aside)
        except FileNotFoundError:  # already moved aside by someone else: nothing left to do
            return
        self.notices.append(
            f"Your progress file {self.path} could not be read ({reason}). It was kept as {aside} "
            "and a new one was started. Ask your instructor if you need the old answers back."
        )

    def _adopt_earlier(self) -> None:
        """Once per store: if the file does not exist yet, start it from the earlier files' records and say so."""
        earlier, self.earlier = self.earlier, []
        if not earlier or self.in_memory or os.path.lexists(self.target()):
            return
        records, sources = _newest_records(earlier)
        if not records:
            return
        try:
            self.target().parent.mkdir(parents=True, exist_ok=True)
            with self._lock():
                if os.path.lexists(self.target()):  # another kernel copied them first
                    return
                self._write(records)
        except OSError as exc:
            self._memory = records
            self._go_in_memory(f"could not write {self.path} ({exc.strerror or exc})")
            return
        self._last_read = records
        self.notices.append(
            f"Your earlier answers, saved in {' and '.join(str(source) for source in sources)}, were copied to "
            f"{self.path}. From now on your work is kept in {self.path.parent}, with the copies you save. "
            "The old file was left as it was."
        )

    # Writing ----------------------------------------------------------------------------------

    def save(self, key: str, record: dict[str, Any]) -> None:
        """Save one record (adding a timestamp), keeping every other record in the file."""
        self._change(key, lambda _old: dict(record))

    def update(self, key: str, **fields: Any) -> None:
        """Change only these fields of one record (``None`` removes a field), keeping the rest as it is in the file.

        For a draft: it must never overwrite an answer that another kernel saved in the meantime.
        """
        self._change(key, lambda old: {k: v for k, v in {**old, **fields}.items() if v is not None})

    def _change(self, key: str, make: Callable[[dict], dict]) -> None:
        """Replace one record by ``make(old record)``, under the lock, adding a timestamp."""
        self._adopt_earlier()
        if not self.in_memory:
            try:
                self.target().parent.mkdir(parents=True, exist_ok=True)
                with self._lock():
                    records = self._read_locked()
                    records[key] = {**make(records.get(key, {})), "updated": now()}
                    self._write(records)
                self._last_read = records
                return
            except OSError as exc:
                self._go_in_memory(f"could not write {self.path} ({exc.strerror or exc})")
        self._memory[key] = {**make(self._memory.get(key, {})), "updated": now()}

    def _write(self, records: dict[str, dict]) -> None:
        """Replace the file atomically (call with the lock held), first removing temporary files of killed writers."""
        target = self.target()
        remove_stale_temporary_files(target)
        data = {"format": FORMAT, "version": VERSION, "saved": now(), "records": records}
        payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{_HOST}-{os.getpid()}-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(target.parent)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        target = self.target()
        lock_path = target.with_name(target.name + ".lock")
        with open(lock_path, "a+b") as handle:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _go_in_memory(self, reason: str) -> None:
        """Keep working in memory from now on, starting from what the file last held, and say so once."""
        if not self.in_memory:
            self.in_memory = True
            self._memory = {**self._last_readable(), **self._memory}
            self.notices.append(
                f"Your answers cannot be saved: {reason}. The exercises still work, but your answers "
                f"will be lost when the kernel stops. Set the environment variable {ENV_VAR} to a file "
                "in a folder you can write to, then restart the kernel."
            )

    def _last_readable(self) -> dict[str, dict]:
        """The file's records if it can still be read (e.g. a read-only folder), else as last read."""
        with contextlib.suppress(OSError, UnreadableFile):
            return self._read()
        return dict(self._last_read)

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices


def _newest_records(paths: list[Path]) -> tuple[dict[str, dict], list[Path]]:
    """The records of every readable progress file in ``paths``, the newest copy of each; and the files read."""
    merged: dict[str, dict] = {}
    sources = []
    for path in paths:
        try:
            records = ProgressStore(path)._read()
        except (OSError, UnreadableFile):
            continue
        if records:
            sources.append(path)
        for key, record in records.items():
            if key not in merged or str(record.get("updated", "")) > str(merged[key].get("updated", "")):
                merged[key] = record
    return merged, sources


def remove_stale_temporary_files(target: Path, now_seconds: float | None = None) -> list[Path]:
    """Delete the temporary files that killed writers left beside ``target``; return what was deleted.

    Call with the lock held. A temporary file is as large as the progress file and is renamed over it
    in the same locked save, so one that is still there belongs to a writer that died mid-save. To be
    safe all the same (a folder shared between machines, a lock the file system ignores), a file is
    deleted only if its writer's process is gone on this machine (its name holds the machine and the
    pid) or if it is older than :data:`STALE_TEMP_SECONDS`. Only names this module makes are touched.
    """
    pattern = re.compile(re.escape(f".{target.name}.") + r"(?:([0-9a-f]{8})-(\d{1,9})-)?[a-z0-9_]{8}\.tmp")
    now_seconds = time.time() if now_seconds is None else now_seconds
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            match = pattern.fullmatch(entry.name)
            if match and _is_stale(entry, match[1], match[2], now_seconds):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _is_stale(entry: os.DirEntry, host: str | None, pid: str | None, now_seconds: float) -> bool:
    try:
        if now_seconds - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
            return True
    except OSError:
        return False
    return host == _HOST and pid is not None and not _process_exists(int(pid))


def _process_exists(pid: int) -> bool:
    """Whether a process with this id runs on this machine (unknown counts as running)."""
    if os.name != "posix" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process: it exists
        return True
    return True


def _fsync_dir(folder: Path) -> None:
    """Ask the folder to record the rename on disk, where the file system allows it.

    Some network and FUSE file systems refuse to open or fsync a folder. The file itself is already
    written and fsynced by then, so such an error is ignored rather than sending the store to memory.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_STORE: ProgressStore | None = None


def get_store() -> ProgressStore:
    """The kernel's progress store (created on first use at :func:`default_path`)."""
    global _STORE
    if _STORE is None or (not _STORE.in_memory and _STORE.path != default_path()):
        _STORE = ProgressStore()
    return _STORE
