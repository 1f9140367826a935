"""The background worker `byline serve` runs beside the web workers: queued tasks (mail,
pings) from the database; scheduled posts going live at their minute; other nodes' page
changes; and housekeeping every few minutes."""

import logging
import threading
import time

from django.core.management import call_command
from django.db import close_old_connections

log = logging.getLogger(__name__)
HOUSEKEEPING_SECONDS = 300
SCHEDULE_SECONDS = 5
STORED_PAGE_SECONDS = 24 * 3600


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


def housekeeping() -> None:
    """Purge old spam and trash, forget spent tokens that expired, ping for scheduled posts,
    drop stored pages rendered more than a day ago."""
    from byline.publish import site_store
    from byline.responses.moderation import purge_old
    from byline.responses.outbox import queue_due_pings
    from byline.responses.tokens import forget_expired

    queue_due_pings()
    purged, forgotten = purge_old(), forget_expired()
    store = site_store()
    # A stored page's form token must stay well within its maximum age (a week by default).
    aged = store.drop_older_than(STORED_PAGE_SECONDS) if store is not None else 0
    if purged or forgotten or aged:
        log.info(
            "housekeeping: %d old responses purged, %d tokens forgotten, %d aged pages dropped",
            purged, forgotten, aged,
        )  # fmt: skip


def run() -> None:
    """Work until interrupted (SIGINT or SIGTERM)."""
    from byline.publish import broadcast

    stop = threading.Event()
    jobs = [
        (_every, (HOUSEKEEPING_SECONDS, housekeeping, stop)),
        (_every, (SCHEDULE_SECONDS, publish_due_posts, stop)),
        (broadcast.listen, (stop,)),
    ]
    for target, args in jobs:
        threading.Thread(target=target, args=args, daemon=True).start()
    try:
        call_command("db_worker", interval=0.5, startup_delay=False, verbosity=0)
    finally:
        stop.set()
        time.sleep(0)
