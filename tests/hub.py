"""A real JupyterHub on the loopback interface, for tests/test_jupyterhub.py and benchmarks/hub_load.py.

What runs: JupyterHub (DummyAuthenticator: any name, one shared password), configurable-http-proxy (from
the npm registry, pinned, installed once into ``.cache/`` by :func:`ensure_proxy`), and one single-user
JupyterLab server per learner (SimpleLocalProcessSpawner), each learner's home a folder under a
temporary folder. Every port is a free loopback port; nothing listens beyond 127.0.0.1.

The course reaches each learner as in a class: nbgitpuller clones it into their home from a repository
(here a ``file://`` clone of this repository's HEAD, branch ``main``, made by :func:`clone_course`), and
the kernel imports the helpers from that clone (``PYTHONPATH``, see :func:`course_folder`), so each
learner's progress file is ``my-work/progress.json`` in their own clone.

Isolation: SimpleLocalProcessSpawner runs every learner's server as the same operating-system user as the
hub. The hub and each server refuse a learner's cookies on another learner's server (web-level
isolation), but any code a learner runs can read every home. Production gives each learner a system user
(The Littlest JupyterHub: ``jupyter-<name>`` with a private home) or a container (Zero to JupyterHub on
Kubernetes: a pod per learner with its own volume); see instructors/jupyterhub.md.

:class:`KernelClient` drives a kernel as JupyterLab does: execute requests and widget messages over the
Jupyter server's websocket, through the hub's proxy, with the learner's cookies.

The hub's log (with every learner's server's) is ``jupyterhub.log`` in the hub's folder; with the
environment variable ``HUB_DEBUG=1`` the learners' servers log at debug level there.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import secrets
import shutil
import struct
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import psutil
import requests
import websocket

from tests.test_browser import _free_port, _write_settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the environment running the tests: its jupyterhub-singleuser serves the learners
PROXY_VERSION = "5.3.0"  # configurable-http-proxy, from the npm registry
PROXY_DIR = ROOT / ".cache" / f"configurable-http-proxy-{PROXY_VERSION}"
REPOSITORY = "media-literacy-course-kit"  # the folder nbgitpuller clones into: the last part of the repository's address
LESSON_00 = f"{REPOSITORY}/lessons/00-start-here.ipynb"
PASSWORD = "course-test-password"  # DummyAuthenticator's shared password: loopback only, for tests
STALL = 15.0  # s without an awaited message before the client nudges the kernel (see KernelClient)
POLL = 1.0  # s, between looks at a starting server (a spawn takes 7-10 s on two busy cores)


class HubUnavailable(RuntimeError):
    """Something the hub needs is missing (npm, or the proxy could not be installed); the message says what."""


def ensure_proxy() -> Path:
    """configurable-http-proxy's command, installing the pinned version from the npm registry the first time."""
    command = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
    if command.exists():
        return command
    npm = shutil.which("npm")
    if npm is None:
        raise HubUnavailable("npm is not installed (the JupyterHub proxy comes from the npm registry): sudo apt-get install npm")
    PROXY_DIR.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(PROXY_DIR),
            f"configurable-http-proxy@{PROXY_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not command.exists():
        shutil.rmtree(PROXY_DIR, ignore_errors=True)  # half-installed: start afresh next time
        raise HubUnavailable(f"npm could not install configurable-http-proxy@{PROXY_VERSION}:\n{result.stderr[-2000:]}")
    return command


def clone_course(folder: Path) -> Path:
    """A clone of this repository's HEAD (committed work only) with it as branch ``main``, for nbgitpuller to pull."""
    target = folder / REPOSITORY
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(target)], check=True, capture_output=True)
    subprocess.run(["git", "-C", str(target), "checkout", "--quiet", "-B", "main", head], check=True, capture_output=True)
    return target


def course_folder(spawner) -> str:
    """The learner's clone of the course, put on the kernel's PYTHONPATH so that lessons import its helpers.

    A callable value in ``Spawner.environment`` is called with the spawner at each spawn (JupyterHub's
    documented interface); SimpleLocalProcessSpawner knows the learner's home as ``home_dir``.
    """
    return os.path.join(spawner.home_dir, REPOSITORY)


