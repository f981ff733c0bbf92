"""The environment: pins agree with pyproject.toml, Binder would build what we test, docs tell the truth, lint is clean."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "binder" / "requirements.txt"
TEST_LOCK = ROOT / "tests" / "constraints.txt"  # the test tools' pins (also made by `make lock`)
BIN = Path(sys.executable).parent


def direct_dependencies(extra: str = "") -> list[Requirement]:
    """pyproject.toml's dependencies, or those of one of its extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(r) for r in listed]


def pins(lock: Path = LOCK) -> list[Requirement]:
    lines = [line.strip() for line in lock.read_text(encoding="utf-8").splitlines()]
    return [Requirement(line) for line in lines if line and not line.startswith("#")]


def pins_for(environment: dict, lock: Path = LOCK) -> dict[str, str]:
    """name -> pinned version, for the pins whose markers hold in the given environment."""
    chosen = {}
    for pin in pins(lock):
        if pin.marker is None or pin.marker.evaluate(environment):
            (spec,) = pin.specifier
            assert spec.operator == "==", f"{pin} is not an exact pin"
            chosen[canonicalize_name(pin.name)] = spec.version
    return chosen


def binder_python() -> str:
    """The Python version Binder runs, e.g. "3.11", from binder/runtime.txt."""
    version = re.fullmatch(r"python-(\d+\.\d+)", (ROOT / "binder" / "runtime.txt").read_text().strip())
    assert version, "binder/runtime.txt must fix the Python version, e.g. python-3.11"
    return version[1]


def binder_environment() -> dict:
    version = binder_python()
    return {
        **default_environment(),
        "python_version": version,
        "python_full_version": f"{version}.0",
        "sys_platform": "linux",
        "platform_system": "Linux",
    }


def test_lock_is_generated_from_pyproject():
    assert "make lock" in LOCK.read_text(encoding="utf-8").splitlines()[1], "binder/requirements.txt is made by `make lock`"


def test_every_direct_dependency_is_pinned_within_its_range():
    for environment in (binder_environment(), default_environment()):
        pinned = pins_for(environment)
        for requirement in direct_dependencies():
            name = canonicalize_name(requirement.name)
            assert name in pinned, f"{requirement.name} is in pyproject.toml but not pinned: run make lock"
            assert requirement.specifier.contains(pinned[name]), (
                f"pin {name}=={pinned[name]} is outside pyproject's {requirement.specifier}: run make lock"
            )


def test_test_tools_are_pinned_and_agree_with_the_binder_pins():
    """A new release of a linter or test tool cannot break `make test` on a fresh clone."""
    assert "make lock" in TEST_LOCK.read_text(encoding="utf-8").splitlines()[1], "tests/constraints.txt is made by `make lock`"
    environment = default_environment()
    pinned = pins_for(environment, TEST_LOCK)
    for requirement in direct_dependencies("test"):
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is a test dependency but not pinned: run make lock"
        assert requirement.specifier.contains(pinned[name]), f"pin {name}=={pinned[name]} is outside {requirement.specifier}"
        assert metadata.version(name) == pinned[name], f"{name} installed differs from its pin: run make setup"
    binder = pins_for(environment)
    disagree = {name: (binder[name], pinned[name]) for name in binder.keys() & pinned.keys() if binder[name] != pinned[name]}
    assert not disagree, f"the two locks disagree (binder, tests): {disagree}; run make lock"


def test_jupyterlab_widgets_pin_matches_ipywidgets():
    pinned = pins_for(binder_environment())
    assert metadata.version("ipywidgets") == pinned["ipywidgets"]
    needs = [Requirement(r) for r in metadata.requires("ipywidgets") or [] if r.startswith("jupyterlab_widgets")]
    assert needs and needs[0].specifier.contains(pinned["jupyterlab-widgets"]), (
        "ipywidgets 8 needs the matching jupyterlab_widgets 3"
    )


def test_this_environment_runs_exactly_the_pinned_versions():
    """The test environment is installed with the pins as constraints, so tests see what Binder gets."""
    for name, version in pins_for(default_environment()).items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            pytest.fail(f"{name} is pinned but not installed: run make setup")
        assert installed == version, f"{name} {installed} installed, {version} pinned: run make setup"


def test_binder_files():
    post_build = ROOT / "binder" / "postBuild"
    assert os.access(post_build, os.X_OK)
    assert "pip install --no-deps -e ." in post_build.read_text()


