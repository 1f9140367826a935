"""The safe fetcher against a real server on loopback: size, time and redirect limits."""

import pytest

from byline.responses import fetch as fetching
from byline.responses.fetch import MAX_BYTES, FetchError, fetch
from tests.pageserver import Page, PageServer


@pytest.fixture
def server():
    with PageServer() as running:
        yield running


def test_loopback_is_refused_unless_the_site_allows_it(server, settings):
    server.pages["/a/"] = Page("<p>hello</p>")
    settings.FETCH_PRIVATE_ADDRESSES = False
    with pytest.raises(FetchError, match="loopback"):
        fetch(server.url("/a/"))
    assert server.seen == []
    settings.FETCH_PRIVATE_ADDRESSES = True
    page = fetch(server.url("/a/"))
    assert page.status == 200 and page.text == "<p>hello</p>"
    assert server.seen[0].headers["User-Agent"].startswith("Byline/")


def test_a_huge_source_is_cut_at_the_size_limit(server):
    server.pages["/huge/"] = Page("x" * (MAX_BYTES * 2))
    page = fetch(server.url("/huge/"), allow_private=True)
    assert page.truncated and len(page.body) == MAX_BYTES


def test_a_slow_source_is_cut_off(server, monkeypatch):
    monkeypatch.setattr(fetching, "TOTAL_TIMEOUT", 1.0)
    server.pages["/slow/"] = Page("<p>" + "x" * 50 + "</p>", drip=0.1)
    with pytest.raises(FetchError, match="took longer"):
        fetch(server.url("/slow/"), allow_private=True)


def test_redirects_are_followed_three_times_and_no_more(server):
    for hop in range(1, 5):
        server.pages[f"/r{hop}"] = Page("", 302, {"Location": f"/r{hop + 1}"})
    server.pages["/r5"] = Page("<p>arrived</p>")
    page = fetch(server.url("/r2"), allow_private=True)
    assert page.url == server.url("/r5") and page.text == "<p>arrived</p>"
    with pytest.raises(FetchError, match="redirects"):
        fetch(server.url("/r1"), allow_private=True)