CONFIG = """\
# Written by tests/hub.py: a JupyterHub on loopback for tests. Not for production (see instructors/jupyterhub.md).
import sys
sys.path.insert(0, {root!r})
from tests.hub import course_folder

c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {work!r} + "/proxy.pid"
c.JupyterHub.pid_file = {work!r} + "/jupyterhub.pid"
c.JupyterHub.db_url = "sqlite:///" + {work!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {work!r} + "/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = ["--allow-root", "--LabApp.expose_app_in_browser=True"]
c.Spawner.debug = {debug!r}  # HUB_DEBUG=1: the learners' servers log at debug level, in jupyterhub.log
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {{"PYTHONPATH": course_folder, "JUPYTERLAB_SETTINGS_DIR": {settings!r}}}
c.JupyterHub.services = [{{"name": "course-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "scopes": ["admin:users", "admin:servers"], "services": ["course-test"]}}]
"""


@dataclass
class Learner:
    """One learner logged in to the hub: their cookies, their server's address, their home."""

    name: str
    session: requests.Session
    base: str  # http://127.0.0.1:PORT/user/NAME
    home: Path

    def xsrf(self) -> dict[str, str]:
        """The header a cookie-authenticated POST to the learner's server needs (JupyterLab sends the same)."""
        token = next((c.value for c in self.session.cookies if c.name == "_xsrf" and c.path.startswith(f"/user/{self.name}")), "")
        return {"X-XSRFToken": token}

    def pull(self, repository: str, branch: str = "main") -> list[str]:
        """Pull the course with nbgitpuller's API (what the link's page runs in the browser); return its output lines."""
        query = urlencode({"repo": repository, "branch": branch, "targetpath": REPOSITORY})
        lines, events = [], []
        with self.session.get(f"{self.base}/git-pull/api?{query}", stream=True, timeout=300) as response:
            response.raise_for_status()
            for raw in response.iter_lines(decode_unicode=True):
                if raw and raw.startswith("data:"):
                    event = json.loads(raw[5:])
                    events.append(event)
                    lines.append(event.get("output", "").rstrip())
                    if event.get("phase") in ("finished", "error"):
                        break
        if not events or events[-1].get("phase") != "finished":
            raise AssertionError(f"nbgitpuller did not finish for {self.name}: {events[-1:]!r}")
        return lines

    def kernel(self, notebook: str) -> KernelClient:
        """Start a kernel for a notebook (its working folder is the notebook's), as opening it in JupyterLab does."""
        response = self.session.post(
            f"{self.base}/api/sessions",
            json={"path": notebook, "type": "notebook", "name": Path(notebook).name, "kernel": {"name": "python3"}},
            headers=self.xsrf(),
            timeout=120,
        )
        response.raise_for_status()
        return KernelClient(self, response.json()["kernel"]["id"])


