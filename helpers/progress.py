"""The learner's saved work: one JSON progress file per learner, written so that nothing is lost.

Answers are never kept in widget state (JupyterLab drops it); they are saved here as they happen and
widgets are rebuilt from this file. Every save locks the file, re-reads it, changes one record and
replaces the file atomically (temporary file, flush, fsync, rename), so a crash mid-write never leaves a
half-written file and two notebooks open at once do not overwrite each other's answers.

Where the file lives: the path in the environment variable ``MEDIA_LITERACY_PROGRESS`` if set; on
Binder ``~/my-work/progress.json`` (visible in the file browser, so it can be downloaded); otherwise
``~/.media-literacy/progress.json``. A corrupt file is moved aside with a timestamp and the learner is
told; an unwritable location keeps working in memory and says so once.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
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


class ProgressStore:
    """Reads and writes one progress file; falls back to memory when the file cannot be written."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.in_memory = False
        self.notices: list[str] = []  # messages for the learner, shown once by the widgets
        self._memory: dict[str, dict] = {}

    # Reading ----------------------------------------------------------------------------------

    def records(self) -> dict[str, dict]:
        """All saved records, keyed by ``case/exercise``, read fresh from the file."""
        if self.in_memory:
            return dict(self._memory)
        try:
            return self._read()
        except OSError as exc:
            self._go_in_memory(f"could not read {self.path} ({exc.strerror})")
            return dict(self._memory)

    def get(self, key: str) -> dict | None:
        return self.records().get(key)

    def _read(self) -> dict[str, dict]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("records"), dict):
                raise ValueError("not a progress file of this course")
            return {k: v for k, v in data["records"].items() if isinstance(v, dict)}
        except (ValueError, UnicodeDecodeError) as exc:
            self._set_aside(exc)
            return {}

    def _set_aside(self, reason: Exception) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}{self.path.suffix}")
        counter = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.stem}.corrupt-{stamp}-{counter}{self.path.suffix}")
            counter += 1
        os.replace(self.path, aside)
        self.notices.append(
            f"Your progress file {self.path} could not be read ({reason}). It was kept as {aside} "
            "and a new one was started. Ask your instructor if you need the old answers back."
        )

    # Writing ----------------------------------------------------------------------------------

    def save(self, key: str, record: dict[str, Any]) -> None:
        """Save one record (adding a timestamp), keeping every other record in the file."""
        record = {**record, "updated": now()}
        self._memory[key] = record
        if self.in_memory:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock():
                records = self._read()
                records[key] = record
                self._write(records)
        except OSError as exc:
            self._go_in_memory(f"could not write {self.path} ({exc.strerror or exc})")

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
        if not self.in_memory:
            self.in_memory = True
            self.notices.append(
                f"Your answers cannot be saved: {reason}. The exercises still work, but your answers "
                f"will be lost when the kernel stops. Set the environment variable {ENV_VAR} to a file "
                "in a folder you can write to, then restart the kernel."
            )

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
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
