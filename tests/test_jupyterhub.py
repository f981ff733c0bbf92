"""The course on a real JupyterHub, as a class uses it: one link pulls it into each learner's home.

A JupyterHub runs on the loopback interface (tests/hub.py): DummyAuthenticator, SimpleLocalProcessSpawner,
each learner's home in a temporary folder, configurable-http-proxy installed from the npm registry on first
use. Learners log in, nbgitpuller pulls the course from a ``file://`` clone of this repository's HEAD
(branch ``main``), lesson 00 opens in headless Chromium through the hub from the link documented in
instructors/jupyterhub.md, and exercises are answered in the browser and through the learners' own kernels.

What isolation this gives, plainly: SimpleLocalProcessSpawner runs every learner's server and kernel as the
same operating-system user as the hub. The hub refuses one learner's session (cookies) on another learner's
server (web-level isolation, tested below), but code run in any learner's kernel can read and change every
other learner's home (also shown below). In production that isolation comes from the spawner: The Littlest
JupyterHub gives each learner a system user ``jupyter-<name>`` with a private home; Zero to JupyterHub on
Kubernetes gives each learner a pod of their own with its own storage volume.

The hub is started once for this module and stopped at its end, with every server and kernel it started,
even when a test fails. Without npm (for the proxy) or Chromium these tests skip, except on CI, where they fail.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import threading
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest
import websocket

from tests.hub import (
    ANSWERS,
    LESSON_00,
    REPOSITORY,
    Hub,
    HubUnavailable,
    answer_rounds,
    clone_course,
    lesson_link,
    log_in_browser,
    memory,
)
from tests.test_browser import ARTIFACTS, CHROMIUM, FLAGS, WAIT, _need_browser, check, exercise, feedback, run_all_when_ready

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "instructors" / "jupyterhub.md"
CASE = "medvedev-zimbabwe-2022"

pytestmark = [pytest.mark.hub, pytest.mark.slow]


def progress(home: Path) -> dict:
    """A learner's saved answers: my-work/progress.json in their clone of the course."""
    return json.loads((home / REPOSITORY / "my-work" / "progress.json").read_text(encoding="utf-8"))["records"]


@pytest.fixture(scope="module")
def upstream(tmp_path_factory) -> Path:
    """The repository the class pulls from: a clone of HEAD with it as branch main."""
    return clone_course(tmp_path_factory.mktemp("upstream"))


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    try:
        hub = Hub.start(tmp_path_factory.mktemp("hub"))
    except HubUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"{error} [CI is set, so the JupyterHub tests cannot skip]")
        pytest.skip(str(error))
    yield hub
    hub.stop()


@pytest.fixture(scope="module")
def class_of_three(hub, upstream):
    """Three learners logged in, each with the course pulled into their home and lesson 00 run in their own kernel."""
    learners = hub.add_learners(["ben", "chloe", "dan"])
    kernels = {}
    for learner in learners:
        output = "\n".join(learner.pull(f"file://{upstream}"))
        assert "Cloning into" in output
        kernels[learner.name] = learner.kernel(LESSON_00)
        kernels[learner.name].run_notebook(learner.home / LESSON_00)
    yield {learner.name: learner for learner in learners}, kernels
    for name, kernel in kernels.items():
        kernel.close()
        if kernel.stalls:  # in pytest's warnings summary: see KernelClient
            warnings.warn(f"{name}'s kernel: {len(kernel.stalls)} stalls, each nudged: {kernel.stalls}", stacklevel=1)


def documented_link() -> str:
    """The nbgitpuller link for this repository, as instructors/jupyterhub.md gives it."""
    found = re.findall(r"https://YOUR-HUB/hub/user-redirect/git-pull\?\S+", GUIDE.read_text(encoding="utf-8"))
    assert found, f"{GUIDE.name} gives no nbgitpuller link starting https://YOUR-HUB/hub/user-redirect/git-pull?"
    return found[0].rstrip("`).,")


