"""The store in a running `byline serve`: pages answered from it, and a change made anywhere
(another process, another node) reaching what anonymous readers get within a second."""

import http.client
import time
import urllib.error
import urllib.request

import pytest

from tests.live import byline, database_url, run_python, serving, site_env

SETUP = """
from django.utils import timezone
from byline.content.models import Post, Status, Site
from byline.content.links import Links
from byline.content.roles import create_user
from byline.responses.models import Response, ResponseStatus
author = create_user("amina", "amina@example.com", "author", "a long test passphrase 9")
post = Post.objects.create(title="Dock workers strike", author=author, body="They walked out.",
    status=Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(hours=1))
Response.objects.create(post=post, author_name="Held reader", author_email="h@example.com",
    text="Solidarity with the dockers.", status=ResponseStatus.PENDING, created_at=timezone.now())
print(Links(Site.current()).post(post))
"""
APPROVE = """
from byline.responses import moderation
from byline.responses.models import Response
moderation.approve(Response.objects.get(author_name="Held reader"))
"""

PUBLISH_PAGE = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from byline.content.models import Page, Status
Page.objects.create(title="Corrections", slug="corrections", body="We correct our errors.",
    author=get_user_model().objects.get(username="amina"), status=Status.PUBLISHED,
    published_at=timezone.now() - timezone.timedelta(minutes=1))
"""
OLD_ADDRESS = """
from byline.content.models import Post
from byline.importers.models import Redirect, Target
post = Post.objects.get(title="Dock workers strike")
Redirect.objects.create(old_path="/2014/01/15/dock-workers-strike", target_type=Target.POST,
    target_id=post.pk, source="wordpress")
"""
NEW_SLUG = """
from byline.content.models import Post
post = Post.objects.get(title="Dock workers strike")
post.slug = "dockers-walk-out"
post.save()
"""


def fetch(url: str, **headers) -> tuple[int, object, str]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.status, answer.headers, answer.read().decode()


def wait_for(url: str, text: str, seconds: float = 1.0) -> float:
    """Seconds until `text` is on the page at `url` (fails after `seconds`)."""
    start = time.monotonic()
    while True:
        try:
            if text in fetch(url)[2]:
                return time.monotonic() - start
        except urllib.error.HTTPError as answer:  # not there yet
            answer.close()
        assert time.monotonic() - start < seconds, f"{text!r} not shown within {seconds} s"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("store-site")
    with database_url() as url:
        env = site_env(url)
        byline(site, "init", env=env)
        path = run_python(site, SETUP, env).strip()
        with serving(site, env) as base:
            yield site, env, base, path


def test_second_request_comes_from_the_store(served):
    site, _env, base, path = served
    fetch(base + path)
    assert (site / "store" / path.strip("/") / "index.html").is_file()
    # Endpoints are advertised at the address actually served (`serve --port`), stored too.
    # The setup's process stored the page first, for the configured port; the held response
    # it then made left the page to the worker, which renders it at the served address.
    deadline = time.monotonic() + 5
    while f"<{base}/webmention/>" not in fetch(base + path)[1]["Link"]:
        assert time.monotonic() < deadline, "the stored page advertises another address"
        time.sleep(0.05)
    status, headers, body = fetch(base + path)
    assert status == 200 and headers["ETag"] and "Dock workers strike" in body
    assert f"<{base}/webmention/>" in headers["Link"]
    request = urllib.request.Request(base + path, headers={"If-None-Match": headers["ETag"]})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request, timeout=5)
    not_modified.value.close()
    assert not_modified.value.code == 304


def test_approval_reaches_anonymous_readers_within_a_second(served):
    site, env, base, path = served
    assert "Solidarity with the dockers." not in fetch(base + path)[2]
    assert (site / "store" / path.strip("/") / "index.html").is_file()
    run_python(site, APPROVE, env)  # another process, as the admin or an emailed link would
    waited = wait_for(base + path, "Solidarity with the dockers.")
    assert waited < 1.0
    assert "One Response to" in fetch(base + path)[2]


def test_an_address_found_missing_shows_what_is_published_there_within_a_second(served):
    site, env, base, _path = served
    for _ in range(3):  # the front keeps the answer after the first
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(base + "/corrections/")
        missing.value.close()
        assert missing.value.code == 404
    run_python(site, PUBLISH_PAGE, env)  # another process, as the admin would
    assert wait_for(base + "/corrections/", "We correct our errors.") < 1.0


def moved_to(base: str, path: str) -> tuple[int, str]:
    """The status and Location of `path`'s answer, the redirect not followed."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=5)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        return answer.status, answer.getheader("Location", "")
    finally:
        connection.close()


def test_an_old_address_follows_its_post_within_a_second(served):
    """The front keeps the redirect of an imported address (it answers as fast as a stored
    page); when the post moves, the old address leads to where it is now."""
    site, env, base, _path = served
    run_python(site, OLD_ADDRESS, env)
    old = "/2014/01/15/dock-workers-strike/"
    for _ in range(3):
        status, location = moved_to(base, old)
        assert status == 301 and location.endswith("/dock-workers-strike/")
    run_python(site, NEW_SLUG, env)  # the last test here: the post's address changes
    start = time.monotonic()
    while not moved_to(base, old)[1].endswith("/dockers-walk-out/"):
        assert time.monotonic() - start < 1.0, "the old address still leads to the old one"
        time.sleep(0.02)
