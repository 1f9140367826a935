"""Real Byline sites for tests: a site folder, its database, and `byline serve` on a free port."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


POSTGRES = "postgres://root@127.0.0.1:5432/postgres"


@contextmanager
def database_url(postgres: bool = False) -> Iterator[str]:
    """A fresh PostgreSQL database when the suite runs on PostgreSQL (or `postgres` asks for
    one), else '' (SQLite)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        if not postgres:
            yield ""
            return
        url = POSTGRES
    import psycopg

    name = f"byline_live_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def byline(
    site: Path, *args: str, env: dict | None = None, check: bool = True, timeout: float = 120,
    **kwargs,
):  # fmt: skip
    """Run the `byline` command line on `site` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "byline", "--site", str(site), *args],
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
        **kwargs,
    )


def site_env(db_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BYLINE_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DATABASE_URL"] = db_url
    if not db_url:
        env.pop("DATABASE_URL")
    return env


def run_python(site: Path, code: str, env: dict) -> str:
    """Run `code` with Django set up for `site` (and the tests package importable)."""
    prelude = (
        "from pathlib import Path; from byline.site import setup_django; "
        f"setup_django(Path({str(site)!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", prelude + code],
        env=env | {"PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return result.stdout


def start_server(site: Path, env: dict, port: int, workers: int = 1) -> subprocess.Popen:
    """Start `byline serve` and wait until it answers; the caller stops it (stop_server)."""
    log = open(site / "serve.log", "a")  # noqa: SIM115 (the child keeps it; closed with it)
    command = [sys.executable, "-m", "byline", "--site", str(site), "serve",
               "--port", str(port), "--workers", str(workers)]  # fmt: skip
    process = subprocess.Popen(
        command,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so that nothing of it outlives us
    )
    log.close()
    (site / "serve.pid").write_text(str(process.pid))  # for measuring its memory
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            return process
        except urllib.error.HTTPError as answer:  # it answers: the test will judge the answer
            answer.close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop_server(process)
                raise RuntimeError((site / "serve.log").read_text()) from None
            time.sleep(0.2)


@contextmanager
def serving(site: Path, env: dict, workers: int = 1, port: int | None = None) -> Iterator[str]:
    """`byline serve` on `port` (default: a free one); yields its base URL, stops it afterwards."""
    port = port or free_port()
    process = start_server(site, env, port, workers)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


@contextmanager
def served_site(site: Path, setup: str = "") -> Iterator[tuple[str, str]]:
    """A new site in the folder `site` (on PostgreSQL when the suite runs there), `setup` run
    in it, then served: yields (base URL, what `setup` printed)."""
    with database_url() as db_url:
        env = site_env(db_url)
        byline(site, "init", env=env)
        printed = run_python(site, setup, env) if setup else ""
        with serving(site, env) as base:
            yield base, printed.strip()


def kill_server(process: subprocess.Popen) -> None:
    """SIGKILL the server's whole process group at once: a crash."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def stop_server(process: subprocess.Popen) -> None:
    """SIGTERM to the server's whole process group; SIGKILL what is left after 15 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
