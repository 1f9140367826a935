"""On SQLite, writers queue on one lock across a site's processes and threads: a transaction
holds it from BEGIN to its end (commit, rollback or a closed connection), and every write of
many concurrent writers lands."""

import os
import subprocess
import sys

import pytest

from tests.live import ROOT, byline, run_python, site_env

pytestmark = pytest.mark.skipif(
    "postgres" in os.environ.get("DATABASE_URL", ""), reason="SQLite only"
)

SETUP = """
from pathlib import Path
from byline.site import setup_django
setup_django(Path({site!r}))
"""
NAMES = """
from django.db import connection, transaction
from byline.content.models import Tag
from byline.sqlite.base import writer_lock
lock = writer_lock(str(connection.settings_dict["NAME"]))
"""

# Can another process take the lock within a moment? (It gives it back at once.)
PROBE = """
taken = lock.acquire(0.3)
if taken:
    lock.release()
print(taken)
"""


@pytest.fixture
def site(tmp_path):
    byline(tmp_path / "site", "init", env=site_env(""))
    return tmp_path / "site"


def probe(site) -> str:
    return run_python(site, NAMES + PROBE, site_env("")).strip()


def start(site, code: str, **pipes) -> subprocess.Popen:
    """Python with Django set up for `site`, running `code` in a process of its own."""
    env = site_env("") | {"PYTHONPATH": str(ROOT)}
    script = SETUP.format(site=str(site)) + NAMES + code
    return subprocess.Popen([sys.executable, "-c", script], env=env, text=True, **pipes)


def test_a_transaction_holds_the_lock_until_it_commits(site):
    with start(site, HOLD, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as holder:
        try:
            assert holder.stdout.readline().strip() == "holding"
            assert probe(site) == "False"
            holder.stdin.write("commit\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "committed"
            assert probe(site) == "True"
        finally:
            holder.kill()


HOLD = """
import sys
with transaction.atomic():
    Tag.objects.create(name="Held", slug="held")
    print("holding", flush=True)
    sys.stdin.readline()
print("committed", flush=True)
sys.stdin.readline()
"""


def test_a_rolled_back_or_closed_transaction_gives_the_lock_back(site):
    code = """
import threading
def elsewhere():  # another thread of this process, as another request would be
    answer = []
    def take():
        answer.append(lock.acquire(0.3))
        if answer[0]:
            lock.release()
    thread = threading.Thread(target=take)
    thread.start(); thread.join()
    return answer[0]
try:
    with transaction.atomic():
        Tag.objects.create(name="Rolled back", slug="rolled-back")
        inside = elsewhere()
        raise RuntimeError
except RuntimeError:
    pass
after_rollback = elsewhere()
with transaction.atomic():
    Tag.objects.create(name="Closed", slug="closed")
    connection.close()
after_close = elsewhere()
print(inside, after_rollback, after_close, Tag.objects.filter(slug="rolled-back").exists())
"""
    out = run_python(site, NAMES + code, site_env(""))
    assert out.split() == ["False", "True", "True", "False"]


WRITE = """
import threading
def write(n):
    for i in range(40):
        with transaction.atomic():
            Tag.objects.create(name=f"{{n}}-{{i}}", slug=f"p{proc}-{{n}}-{{i}}")
threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
for t in threads: t.start()
for t in threads: t.join()
"""


def test_every_write_of_concurrent_processes_and_threads_lands(site):
    writers = [start(site, WRITE.format(proc=p), stderr=subprocess.PIPE) for p in range(3)]
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
    count = "from byline.content.models import Tag; print(Tag.objects.filter(slug__startswith='p')"
    count += ".count())"
    assert run_python(site, count, site_env("")).strip() == str(3 * 4 * 40)
