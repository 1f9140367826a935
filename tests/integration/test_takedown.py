"""A post taken down leaves every stored listing at once, not when the worker gets to them;
an ordinary edit leaves the listings to be renewed in the background."""

import pytest
from django.test import override_settings

from byline.content.models import Status
from byline.publish import site_store
from byline.publish.render import publish_path
from tests.factories import CategoryFactory, PostFactory

pytestmark = pytest.mark.django_db
LISTINGS = ["/", "/category/harbour/"]


@pytest.fixture
def stored(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post = PostFactory(title="Leaked memo", categories=[CategoryFactory(slug="harbour")])
        publish_path("/")  # may make the settings rows, which empties the store
    with django_capture_on_commit_callbacks(execute=True):
        for path in LISTINGS:
            assert publish_path(path)
    assert all("Leaked memo" in site_store().read(p).decode() for p in LISTINGS)
    return post


@override_settings(BYLINE_RENDER_STALE_AT_ONCE=False)  # as in `byline serve`: the worker renders
@pytest.mark.parametrize("status", [Status.DRAFT, Status.PRIVATE, Status.PENDING])
def test_a_post_taken_down_leaves_the_stored_listings_at_once(
    stored, status, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stored.status = status
        stored.save()
    for path in LISTINGS:
        assert site_store().read(path) is None
        assert "Leaked memo" not in client.get(path).content.decode()


@override_settings(BYLINE_RENDER_STALE_AT_ONCE=False)
def test_a_deleted_post_leaves_the_stored_listings_at_once(
    stored, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stored.delete()
    assert all(site_store().read(path) is None for path in LISTINGS)


@override_settings(BYLINE_RENDER_STALE_AT_ONCE=False)
def test_an_edit_leaves_the_listings_served_until_the_worker_renders_them(
    stored, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        stored.title = "Leaked memo, annotated"
        stored.save()
    store = site_store()
    assert all(store.read(path) is not None for path in LISTINGS)
    assert set(LISTINGS) <= store.take_stale()
