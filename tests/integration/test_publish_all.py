"""`byline publish --all`: every public page in the store, rendered by one process per core,
each byte for byte what Django answers for it, with or without a query string of parameters
Byline does not read."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.content.links import Links
from byline.content.models import Site
from tests.live import byline, database_url, run_python, site_env

CHECK = """
import json
from byline.publish import site_store
from byline.publish.render import fresh_body
from byline.publish.sitewide import public_paths
store, paths = site_store(), public_paths()
missing = [p for p in paths if store.read(p) is None]
differ = [p for p in paths if store.read(p) not in (None, fresh_body(p))]
# What the front answers from the store for a query string of parameters Byline does not read.
unread = [p for p in paths if fresh_body(p + "?utm_source=x&fbclid=y&ref=z&S=strike&P=2")
          != store.read(p)]
print(json.dumps({"paths": len(paths), "stored": len(store.paths()), "missing": missing,
                  "differ": differ, "unread": unread}))
"""


def test_publish_all_stores_every_public_page_as_a_fresh_render(tmp_path):
    with database_url() as url:
        env = site_env(url) | {"BYLINE_BASE_URL": "https://ledger.example"}
        site = tmp_path / "site"
        byline(site, "demo", env=env, timeout=300)
        out = byline(site, "publish", "--all", env=env, timeout=300).stdout
        found = json.loads(run_python(site, CHECK, env))
    assert found["paths"] > 100  # the demo's posts, pages, listings and archives
    assert f"Stored {found['paths']} pages" in out
    assert found["missing"] == [] and found["differ"] == []
    assert found["stored"] == found["paths"]
    assert found["unread"] == []  # every page is the same with parameters Byline does not read


@pytest.mark.django_db
def test_publishing_in_one_process_loads_the_posts_together(django_capture_on_commit_callbacks):
    from byline.publish import site_store
    from byline.publish.sitewide import publish_all
    from tests.factories import PostFactory

    with django_capture_on_commit_callbacks(execute=True):
        posts = [PostFactory(title=f"Dispatch {n}") for n in range(90)]  # two batches of pages
    with CaptureQueriesContext(connection) as queries:
        stored = publish_all(processes=1)  # as on a server with one core
    assert stored >= len(posts)
    assert all(b"Dispatch" in site_store().read(Links(Site.current()).post(p)) for p in posts)
    # Not one query per post, as when a reader's request loads the post it asks for.
    alone = [q["sql"] for q in queries if '"byline_content_post"."slug" = ' in q["sql"]]
    assert alone == []


POSTS = """
from tests.factories import CategoryFactory, PostFactory
politics = CategoryFactory(name="Politics", slug="politics")
for n in range(3):
    PostFactory(title=f"Story {n}", categories=[politics])
"""


def test_pages_that_cannot_be_written_are_reported_not_counted(tmp_path):
    env = site_env("")
    site = tmp_path / "site"
    byline(site, "init", env=env)
    run_python(site, POSTS, env)
    # Where the category's pages go, a file (as a full disk or a folder the server may not
    # write to, every writing of them fails).
    (site / "store").mkdir(exist_ok=True)
    (site / "store" / "category").write_text("in the way")
    result = byline(site, "publish", "--all", env=env, check=False)
    assert result.returncode == 1
    said = " ".join(result.stderr.split())  # the message, as the terminal wrapped it
    assert "could not be written there: /category/politics/: Not a directory" in said
    stored = int(said.split("Stored ")[1].split()[0])
    assert stored >= 4  # the home page and the three posts
    files = [p for p in (site / "store").rglob("*") if p.is_file()]
    assert len([p for p in files if p.name == "index.html"]) == stored
    assert not [p for p in files if p.name.startswith(".tmp-")]  # no half-written file left


UPGRADE = """
from django.core.management import call_command
from byline.publish import site_store
from byline.site import migrate
call_command("migrate", "byline_content", "0014", verbosity=0)
before = len(site_store().paths())
migrate()  # as `byline serve` does when it starts after an upgrade
print(before, len(site_store().paths()))
"""


def test_an_upgrades_migrations_leave_no_page_rendered_before_them(tmp_path):
    # A migration may change what pages show (0015 renders bodies with new-tab links again).
    with database_url() as url:
        env = site_env(url)
        site = tmp_path / "site"
        byline(site, "demo", env=env, timeout=300)
        byline(site, "publish", "--all", env=env, timeout=300)
        before, after = map(int, run_python(site, UPGRADE, env).split())
    assert before > 100 and after == 0
