"""Setting up and CI on a fresh machine: clear messages instead of a broken .venv or a silently skipped test.

The Makefile and .ci/run are run for real, with stand-in commands (python3, apt-get, make, id) that
record what they were asked to do, so no package is installed and no environment is built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")
BASH = shutil.which("bash")

needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")

# A Debian python3 without python3-venv: ensurepip is missing, and venv fails after making bin/python.
DEBIAN_PYTHON = """#!/bin/sh
case "$*" in
  *"import venv, ensurepip"*) echo "ModuleNotFoundError: No module named 'ensurepip'" >&2; exit 1 ;;
  "-m venv "*) mkdir -p "$3/bin" && touch "$3/bin/python" && chmod +x "$3/bin/python"; exit 1 ;;
esac
exit 0
"""


def script(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


def make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([MAKE, "-f", str(ROOT / "Makefile"), *args], cwd=folder, capture_output=True, text=True, timeout=60)


@needs_make
def test_without_python3_venv_make_says_what_to_install_and_leaves_no_venv(tmp_path):
    python = script(tmp_path / "python3", DEBIAN_PYTHON)
    result = make(tmp_path, ".venv/bin/python", f"PYTHON={python}")
    assert result.returncode != 0
    assert "Install python3-venv: sudo apt-get install python3-venv" in result.stderr
    assert not (tmp_path / ".venv").exists()


@needs_make
def test_a_venv_that_fails_half_way_is_removed(tmp_path):
    python = script(
        tmp_path / "python3",
        DEBIAN_PYTHON.replace("echo \"ModuleNotFoundError: No module named 'ensurepip'\" >&2; exit 1", "exit 0"),
    )
    result = make(tmp_path, ".venv/bin/python", f"PYTHON={python}")
    assert result.returncode != 0 and not (tmp_path / ".venv").exists(), "the next make run starts afresh"


@needs_make
def test_a_half_made_venv_from_before_is_named_not_trusted(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "binder").mkdir()
    (tmp_path / "binder" / "requirements.txt").write_text("")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "constraints.txt").write_text("")
    script(tmp_path / ".venv" / "bin" / "python", "#!/bin/sh\necho 'No module named pip' >&2\nexit 1\n")
    result = make(tmp_path, "setup")
    assert result.returncode != 0 and "Remove it with: rm -rf .venv" in result.stderr
    assert not (tmp_path / ".venv" / ".installed").exists(), "the stamp is only touched after a good install"


@pytest.fixture
def machine(tmp_path):
    """A copy of .ci/run on a machine whose commands are stand-ins that log their calls."""
    repo, bin_dir, log = tmp_path / "repo", tmp_path / "bin", tmp_path / "calls.log"
    shutil.copy2(ROOT / ".ci" / "run", script(repo / ".ci" / "run", ""))
    script(bin_dir / "python3", "#!/bin/sh\nexit 0\n")  # has venv and ensurepip
    (bin_dir / "dirname").symlink_to(shutil.which("dirname"))
    for name in ("make", "apt-get"):
        script(bin_dir / name, f'#!/bin/sh\necho "{name} $* CI=$CI" >> {log}\n')
    script(bin_dir / "sudo", f'#!/bin/sh\necho "sudo $*" >> {log}\n"$@"\n')

    def run(uid: int = 1000, sudo: bool = True, **env: str) -> tuple[subprocess.CompletedProcess, str]:
        script(bin_dir / "id", f"#!/bin/sh\necho {uid}\n")
        if not sudo:
            (bin_dir / "sudo").unlink()
        result = subprocess.run(
            [BASH, str(repo / ".ci" / "run")],
            env={"PATH": str(bin_dir), "HOME": str(tmp_path), **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result, log.read_text() if log.exists() else ""

    return run


def test_ci_installs_git_when_it_is_missing(machine):
    result, calls = machine(uid=0)  # no git on PATH
    assert result.returncode == 0, result.stderr
    install = next(line for line in calls.splitlines() if line.startswith("apt-get install"))
    assert " git" in install and "sudo" not in calls, "root needs no sudo"


def test_ci_without_root_or_sudo_says_so_and_stops(machine):
    result, calls = machine(uid=1000, sudo=False)
    assert result.returncode == 1
    assert "needs root, and sudo is not available" in result.stderr and "git" in result.stderr
    assert "apt-get" not in calls and "make" not in calls


def test_ci_runs_make_test_with_ci_set_so_browser_tests_cannot_skip(machine):
    result, calls = machine(uid=1000)
    assert result.returncode == 0, result.stderr
    assert calls.splitlines()[-1] == "make test CI=true" and "sudo apt-get install" in calls
    _, calls = machine(uid=1000, CI="github")
    assert calls.splitlines()[-1] == "make test CI=github", "an existing CI value is kept"


@pytest.mark.skipif(os.name != "posix", reason="POSIX shell script")
def test_ci_script_is_executable():
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
