"""The learner's saved work: one JSON progress file per learner, written so that nothing is lost.

Answers are never kept in widget state (JupyterLab drops it); they are saved here as they happen and
widgets are rebuilt from this file. Every save locks the file, re-reads it, changes one record and
replaces the file atomically (temporary file, flush, fsync, rename), so a crash mid-write never leaves a
half-written file and two notebooks open at once do not overwrite each other's answers.

Where the file lives: the path in the environment variable ``MEDIA_LITERACY_PROGRESS`` if set; on
Binder ``~/my-work/progress.json`` (visible in the file browser, so it can be downloaded); otherwise
``~/.media-literacy/progress.json``. A corrupt file is moved aside with a timestamp and the learner is
told (decided under the lock, after a second look, so a file another kernel has just replaced is never
moved); an unwritable location keeps working in memory, starting from what the file last held, and says
so once.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ENV_VAR = "MEDIA_LITERACY_PROGRESS"
FORMAT = "media-literacy-progress"
VERSION = 1

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def default_path() -> Path:
    """Where progress is saved, following the rules in this module's docstring."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    if os.environ.get("BINDER_LAUNCH_HOST") or os.environ.get("BINDER_REQUEST"):
        return Path.home() / "my-work" / "progress.json"
    return Path.home() / ".media-literacy" / "progress.json"


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

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.in_memory = False
        self.notices: list[str] = []  # messages for the learner, shown once by the widgets or the report
        self._memory: dict[str, dict] = {}
        self._last_read: dict[str, dict] = {}  # the file's records as last read, to seed memory mode

    # Reading ----------------------------------------------------------------------------------

    def records(self) -> dict[str, dict]:
        """All saved records, keyed by ``case/exercise``, read fresh from the file."""
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
            raw = self.path.read_bytes()
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
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        counter = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{counter}{self.path.suffix}")
            counter += 1
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:  # already moved aside by someone else: nothing left to do
            return
        self.notices.append(
            f"Your progress file {self.path} could not be read ({reason}). It was kept as {aside} "
            "and a new one was started. Ask your instructor if you need the old answers back."
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
        if not self.in_memory:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
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
        data = {"format": FORMAT, "version": VERSION, "saved": now(), "records": records}
        payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(self.path.parent)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        lock_path = self.path.with_name(self.path.name + ".lock")
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
