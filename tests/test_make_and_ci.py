"""Setting up and CI on a fresh machine: clear messages instead of a broken .venv or a silently skipped test.

The Makefile and .ci/run are run for real, with stand-in commands (python3, apt-get, make, id) that
record what they were asked to do, so no package is installed and no environment is built.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
from packaging.utils import canonicalize_name

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
    assert not list((tmp_path / ".venv").glob(".installed*")), "a stamp is only touched after a good install"


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


def test_ci_installs_npm_for_the_jupyterhub_proxy_only_when_it_is_missing(machine, tmp_path):
    _, calls = machine(uid=0)
    assert " npm" in next(line for line in calls.splitlines() if line.startswith("apt-get install"))
    script(tmp_path / "bin" / "npm", "#!/bin/sh\nexit 0\n")
    script(tmp_path / "bin" / "git", "#!/bin/sh\nexit 0\n")
    (tmp_path / "calls.log").unlink()
    _, calls = machine(uid=0)
    assert "npm" not in next((line for line in calls.splitlines() if line.startswith("apt-get install")), "")


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


# A learner's install holds what the lessons need; the test tools come only with `make test` / `make check`.

# A venv whose python and jupyter log their calls; `pip.__version__` answers from OLD_PIP, pip fails if FAIL_PIP.
LOGGING_PYTHON = """#!/bin/sh
echo "python $*" >> "$CALLS"
case "$*" in
  *"pip.__version__"*) [ -z "$OLD_PIP" ] || exit 3 ;;
  *"pip install"*) [ -z "$FAIL_PIP" ] ;;
  *) exit 0 ;;
esac
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with the Makefile's inputs and a .venv whose commands log their calls; returns a runner."""
    for name in ("pyproject.toml", "binder/requirements.txt", "tests/constraints.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    calls = tmp_path / "calls.log"
    monkeypatch.setenv("CALLS", str(calls))
    script(tmp_path / ".venv" / "bin" / "python", LOGGING_PYTHON)
    script(tmp_path / ".venv" / "bin" / "jupyter", '#!/bin/sh\necho "jupyter $*" >> "$CALLS"\n')

    def run(*targets: str, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
        calls.unlink(missing_ok=True)
        for key in ("OLD_PIP", "FAIL_PIP"):
            monkeypatch.delenv(key, raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        result = make(tmp_path, *targets)
        return result, calls.read_text().splitlines() if calls.exists() else []

    return run


def installs(calls: list[str]) -> list[str]:
    return [call.removeprefix("python -m pip install --quiet ") for call in calls if "pip install" in call]


@needs_make
def test_make_lab_installs_only_what_the_lessons_need_then_opens_lesson_00(project, tmp_path):
    result, calls = project("lab")
    assert result.returncode == 0, result.stderr
    assert installs(calls) == ["-c binder/requirements.txt -e ."], "no test tools, pinned like Binder"
    assert calls[-1].startswith("jupyter lab ") and calls[-1].endswith("lessons/00-start-here.ipynb")
    assert (tmp_path / ".venv" / ".installed-learner").exists() and not (tmp_path / ".venv" / ".installed-test").exists()
    _, calls = project("lab")
    assert installs(calls) == [], "a second make lab installs nothing"


@needs_make
def test_make_test_adds_the_pinned_test_tools_and_runs_the_whole_suite(project):
    result, calls = project("test")
    assert result.returncode == 0, result.stderr
    assert installs(calls) == [
        "-c binder/requirements.txt -e .",
        "-c binder/requirements.txt -c tests/constraints.txt -e .[test]",
    ]
    assert calls[-1] == "python -m pytest", "every test, browser and slow ones included"
    _, calls = project("lab")
    assert installs(calls) == [] and calls[-1].startswith("jupyter lab"), "make lab after make test reuses the environment"


@needs_make
def test_make_check_skips_browser_and_slow_tests(project):
    result, calls = project("check")
    assert result.returncode == 0, result.stderr
    assert len(installs(calls)) == 2
    assert calls[-1] == "python -m pytest -q -m not browser and not slow"


@needs_make
def test_an_old_pip_is_upgraded_before_the_editable_install(project):
    _, calls = project("learner", OLD_PIP="1")
    assert installs(calls) == ["--upgrade pip", "-c binder/requirements.txt -e ."]
    _, calls = project("learner")
    assert installs(calls) == [], "the stamp is set: nothing to do"


@needs_make
def test_a_failed_install_sets_no_stamp_so_the_next_run_retries(project, tmp_path):
    result, _ = project("test", FAIL_PIP="1")
    assert result.returncode != 0
    assert not (tmp_path / ".venv" / ".installed-learner").exists() and not (tmp_path / ".venv" / ".installed-test").exists()
    _, calls = project("learner")
    assert installs(calls) == ["-c binder/requirements.txt -e ."]


def test_every_make_command_in_the_readme_is_a_makefile_target():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    documented = set(re.findall(r"`(?:[A-Z_]+=\S+ )?make ([a-z][a-z-]*)`", readme))
    assert {"lab", "test", "check", "course", "bench-install"} <= documented, "the README documents the everyday commands"
    assert documented <= targets, f"the README names make targets that do not exist: {documented - targets}"


def imported_modules(source: str) -> set[str]:
    """Top-level names of the modules a piece of Python imports."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_helpers_and_lessons_import_only_what_a_learner_has():
    """The learner's install (binder/requirements.txt) lacks the test tools, so the course must not need them."""
    learner = {
        canonicalize_name(line.split("==")[0])
        for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
        if "==" in line
    }
    sources = [path.read_text(encoding="utf-8") for path in (ROOT / "helpers").glob("*.py")]
    for notebook in (ROOT / "lessons").glob("*.ipynb"):
        sources += [cell.source for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"]
    distributions = metadata.packages_distributions()
    for module in sorted(set().union(*map(imported_modules, sources))):
        if module in sys.stdlib_module_names or module in ("helpers", "__future__"):
            continue
        # Not installed here: a fallback for another Python version (tomli, for tomllib on 3.10), pinned with a marker.
        owners = {canonicalize_name(d) for d in distributions.get(module, [])} or {canonicalize_name(module)}
        assert owners & learner, (
            f"the course imports {module} ({', '.join(owners) or 'not installed'}), which a learner's install lacks"
        )
