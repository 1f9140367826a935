"""`byline demo`: a new site full of content worth looking at, loaded once."""

import json
import re
import urllib.request

import pytest

from tests.live import byline, database_url, serving, site_env


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("demo-site")
    with database_url() as url:
        env = site_env(url)
        first = byline(site, "demo", env=env)
        yield site, env, first


def test_demo_has_what_the_issue_asks_for(demo_site):
    site, env, first = demo_site
    assert "Created a new Byline site" in first.stdout
    stats = json.loads(byline(site, "stats", "--json", env=env).stdout)
    assert stats["posts"]["published"] >= 30
    assert stats["pages"]["published"] >= 2
    responses = stats["responses_by_type"]
    assert sum(responses.values()) >= 50 and responses["pingback"] >= 1
    assert stats["categories"] >= 5 and stats["tags"] >= 10 and stats["media"] >= 1
    assert stats["authors"] >= 1


def test_demo_twice_adds_nothing(demo_site):
    site, env, _ = demo_site
    before = byline(site, "stats", "--json", env=env).stdout
    again = byline(site, "demo", env=env)
    assert "already loaded" in again.stdout
    assert byline(site, "stats", "--json", env=env).stdout == before


def test_demo_site_serves_a_rich_post(demo_site):
    site, env, _ = demo_site
    with serving(site, env) as base:
        home = urllib.request.urlopen(base + "/").read().decode()
        links = re.findall(r'<a href="(/[^"]+)#responses">(\d+) Responses?</a>', home)
        links += re.findall(
            r'<a href="(/[^"]+)#responses">(\d+) Responses?</a>',
            urllib.request.urlopen(base + "/page/2/").read().decode(),
        )
        path, count = max(links, key=lambda item: int(item[1]))
        assert int(count) >= 50
        post = urllib.request.urlopen(base + path).read().decode()
    assert "<figcaption>" in post and 'class="author-box"' in post
    assert "Follow me on Twitter" in post
    assert f"{count} Responses to" in post
    assert 'class="children"' in post and 'class="ping-list"' in post
    assert "Leave a Reply" in post
