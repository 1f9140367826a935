"""A static copy served by a plain file server, opened in Chromium: it renders with its CSS, and a
reader's response goes to the running site (a token fetched across origins) and back."""

import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest

from tests.live import byline, database_url, free_port, run_python, serving, site_env

pytestmark = pytest.mark.browser
SETUP = """
from byline.content.links import Links
from byline.content.models import Site
from tests.factories import PostFactory, ResponseFactory
post = PostFactory(title="Ferry fares rise again", body="Fares rise by a third.")
ResponseFactory(post=post, author_name="Bilal", text="Third rise this year.")
print(Links(Site.current()).post(post))
"""
COUNT = """
from byline.responses.models import Response
print(Response.objects.filter(text="Fares should follow the fuel price.").count())
"""


@contextmanager
def file_server(folder, port: int):
    """`python -m http.server` on 127.0.0.1 serving `folder`, as any static host would."""
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
               "--directory", str(folder)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the file server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def copy_and_site(tmp_path_factory):
    site, copy = tmp_path_factory.mktemp("running-site"), tmp_path_factory.mktemp("copy") / "www"
    site_port, copy_port = free_port(), free_port()
    with database_url() as db_url:
        env = site_env(db_url) | {
            "BYLINE_BASE_URL": f"http://127.0.0.1:{site_port}",
            "BYLINE_STATIC_URL": f"http://127.0.0.1:{copy_port}",
        }
        byline(site, "init", env=env)
        path = run_python(site, SETUP, env).strip()
        byline(site, "export", "static", str(copy), env=env)
        with serving(site, env, port=site_port) as base, file_server(copy, copy_port) as static:
            yield base, static, path, site, env


def test_copy_renders_with_its_styles(browser, copy_and_site):
    _base, static, path, _site, _env = copy_and_site
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    answer = page.goto(static + path)
    assert answer.status == 200
    assert page.locator("h1.entry-title").inner_text() == "Ferry fares rise again"
    # byline.css gives the skip link a place off-screen; without it the link is in the flow.
    assert page.evaluate("document.styleSheets.length") == 1
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") != (
        "static"
    )
    assert "Third rise this year." in page.content()
    assert failed == []
    page.close()


def test_response_from_the_copy_reaches_the_running_site(browser, copy_and_site):
    base, static, path, site, env = copy_and_site
    page = browser.new_page()
    page.goto(static + path)
    form_token = page.locator("input[name=token]").input_value()
    with page.expect_response(lambda r: r.url.startswith(base + "/responses/token/")) as token:
        page.get_by_role("textbox", name="Comment").click()
    assert token.value.status == 200
    page.wait_for_function(f"document.forms[0].elements.token.value !== {form_token!r}")
    page.get_by_role("textbox", name="Comment").fill("Fares should follow the fuel price.")
    page.get_by_role("textbox", name="Name").fill("Ayesha")
    page.get_by_role("textbox", name="Email").fill("ayesha@example.com")
    page.wait_for_timeout(3500)  # the guard refuses forms sent within 3 s of their token
    with page.expect_navigation():
        page.get_by_role("button", name="Post Response").click()
    assert page.url == f"{static}{path}?responded=held#respond"
    assert "awaits moderation" in page.get_by_role("status").inner_text()
    assert run_python(site, COUNT, env).strip() == "1"
    page.close()