def public_repository() -> str:
    """The repository's public address, from the README's Binder badge (mybinder.org/v2/gh/OWNER/NAME/BRANCH)."""
    badge = re.search(r"mybinder\.org/v2/gh/([^/]+)/([^/]+)/main", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert badge, "the README's Binder badge names the repository"
    return f"https://github.com/{badge.group(1)}/{badge.group(2)}"


def test_the_guide_gives_the_link_for_this_repository_branch_main_and_lesson_00():
    assert public_repository().endswith(f"/{REPOSITORY}"), "nbgitpuller clones into a folder named after the repository"
    assert documented_link() == lesson_link("https://YOUR-HUB", public_repository(), "main", LESSON_00)
    assert f"&targetpath={REPOSITORY}&" in documented_link(), "the folder is named by the link, not by the repository's address"
    guide = GUIDE.read_text(encoding="utf-8")
    folders = re.findall(r"PYTHONPATH: (\S+)", guide) + re.findall(r'pw_dir, "([^"]+)"', guide)
    assert len(folders) == 2 and all(folder.endswith(REPOSITORY) for folder in folders), (
        "both recipes' PYTHONPATH name that folder"
    )


def test_the_link_pulls_the_course_and_opens_lesson_00_in_the_browser_where_an_answer_is_saved_in_the_learners_home(
    hub, upstream, request
):
    """A learner logs in, opens the guide's link (with the test's repository), and answers lesson 00's first exercise."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    link = documented_link().replace("https://YOUR-HUB", hub.url)
    link = link.replace(re.search(r"repo=([^&]+)", link).group(1), quote(f"file://{upstream}", safe=""))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(WAIT)
        try:
            log_in_browser(page, hub.url, "amina")
            page.goto(link)  # the server starts, nbgitpuller clones the course, JupyterLab opens lesson 00
            page.wait_for_url(f"**/user/amina/lab/tree/{LESSON_00}*", timeout=120_000)
            run_all_when_ready(page, LESSON_00)
            box = exercise(page, "text-type")
            for _, option, verdict in ANSWERS["text-type"]:  # wrong, then right
                box.get_by_text(option, exact=False).click()
                check(page, "text-type")
                feedback(page, "text-type", verdict)
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
            raise
        finally:
            browser.close()
    home = hub.homes / "amina"
    assert (home / REPOSITORY / ".git").is_dir(), "nbgitpuller cloned the course into the learner's home"
    saved = progress(home)[f"{CASE}/text-type"]
    assert saved["answer"] == "relayed-statements" and saved["attempts"] == 2


def test_each_learner_answers_in_their_own_kernel_and_the_progress_file_is_in_their_own_home(hub, class_of_three):
    learners, kernels = class_of_three
    kernels["ben"].exercise("text-type").choose("A short news item")
    assert "✓ Right" in kernels["ben"].exercise("text-type").press_check()[0]
    kernels["chloe"].exercise("text-type").choose("An official transcript")
    assert "✗ Not yet" in kernels["chloe"].exercise("text-type").press_check()[0]
    assert "✓ Right" in kernels["dan"].exercise("announcement-date").type_and_enter("1 November 2022")[0]

    assert progress(learners["ben"].home)[f"{CASE}/text-type"]["answer"] == "relayed-statements"
    assert progress(learners["chloe"].home)[f"{CASE}/text-type"]["answer"] == "transcript"
    assert set(progress(learners["dan"].home)) == {f"{CASE}/announcement-date"}, "only dan's own answer"
    for name in ("ben", "chloe", "dan"):
        files = sorted(path.relative_to(hub.homes / name) for path in (hub.homes / name).rglob("progress.json"))
        assert files == [Path(REPOSITORY, "my-work", "progress.json")], f"{name}: one progress file, in their own clone"


def test_a_second_click_on_the_link_brings_the_instructors_changes_and_keeps_the_learners_work(hub, upstream, class_of_three):
    """nbgitpuller merges new commits into the learner's clone; my-work/ is git-ignored, so it is never committed or touched."""
    learners, kernels = class_of_three
    ben = learners["ben"]
    clone = ben.home / REPOSITORY
    kernels["ben"].exercise("announcement-date").type_and_enter("1 Nov 2022")  # some work to keep
    assert subprocess.run(["git", "-C", str(clone), "status", "--porcelain"], capture_output=True, text=True).stdout == "", (
        "the learner's answers are ignored by git: nbgitpuller's automatic commit of local changes leaves them out"
    )
    before = (clone / "my-work" / "progress.json").read_bytes()
    notice = upstream / "lessons" / "NOTICE-from-instructor.md"
    notice.write_text("Lesson 01 starts at 10:00.\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(upstream), "add", "-A"], check=True, capture_output=True)
    commit = [
        "git",
        "-C",
        str(upstream),
        "-c",
        "user.name=Instructor",
        "-c",
        "user.email=instructor@example.org",
        "commit",
        "-qm",
        "notice",
    ]
    subprocess.run(commit, check=True, capture_output=True)
    try:
        output = "\n".join(ben.pull(f"file://{upstream}"))
    finally:
        subprocess.run(["git", "-C", str(upstream), "reset", "-q", "--hard", "HEAD~1"], check=True, capture_output=True)
    assert "merge -Xours origin/main" in output, "nbgitpuller merged, keeping the learner's side of any conflict"
    assert (clone / "lessons" / "NOTICE-from-instructor.md").read_text(encoding="utf-8") == "Lesson 01 starts at 10:00.\n"
    assert (clone / "my-work" / "progress.json").read_bytes() == before


def test_a_learners_session_is_refused_on_another_learners_server_but_the_test_spawner_does_not_isolate_files(class_of_three):
    """Web-level isolation only: the hub refuses ben's cookies on chloe's server; the OS does not separate them here."""
    learners, kernels = class_of_three
    ben, chloe = learners["ben"], learners["chloe"]
    mine = ben.session.get(f"{ben.base}/api/contents/{REPOSITORY}/my-work/progress.json", timeout=60)
    assert mine.status_code == 200, "ben reaches his own work"
    for path in ("/api/contents", f"/files/{REPOSITORY}/my-work/progress.json", "/lab"):
        response = ben.session.get(
            f"{chloe.base}{path}", timeout=60
        )  # a page follows the hub's OAuth redirect, and is refused there
        assert response.status_code == 403, f"{path}: HTTP {response.status_code}"
        assert "transcript" not in response.text
    assert ben.session.post(f"{chloe.base}/api/sessions", json={}, headers=ben.xsrf(), timeout=60).status_code == 403
    cookies = "; ".join(f"{c.name}={c.value}" for c in ben.session.cookies)
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(
            f"{chloe.base.replace('http://', 'ws://')}/api/kernels/{kernels['chloe'].kernel_id}/channels",
            cookie=cookies,
            timeout=60,
        )
    assert refused.value.status_code == 403, "ben cannot attach to chloe's kernel"

    # What SimpleLocalProcessSpawner does not give: ben's kernel runs as the same OS user and can read chloe's home.
    chloe_file = chloe.home / REPOSITORY / "my-work" / "progress.json"
    assert "transcript" in kernels["ben"].execute(f"print(open({str(chloe_file)!r}).read())")


def test_three_learners_answering_at_once_each_get_their_own_feedback_within_seconds(hub, class_of_three):
    """A small version of benchmarks/hub_load.py: every Check answered right, in the learner's own kernel, and quickly."""
    learners, kernels = class_of_three
    key = f"{CASE}/text-type"
    before = {name: (progress(learner.home).get(key) or {}).get("attempts", 0) for name, learner in learners.items()}
    times, errors = {}, []

    def answer(name: str) -> None:
        try:
            times[name] = answer_rounds(kernels[name], rounds=3)
        except Exception as error:  # reported below, with the learner's name
            errors.append(f"{name}: {error}")

    threads = [threading.Thread(target=answer, args=(name,)) for name in kernels]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    every = [t for values in times.values() for t in values]
    assert len(every) == 3 * 3 * 4, "every Check of every learner got its feedback"
    median, p95 = statistics.median(every), statistics.quantiles(every, n=20, method="inclusive")[18]
    print(f"\n3 learners, {len(every)} checks: Check-to-feedback median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    assert p95 < 10, f"p95 {p95:.1f} s: a learner waits too long for feedback (two shared cores; the target is well under 1 s)"
    for name, learner in learners.items():
        record = progress(learner.home)[key]
        assert record["answer"] == "relayed-statements" and record["attempts"] == before[name] + 6, name
    found = hub.processes()
    for name in learners:
        rss, _ = memory(found[f"server:{name}"])
        assert 40 < rss < 1000, f"{name}'s server: {rss:.0f} MB"
        kernel_rss = sum(memory(process)[0] for key, process in found.items() if key.startswith(f"kernel:{name}:"))
        assert 40 < kernel_rss < 1000, f"{name}'s kernel: {kernel_rss:.0f} MB"
