"""Chromium (Debian's, through Playwright) and a served site holding the reference post."""

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from tests.live import served_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        _playwright_loop.append(asyncio.get_running_loop())
        yield chromium
        _lend_loop_mark()
        chromium.close()


# Playwright's sync API marks its event loop as running in this thread between its calls, and
# needs the mark for its next call. Django refuses the database in a thread with a running
# loop (SynchronousOnlyOperation): under pytest-xdist a process runs database tests after
# browser tests. So the mark is set only while a browser test runs.
_playwright_loop: list[asyncio.AbstractEventLoop] = []


def _lend_loop_mark() -> None:
    asyncio._set_running_loop(_playwright_loop[-1])


@pytest.fixture(autouse=True)
def _loop_marked_only_in_browser_tests(request):
    if "browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("browser")
    _lend_loop_mark()
    yield
    asyncio._set_running_loop(None)


@pytest.fixture(scope="session")
def reference_site(tmp_path_factory):
    """`byline serve` for a site holding the reference post; yields (base URL, post path)."""
    setup = (
        "from tests.reference import load_reference_post\n"
        "from byline.content.links import Links\n"
        "from byline.content.models import Site\n"
        "print(Links(Site.current()).post(load_reference_post()))"
    )
    with served_site(tmp_path_factory.mktemp("reference-site"), setup) as (base, path):
        yield base, path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(ARTIFACTS / ".tmp", ignore_errors=True)
