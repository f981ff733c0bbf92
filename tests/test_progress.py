"""The progress file: saved work survives restarts and crashes; corrupt files are kept aside; nothing is lost."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from helpers import progress
from helpers.progress import ProgressStore

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, env_path: Path, wait: bool = True, **kwargs):
    env = {**os.environ, progress.ENV_VAR: str(env_path), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )
    if wait:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        return out
    return proc


def test_save_and_read_back(store):
    store.save("case/ex", {"answer": "b", "status": "wrong", "attempts": 1})
    record = store.get("case/ex")
    assert record["answer"] == "b" and record["attempts"] == 1 and record["updated"]
    data = json.loads(store.path.read_text())
    assert data["format"] == "media-literacy-progress" and data["version"] == 1


def test_a_new_process_reads_what_the_old_one_wrote(isolated_progress):
    run_python(
        """
        from helpers.progress import ProgressStore
        ProgressStore().save("case/ex", {"answer": ["a", "c"], "status": "partial"})
    """,
        isolated_progress,
    )
    out = run_python(
        """
        from helpers.progress import ProgressStore
        print(ProgressStore().get("case/ex")["answer"])
    """,
        isolated_progress,
    )
    assert out.strip() == "['a', 'c']"


def test_saving_keeps_every_other_record(store):
    store.save("case/one", {"answer": "a"})
    other = ProgressStore(store.path)  # e.g. a second notebook's kernel
    other.save("case/two", {"answer": "b"})
    store.save("case/three", {"answer": "c"})
    assert set(ProgressStore(store.path).records()) == {"case/one", "case/two", "case/three"}


def test_update_changes_only_the_given_fields_and_none_removes_one(isolated_progress):
    ProgressStore(isolated_progress).save("c/e", {"answer": "kept", "status": "saved", "draft": "old"})
    ProgressStore(isolated_progress).update("c/e", draft=None, attempts=2)
    record = ProgressStore(isolated_progress).get("c/e")
    assert record["answer"] == "kept" and record["status"] == "saved" and record["attempts"] == 2
    assert "draft" not in record and "updated" in record
    ProgressStore(isolated_progress).update("c/new", draft="first words")
    assert ProgressStore(isolated_progress).get("c/new")["draft"] == "first words"


def test_a_crash_mid_write_leaves_the_previous_file_intact(isolated_progress):
    run_python(
        """
        from helpers.progress import ProgressStore
        ProgressStore().save("case/old", {"answer": "kept"})
    """,
        isolated_progress,
    )
    proc = run_python(
        """
        import os
        from helpers import progress
        def crash(*args, **kwargs):
            os._exit(9)  # the machine dies after the temporary file is written, before the rename
        progress.os.replace = crash
        progress.ProgressStore().save("case/new", {"answer": "lost"})
    """,
        isolated_progress,
        wait=False,
    )
    assert proc.wait(timeout=60) == 9
    records = ProgressStore(isolated_progress).records()
    assert records["case/old"]["answer"] == "kept" and "case/new" not in records
    assert not list(isolated_progress.parent.glob("*.corrupt-*")), "an interrupted write must not look corrupt"


def test_killed_writers_never_leave_a_file_that_reads_as_invalid(isolated_progress):
    for delay in (0.05, 0.1, 0.2, 0.3):
        proc = run_python(
            """
            from helpers.progress import ProgressStore
            store = ProgressStore()
            for n in range(100000):
                store.save(f"case/ex{n % 50}", {"answer": "x" * 2000, "n": n})
        """,
            isolated_progress,
            wait=False,
        )
        time.sleep(delay + 0.3)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        store = ProgressStore(isolated_progress)
        records = store.records()
        assert not store.notices, store.notices
        assert records, "the writer should have saved something before it was killed"
        assert all(r["answer"] == "x" * 2000 for r in records.values())
    assert json.loads(isolated_progress.read_text())["format"] == "media-literacy-progress"


def test_two_processes_writing_at_once_lose_nothing(isolated_progress):
    code = """
        import sys
        from helpers.progress import ProgressStore
        store = ProgressStore()
        for n in range(40):
            store.save(f"case/{sys.argv[1]}-{n}", {"answer": n})
    """
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code), name],
            env={**os.environ, progress.ENV_VAR: str(isolated_progress), "PYTHONPATH": str(ROOT)},
        )
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    records = ProgressStore(isolated_progress).records()
    assert len(records) == 80
    assert {records[f"case/a-{n}"]["answer"] for n in range(40)} == set(range(40))


@pytest.mark.parametrize(
    "content", [b"{ this is not json", b"\xff\xfe\x00", b'{"format": "something else", "records": {}}', b"[]"]
)
def test_corrupt_file_is_moved_aside_and_the_learner_told(isolated_progress, content):
    isolated_progress.parent.mkdir(parents=True)
    isolated_progress.write_bytes(content)
    store = ProgressStore(isolated_progress)
    assert store.records() == {}
    aside = list(isolated_progress.parent.glob("progress.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == content, "the corrupt file is kept byte for byte"
    notice = store.take_notices()[0]
    assert str(isolated_progress) in notice and str(aside[0]) in notice and "could not be read" in notice
    store.save("case/ex", {"answer": "a"})
    assert aside[0].read_bytes() == content and ProgressStore(isolated_progress).get("case/ex")["answer"] == "a"


def test_two_corrupt_files_in_the_same_second_are_both_kept(isolated_progress):
    isolated_progress.parent.mkdir(parents=True)
    for content in (b"first", b"second"):
        isolated_progress.write_bytes(content)
        ProgressStore(isolated_progress).records()
    kept = sorted(p.read_bytes() for p in isolated_progress.parent.glob("progress.corrupt-*"))
    assert kept == [b"first", b"second"]


def test_unwritable_location_keeps_working_in_memory_and_says_so_once(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = ProgressStore(blocker / "progress.json")
    store.save("case/ex", {"answer": "a"})
    store.save("case/ex2", {"answer": "b"})
    assert store.in_memory and store.get("case/ex")["answer"] == "a" and store.get("case/ex2")["answer"] == "b"
    notices = store.take_notices()
    assert len(notices) == 1 and "cannot be saved" in notices[0] and progress.ENV_VAR in notices[0]
    assert store.take_notices() == []


def _file_with_two_records(path: Path) -> ProgressStore:
    store = ProgressStore(path)
    store.save("case/one", {"answer": "a"})
    store.save("case/two", {"answer": "b"})
    return ProgressStore(path)  # a fresh kernel that has not read the file yet


def _permission_denied(*args, **kwargs):
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize("failing", ["write", "lock"])
def test_a_failed_save_keeps_the_records_already_in_the_file(isolated_progress, monkeypatch, failing):
    store = _file_with_two_records(isolated_progress)
    if failing == "write":
        monkeypatch.setattr(progress.tempfile, "mkstemp", _permission_denied)
    else:
        monkeypatch.setattr(store, "_lock", _permission_denied)
    store.save("case/three", {"answer": "c"})
    assert store.in_memory
    assert {k: r["answer"] for k, r in store.records().items()} == {"case/one": "a", "case/two": "b", "case/three": "c"}
    notices = store.take_notices()
    assert len(notices) == 1 and "Your answers cannot be saved" in notices[0] and "Permission denied" in notices[0]
    store.save("case/four", {"answer": "d"})
    assert len(store.records()) == 4 and store.take_notices() == []


def _fsync_failing_for(monkeypatch, folders: bool) -> list[str]:
    """Make os.fsync fail like on some network or FUSE file systems: for folders only, or for files only."""
    real = os.fsync
    refused = []

    def fsync(fd):
        is_folder = stat.S_ISDIR(os.fstat(fd).st_mode)
        if is_folder == folders:
            refused.append("folder" if is_folder else "file")
            raise OSError(errno.EINVAL, "Invalid argument")
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return refused


def test_a_folder_that_cannot_be_fsynced_still_saves_to_the_file(isolated_progress, monkeypatch):
    store = _file_with_two_records(isolated_progress)
    refused = _fsync_failing_for(monkeypatch, folders=True)
    store.save("case/three", {"answer": "c"})
    assert refused == ["folder"], "the folder's fsync was tried (and refused)"
    assert not store.in_memory and store.take_notices() == []
    on_disk = ProgressStore(isolated_progress).records()
    assert {k: r["answer"] for k, r in on_disk.items()} == {"case/one": "a", "case/two": "b", "case/three": "c"}


def test_a_file_that_cannot_be_fsynced_is_still_a_failed_save(isolated_progress, monkeypatch):
    store = _file_with_two_records(isolated_progress)
    refused = _fsync_failing_for(monkeypatch, folders=False)
    store.save("case/three", {"answer": "c"})
    assert refused == ["file"] and store.in_memory
    notices = store.take_notices()
    assert len(notices) == 1 and "Your answers cannot be saved" in notices[0] and "Invalid argument" in notices[0]
    assert set(ProgressStore(isolated_progress).records()) == {"case/one", "case/two"}, "the file is as it was"
    assert not list(isolated_progress.parent.glob("*.tmp")), "no temporary file is left behind"


def _first_read_sees(monkeypatch, path: Path, stale: bytes) -> None:
    """The store's first read returns what the file held a moment ago; later reads see the disk as it is."""
    real = Path.read_bytes
    reads = []

    def read_bytes(self):
        if self == path and not reads:
            reads.append(self)
            return stale
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_a_file_another_kernel_just_replaced_is_not_set_aside(isolated_progress, monkeypatch):
    ProgressStore(isolated_progress).save("case/other", {"answer": "valid"})  # the other kernel's fresh, valid file
    store = ProgressStore(isolated_progress)
    _first_read_sees(monkeypatch, isolated_progress, b"{ corrupt, as it was a moment ago")
    assert store.records()["case/other"]["answer"] == "valid"
    assert not list(isolated_progress.parent.glob("*.corrupt-*")), "the valid file must stay where it is"
    assert not store.in_memory and store.take_notices() == []
    store.save("case/mine", {"answer": "also kept"})
    assert set(ProgressStore(isolated_progress).records()) == {"case/other", "case/mine"}


