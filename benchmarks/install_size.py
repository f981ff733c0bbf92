"""How heavy is a learner's install? Time and disk size of `make lab`'s environment next to a bare stack.

In one run, this creates fresh virtual environments in a temporary folder:

- learner: exactly what `make lab` installs, made by the Makefile itself (`make learner VENV=...`);
- bare: `python -m venv` and `pip install jupyterlab ipywidgets pandas plotly`, with the same pins
  (`-c binder/requirements.txt`): the floor no course kit can go under.

It prints each one's wall-clock time and CPU time (user + system of every process the install ran; venv
creation included), its size (``du -sk`` of the venv), and the learner/bare ratios; the target is 1.1 or
less on time and size. With a warm pip cache the time is mostly unpacking and byte-compiling: wall time
swings with whatever else the machine runs, CPU time much less, so both are shown. Use ``--rounds`` for
several installs of each (the order alternates round by round; medians are reported). Not a test: run it
with ``make bench-install``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_STACK = ["jupyterlab", "ipywidgets", "pandas", "plotly"]
TARGET = 1.1


def install_bare(venv: Path, python: str) -> None:
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pins = ROOT / "binder" / "requirements.txt"
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-c", str(pins), *BARE_STACK], check=True)


def install_learner(venv: Path, python: str) -> None:
    subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "learner", f"VENV={venv}", f"PYTHON={python}"], check=True)


def size_mb(folder: Path) -> float:
    """Disk use of a folder in MB, as ``du -sk`` counts it."""
    kilobytes = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=True).stdout.split()[0]
    return int(kilobytes) / 1024


def cpu_seconds() -> float:
    """User + system CPU time of every finished child process so far (pip's own subprocesses included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(install, venv: Path, python: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, MB) for one fresh install into ``venv``; the venv is removed afterwards."""
    cpu, start = cpu_seconds(), time.perf_counter()
    install(venv, python)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    megabytes = size_mb(venv)
    shutil.rmtree(venv)
    return seconds, cpu, megabytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1, help="fresh installs of each kind (default 1)")
    parser.add_argument("--python", default=shutil.which("python3") or sys.executable, help="the Python to build venvs with")
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float, float]]] = {"bare": [], "learner": []}
    installs = {"bare": install_bare, "learner": install_learner}
    with tempfile.TemporaryDirectory(prefix="install-size-") as tmp:
        for round_number in range(args.rounds):
            order = ["bare", "learner"] if round_number % 2 == 0 else ["learner", "bare"]
            for name in order:
                results[name].append(measure(installs[name], Path(tmp) / name, args.python))
                wall, cpu, megabytes = results[name][-1]
                print(f"round {round_number + 1}: {name:8} {wall:6.1f} s wall {cpu:6.1f} s CPU {megabytes:7.1f} MB", flush=True)
    medians = {name: [statistics.median(row[i] for row in rows) for i in range(3)] for name, rows in results.items()}
    print(f"\n{'install':10}{'wall (s)':>10}{'CPU (s)':>10}{'size (MB)':>11}   median of {args.rounds} round(s), {args.python}")
    for name in ("bare", "learner"):
        print(f"{name:10}{medians[name][0]:10.1f}{medians[name][1]:10.1f}{medians[name][2]:11.1f}")
    ratios = [learner / bare for learner, bare in zip(medians["learner"], medians["bare"], strict=True)]
    print(f"{'ratio':10}{ratios[0]:10.2f}{ratios[1]:10.2f}{ratios[2]:11.2f}   target: {TARGET} or less")
    verdicts = ", ".join(
        f"{what} {'within' if r <= TARGET else 'OVER'}" for what, r in zip(("wall", "CPU", "size"), ratios, strict=True)
    )
    print(f"learner install against the target: {verdicts} (wall time swings with the machine's load; CPU time much less)")


if __name__ == "__main__":
    main()
