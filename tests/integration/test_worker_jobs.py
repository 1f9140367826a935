"""The background worker's jobs: scheduled posts go live at their minute, old spam and trash
are purged, and spent tokens are forgotten."""

import pytest
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Site, Status
from byline.publish import site_store
from byline.responses.models import Discussion, Response, ResponseStatus, UsedToken
from byline.responses.moderation import trash
from byline.worker import housekeeping, publish_due_posts
from tests.factories import PostFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_due_scheduled_post_is_published_and_pages_refreshed(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Site.current(), Discussion.current()  # settings rows exist, as on any running site
        post = PostFactory(
            title="Embargoed budget", published_at=timezone.now() + timezone.timedelta(minutes=1)
        )
    post.refresh_from_db()
    assert post.status == Status.SCHEDULED
    client.get("/")  # the home page enters the store without the post
    assert b"Embargoed budget" not in site_store().read("/")
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_posts() == 1
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert b"Embargoed budget" in site_store().read("/")  # rendered again, not left stale
    assert client.get(Links(Site.current()).post(post)).status_code == 200


def test_housekeeping_purges_old_spam_and_trash_only():
    post = PostFactory()
    old = timezone.now() - timezone.timedelta(days=31)
    ResponseFactory(post=post, status=ResponseStatus.SPAM, created_at=old)
    ResponseFactory(post=post, status=ResponseStatus.TRASH, created_at=old)
    kept = [
        ResponseFactory(post=post, status=ResponseStatus.APPROVED, created_at=old),
        ResponseFactory(post=post, status=ResponseStatus.PENDING, created_at=old),
        ResponseFactory(post=post, status=ResponseStatus.SPAM),
    ]
    # An old response put away today, by a moderator or an import, is kept its 30 days.
    recent = ResponseFactory(post=post, status=ResponseStatus.APPROVED, created_at=old)
    trash(recent)
    kept.append(recent)
    kept.append(ResponseFactory(post=post, status=ResponseStatus.SPAM, created_at=old,
                                status_changed_at=timezone.now()))  # fmt: skip
    gone = ResponseFactory(post=post, status=ResponseStatus.TRASH, created_at=timezone.now(),
                           status_changed_at=old)  # fmt: skip
    UsedToken.objects.create(key="old", expires_at=timezone.now() - timezone.timedelta(hours=1))
    UsedToken.objects.create(key="new", expires_at=timezone.now() + timezone.timedelta(hours=1))
    # Besides "new", the post's save may have spent its newsletter key (whether it does
    # depends on the site's settings as earlier tests in this process left them).
    unexpired = set(UsedToken.objects.exclude(key="old").values_list("key", flat=True))
    housekeeping()
    assert set(Response.objects.values_list("pk", flat=True)) == {r.pk for r in kept}
    assert not Response.objects.filter(pk=gone.pk).exists()
    assert set(UsedToken.objects.values_list("key", flat=True)) == unexpired >= {"new"}


def test_spam_and_trash_from_before_the_upgrade_count_their_days_from_it():
    from importlib import import_module

    from django.apps import apps

    old = timezone.now() - timezone.timedelta(days=31)
    trashed = ResponseFactory(post=PostFactory(), status=ResponseStatus.TRASH, created_at=old)
    import_module("byline.responses.migrations.0006_put_away").from_now(apps, None)
    housekeeping()
    assert Response.objects.filter(pk=trashed.pk).exists()