@dataclass
class Hub:
    """A running hub: its address, admin token, homes and process; :meth:`stop` ends it and everything it started."""

    url: str
    token: str
    work: Path
    process: subprocess.Popen
    log_file: Any = None
    learners: dict[str, Learner] = field(default_factory=dict)

    @property
    def homes(self) -> Path:
        return self.work / "homes"

    @classmethod
    def start(cls, work: Path) -> Hub:
        proxy = ensure_proxy()
        settings = work / "lab-settings"
        _write_settings(settings)  # the browser tests' settings: every cell rendered, no news checks
        (work / "homes").mkdir(parents=True, exist_ok=True)
        port, token = _free_port(), secrets.token_hex(16)
        config = CONFIG.format(
            root=str(ROOT),
            port=port,
            hub_port=_free_port(),
            proxy_api_port=_free_port(),
            proxy=str(proxy),
            work=str(work),
            password=PASSWORD,
            homes=str(work / "homes"),
            singleuser=str(BIN / "jupyterhub-singleuser"),
            settings=str(settings),
            token=token,
            debug=os.environ.get("HUB_DEBUG") == "1",
        )
        (work / "jupyterhub_config.py").write_text(config, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIA_LITERACY_")}  # the tests' own progress file
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        log = open(work / "jupyterhub.log", "w")  # noqa: SIM115 (closed by stop)
        process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(work / "jupyterhub_config.py")],
            cwd=work,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        hub = cls(f"http://127.0.0.1:{port}", token, work, process, log)
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{hub.url}/hub/api/", timeout=5).ok:
                    return hub
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                hub.stop()
                raise HubUnavailable("JupyterHub did not start:\n" + hub.log()[-4000:])
            time.sleep(0.5)

    def log(self) -> str:
        return (self.work / "jupyterhub.log").read_text(encoding="utf-8", errors="replace")

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        response = requests.request(
            method, f"{self.url}/hub/api{path}", headers={"Authorization": f"token {self.token}"}, timeout=60, **kwargs
        )
        response.raise_for_status()
        return response

    def log_in(self, name: str) -> requests.Session:
        """A browser-like session logged in to the hub with the login form (its _xsrf field, then the POST)."""
        session = requests.Session()
        page = session.get(f"{self.url}/hub/login", timeout=60)
        page.raise_for_status()
        xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', page.text)
        form = {"username": name, "password": PASSWORD, **({"_xsrf": xsrf.group(1)} if xsrf else {})}
        response = session.post(f"{self.url}/hub/login", data=form, allow_redirects=False, timeout=60)
        if response.status_code != 302:
            raise AssertionError(f"logging in as {name} failed: HTTP {response.status_code}")
        return session

    def add_learners(self, names: list[str], timeout: float = 240) -> list[Learner]:
        """Log each learner in, start all their servers at once, and wait until each is ready and authorised."""
        sessions = {name: self.log_in(name) for name in names}
        for name in names:
            self.api("POST", f"/users/{name}/server")
        deadline = time.monotonic() + timeout
        waiting = set(names)
        while waiting:
            for name in sorted(waiting):
                server = self.api("GET", f"/users/{name}").json().get("servers", {}).get("", {})
                if server.get("ready"):
                    waiting.discard(name)
            if waiting and time.monotonic() > deadline:
                raise AssertionError(f"servers not ready after {timeout:.0f} s: {sorted(waiting)}\n" + self.log()[-3000:])
            time.sleep(POLL if waiting else 0)
        learners = []
        for name in names:
            learner = Learner(name, sessions[name], f"{self.url}/user/{name}", self.homes / name)
            page = learner.session.get(f"{learner.base}/lab", timeout=120)  # completes the server's OAuth step
            page.raise_for_status()
            self.learners[name] = learner
            learners.append(learner)
        return learners

    def processes(self) -> dict[str, psutil.Process]:
        """The hub, the proxy, and each learner's server (keyed ``server:NAME``) and kernels (``kernel:NAME:N``)."""
        found = {"hub": psutil.Process(self.process.pid)}
        for child in found["hub"].children():
            try:
                command = " ".join(child.cmdline())
                if "configurable-http-proxy" in command:
                    found["proxy"] = child
                elif "jupyterhub-singleuser" in command:
                    name = child.environ().get("JUPYTERHUB_USER", str(child.pid))
                    found[f"server:{name}"] = child
                    for n, kernel in enumerate(child.children(recursive=True)):
                        found[f"kernel:{name}:{n}"] = kernel
            except psutil.NoSuchProcess:
                continue
        return found

    def stop(self) -> None:
        """Stop the hub (it stops the servers and the proxy), then end anything of it still running."""
        try:
            started = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            started = []
        for learner in self.learners.values():
            learner.session.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        _, alive = psutil.wait_procs(started, timeout=10)
        for process in alive:  # a server or kernel the hub did not stop: end it, by its process id
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        if self.log_file:
            self.log_file.close()


