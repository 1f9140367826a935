"""Background tasks a worker began and never finished (stopped or killed on the way) are run
again: no mail is lost to a restart."""

import time
from types import SimpleNamespace

import psycopg
import pytest

from byline.content.models import Post, Status
from byline.newsletter import mailing
from byline.newsletter.models import Subscriber
from tests.factories import PostFactory
from tests.live import byline, database_url, run_python, serving, site_env
from tests.mailserver import smtp_server

# Two mails queued, then claimed by a worker that is gone, as django-tasks leaves them: one
# begun 11 minutes ago, one a minute ago (which may still be running somewhere).
ABANDON = """
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from byline.responses.mail import deliver
for address, minutes in (("early@example.com", 11), ("recent@example.com", 1)):
    queued = deliver.enqueue("Your response", "It arrived.", [address])
    DBTaskResult.objects.filter(id=queued.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=["stopped"],
        started_at=timezone.now() - timezone.timedelta(minutes=minutes))
"""
STATUSES = """
from django_tasks_db.models import DBTaskResult
print(sorted(r.status for r in DBTaskResult.objects.all()))
"""


def test_a_mail_left_unfinished_goes_out_after_a_restart(tmp_path):
    site = tmp_path / "site"
    with smtp_server() as (inbox, port), database_url() as url:
        env = site_env(url) | {"BYLINE_SMTP_HOST": "127.0.0.1", "BYLINE_SMTP_PORT": str(port)}
        byline(site, "init", env=env)
        run_python(site, ABANDON, env)
        with serving(site, env):
            deadline = time.monotonic() + 30
            while not inbox.to("early@example.com"):
                assert time.monotonic() < deadline, "the unfinished mail never went out"
                time.sleep(0.2)
            assert run_python(site, STATUSES, env).strip() == "['RUNNING', 'SUCCESSFUL']"
        assert not inbox.to("recent@example.com")
        assert len(inbox.to("early@example.com")) == 1


@pytest.mark.django_db(transaction=True)
def test_a_mailing_stopped_on_the_way_mails_everyone_when_run_again(monkeypatch):
    for number in range(3):
        Subscriber.objects.create(email=f"reader{number}@example.com", confirmed=True)
    post = PostFactory(status=Status.DRAFT)  # published below without a save's own mailing
    Post.objects.filter(pk=post.pk).update(status=Status.PUBLISHED)
    queued = []

    def enqueue_then_stop(*args):
        if len(queued) == 2:
            raise SystemExit("stopped")  # as a worker's thread ends when its process stops
        queued.append(args)

    monkeypatch.setattr(mailing, "deliver", SimpleNamespace(enqueue=enqueue_then_stop))
    with pytest.raises(SystemExit):
        mailing.send_post.call(post.pk)
    monkeypatch.undo()
    assert mailing.send_post.call(post.pk) == 3  # not 0: it was not marked mailed
    assert mailing.send_post.call(post.pk) == 0  # and now it is, once


def queue_mail(address: str) -> str:
    return (
        "from byline.responses.mail import deliver\n"
        f"deliver.enqueue('Your response', 'It arrived.', [{address!r}])\n"
    )


def wait_for_mail(inbox, address: str) -> None:
    deadline = time.monotonic() + 30
    while not inbox.to(address):
        assert time.monotonic() < deadline, f"no mail to {address}"
        time.sleep(0.2)


def test_mail_goes_out_after_the_database_dropped_every_connection(tmp_path):
    site = tmp_path / "site"
    with smtp_server() as (inbox, port), database_url(postgres=True) as url:
        env = site_env(url) | {"BYLINE_SMTP_HOST": "127.0.0.1", "BYLINE_SMTP_PORT": str(port)}
        byline(site, "init", env=env)
        with serving(site, env):
            run_python(site, queue_mail("before@example.com"), env)
            wait_for_mail(inbox, "before@example.com")  # the background work is running
            # A restart of PostgreSQL, as the server sees it: every connection cut.
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            run_python(site, queue_mail("after@example.com"), env)
            wait_for_mail(inbox, "after@example.com")