def test_repo2docker_builds_from_binder_with_pinned_python_and_installs_the_kit_after_the_source(tmp_path):
    """repo2docker --no-build prints the Dockerfile Binder would build (no Docker engine needed)."""
    copy = tmp_path / "repo"
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    result = subprocess.run(
        [str(BIN / "repo2docker"), "--no-build", "--debug", str(copy)], capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "python=3.11" in output or "python-3.11" in output, "the pinned Python version"
    install_pins = output.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    copy_source = output.index(" src/ ${REPO_DIR}/")
    post_build = output.index("./binder/postBuild")
    assert install_pins < copy_source < post_build, "pins first, then the source, then the kit's own install"


def require_binder_python() -> None:
    """Skip (fail on CI) unless the running Python is Binder's, which a venv built from sys.executable gets."""
    running, wanted = "{}.{}".format(*sys.version_info[:2]), binder_python()
    if running == wanted:
        return
    message = (
        f"this test builds the Binder environment with the running Python {running}, but binder/runtime.txt "
        f"fixes python-{wanted}: run it with Python {wanted}"
    )
    if os.environ.get("CI"):
        pytest.fail(message + " [CI is set, so a different Python fails the run]")
    pytest.skip(message)


def _never_run(*args, **kwargs):
    raise AssertionError(f"the Binder environment must not be built: {args[0]}")


@pytest.mark.parametrize(("minor_offset", "ci"), [(-1, ""), (1, ""), (1, "true")])
def test_the_binder_environment_is_never_built_with_another_python(tmp_path, monkeypatch, minor_offset, ci):
    major, minor = (int(part) for part in binder_python().split("."))
    other = f"{major}.{minor + minor_offset}"
    monkeypatch.setattr(sys, "version_info", (major, minor + minor_offset, 0, "final", 0))
    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(subprocess, "run", _never_run)
    with pytest.raises(pytest.fail.Exception if ci else pytest.skip.Exception) as stopped:
        test_a_fresh_environment_from_binder_files_runs_every_lesson(tmp_path)
    assert str(stopped.value).startswith(
        f"this test builds the Binder environment with the running Python {other}, "
        f"but binder/runtime.txt fixes python-{binder_python()}: run it with Python {binder_python()}"
    )


@pytest.mark.slow
def test_a_fresh_environment_from_binder_files_runs_every_lesson(tmp_path):
    """Build a venv from exactly binder/ (runtime Python, requirements.txt, postBuild) and execute every lesson.

    The venv is made with the running Python, so the test runs only on Binder's version (runtime.txt).
    """
    require_binder_python()
    venv = tmp_path / "binder-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(LOCK)], check=True, timeout=1200)
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".venv", ".git", "test-artifacts", "__pycache__", "*.egg-info"))
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(venv)}
    subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, check=True, timeout=600)
    out = tmp_path / "executed"
    for lesson in sorted((repo / "lessons").glob("*.ipynb")):
        result = subprocess.run(
            [
                str(python),
                "-m",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=120",
                "--output-dir",
                str(out),
                str(lesson),
            ],
            cwd=repo / "lessons",
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, f"{lesson.name} failed in the Binder environment:\n{result.stderr[-3000:]}"
    helpers_path = subprocess.run(
        [str(python), "-c", "import helpers; print(helpers.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert helpers_path.startswith(str(repo)), "the kit is installed from the repository (editable), as on Binder"


def test_ruff_lint_and_format_are_clean():
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([str(BIN / "ruff"), *command], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_readme_commands_are_the_ones_that_work():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "```bash\nmake lab\n```" in readme and "```bash\nmake test\n```" in readme
    assert re.search(r"^lab: learner\n\t\$\(BIN\)/jupyter lab .*lessons/00-start-here\.ipynb", makefile, flags=re.M)
    assert "--allow-root" in makefile, "make lab must also work where the user is root (containers, CI)"
    assert re.search(r"^test: setup\n\t\$\(BIN\)/python -m pytest$", makefile, flags=re.M)
    assert ci.rstrip().endswith("make test"), ".ci/run must end by running the README's test command"
    assert "apt-get install" in ci and "chromium" in ci
    for notebook in re.findall(r"\]\((lessons/[^)]+\.ipynb)\)", readme):
        assert (ROOT / notebook).is_file(), f"README links to a missing {notebook}"
    badge = re.search(r"mybinder\.org/v2/gh/[^)]+urlpath=lab/tree/lessons/00-start-here\.ipynb", readme)
    assert badge, "the Binder badge opens JupyterLab at lesson 00"
