"""Benchmark (not a test): the class dashboard reads 300 hand-ins and builds its data in under 5 seconds.

Writes 300 example hand-ins (helpers.example_hand_ins, fixed seed, with the broken files of every kind) into a
temporary folder, then, in a fresh Python process per round (so nothing is cached from writing them), times
importing the dashboard, reading the folder (read_class: every file read, checked, duplicates resolved) and
building every view's table (results, common wrong answers, effort, gains). The target is the read and the
tables together under 5 s. Run with `.venv/bin/python benchmarks/class_dashboard.py [rounds] [learners]`.
The machine is shared: each round's times are printed, then the median and the slowest.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 5.0
CASE = "medvedev-zimbabwe-2022"


def write(folder: str, learners: int) -> None:
    from helpers.article import load_case
    from helpers.example_hand_ins import write_example_hand_ins

    written = write_example_hand_ins(folder, load_case(CASE), learners=learners)
    size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    print(f"wrote {len(written.hand_ins)} hand-ins and {len(written.broken)} broken files ({size / 1e6:.1f} MB) in {folder}")


def one_round(folder: str) -> None:
    """Time one cold read in this process and print the times as JSON."""
    start = time.perf_counter()
    from helpers import class_dashboard as dash
    from helpers.article import load_case

    case = load_case(CASE)
    imported = time.perf_counter()
    data = dash.read_class(folder, case)
    read = time.perf_counter()
    for view in (dash.results_table, dash.wrong_answers_table, dash.effort_table, dash.gains_table):
        view(data)
    tables = time.perf_counter()
    print(
        json.dumps(
            {
                "import": imported - start,
                "read": read - imported,
                "tables": tables - read,
                "learners": data.learners,
                "skipped": len(data.skipped),
            }
        )
    )


def main(rounds: int = 5, learners: int = 300) -> int:
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as folder:
        subprocess.run([sys.executable, __file__, "--write", folder, str(learners)], check=True)
        results = []
        for number in range(1, rounds + 1):
            out = subprocess.run([sys.executable, __file__, "--round", folder], check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            result["total"] = result["read"] + result["tables"]
            results.append(result)
            print(
                f"round {number}: import {result['import']:.2f} s, read {result['read']:.2f} s, tables {result['tables']:.2f} s "
                f"-> {result['total']:.2f} s for {result['learners']} learners ({result['skipped']} files skipped)"
            )
    totals = [r["total"] for r in results]
    cold = [r["total"] + r["import"] for r in results]
    median, slowest = statistics.median(totals), max(totals)
    verdict = "within" if slowest < TARGET else "OVER"
    print(f"read + tables: median {median:.2f} s, slowest {slowest:.2f} s ({verdict} the {TARGET:.0f} s target)")
    print(
        f"with the imports and the case's loading as well (a fresh kernel): median {statistics.median(cold):.2f} s, slowest {max(cold):.2f} s"
    )
    return 0 if slowest < TARGET else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        write(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1:2] == ["--round"]:
        one_round(sys.argv[2])
    else:
        sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))
