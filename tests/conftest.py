"""Shared fixtures: the seed case, an isolated progress file per test, and made-up case folders."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from helpers import progress
from helpers.article import Case, load_case

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "medvedev-zimbabwe-2022"
TEST_CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(autouse=True)
def isolated_progress(tmp_path, monkeypatch):
    """Every test gets its own progress file and export folder; nothing touches the learner's real file."""
    path = tmp_path / "progress" / "progress.json"
    monkeypatch.setenv(progress.ENV_VAR, str(path))
    monkeypatch.setenv("MEDIA_LITERACY_EXPORT_DIR", str(tmp_path / "exports"))
    monkeypatch.setattr(progress, "_STORE", None)
    return path


@pytest.fixture
def case() -> Case:
    return load_case("medvedev-zimbabwe-2022")


@pytest.fixture
def store(isolated_progress) -> progress.ProgressStore:
    return progress.ProgressStore(isolated_progress)


@pytest.fixture
def make_case(tmp_path):
    """Build a case folder from text and files, with a correct checksum unless told otherwise."""

    def build(
        text: str = "First sentence. Second one.\n\nA second paragraph.", files: dict | None = None, name: str = "made-up", **meta
    ) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
        record = {
            "id": name,
            "title": "A made-up article",
            "text_file": "article.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "language": "en",
            "published": "2024-01-01",
            "origin": "Written for the tests.",
            **meta,
        }
        (folder / "case.json").write_text(json.dumps(record), encoding="utf-8")
        for relative, content in (files or {}).items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        return folder

    return build


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A writable copy of the seed case folder, to break on purpose."""
    target = tmp_path / "medvedev-zimbabwe-2022"
    shutil.copytree(SEED, target)
    return target


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
