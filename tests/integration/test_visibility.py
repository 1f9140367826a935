"""Drafts, pending, private and not-yet-due posts never reach anonymous readers."""

import pytest
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Site, Status
from tests.factories import CategoryFactory, PageFactory, PostFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db
HIDDEN = [Status.DRAFT, Status.PENDING, Status.PRIVATE, Status.SCHEDULED]


def public_urls(post, category, tag) -> list[str]:
    links = Links(Site.current())
    date = timezone.localtime(post.published_at, Site.current().tzinfo)
    return [
        "/",
        links.category(category),
        links.tag(tag),
        links.author(post.author.profile),
        links.year(date.year),
        links.month(date.year, date.month),
        links.day(date.year, date.month, date.day),
        "/feed/",
        links.category(category) + "feed/",
        links.tag(tag) + "feed/",
        links.author(post.author.profile) + "feed/",
        "/?s=minutes",  # the readers' search
    ]


@pytest.mark.parametrize("status", HIDDEN)
def test_unpublished_post_is_on_no_public_url(client, status):
    category, tag = CategoryFactory(), TagFactory()
    author = UserFactory()
    PostFactory(title="Visible neighbour", author=author, categories=[category], tags=[tag])
    when = timezone.now() + timezone.timedelta(days=2) if status == Status.SCHEDULED else None
    secret = PostFactory(
        title="Secret minutes of the meeting",
        author=author,
        status=status,
        published_at=when or timezone.now() - timezone.timedelta(minutes=5),
        categories=[category],
        tags=[tag],
    )
    secret.refresh_from_db()
    assert secret.status == status
    links = Links(Site.current())
    urls = public_urls(secret, category, tag)
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200, url
        assert b"Secret minutes" not in page.content, url
    for url in urls[:4]:  # home, category, tag, author: the neighbour shows, so the page works
        assert b"Visible neighbour" in client.get(url).content, url
    for url in [links.post(secret), f"/?p={secret.pk}", f"/{secret.slug}/"]:
        page = client.get(url)
        assert page.status_code == 404, url
        assert b"Secret minutes" not in page.content


def test_unpublished_page_is_not_served(client):
    for status in [Status.DRAFT, Status.PENDING, Status.PRIVATE]:
        page = PageFactory(title=f"Hidden {status}", slug=f"hidden-{status}", status=status)
        assert client.get(f"/{page.slug}/").status_code == 404
        assert f"Hidden {status}".encode() not in client.get("/").content


def test_scheduled_post_appears_at_its_time_and_not_before(client, monkeypatch):
    due = timezone.now() + timezone.timedelta(hours=3)
    post = PostFactory(title="Budget embargo lifts", status=Status.PUBLISHED, published_at=due)
    post.refresh_from_db()
    assert post.status == Status.SCHEDULED
    url = Links(Site.current()).post(post)
    assert client.get(url).status_code == 404
    assert b"Budget embargo lifts" not in client.get("/").content
    assert b"Budget embargo lifts" not in client.get("/feed/").content

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timezone.timedelta(hours=2))
    assert client.get(url).status_code == 404
    monkeypatch.setattr(
        timezone, "now", lambda: real_now() + timezone.timedelta(hours=3, seconds=1)
    )
    assert client.get(url).status_code == 200
    assert b"Budget embargo lifts" in client.get("/").content
    assert b"Budget embargo lifts" in client.get("/feed/").content  # kept until then