def test_a_corrupt_file_another_kernel_already_set_aside_is_not_an_error(isolated_progress, monkeypatch):
    isolated_progress.parent.mkdir(parents=True)  # the file itself is gone: the other kernel moved it aside
    store = ProgressStore(isolated_progress)
    _first_read_sees(monkeypatch, isolated_progress, b"{ corrupt, as it was a moment ago")
    assert store.records() == {}
    assert not store.in_memory and store.take_notices() == []
    store.save("case/mine", {"answer": "on disk"})
    assert ProgressStore(isolated_progress).get("case/mine")["answer"] == "on disk"


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A course folder (with lessons/) as the helpers' home, a fresh HOME, and no MEDIA_LITERACY_PROGRESS."""
    folder = tmp_path / "course"
    (folder / "lessons").mkdir(parents=True)
    monkeypatch.setattr(progress, "COURSE_FOLDER", folder)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv(progress.ENV_VAR)
    return folder


def test_work_is_kept_in_my_work_in_the_course_folder_that_jupyterlab_opens(course, monkeypatch, tmp_path):
    assert progress.default_path() == course / "my-work" / "progress.json"
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")  # on Binder too: the course folder is home there
    assert progress.default_path() == course / "my-work" / "progress.json"
    monkeypatch.setenv(progress.ENV_VAR, "~/elsewhere.json")
    assert progress.default_path() == tmp_path / "home" / "elsewhere.json"


