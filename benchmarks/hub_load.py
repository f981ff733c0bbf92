"""Benchmark (not a test): the course on a real JupyterHub with a class of learners answering at once.

Starts the test hub of tests/hub.py on the loopback interface (nothing else is contacted; the proxy is
installed from the npm registry on first use), logs in N learners (default 10), starts their servers at once,
pulls the course into each home with nbgitpuller from a file:// clone of HEAD, runs lesson 00 in each
learner's own kernel, then has every learner answer lesson 00's two exercises wrong then right, R rounds
(default 5), all at the same time. Bounded: N x R x 4 answers, then everything is stopped.

Reports:
- Check-to-feedback latency, median and 95th percentile over every answer of every learner: from the moment
  the answer's last message (the Check button's click, or the text box's new value on Enter) is written to
  the websocket to the moment the feedback panel's new value is read from it (tests/hub.py, answer_rounds):
  judging, saving with fsync, rendering, and both crossings of the proxy and the learner's server; not the
  browser's drawing.
- Memory: resident (RSS) and unique (USS: what ending the process gives back) memory of each learner's
  single-user server and kernel after answering, and of the hub and the proxy.
- Kernel memory after each lesson (--lessons): one learner runs every lesson in the manifest, each in a
  kernel of its own as JupyterLab does, and the kernel's RSS/USS is read when the lesson has run.
- CPU seconds (user + system, median of learners) used to start a learner's server, and by a kernel to start
  and run lesson 00: what a class arriving at once asks of the cores.
- The machine's load average before and after, and its core count: the figures are only as quiet as the machine.

Run: .venv/bin/python benchmarks/hub_load.py [--learners 10] [--rounds 5] [--lessons]
Results are printed and written to benchmarks/results/hub_load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hub import (  # noqa: E402
    ANSWERS,
    LESSON_00,
    REPOSITORY,
    STALL,
    Hub,
    answer_rounds,
    clone_course,
    lesson_link,
    log_in_browser,
    memory,
)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def in_parallel(jobs: dict[str, Callable[[], object]]) -> dict[str, object]:
    """Run each job in a thread of its own, all at once; return their results; raise the first error."""
    results, errors = {}, []

    def run(name: str, job) -> None:
        try:
            results[name] = job()
        except Exception as error:  # reported with the learner's name
            errors.append(f"{name}: {error}")

    threads = [threading.Thread(target=run, args=item) for item in jobs.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    if errors:
        raise RuntimeError("; ".join(errors))
    return results


def lesson_memory(hub: Hub, learner) -> list[dict]:
    """Kernel memory after each lesson of the manifest, each run in its own kernel, then that kernel shut down."""
    lessons = json.loads((ROOT / "lessons" / "course.json").read_text(encoding="utf-8"))["lessons"]
    rows = []
    kernel = learner.kernel(LESSON_00)
    rss, uss = memory(_process(kernel.pid()))
    rows.append({"lesson": "(a kernel that has run nothing)", "kernel_rss_mb": rss, "kernel_uss_mb": uss, "seconds": 0.0})
    kernel.shutdown()
    for lesson in lessons:
        notebook = f"{REPOSITORY}/{lesson['notebook']}"
        if not (learner.home / notebook).exists():  # a lesson the manifest plans but this version does not have yet
            continue
        kernel = learner.kernel(notebook)
        start = time.perf_counter()
        kernel.run_notebook(learner.home / notebook)
        seconds = time.perf_counter() - start
        rss, uss = memory(_process(kernel.pid()))
        rows.append({"lesson": lesson["id"], "kernel_rss_mb": rss, "kernel_uss_mb": uss, "seconds": seconds})
        kernel.shutdown()
    return rows


def browser_learner(hub: Hub, learner, upstream: Path, rounds: int, barrier: threading.Barrier) -> list[float]:
    """A learner in headless Chromium: the link opens lesson 00, Run all, then lesson 00's first exercise, wrong then right.

    Each time runs from the click on Check to the moment the page shows the expected verdict (Playwright's
    round trips to the browser included, so it is a little longer than what the learner sees).
    """
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, FLAGS, WAIT, check, exercise, feedback, run_all_when_ready

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.set_default_timeout(WAIT)
            log_in_browser(page, hub.url, learner.name)
            page.goto(lesson_link(hub.url, f"file://{upstream}"))
            page.wait_for_url(f"**/user/{learner.name}/lab/tree/{LESSON_00}*", timeout=300_000)
            run_all_when_ready(page, LESSON_00)
            barrier.wait(timeout=900)
            times, box = [], exercise(page, "text-type")
            for _ in range(rounds):
                for _, option, verdict in ANSWERS["text-type"]:  # wrong, then right
                    box.locator("label").filter(has_text=option).click()  # not the revealed answer's text
                    start = time.perf_counter()
                    check(page, "text-type")
                    feedback(page, "text-type", verdict)
                    times.append(time.perf_counter() - start)
            return times
        finally:
            chromium.close()


def cpu(process) -> float:
    """CPU seconds a process has used so far (user and system)."""
    times = process.cpu_times()
    return times.user + times.system


def _process(pid: int):
    import psutil

    return psutil.Process(pid)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="the last learner answers in headless Chromium")
    parser.add_argument("--lessons", action="store_true", help="also measure kernel memory after each lesson")
    args = parser.parse_args()
    if not 1 <= args.learners <= 40 or not 1 <= args.rounds <= 50:
        parser.error("at most 40 learners and 50 rounds (two shared cores)")

    load_before = os.getloadavg()
    result: dict = {"learners": args.learners, "rounds": args.rounds, "cores": os.cpu_count(), "load_before": load_before}
    with tempfile.TemporaryDirectory(prefix="hub-load-") as tmp:
        work = Path(tmp)
        upstream = clone_course(work / "upstream")
        (work / "hub").mkdir()
        hub = Hub.start(work / "hub")
        try:
            start = time.perf_counter()
            learners = hub.add_learners([f"learner{n:02d}" for n in range(1, args.learners + 1)], timeout=600)
            result["spawn_all_seconds"] = time.perf_counter() - start
            result["cpu_seconds_per_server_start"] = statistics.median(
                cpu(p) for k, p in hub.processes().items() if k.startswith("server:")
            )
            start = time.perf_counter()
            in_parallel({learner.name: (lambda learner=learner: learner.pull(f"file://{upstream}")) for learner in learners})
            result["pull_all_seconds"] = time.perf_counter() - start

            def open_lesson(learner):
                kernel = learner.kernel(LESSON_00)
                kernel.run_notebook(learner.home / LESSON_00)
                return kernel

            start = time.perf_counter()
            browser = learners[-1] if args.browser else None  # this learner uses Chromium, through JupyterLab
            kernels = in_parallel(
                {learner.name: (lambda learner=learner: open_lesson(learner)) for learner in learners if learner is not browser}
            )
            result["run_lesson_00_all_seconds"] = time.perf_counter() - start
            result["cpu_seconds_per_kernel_lesson_00"] = statistics.median(
                cpu(p) for k, p in hub.processes().items() if k.startswith("kernel:")
            )

            barrier = threading.Barrier(len(kernels) + (1 if browser else 0))

            def answer(kernel):
                barrier.wait(timeout=900)  # every learner starts answering at the same moment
                return answer_rounds(kernel, args.rounds)

            jobs = {name: (lambda kernel=kernel: answer(kernel)) for name, kernel in kernels.items()}
            if browser:
                jobs[browser.name] = lambda: browser_learner(hub, browser, upstream, args.rounds, barrier)
            start = time.perf_counter()
            times = in_parallel(jobs)
            result["answering_seconds"] = time.perf_counter() - start
            result["load_after"] = os.getloadavg()
            every = [t for name, values in times.items() if name in kernels for t in values]  # over the websocket
            result["answers"] = len(every)
            result["latency_ms"] = {
                "median": statistics.median(every) * 1000,
                "p95": p95(every) * 1000,
                "max": max(every) * 1000,
                "per_learner_median": {name: statistics.median(times[name]) * 1000 for name in sorted(kernels)},
            }
            if browser:
                clicks = times[browser.name]
                result["browser_latency_ms"] = {"median": statistics.median(clicks) * 1000, "p95": p95(clicks) * 1000}

            result["stalls"] = {name: kernel.stalls for name, kernel in kernels.items() if kernel.stalls}  # see KernelClient
            found = hub.processes()
            per_learner = {}
            for learner in learners:
                server = memory(found[f"server:{learner.name}"])
                kernel = [memory(p) for key, p in found.items() if key.startswith(f"kernel:{learner.name}:")]
                per_learner[learner.name] = {
                    "server_rss_mb": server[0],
                    "server_uss_mb": server[1],
                    "kernel_rss_mb": sum(k[0] for k in kernel),
                    "kernel_uss_mb": sum(k[1] for k in kernel),
                }
            result["memory_mb"] = {
                "hub_rss": memory(found["hub"])[0],
                "proxy_rss": memory(found["proxy"])[0],
                "per_learner": per_learner,
            }
            for kernel in kernels.values():
                kernel.shutdown()
            if args.lessons:
                result["lessons"] = lesson_memory(hub, learners[0])
        finally:
            hub.stop()
    report(result)
    out = ROOT / "benchmarks" / "results" / "hub_load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


def report(result: dict) -> None:
    learners = result["memory_mb"]["per_learner"].values()

    def median_of(key: str) -> float:
        return statistics.median(row[key] for row in learners)

    lat = result["latency_ms"]
    print(f"{result['learners']} learners x {result['rounds']} rounds = {result['answers']} answers, {result['cores']} cores")
    print(f"load average (1, 5, 15 min) before: {fmt(result['load_before'])}; after answering: {fmt(result['load_after'])}")
    print(
        f"spawn all servers {result['spawn_all_seconds']:.0f} s; pull all {result['pull_all_seconds']:.1f} s; "
        f"run lesson 00 in all kernels {result['run_lesson_00_all_seconds']:.0f} s; answering {result['answering_seconds']:.0f} s"
    )
    print(
        f"CPU time (median): {result['cpu_seconds_per_server_start']:.1f} s to start a learner's server, "
        f"{result['cpu_seconds_per_kernel_lesson_00']:.1f} s for a kernel to start and run lesson 00"
    )
    print(f"Check-to-feedback: median {lat['median']:.0f} ms, p95 {lat['p95']:.0f} ms, max {lat['max']:.0f} ms")
    stalls = sum(len(waits) for waits in result.get("stalls", {}).values())
    print(f"stalls (an awaited message not read within {STALL:.0f} s, then nudged): {stalls}", *result.get("stalls", {}).items())
    print(
        "per learner (median of learners): "
        f"server RSS {median_of('server_rss_mb'):.0f} MB (USS {median_of('server_uss_mb'):.0f}), "
        f"kernel RSS {median_of('kernel_rss_mb'):.0f} MB (USS {median_of('kernel_uss_mb'):.0f})"
    )
    if "browser_latency_ms" in result:
        browser = result["browser_latency_ms"]
        print(
            f"the learner in Chromium, click on Check to verdict shown: median {browser['median']:.0f} ms, p95 {browser['p95']:.0f} ms"
        )
    print(f"hub RSS {result['memory_mb']['hub_rss']:.0f} MB, proxy RSS {result['memory_mb']['proxy_rss']:.0f} MB")
    for row in result.get("lessons", []):
        print(
            f"  kernel after {row['lesson']:<32} RSS {row['kernel_rss_mb']:>5.0f} MB  USS {row['kernel_uss_mb']:>5.0f} MB  ({row['seconds']:.1f} s)"
        )


def fmt(load: tuple[float, float, float]) -> str:
    return ", ".join(f"{x:.1f}" for x in load)


if __name__ == "__main__":
    sys.exit(main())
