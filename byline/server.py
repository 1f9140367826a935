"""Run the site under granian: Django over ASGI, theme, admin and media files from Rust."""

import multiprocessing
from pathlib import Path

import django.contrib.admin
from granian import Granian
from granian.constants import Interfaces, Loops

from byline import conf, memory
from byline.theme.jinja import THEME_DIR


def static_mounts(site_dir: Path, config: conf.Config) -> list[tuple[str, Path]]:
    """(URL prefix, folder) pairs served as files without touching Python."""
    media = site_dir / config.media_dir
    media.mkdir(parents=True, exist_ok=True)
    admin_static = Path(django.contrib.admin.__file__).parent / "static" / "admin"
    return [
        ("/static/byline", THEME_DIR / "static" / "byline"),
        ("/static/admin", admin_static),
        ("/media", media),
    ]


def run(site_dir: Path, config: conf.Config, host: str, port: int, workers: int) -> None:
    """Serve until interrupted, with the background worker beside the web workers."""
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
    from byline import worker

    # Web workers start afresh rather than as forks of this process, whose background
    # threads (mail, pings, scheduled posts) a fork must not copy half-way.
    multiprocessing.set_start_method("spawn", force=True)
    memory.tune_this_process()  # the web workers do the same (byline/asgi.py)
    memory.tune_child_processes()
    stop = worker.start()  # in this, granian's main process: no process of its own
    try:
        server.serve()
    finally:
        stop.set()
