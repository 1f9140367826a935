"""The background work `byline serve` does in one of its web workers: queued tasks (mail,
pings) from the database; scheduled posts going live at their minute; other nodes' page
changes; and housekeeping every few minutes."""

import fcntl
import logging
import threading
from pathlib import Path

from django.db import close_old_connections

log = logging.getLogger(__name__)
HOUSEKEEPING_SECONDS = 300
SCHEDULE_SECONDS = 5
STALE_SECONDS = 0.1  # pages around a change are rendered again within this and their render
STORED_PAGE_SECONDS = 24 * 3600
# Longer than any task of Byline's takes: mail and each fetch give up within seconds, and a
# post's pings, run twice, skip the links already pinged.
ABANDONED_SECONDS = 600


def publish_due_posts() -> int:
    """Scheduled posts whose time has come become published, so that the pages showing
    them are brought up to date without anyone visiting the admin."""
    from django.utils import timezone

    from byline.content.models import Post, Status

    due = Post.objects.filter(status=Status.SCHEDULED, published_at__lte=timezone.now())
    count = 0
    for post in due:
        post.status = Status.PUBLISHED
        post.save()
        count += 1
    return count


def _every(seconds: float, job, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            job()
        except Exception:  # a bad round must not stop the next one
            log.exception("%s failed", job.__name__)
        finally:
            close_old_connections()
        stop.wait(seconds)


def requeue_abandoned() -> int:
    """Put back in the queue the tasks a worker began and never finished, stopped or killed
    on the way (django-tasks' database queue leaves them "running" for ever): a mail may then
    go out twice, but is not lost. How many."""
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    begun_before = timezone.now() - timezone.timedelta(seconds=ABANDONED_SECONDS)
    abandoned = DBTaskResult.objects.running().filter(started_at__lt=begun_before)
    return abandoned.update(status=TaskResultStatus.READY, started_at=None)


def housekeeping() -> None:
    """Requeue tasks left unfinished, purge old spam and trash (responses, posts, pages),
    forget spent tokens that expired, ping for scheduled posts, drop stored pages rendered more
    than a day ago, refresh the database's statistics."""
    from byline.content.trash import purge_trash
    from byline.publish import site_store
    from byline.responses.models import Discussion
    from byline.responses.moderation import purge_old
    from byline.responses.outbox import queue_due_pings
    from byline.responses.tokens import forget_expired
    from byline.site import analyze_database

    requeued = requeue_abandoned()
    if requeued:
        log.warning("housekeeping: %d tasks left unfinished by a stopped worker requeued", requeued)
    queue_due_pings()
    analyze_database()
    purged, forgotten = purge_old(), forget_expired()
    purged += purge_trash(Discussion.current().purge_after_days)
    store = site_store()
    # A stored page's form token must stay well within its maximum age (a week by default).
    aged = store.drop_older_than(STORED_PAGE_SECONDS) if store is not None else 0
    if purged or forgotten or aged:
        log.info(
            "housekeeping: %d old responses purged, %d tokens forgotten, %d aged pages dropped",
            purged, forgotten, aged,
        )  # fmt: skip


def _run_tasks(stop: threading.Event) -> None:
    """django-tasks' database worker loop, in this thread, until `stop` is set."""
    from django.utils.crypto import get_random_string
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=0.5,
        batch=False,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    threading.Thread(target=lambda: (stop.wait(), setattr(worker, "running", False)),
                     daemon=True).start()  # fmt: skip
    while not stop.is_set():
        try:
            worker.run()
        except Exception:  # the database went away mid-query (a restart): its loop ends
            log.exception("background tasks stopped; starting again")
            close_old_connections()
            stop.wait(2)


def start() -> threading.Event:
    """Start the background work in threads of this process; set the event to stop it."""
    from byline.publish import broadcast
    from byline.publish.events import render_stale_paced

    stop = threading.Event()
    jobs = [
        (_every, (STALE_SECONDS, render_stale_paced, stop)),
        (_run_tasks, (stop,)),
        (_every, (HOUSEKEEPING_SECONDS, housekeeping, stop)),
        (_every, (SCHEDULE_SECONDS, publish_due_posts, stop)),
        (broadcast.listen, (stop,)),
    ]
    for target, args in jobs:
        threading.Thread(target=target, args=args, daemon=True).start()
    return stop


LOCK_FILE = ".background.lock"
_held = []  # the lock's open file, kept for the life of the process that does the work


def start_when_elected(site_dir: Path) -> None:
    """In each web worker of `byline serve`: wait, in a thread, for the site's background lock
    and do the background work once this process holds it. The kernel releases the lock when
    its process ends, so another worker takes over the work if that one is stopped or fails;
    and no process of its own is needed for it (tens of megabytes)."""

    def wait() -> None:
        try:
            handle = open(site_dir / LOCK_FILE, "a+b")  # noqa: SIM115 (held till the process ends)
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            log.exception("No background work in this worker: cannot lock %s", LOCK_FILE)
            return
        _held.append(handle)
        start()

    threading.Thread(target=wait, name="byline-background", daemon=True).start()


def run() -> None:
    """Work until interrupted (SIGINT or SIGTERM)."""
    import signal

    stop = start()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    while not stop.wait(1):
        pass