def test_a_course_folder_that_cannot_be_written_keeps_work_in_home(course, monkeypatch, tmp_path):
    monkeypatch.setattr(progress, "_can_write", lambda folder: False)  # a shared read-only install (root may write anyway)
    assert progress.default_path() == tmp_path / "home" / "my-work" / "progress.json"


def test_the_helpers_live_in_this_course_folder():
    assert progress.COURSE_FOLDER == ROOT and (ROOT / "lessons").is_dir()
    assert "my-work/" in (ROOT / ".gitignore").read_text().splitlines(), "learners' work is never committed"


def _old_file(path: Path, records: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": progress.FORMAT, "version": 1, "records": records}), encoding="utf-8")
    return path


def test_progress_from_the_old_location_is_copied_once_and_the_learner_told(course, tmp_path):
    old = _old_file(tmp_path / "home" / ".media-literacy" / "progress.json", {"case/ex": {"answer": "from before"}})
    before = old.read_bytes()
    store = ProgressStore()
    assert store.get("case/ex")["answer"] == "from before"
    assert (course / "my-work" / "progress.json").is_file() and old.read_bytes() == before, "the old file is left as it was"
    [notice] = store.take_notices()
    assert f"Your earlier answers, saved in {old}, were copied to {course / 'my-work' / 'progress.json'}" in notice

    store.save("case/ex", {"answer": "new"})
    again = ProgressStore()
    assert again.get("case/ex")["answer"] == "new" and again.take_notices() == [], "copied once, never over newer work"


def test_both_old_locations_are_read_keeping_the_newest_copy_of_each_answer(course, tmp_path):
    home = tmp_path / "home"
    _old_file(home / ".media-literacy" / "progress.json", {"a": {"answer": "old", "updated": "2024-01-01"}, "b": {"answer": "b"}})
    _old_file(home / "my-work" / "progress.json", {"a": {"answer": "newer", "updated": "2024-02-01"}, "c": {"answer": "c"}})
    records = ProgressStore().records()
    assert {k: r["answer"] for k, r in records.items()} == {"a": "newer", "b": "b", "c": "c"}


def test_an_unreadable_old_file_is_left_alone_and_nothing_is_copied(course, tmp_path):
    old = tmp_path / "home" / ".media-literacy" / "progress.json"
    old.parent.mkdir(parents=True)
    old.write_text("{ not json")
    store = ProgressStore()
    assert store.records() == {} and store.take_notices() == [] and old.read_text() == "{ not json"


def test_a_chosen_progress_file_never_takes_old_answers(course, tmp_path, monkeypatch):
    _old_file(tmp_path / "home" / ".media-literacy" / "progress.json", {"case/ex": {"answer": "from before"}})
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "amira.json"))
    assert ProgressStore().records() == {}


