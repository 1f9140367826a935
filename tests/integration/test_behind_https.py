"""Behind a proxy that ends HTTPS (nginx as docs/deploy.md sets it up, with a certificate),
Byline is reached over plain HTTP while browsers send the site's https:// origin: an editor
can still sign in to the admin, a form from another site still cannot post, and the feed
links to https:// addresses (the proxy says so in X-Forwarded-Proto)."""

import http.client
import re
import urllib.parse

import pytest

from tests.live import byline, database_url, run_python, serving, site_env

EDITOR = """
from django.utils import timezone
from byline.content.models import Post, Status
from byline.content.roles import create_user
editor = create_user("ayesha", "ayesha@example.com", "editor", "a long test passphrase 7")
Post.objects.create(title="Tide tables", author=editor, body="High water at six.",
    status=Status.PUBLISHED, published_at=timezone.now() - timezone.timedelta(hours=1))
"""


def sign_in(base: str, origin: str) -> int:
    """The status of the admin's sign-in POST, sent as the proxy passes a browser's on."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    headers = {"Host": "news.example", "X-Forwarded-For": "203.0.113.9"}
    try:
        connection.request("GET", "/admin/login/", headers=headers)
        answer = connection.getresponse()
        page = answer.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", answer.getheader("Set-Cookie", "")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "ayesha",
             "password": "a long test passphrase 7", "next": "/admin/"}
        )  # fmt: skip
        connection.request(
            "POST",
            "/admin/login/",
            body=form,
            headers=headers
            | {"Origin": origin, "Cookie": f"csrftoken={cookie}",
               "Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


@pytest.fixture(scope="module")
def behind_https(tmp_path_factory):
    site = tmp_path_factory.mktemp("https-site")
    with database_url() as url:
        env = site_env(url) | {
            "BYLINE_BASE_URL": "https://news.example",
            "BYLINE_ALLOWED_HOSTS": "news.example",
            "BYLINE_SECURE_COOKIES": "true",
        }
        byline(site, "init", env=env)
        run_python(site, EDITOR, env)
        with serving(site, env) as base:
            yield base


def test_an_editor_signs_in_through_the_https_proxy(behind_https):
    assert sign_in(behind_https, "https://news.example") == 302  # to the admin


def test_a_form_from_another_site_is_still_refused(behind_https):
    assert sign_in(behind_https, "https://elsewhere.example") == 403


def feed(base: str, **headers: str) -> str:
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
    try:
        connection.request("GET", "/feed/", headers={"Host": "news.example"} | headers)
        return connection.getresponse().read().decode()
    finally:
        connection.close()


def test_the_feed_links_to_the_scheme_the_reader_used(behind_https):
    over_https = feed(behind_https, **{"X-Forwarded-Proto": "https"})
    assert "<link>https://news.example/" in over_https and "http://news.example" not in over_https
    assert "<link>http://news.example/" in feed(behind_https)
