"""Which pages of the listings a change renews. A response changes its post's count on one page
of each listing, and an edit of its words that page's teaser: only that page is renewed, not
the listing's every page (on a big site, thousands of renders for each response). A new post
moves every page: the first ones are renewed, the deep ones dropped until someone reads them."""

import pytest
from django.test import override_settings
from django.utils import timezone

from byline.content.models import Post, Site, Status
from byline.publish import events, site_store
from byline.publish.events import render_stale
from byline.publish.render import fresh_body, publish_path
from byline.publish.sitewide import public_paths
from byline.worker import publish_due_posts
from tests.factories import CategoryFactory, PostFactory, ResponseFactory, UserFactory

pytestmark = pytest.mark.django_db


def posts_a_page(number: int) -> None:
    site = Site.current()
    site.posts_per_page = number
    site.save()


def store_every_page(capture) -> None:
    """Readers have read every page; nothing is waiting for the worker."""
    with capture(execute=True):
        for path in public_paths():
            publish_path(path)
    site_store().take_stale()


def assert_current() -> None:
    """Every stored page is what Django renders now."""
    store = site_store()
    for path in store.paths():
        assert store.read(path) == fresh_body(path), f"stale page in the store: {path}"


def respond(post: Post) -> str:
    ResponseFactory(post=post, text="The harbour board met at last.")
    return "1 Response"


def retitle(post: Post) -> str:
    post.title = "Dispatch from the harbour board"
    post.save()
    return post.title


@override_settings(BYLINE_RENDER_STALE_AT_ONCE=False)  # as in `byline serve`: the worker renders
@pytest.mark.parametrize("change", [respond, retitle])
def test_a_change_in_place_renews_only_the_listing_pages_that_show_the_post(
    change, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posts_a_page(2)
        harbour = CategoryFactory(slug="harbour")
        now = timezone.now()
        posts = [
            PostFactory(
                title=f"Dispatch {n}",
                categories=[harbour],
                published_at=now - timezone.timedelta(days=n),
                sticky=n == 4,  # first on the home page, last in the category
            )
            for n in range(5)
        ]
    # Home: 4 and 0 | 1 and 2 | 3. The category, by date: 0 and 1 | 2 and 3 | 4.
    store = site_store()
    store_every_page(django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        shown = change(posts[2])

    stale = store.take_stale()
    assert {"/page/2/", "/category/harbour/page/2/"} <= stale
    assert not stale & {"/", "/page/3/", "/category/harbour/", "/category/harbour/page/3/"}
    # What the worker renews is enough: every stored page is what Django renders now.
    store.mark_stale(stale)
    render_stale()
    assert shown in store.read("/page/2/").decode()
    assert shown in store.read("/category/harbour/page/2/").decode()
    assert_current()


@override_settings(BYLINE_RENDER_STALE_AT_ONCE=False)
def test_a_scheduled_post_going_live_renews_every_page_of_its_listings(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        posts_a_page(2)
        now = timezone.now()
        for n in range(4):
            PostFactory(title=f"Dispatch {n}", published_at=now - timezone.timedelta(days=n + 1))
        later = PostFactory(
            title="Embargoed report",
            status=Status.SCHEDULED,
            published_at=now + timezone.timedelta(days=1),
        )
    store = site_store()
    store_every_page(django_capture_on_commit_callbacks)
    # Its minute comes: live for readers at once, and the worker publishes it.
    Post.objects.filter(pk=later.pk).update(published_at=now - timezone.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert publish_due_posts() == 1

    # Every post moved one place down the home page: what the worker renews is every page.
    store.mark_stale(store.take_stale())
    render_stale()
    assert "Embargoed report" in store.read("/").decode()
    assert "Dispatch 1" in store.read("/page/2/").decode()
    assert_current()


@override_settings(BYLINE_RENDER_STALE_AT_ONCE=False)
def test_a_new_post_renews_the_first_pages_of_a_listing_and_drops_the_deep_ones(
    client, django_capture_on_commit_callbacks
):
    deepest = events.DEEPEST_RENEWED
    with django_capture_on_commit_callbacks(execute=True):
        posts_a_page(1)
        now, writer = timezone.now(), UserFactory()  # a new author would change every page
        for n in range(deepest + 3):
            days = timezone.timedelta(days=n + 1)
            PostFactory(title=f"Dispatch {n}", author=writer, published_at=now - days)
    store = site_store()
    store_every_page(django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(title="Breaking: the port reopens", author=writer, published_at=now)
    render_stale()

    assert store.read(f"/page/{deepest}/") is not None  # renewed: every post moved down one
    assert "Dispatch 8" in store.read(f"/page/{deepest}/").decode()
    assert store.read(f"/page/{deepest + 1}/") is None
    # The next reader of a dropped page has it rendered, as it is now, and stored.
    assert "Dispatch 11" in client.get(f"/page/{deepest + 3}/").content.decode()
    assert store.read(f"/page/{deepest + 3}/") is not None
    assert_current()