def test_get_store_follows_the_environment_variable(monkeypatch, tmp_path):
    first = progress.get_store()
    assert progress.get_store() is first
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "other.json"))
    assert progress.get_store().path == tmp_path / "other.json"


# --- A symbolic link to a file in a shared folder ------------------------------------------------


def test_a_symlinked_progress_file_stays_a_link_and_every_answer_reaches_its_target(tmp_path):
    shared, mine = tmp_path / "shared", tmp_path / "mine"
    shared.mkdir()
    mine.mkdir()
    target = shared / "amira.json"
    (mine / "progress.json").symlink_to(target)  # not there yet: the first save creates it
    store = ProgressStore(mine / "progress.json")
    store.save("case/first", {"answer": "one"})
    store.save("case/second", {"answer": "two"})
    store.update("case/second", draft={"text": "three"})
    assert (mine / "progress.json").is_symlink() and os.readlink(mine / "progress.json") == str(target)
    assert set(json.loads(target.read_text())["records"]) == {"case/first", "case/second"}
    assert ProgressStore(target).get("case/second")["draft"] == {"text": "three"}
    assert sorted(p.name for p in mine.iterdir()) == ["progress.json"], "lock and temporary files go beside the target"


def test_a_corrupt_symlinked_file_is_set_aside_beside_its_target(tmp_path):
    target = tmp_path / "shared" / "amira.json"
    target.parent.mkdir()
    target.write_text("{ corrupt")
    link = tmp_path / "progress.json"
    link.symlink_to(target)
    store = ProgressStore(link)
    store.save("case/ex", {"answer": "after"})
    assert link.is_symlink() and ProgressStore(target).get("case/ex")["answer"] == "after"
    assert [p.read_text() for p in target.parent.glob("amira.corrupt-*.json")] == ["{ corrupt"]


