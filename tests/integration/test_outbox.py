"""Sending webmentions and pingbacks for the links of a newly published post, once each."""

import urllib.parse
import xmlrpc.client

import pytest
from django.utils import timezone

from byline.content.models import Post, Status
from byline.responses import outbox
from byline.responses.targets import absolute_url
from byline.worker import housekeeping
from tests.factories import PostFactory
from tests.pageserver import Page, PageServer

pytestmark = pytest.mark.django_db

REGISTERED = xmlrpc.client.dumps(("Pingback registered.",), methodresponse=True)


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.FETCH_PRIVATE_ADDRESSES = True


@pytest.fixture
def other_site():
    """A page that takes webmentions (Link header) and pingbacks (X-Pingback)."""
    with PageServer() as server:
        server.pages["/story/"] = Page(
            "<title>The story</title><p>Their story.</p>",
            headers={"Link": '</wm/>; rel="webmention"', "X-Pingback": server.url("/xmlrpc")},
        )
        server.pages["/wm/"] = Page("Accepted", 202, content_type="text/plain")
        server.pages["/xmlrpc"] = Page(REGISTERED, content_type="text/xml")
        yield server


def posts_to(server, path: str) -> list:
    return [seen for seen in server.seen if seen.method == "POST" and seen.path == path]


def publish(capture, **fields):
    with capture(execute=True):
        return PostFactory(published_at=timezone.now() - timezone.timedelta(minutes=5), **fields)


def test_publishing_sends_a_webmention_and_a_pingback(
    other_site, django_capture_on_commit_callbacks
):
    story = other_site.url("/story/")
    post = publish(django_capture_on_commit_callbacks, body=f"As [they reported]({story}), …")
    (mention,) = posts_to(other_site, "/wm/")
    assert urllib.parse.parse_qs(mention.body.decode()) == {
        "source": [absolute_url(post)],
        "target": [story],
    }
    assert mention.headers["User-Agent"].startswith("Byline/")
    (ping,) = posts_to(other_site, "/xmlrpc")
    assert xmlrpc.client.loads(ping.body) == ((absolute_url(post), story), "pingback.ping")


def test_editing_the_post_does_not_ping_the_same_link_again(
    other_site, django_capture_on_commit_callbacks
):
    story = other_site.url("/story/")
    post = publish(django_capture_on_commit_callbacks, body=f"[Their story]({story})")
    with django_capture_on_commit_callbacks(execute=True):
        post.body += "\n\nUpdated with a correction."
        post.save()
    housekeeping()
    assert len(posts_to(other_site, "/wm/")) == 1 and len(posts_to(other_site, "/xmlrpc")) == 1


def test_drafts_old_posts_and_quiet_saves_send_nothing(
    other_site, django_capture_on_commit_callbacks
):
    story = other_site.url("/story/")
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(body=f"[x]({story})", status=Status.DRAFT, published_at=None)
        PostFactory(body=f"[x]({story})", published_at=timezone.now() - timezone.timedelta(days=90))
        with outbox.quiet():
            PostFactory(body=f"[x]({story})", published_at=timezone.now())
    assert other_site.seen == []


def test_a_scheduled_post_pings_when_it_goes_live(other_site, django_capture_on_commit_callbacks):
    story = other_site.url("/story/")
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(
            body=f"[x]({story})", published_at=timezone.now() + timezone.timedelta(hours=1)
        )
    assert post.status == Status.SCHEDULED and other_site.seen == []
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now())
    housekeeping()  # the worker's round every few minutes
    assert len(posts_to(other_site, "/wm/")) == 1


def test_links_to_this_site_and_non_web_links_are_not_pinged(settings):
    post = PostFactory(
        body=f"[a]({settings.SITE_URL}/about/) [b](mailto:x@example.org) [c](/local/) "
        "[d](https://example.org/one#part) [e](https://EXAMPLE.org/one)",
        published_at=timezone.now() - timezone.timedelta(days=90),
    )
    assert outbox.links_in(post) == ["https://example.org/one"]


def test_a_target_without_endpoints_is_left_alone(django_capture_on_commit_callbacks):
    with PageServer() as plain:
        plain.pages["/quiet/"] = Page("<p>No endpoints here.</p>")
        publish(django_capture_on_commit_callbacks, body=f"[x]({plain.url('/quiet/')})")
        assert [(s.method, s.path) for s in plain.seen] == [("GET", "/quiet/")]
