"""Two `byline serve` nodes on one PostgreSQL database, each with its own page store: a change
made through one reaches what the other serves within a second (LISTEN/NOTIFY), and one that
was stopped or cut off when it was made does not serve the page as it was."""

import shutil
from contextlib import contextmanager

import psycopg
import pytest

from tests.integration.test_served_store import APPROVE, SETUP, fetch, wait_for
from tests.live import byline, database_url, run_python, serving, site_env


@contextmanager
def two_nodes(tmp_path, channel: str = "postgres"):
    """Two site folders sharing a new PostgreSQL database and a secret key, the first holding
    a post with a response held for moderation: (first, second, env, url, the post's path)."""
    first, second = tmp_path / "node-a", tmp_path / "node-b"
    with database_url(postgres=True) as url:
        env = site_env(url)
        if channel == "redis":
            env["BYLINE_REDIS_URL"] = "redis://127.0.0.1:6379/0"
        byline(first, "init", env=env)
        second.mkdir()
        shutil.copy(first / "byline.toml", second / "byline.toml")  # same secret key
        yield first, second, env, url, run_python(first, SETUP, env).strip()


@pytest.mark.parametrize("channel", ["postgres", "redis"])
def test_change_on_one_node_reaches_the_other(tmp_path, channel):
    with (
        two_nodes(tmp_path, channel) as (first, second, env, _url, path),
        serving(first, env) as base_a,
        serving(second, env) as base_b,
    ):
        for base in (base_a, base_b):
            fetch(base + path)
            assert "Solidarity" not in fetch(base + path)[2]
        assert (second / "store" / path.strip("/") / "index.html").is_file()
        run_python(first, APPROVE, env)  # node A's process makes the change
        # Each node's worker renders the page again: B's when the message comes, A's when it
        # next looks at its store's stale pages (ten times a second). Both within a second.
        took = wait_for(base_b + path, "Solidarity with the dockers.")
        took += wait_for(base_a + path, "Solidarity with the dockers.", 1.0 - took)
        assert took < 1.0


RETITLE = """
from byline.content.models import Post
post = Post.objects.get(title="Dock workers strike")
post.title = "Dock workers strike ends"
post.save()
"""


def test_a_node_stopped_or_cut_off_during_a_change_does_not_serve_the_page_as_it_was(tmp_path):
    with two_nodes(tmp_path) as (first, second, env, url, path):
        with serving(second, env) as base:
            fetch(base + path)
            assert "Solidarity" not in fetch(base + path)[2]
        assert (second / "store" / path.strip("/") / "index.html").is_file()
        run_python(first, APPROVE, env)  # node B hears nothing of it: it is not running
        with serving(second, env) as base:
            assert wait_for(base + path, "Solidarity with the dockers.", seconds=3) < 3
            assert "Search" in fetch(base + "/?s=dockers")[2]  # a page never stored
            # Every connection to the database cut (a restart of PostgreSQL, a network
            # fault), and a change made before node B listens again.
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            # On connections the web worker kept: answered, not failed.
            assert fetch(base + "/?s=dockers")[0] == 200
            run_python(first, RETITLE, env)
            assert wait_for(base + path, "Dock workers strike ends", seconds=5) < 5


def test_pages_published_on_a_node_that_missed_a_change_are_kept_when_it_starts(tmp_path):
    with two_nodes(tmp_path) as (first, second, env, _url, path):
        run_python(first, RETITLE, env)  # announced while node B is not running
        byline(second, "publish", "--all", env=env)
        page = second / "store" / path.strip("/") / "index.html"
        assert "Dock workers strike ends" in page.read_text()
        published = page.stat().st_ino
        with serving(second, env) as base:
            fetch(base + "/")  # started, and caught up with the changes it had missed
        # The pages just published were kept: before, the start emptied the store of them.
        assert page.is_file() and page.stat().st_ino == published
