"""Run the site: the edge's processes facing readers (publish/edge.py), granian's behind them
(Django over ASGI; theme, admin and media files from Rust).

`byline serve` prepares the site, then replaces its process with a lean one (`python -m
byline.server`) that only supervises the others: Django lives in granian's workers, and one of
them at a time does the background work (byline/worker.py). With the store turned off there is
nothing for an edge to answer, and granian faces readers itself.
"""

import importlib.util
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from byline import conf, memory
from byline.stopping import STOP_SECONDS, SUPERVISOR_ENV, keep_stop_signals
from byline.theme import THEME_DIR

# Set for the web workers: each offers to do the background work, and one at a time does.
BACKGROUND_ENV = "BYLINE_BACKGROUND_IN_WORKER"
# Set for the web workers behind the edge: the reader's address is in the edge's header.
EDGE_ENV = "BYLINE_BEHIND_EDGE"
RUN_PREFIX = "byline-run-"  # then the supervisor's process id: its folder in /tmp


def static_mounts(site_dir: Path, config: conf.Config) -> list[tuple[str, Path]]:
    """(URL prefix, folder) pairs served as files without touching Python."""
    media = site_dir / config.media_dir
    media.mkdir(parents=True, exist_ok=True)
    # Found without importing the admin (which would bring Django into this process).
    admin = Path(importlib.util.find_spec("django.contrib.admin").origin).parent
    return [
        ("/static/byline", THEME_DIR / "static" / "byline"),
        ("/static/admin", admin / "static" / "admin"),
        ("/media", media),
    ]


def run(site_dir: Path, host: str, port: int, workers: int) -> None:
    """Serve until interrupted, in place of this process (which has Django loaded)."""
    from django.db import connections

    connections.close_all()
    memory.tune_child_processes()  # granian's own process too: it reads them as it starts
    sys.stdout.flush()
    sys.stderr.flush()
    command = [sys.executable, "-m", "byline.server", str(site_dir), host, str(port), str(workers)]
    os.execv(sys.executable, command)


class Edges:
    """The edge's processes, one per listening socket, started again if one ends."""

    def __init__(self, sockets: list, django: Path, site_dir: Path, config: conf.Config) -> None:
        from byline.publish.front import dynamic_prefixes

        self.sockets = sockets
        host = "{}:{}".format(*sockets[0].getsockname()[:2])
        store = site_dir / conf.STORE_DIR
        self.args = (str(django), str(store), dynamic_prefixes(config.admin), host)
        self.stopping = threading.Event()
        self.processes: dict[int, multiprocessing.Process] = {}

    def start(self) -> None:
        # Started here, before granian forks its workers: a fork in another thread at that
        # moment could hand an edge the pipe by which granian learns that a worker has ended.
        for number, sock in enumerate(self.sockets):
            process = self._start(number, sock)
            # Each waits on its process (a thread that holds no lock while granian forks).
            threading.Thread(target=self._keep, args=(number, sock, process), daemon=True).start()

    def _start(self, number: int, sock) -> multiprocessing.Process:
        from byline.publish import edge

        # Daemonic: stopped as this process stops (killed, it cannot: the edge notices).
        process = multiprocessing.Process(target=edge.run, args=(sock, *self.args), daemon=True)
        process.start()
        self.processes[number] = process
        return process

    def _keep(self, number: int, sock, process: multiprocessing.Process) -> None:
        while True:
            began = time.monotonic()
            process.join()
            # Told to stop (SIGTERM or SIGINT, handled or not yet), as the rest are.
            if process.exitcode in (0, -signal.SIGTERM, -signal.SIGINT):
                return
            if time.monotonic() - began < 1:  # failing at once: not in a tight loop
                self.stopping.wait(1)
            if self.stopping.is_set():
                return
            process = self._start(number, sock)

    def stop(self) -> None:
        from byline.publish.edge import DRAIN_SECONDS

        self.stopping.set()
        processes = list(self.processes.values())
        for process in processes:
            process.terminate()
        deadline = time.monotonic() + DRAIN_SECONDS + 1
        for process in processes:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()


def run_folder() -> Path:
    """A new folder of this user's alone, for Django's socket: no one else can reach Django
    past the edge. Those of servers killed outright (which could not remove theirs) go."""
    for old in Path(tempfile.gettempdir()).glob(RUN_PREFIX + "*"):
        pid = old.name.removeprefix(RUN_PREFIX).split("-", 1)[0]
        try:
            mine = old.lstat().st_uid == os.getuid() and old.is_dir() and not old.is_symlink()
        except OSError:
            continue
        if mine and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{RUN_PREFIX}{os.getpid()}-"))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's
        pass
    return True


def serve(site_dir: Path, host: str, port: int, workers: int) -> None:
    from granian import Granian
    from granian.constants import Interfaces, Loops

    config = conf.load(site_dir)
    mounts = static_mounts(site_dir, config)
    edges = None
    listen: dict = {"address": host, "port": port}
    if config.store:
        from byline.publish.edge import listening_sockets

        sockets = listening_sockets(host, port, workers)
        run_dir = run_folder()
        django = run_dir / "django.sock"
        listen = {"uds": django, "uds_permissions": 0o600}
        edges = Edges(sockets, django, site_dir, config)
    server = Granian(
        "byline.asgi:application",
        **listen,
        interface=Interfaces.ASGINL,  # Django has no lifespan events
        # Stored pages are answered on the event loop: uvloop's answers them about a sixth
        # faster than asyncio's (bench/RESULTS.md).
        loop=Loops.uvloop,
        workers=workers,
        log_level=config.log_level,
        static_path_route=[route for route, _ in mounts],
        static_path_mount=[folder for _, folder in mounts],
        respawn_failed_workers=True,
        workers_kill_timeout=STOP_SECONDS,
        working_dir=site_dir,
    )
    # Web workers are forks of this lean process (no Django, no threads of ours): they share
    # its interpreter's pages, and no resource tracker process is needed, as with spawn.
    multiprocessing.set_start_method("fork", force=True)
    memory.tune_this_process()  # the web workers do the same (byline/asgi.py)
    os.environ[BACKGROUND_ENV] = "1"
    os.environ[SUPERVISOR_ENV] = str(os.getpid())
    os.register_at_fork(after_in_child=keep_stop_signals)
    if edges is None:
        server.serve()
        return
    os.environ[EDGE_ENV] = "1"
    edges.start()
    try:
        server.serve()
    finally:
        edges.stop()
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    site, address, port_number, worker_count = sys.argv[1:5]
    serve(Path(site), address, int(port_number), int(worker_count))
