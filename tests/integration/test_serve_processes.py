"""`byline serve`'s processes (a supervisor; under it an edge and a web worker per core): told
to stop, it stops, however soon after starting; an edge that crashes is started again; SIGHUP
starts the web workers afresh; killed outright (SIGKILL: the kernel's OOM killer, a service
manager's last resort), it leaves nothing running, and the next `byline serve` on its port
answers every reader."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import pytest

from byline.server import RUN_PREFIX, STOP_SECONDS
from tests.live import byline, database_url, free_port, serving, site_env, start_server

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads Linux's /proc")


def _fields(pid: int) -> list[str]:
    # The command's name, in parentheses, may hold spaces: the fields follow the last ")".
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def children(pid: int) -> dict[int, int]:
    """The processes whose parent is `pid`, each with its number of threads."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError):
            child = int(stat.parent.name)
            if int(_fields(child)[1]) == pid:
                found[child] = int(_fields(child)[17])  # num_threads
    return found


def running(pid: int) -> bool:
    try:
        return _fields(pid)[0] != "Z"
    except OSError:
        return False


def wait_until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
    return found


def answers(base: str, times: int = 20) -> None:
    """Each of `times` new connections is answered (the kernel shares them out between the
    sockets listening on the port)."""
    for _ in range(times):
        with urllib.request.urlopen(base + "/", timeout=5) as answer:
            assert answer.status == 200


@pytest.fixture
def site(tmp_path):
    # A temporary folder of its own (short: it holds the run's sockets): a server another
    # test starts meanwhile, the suite running in several processes, would sweep the run
    # folders of dead servers from the shared one.
    own_tmp = tempfile.mkdtemp(prefix="byline-test-")
    try:
        with database_url() as url:
            env = site_env(url) | {"TMPDIR": own_tmp}
            byline(tmp_path / "site", "init", env=env)
            yield tmp_path / "site", env
    finally:
        shutil.rmtree(own_tmp, ignore_errors=True)


@pytest.fixture
def server(site):
    """`byline serve` with two workers; the test's own cleanup kills its process group."""
    folder, env = site
    process = start_server(folder, env, free_port(), workers=2)
    yield process
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def test_told_to_stop_while_it_starts_it_stops(site):
    folder, env = site
    command = [sys.executable, "-m", "byline", "--site", str(folder), "serve",
               "--port", str(free_port()), "--workers", "2"]  # fmt: skip
    server = subprocess.Popen(command, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        # Its web workers forked, loading Django: a stop sent then went unheard, and the
        # supervisor waited for them forever.
        started = wait_until(
            lambda: len(found := children(server.pid)) == 4 and found,
            60,
            "its processes did not start",
        )
        os.kill(server.pid, signal.SIGTERM)  # the supervisor alone, as `kill PID` does
        # A worker still loading may take its whole grace to stop (granian then ends it): on
        # a loaded machine (the suite in two processes) that went past a bound of 8 s.
        limit = STOP_SECONDS + 5
        try:
            server.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {limit} s after SIGTERM")
        wait_until(lambda: not any(map(running, started)), 5, "its processes outlived it")
    finally:
        with suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def test_a_crashed_edge_is_started_again(server, site):
    port = server.args[server.args.index("--port") + 1]
    edges = [pid for pid, threads in children(server.pid).items() if threads == 1]
    assert len(edges) == 2
    os.kill(edges[0], signal.SIGKILL)
    wait_until(
        lambda: len([p for p, t in children(server.pid).items() if t == 1 and p not in edges]),
        10,
        "no new edge",
    )
    answers(f"http://127.0.0.1:{port}")


def test_sighup_starts_the_web_workers_afresh_and_the_edges_go_on(server):
    port = server.args[server.args.index("--port") + 1]
    before = children(server.pid)
    edges = {pid for pid, threads in before.items() if threads == 1}
    os.killpg(server.pid, signal.SIGHUP)  # to every process, as a closing terminal sends it
    answers(f"http://127.0.0.1:{port}")
    workers = set(before) - edges
    wait_until(lambda: not workers & set(children(server.pid)), 30, "the old workers go on")
    assert edges <= set(children(server.pid))  # the same edges
    answers(f"http://127.0.0.1:{port}")


def test_nothing_outlives_a_killed_server_and_the_next_one_answers(server, site):
    folder, env = site
    port = int(server.args[server.args.index("--port") + 1])
    started = children(server.pid)
    assert len(started) == 4  # two edges, two web workers
    (run,) = Path(env["TMPDIR"]).glob(f"{RUN_PREFIX}{server.pid}-*")
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    # Within a second, or, if granian's own stop sticks, when they end themselves.
    wait_until(lambda: not any(map(running, started)), STOP_SECONDS + 5, "they outlived it")
    with pytest.raises(ConnectionRefusedError), socket.socket() as probe:
        probe.connect(("127.0.0.1", port))  # no one holds the port any longer
    assert run.exists()  # the killed server could not remove its folder
    with serving(folder, env, workers=2, port=port) as base:
        assert not run.exists()  # the next one did
        answers(base)