def log_in_browser(page, hub_url: str, name: str) -> None:
    """Log in with the hub's login form in a Playwright page, and wait until the hub has taken the form."""
    page.goto(f"{hub_url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(lambda url: "/hub/login" not in url)


def lesson_link(hub_url: str, repository: str, branch: str = "main", notebook: str = LESSON_00) -> str:
    """The nbgitpuller link a learner clicks: pull the course into their home, then open the notebook in JupyterLab."""
    # targetpath names the clone's folder, which PYTHONPATH and urlpath name too: without it nbgitpuller names it after
    # the last part of repo, which differs for a fork under another name or an address ending in .git.
    fields = {"repo": repository, "branch": branch, "targetpath": REPOSITORY, "urlpath": f"lab/tree/{notebook}"}
    query = urlencode(fields, quote_via=quote, safe="")
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


# Driving a kernel over the websocket, as JupyterLab does -----------------------------------------------


class KernelError(AssertionError):
    """A cell raised in the learner's kernel; the message has the traceback the learner would see."""


def _decode(data: str | bytes) -> dict:
    """A kernel message from a websocket frame: JSON text, or (with binary buffers) the server's binary layout.

    The binary layout (jupyter_server's ``serialize_binary_message``): the number of parts, then each part's
    offset, as 32-bit big-endian integers; the first part is the message's JSON, the others its buffers.
    """
    if isinstance(data, str):
        return json.loads(data)
    count = struct.unpack("!I", data[:4])[0]
    offsets = [*struct.unpack(f"!{count}I", data[4 : 4 + 4 * count]), len(data)]
    return json.loads(data[offsets[0] : offsets[1]].decode("utf-8"))


class KernelClient:
    """One kernel of one learner, over ``/user/NAME/api/kernels/ID/channels`` through the hub's proxy.

    As JupyterLab does, it reads the websocket all the time (a thread: the server's keep-alive pings are
    answered even while a test does something else; a server closes a websocket that leaves its pings
    unanswered for 90 s) and asks for the kernel's info once before anything else, waiting for the reply.
    Without that wait, an ``execute_request`` sent at once sat unprocessed in an ipykernel 7.3.0 kernel (the
    version pinned then): a kernel that had run nothing for minutes ran the waiting cell as soon as another
    client sent it a request. https://github.com/holoviz-dev/nbsite/pull/350 gives the remedy ("It is
    possible to send an `execute_request` message too early to an `ipykernel` kernel, before it is ready to
    process that message"), a ``kernel_info_request`` first; pyproject.toml says why ipykernel is now 6.x.

    Widget models are followed from their ``comm_open`` and ``comm_msg`` messages, so an exercise can be
    answered with the messages the browser sends: an ``update`` of the answer control's state, then a
    ``custom`` click on the Check button.

    A safety net: when a request has had no message at all (not even the kernel's ``busy`` status for it)
    within :data:`STALL` seconds, the client sends another ``kernel_info_request``, which wakes a kernel
    holding a message unprocessed, and records what it was waiting for in :attr:`stalls` (a warning in the
    test summary). A cell that is busy for longer is not a stall.
    """

    def __init__(self, learner: Learner, kernel_id: str) -> None:
        self.learner, self.kernel_id = learner, kernel_id
        self.session_id = uuid.uuid4().hex
        cookies = "; ".join(f"{c.name}={c.value}" for c in learner.session.cookies)
        url = learner.base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels?session_id={self.session_id}"
        self.socket = websocket.create_connection(url, cookie=cookies, timeout=30, enable_multithread=True)
        self.models: dict[str, dict] = {}  # comm id: the widget model's state, kept up to date
        self.stalls: list[str] = []  # what was awaited each time nothing came for STALL seconds
        self._inbox: queue.Queue = queue.Queue()
        self._error: Exception | None = None  # why the reader stopped, for every later wait
        self._reader = threading.Thread(target=self._read, name=f"websocket-{learner.name}", daemon=True)
        self._reader.start()
        try:
            self._wait_until_ready()
        except BaseException:
            self.close()
            raise

    def _read(self) -> None:
        """Read every message from the websocket into the inbox (pings are answered while reading)."""
        while True:
            try:
                opcode, data = self.socket.recv_data()
            except websocket.WebSocketTimeoutException:
                continue  # 30 s without a frame (the server pings every 30 s); a partly read frame is kept
            except Exception as error:  # the socket closed, or was closed by close()
                self._stop(ConnectionError(f"the kernel's websocket closed: {error!r}"))
                return
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                self._stop(ConnectionError("the server closed the kernel's websocket"))
                return
            try:
                self._inbox.put(_decode(data.decode("utf-8") if opcode == websocket.ABNF.OPCODE_TEXT else data))
            except Exception as error:  # a message this client cannot read
                self._stop(ValueError(f"a message from the kernel could not be read: {error!r}"))
                return

    def _stop(self, error: Exception) -> None:
        """Keep why the reader stopped, and wake whoever waits."""
        self._error = error
        self._inbox.put(error)

    def _wait_until_ready(self, timeout: float = 120) -> None:
        """Send one kernel_info_request and wait for its reply, as JupyterLab does on connecting."""
        msg_id = self._send("shell", "kernel_info_request", {})
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline, "the kernel's info", nudge=False)
            if message.get("parent_header", {}).get("msg_id") == msg_id and message["header"]["msg_type"] == "kernel_info_reply":
                return

    def close(self) -> None:
        """Close the websocket without waiting for the server, and end the reader thread."""
        self.socket.abort()  # wakes the reader; a polite close() would wait for the lock the reader holds
        self._reader.join(timeout=5)
        self.socket.shutdown()

    def shutdown(self) -> None:
        self.close()
        self.learner.session.delete(f"{self.learner.base}/api/kernels/{self.kernel_id}", headers=self.learner.xsrf(), timeout=60)

    def pid(self) -> int:
        """The kernel's process id, asked of the kernel itself."""
        return int(self.execute("import os; print(os.getpid())").strip())

    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "username": self.learner.name,
            "session": self.session_id,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "version": "5.3",
        }
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}
        self.socket.send(json.dumps(message))
        return msg_id

    def _receive(self, deadline: float, awaited: str, nudge: bool = True) -> dict:
        """The next message, following widget models; a stall sends a nudge; past ``deadline``, KernelError."""
        while True:
            if self._error is not None and self._inbox.empty():
                raise KernelError(f"{self.learner.name}, awaiting {awaited}: {self._error}") from self._error
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelError(f"{self.learner.name}: no {awaited} in time (stalls: {self.stalls or 'none'})")
            try:
                message = self._inbox.get(timeout=min(left, STALL) if nudge else left)
            except queue.Empty:
                if nudge:
                    self.stalls.append(awaited)
                    self._send("shell", "kernel_info_request", {})
                continue
            if not isinstance(message, Exception):
                break
        kind, content = message["header"]["msg_type"], message.get("content", {})
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content.get("data", {}).get("state", {}))
        elif kind == "comm_msg" and content.get("comm_id") in self.models:
            data = content.get("data", {})
            if data.get("method") in ("update", "echo_update"):
                self.models[content["comm_id"]].update(data.get("state", {}))
        return message

    def execute(self, code: str, timeout: float = 300) -> str:
        """Run code as a cell; return its printed text; raise KernelError with the traceback if it fails."""
        msg_id = self._send(
            "shell",
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        printed, error, replied, idle, started = [], None, False, False, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            awaited = " and ".join(["the reply"] * (not replied) + ["the idle status"] * (not idle))
            message = self._receive(deadline, f"{awaited} for {code[:60]!r}", nudge=not started)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            started = True  # the kernel is working on it (its busy status comes first): a long cell is no stall
            kind, content = message["header"]["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content.get("text", ""))
            elif kind == "error":
                error = "\n".join(content.get("traceback", [])) or f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
        if error:
            plain = re.sub(r"\x1b\[[0-9;]*m", "", error)  # the traceback without its colours
            raise KernelError(f"{self.learner.name}: {code[:80]!r} failed:\n{plain}")
        return "".join(printed)

    def run_notebook(self, path: Path) -> None:
        """Run every code cell of a notebook in order, as Run all does."""
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                self.execute(source)

    def exercise(self, exercise_id: str) -> Exercise:
        """The widgets of an exercise shown in this kernel (the box with class ``ml-exercise-<id>``)."""
        box = next(
            (comm for comm, state in self.models.items() if f"ml-exercise-{exercise_id}" in state.get("_dom_classes", ())), None
        )
        if box is None:
            raise AssertionError(f"{self.learner.name}: exercise {exercise_id} is not shown in this kernel")
        children = [child.removeprefix("IPY_MODEL_") for child in self.models[box]["children"]]
        control, buttons, panel = children[2], children[3], children[4]
        check = next(b.removeprefix("IPY_MODEL_") for b in self.models[buttons]["children"])
        return Exercise(self, exercise_id, control, check, panel)


@dataclass
class Exercise:
    """An exercise's answer control, Check button and feedback panel (widget model ids) in a kernel."""

    kernel: KernelClient
    id: str
    control: str
    check: str
    panel: str

    def _comm(self, comm_id: str, data: dict) -> float:
        self.kernel._send("shell", "comm_msg", {"comm_id": comm_id, "data": data})
        return time.perf_counter()

    def choose(self, option: str) -> None:
        """Pick a radio option by its label's start, as a click on it does (an update of the model's index)."""
        labels = self.kernel.models[self.control]["_options_labels"]
        index = next(i for i, label in enumerate(labels) if label.startswith(option))
        self._comm(self.control, {"method": "update", "state": {"index": index}, "buffer_paths": []})

    def feedback_after(self, sent: float, timeout: float = 120) -> tuple[str, float]:
        """Wait for the panel's next value; return its text and the seconds since ``sent``."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.kernel._receive(deadline, f"feedback for {self.id}")
            content = message.get("content", {})
            if message["header"]["msg_type"] == "comm_msg" and content.get("comm_id") == self.panel:
                value = content.get("data", {}).get("state", {}).get("value")
                if value is not None:
                    return re.sub(r"<[^>]+>", " ", value), time.perf_counter() - sent

    def press_check(self) -> tuple[str, float]:
        """Click Check; return the feedback text and the Check-to-feedback time in seconds."""
        return self.feedback_after(self._comm(self.check, {"method": "custom", "content": {"event": "click"}}))

    def type_and_enter(self, text: str) -> tuple[str, float]:
        """Type an answer and press Enter (a text box sends its value then); return the feedback and the time."""
        return self.feedback_after(self._comm(self.control, {"method": "update", "state": {"value": text}, "buffer_paths": []}))


def memory(process: psutil.Process) -> tuple[float, float]:
    """A process's resident and unique memory, in MB (unique: what ending it would give back)."""
    info = process.memory_full_info()
    return info.rss / 2**20, info.uss / 2**20


# One learner's answers, for the load test and the benchmark ---------------------------------------------

ANSWERS = {  # lesson 00's two exercises: (what the learner does, the answer, the verdict it must get), wrong then right
    "text-type": (("choose", "An opinion column", "✗ Not yet"), ("choose", "A short news item", "✓ Right")),
    "announcement-date": (("type", "November 1", "◐ Partly right"), ("type", "1 Nov 2022", "✓ Right")),
}


def answer_rounds(kernel: KernelClient, rounds: int) -> list[float]:
    """Answer lesson 00's exercises wrong then right, ``rounds`` times; return each Check-to-feedback time in seconds.

    The time runs from the moment the answer's last message (the Check button's click, or the text box's new
    value when Enter is pressed) is written to the websocket, to the moment the exercise's feedback panel's
    new value has been read from it: the kernel judges the answer, saves it to the progress file (fsync) and
    renders the feedback, and both messages cross the hub's proxy and the learner's server. The browser's own
    drawing is not included. Every verdict is checked, so a mixed-up kernel or a lost answer fails.
    """
    times = []
    for _ in range(rounds):
        for exercise_id, steps in ANSWERS.items():
            exercise = kernel.exercise(exercise_id)
            for action, answer, verdict in steps:
                if action == "choose":
                    exercise.choose(answer)
                    text, seconds = exercise.press_check()
                else:
                    text, seconds = exercise.type_and_enter(answer)
                if verdict not in text:
                    raise AssertionError(
                        f"{kernel.learner.name}, {exercise_id}, {answer!r}: expected {verdict!r}, got {text[:200]!r}"
                    )
                times.append(seconds)
    return times
