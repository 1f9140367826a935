"""`byline serve` does its background work in one web worker at a time: when that worker
ends, another takes the work over, and a scheduled post still goes live at its minute."""

import os
import signal
import time
from pathlib import Path

import pytest

from byline.worker import LOCK_FILE
from tests.live import byline, database_url, run_python, serving, site_env

SCHEDULE = """
from django.utils import timezone
from byline.content.models import Post, Status
from byline.content.roles import create_user
author = create_user("imran", "imran@example.com", "author", "a long test passphrase 9")
post = Post.objects.create(title="Budget at noon", author=author, body="Embargoed.",
    status=Status.PUBLISHED, published_at=timezone.now() + timezone.timedelta(seconds=2))
print(post.status)
"""
STATUS = """
from byline.content.models import Post
print(Post.objects.get(title="Budget at noon").status)
"""


def lock_owners(lock: Path) -> tuple[set[int], set[int]]:
    """The processes holding and waiting for the lock on `lock`, from the kernel's list."""
    inode = lock.stat().st_ino
    holding, waiting = set(), set()
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        blocked = fields[1] == "->"
        kind, pid, device_inode = fields[1 + blocked], fields[4 + blocked], fields[5 + blocked]
        if kind == "FLOCK" and int(device_inode.rsplit(":", 1)[1]) == inode:
            (waiting if blocked else holding).add(int(pid))
    return holding, waiting


def wait_until(check, seconds: float):
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.1)
    return found


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads Linux's /proc/locks")
def test_another_worker_takes_over_the_background_work(tmp_path):
    site = tmp_path / "site"
    with database_url() as url:
        env = site_env(url)
        byline(site, "init", env=env)
        with serving(site, env, workers=2):
            lock = site / LOCK_FILE
            # One worker does the work; the other waits for it.
            holding, waiting = wait_until(
                lambda: (owners := lock_owners(lock))[0] and owners[1] and owners, 30
            )
            assert len(holding) == 1 and len(waiting) == 1
            (doing,) = holding
            os.kill(doing, signal.SIGKILL)
            survivor = wait_until(lambda: lock_owners(lock)[0] - {doing}, 10)
            assert survivor == waiting  # the one that was waiting, not two at once
            assert run_python(site, SCHEDULE, env).strip() == "future"
            # Only the background work turns a due scheduled post into a published one.
            wait_until(lambda: run_python(site, STATUS, env).strip() == "publish", 30)
