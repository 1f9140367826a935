"""Two `byline serve` nodes on one PostgreSQL database, each with its own page store: a change
made through one reaches what the other serves within a second (LISTEN/NOTIFY)."""

import shutil

import pytest

from tests.integration.test_served_store import APPROVE, SETUP, fetch, wait_for
from tests.live import byline, database_url, run_python, serving, site_env


@pytest.mark.parametrize("channel", ["postgres", "redis"])
def test_change_on_one_node_reaches_the_other(tmp_path, channel):
    first, second = tmp_path / "node-a", tmp_path / "node-b"
    with database_url(postgres=True) as url:
        env = site_env(url)
        if channel == "redis":
            env["BYLINE_REDIS_URL"] = "redis://127.0.0.1:6379/0"
        byline(first, "init", env=env)
        second.mkdir()
        shutil.copy(first / "byline.toml", second / "byline.toml")  # same secret key
        path = run_python(first, SETUP, env).strip()
        with serving(first, env) as base_a, serving(second, env) as base_b:
            for base in (base_a, base_b):
                fetch(base + path)
                assert "Solidarity" not in fetch(base + path)[2]
            assert (second / "store" / path.strip("/") / "index.html").is_file()
            run_python(first, APPROVE, env)  # node A's process makes the change
            assert wait_for(base_b + path, "Solidarity with the dockers.") < 1.0
            assert "Solidarity with the dockers." in fetch(base_a + path)[2]
