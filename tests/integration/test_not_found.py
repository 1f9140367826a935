"""An address that names nothing (bots asking for /wp-login.php, a mistyped link shared
widely) is answered 404 without being looked up again until the site changes; whatever is
then published there is shown."""

import pytest

from byline.content.models import Site, Status
from tests.factories import PageFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/wp-login.php", "/no-such-story/", "/?p=987654"])
def test_asked_again_nothing_is_looked_up_again(client, django_assert_max_num_queries, path):
    client.get("/")  # the site's settings are made on first use: a change
    assert client.get(path).status_code == 404
    with django_assert_max_num_queries(2):  # the site's version, and the imported addresses
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("pattern", ["/%year%/%monthnum%/%postname%/", "/%postname%/"])
def test_what_is_published_where_nothing_was_is_shown(client, pattern):
    site = Site.current()
    site.permalink = pattern
    site.save()
    for path in ("/strike-ends/", "/about-us/"):
        assert client.get(path).status_code == 404
    PostFactory(title="Strike ends", slug="strike-ends")
    PageFactory(title="About us", slug="about-us")
    assert b"About us" in client.get("/about-us/").content
    answer = client.get("/strike-ends/")
    if pattern == "/%postname%/":
        assert b"Strike ends" in answer.content
    else:  # a post's slug alone leads to it
        assert answer.status_code == 301 and answer.headers["Location"].endswith("/strike-ends/")


@pytest.mark.parametrize("pattern", ["/archives/%post_id%/", "/%year%/%monthnum%/%postname%/"])
def test_a_post_asked_for_by_its_id_before_it_is_published_is_shown_once_it_is(client, pattern):
    site = Site.current()
    site.permalink = pattern
    site.save()
    draft = PostFactory(title="Budget leaked", status=Status.DRAFT)
    asked = [f"/?p={draft.pk}"] + ([f"/archives/{draft.pk}/"] if "post_id" in pattern else [])
    for path in asked:  # a link to the draft, shared too soon
        assert client.get(path).status_code == 404
        assert client.get(path).status_code == 404
    draft.status = Status.PUBLISHED
    draft.save()
    for path in asked:
        assert b"Budget leaked" in client.get(path, follow=True).content


def test_a_new_redirect_moves_the_store_on(django_capture_on_commit_callbacks):
    """The front keeps addresses found missing until the store's next generation: an old
    address given a new home must reach it (byline/publish/missing.py)."""
    from byline.importers.models import Redirect, Target
    from byline.publish import site_store

    store = site_store()
    before = store.generation()
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(old_path="/old-story", target_type=Target.URL, target_url="/")
    assert store.generation() > before
