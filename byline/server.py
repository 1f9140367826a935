"""Run the site under granian: Django over ASGI, theme, admin and media files from Rust.

`byline serve` prepares the site, then replaces its process with a lean one (`python -m
byline.server`) that only supervises granian's web workers: Django lives in the workers, and
one of them at a time does the background work (byline/worker.py)."""

import importlib.util
import multiprocessing
import os
import sys
from pathlib import Path

from byline import conf, memory
from byline.theme import THEME_DIR

# Set for the web workers: each offers to do the background work, and one at a time does.
BACKGROUND_ENV = "BYLINE_BACKGROUND_IN_WORKER"


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


def serve(site_dir: Path, host: str, port: int, workers: int) -> None:
    from granian import Granian
    from granian.constants import Interfaces, Loops

    config = conf.load(site_dir)
    mounts = static_mounts(site_dir, config)
    server = Granian(
        "byline.asgi:application",
        address=host,
        port=port,
        interface=Interfaces.ASGINL,  # Django has no lifespan events
        # Stored pages are answered on the event loop: uvloop's answers them about a sixth
        # faster than asyncio's (bench/RESULTS.md).
        loop=Loops.uvloop,
        workers=workers,
        log_level=config.log_level,
        static_path_route=[route for route, _ in mounts],
        static_path_mount=[folder for _, folder in mounts],
        respawn_failed_workers=True,
        working_dir=site_dir,
    )
    # Web workers are forks of this lean process (no Django, no threads of ours): they share
    # its interpreter's pages, and no resource tracker process is needed, as with spawn.
    multiprocessing.set_start_method("fork", force=True)
    memory.tune_this_process()  # the web workers do the same (byline/asgi.py)
    os.environ[BACKGROUND_ENV] = "1"
    server.serve()


if __name__ == "__main__":
    site, address, port_number, worker_count = sys.argv[1:5]
    serve(Path(site), address, int(port_number), int(worker_count))