# --- Temporary files left by killed writers ----------------------------------------------------


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".progress.json.*.tmp"))


def test_a_killed_writers_temporary_file_is_removed_by_the_next_save(isolated_progress):
    left = []
    for _ in range(2):
        proc = run_python(
            """
            import os
            from helpers import progress
            progress.os.replace = lambda *args: os._exit(9)  # killed after writing the temporary file
            progress.ProgressStore().save("case/new", {"answer": "x" * 100000})
        """,
            isolated_progress,
            wait=False,
        )
        assert proc.wait(timeout=60) == 9
        left.append(_temporaries(isolated_progress.parent))
        assert os.path.getsize(isolated_progress.parent / left[-1][-1]) > 100000, "as large as the progress file"
    assert len(left[0]) == 1
    assert len(left[1]) == 1 and left[1] != left[0], "the second writer removed the first one's file before writing its own"
    ProgressStore(isolated_progress).save("case/ex", {"answer": "a"})
    assert _temporaries(isolated_progress.parent) == []


def _temporary(folder: Path, name: str, age: float = 0) -> Path:
    path = folder / name
    path.write_text("half a save")
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_only_stale_temporary_files_of_this_file_are_removed(tmp_path):
    target = tmp_path / "progress.json"
    host = progress._HOST
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        kept = [
            _temporary(tmp_path, f".progress.json.{host}-{live.pid}-abcdefgh.tmp"),  # another kernel is writing it
            _temporary(tmp_path, f".progress.json.0badc0de-{dead.pid}-abcdefgh.tmp"),  # another machine's pid: unknown here
            _temporary(tmp_path, ".progress.json.abcdefgh.tmp", age=60),  # an older version's name: recent
            _temporary(tmp_path, ".progress.json.lock", age=7200),
            _temporary(tmp_path, ".other.json.abcdefgh.tmp", age=7200),  # another progress file's
            _temporary(tmp_path, "notes.tmp", age=7200),
        ]
        removed = [
            _temporary(tmp_path, f".progress.json.{host}-{dead.pid}-abcdefgh.tmp"),  # its writer is gone
            _temporary(tmp_path, f".progress.json.{host}-{live.pid}-ijklmnop.tmp", age=7200),  # too old to be a save
            _temporary(tmp_path, ".progress.json.qrstuvwx.tmp", age=7200),
        ]
        assert sorted(progress.remove_stale_temporary_files(target)) == sorted(removed)
        assert all(p.exists() for p in kept) and not any(p.exists() for p in removed)
    finally:
        live.kill()
        live.wait()


def test_a_writer_keeps_its_own_temporary_file_while_it_saves(isolated_progress, monkeypatch):
    seen = []
    real_replace = os.replace

    def look_then_replace(source, destination):
        progress.remove_stale_temporary_files(Path(destination))  # as another kernel's cleanup would at this moment
        seen.append(Path(source).exists())
        real_replace(source, destination)

    monkeypatch.setattr(progress.os, "replace", look_then_replace)
    ProgressStore(isolated_progress).save("case/ex", {"answer": "kept"})
    assert seen == [True] and ProgressStore(isolated_progress).get("case/ex")["answer"] == "kept"
