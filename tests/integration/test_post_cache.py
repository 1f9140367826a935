"""Each process keeps the posts it showed until the next change: what readers see after an
edit is the edit, never the copy a process kept (store or no store)."""

import pytest
from django.test import Client, override_settings

from byline.content.links import Links
from byline.content.models import Site, Status
from tests.factories import CategoryFactory, PostFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_store():
    # The kept posts matter most on the dynamic path, where every request is rendered.
    with override_settings(BYLINE_STORE=False):
        yield


def show(post) -> str:
    return Client().get(Links(Site.current()).post(post)).content.decode()


def test_an_edit_shows_at_once_after_the_post_was_shown():
    post = PostFactory(title="Harbour audit", body="The first version.")
    assert "The first version." in show(post)
    post.body = "The corrected version."
    post.save()
    assert "The corrected version." in show(post) and "The first version." not in show(post)


def test_a_post_taken_down_is_gone_at_once_after_it_was_shown():
    post = PostFactory(title="Leaked memo")
    assert "Leaked memo" in show(post)
    post.status = Status.DRAFT
    post.save()
    assert Client().get(Links(Site.current()).post(post)).status_code == 404


def test_a_renamed_category_and_a_new_neighbour_show_at_once():
    category = CategoryFactory(name="City")
    post = PostFactory(title="Budget", categories=[category])
    assert "City" in show(post)
    assert "Next post" not in show(post)
    category.name = "Metro"
    category.save()
    PostFactory(title="Budget, part two", published_at=post.published_at)  # later by its id
    html = show(post)
    assert "Metro" in html and ">City<" not in html
    assert "Next post</span> Budget, part two" in html


def test_responses_show_without_waiting_for_a_change_to_the_post():
    post = PostFactory(title="Harbour audit")
    assert "No Responses Yet" in show(post)
    ResponseFactory(post=post, text="Publish the minutes.")
    assert "Publish the minutes." in show(post)
