"""Each process keeps the posts it showed until the next change: what readers see after an
edit is the edit, never the copy a process kept (store or no store)."""

import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from byline.content.links import Links
from byline.content.models import Site, Status
from tests.factories import CategoryFactory, PostFactory, ResponseFactory, TagFactory

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
    assert "Next post</span> <bdi>Budget, part two</bdi>" in html


def test_archives_follow_their_terms_at_once_after_they_were_shown(client):
    city = CategoryFactory(name="City", slug="city")
    tag = TagFactory(name="Budget", slug="budget")
    PostFactory(title="Council vote", categories=[city], tags=[tag])
    assert "Tag: Budget" in client.get("/tag/budget/").content.decode()
    assert "Council vote" in client.get("/category/city/").content.decode()
    tag.name = "Budgets"
    tag.save()
    assert "Tag: Budgets" in client.get("/tag/budget/").content.decode()
    # A new subcategory's posts are in its parent's archive; a moved category leaves its path.
    harbour = CategoryFactory(name="Harbour", slug="harbour", parent=city)
    PostFactory(title="Harbour dredging", categories=[harbour])
    assert "Harbour dredging" in client.get("/category/city/").content.decode()
    harbour.parent = None
    harbour.save()
    assert client.get("/category/city/harbour/").status_code == 404
    assert "Harbour dredging" not in client.get("/category/city/").content.decode()
    assert "Harbour dredging" in client.get("/category/harbour/").content.decode()


def test_responses_show_without_waiting_for_a_change_to_the_post():
    post = PostFactory(title="Harbour audit")
    assert "No Responses Yet" in show(post)
    ResponseFactory(post=post, text="Publish the minutes.")
    assert "Publish the minutes." in show(post)


# A post's summary is rendered once for all the listings that show it, until the next change.


def count_shown(html: str, title: str) -> str:
    found = re.search(rf"“{title}”</span></a>\s*<span[^>]*>·</span>\s*<a [^>]*>([^<]*)</a>", html)
    assert found, f"no summary of {title!r}"
    return found.group(1)


def test_a_listing_shows_a_new_response_in_a_summary_it_showed_before():
    category = CategoryFactory(name="Harbour")
    post = PostFactory(title="Dredging", categories=[category])
    PostFactory(title="Fares")
    for path in ("/", "/category/harbour/"):
        assert count_shown(Client().get(path).content.decode(), "Dredging") == "0 Responses"
    ResponseFactory(post=post)  # not a change to the post: the site's version stays
    for path in ("/", "/category/harbour/"):
        assert count_shown(Client().get(path).content.decode(), "Dredging") == "1 Response"
    assert count_shown(Client().get("/").content.decode(), "Fares") == "0 Responses"


def test_a_retitled_post_shows_its_new_title_in_every_listing():
    tag = TagFactory(name="Port")
    post = PostFactory(title="Dredging begins", tags=[tag])
    for path in ("/", "/tag/port/"):
        assert "Dredging begins" in Client().get(path).content.decode()
    post.title = "Dredging postponed"
    post.save()
    for path in ("/", "/tag/port/"):
        html = Client().get(path).content.decode()
        assert "Dredging postponed" in html and "Dredging begins" not in html


def test_a_summary_kept_from_the_top_of_one_listing_is_lazy_lower_in_another(client):
    from django.core.files.base import ContentFile

    from byline.content.models import Media
    from tests.reference import jpeg

    image = Media(alt="Dock cranes")
    image.file.save("cranes.jpg", ContentFile(jpeg()), save=True)
    category = CategoryFactory(name="Harbour")
    hours_ago = lambda hours: timezone.now() - timezone.timedelta(hours=hours)  # noqa: E731
    PostFactory(featured_image=image, categories=[category], published_at=hours_ago(1))
    PostFactory(featured_image=image, categories=[category], published_at=hours_ago(3))
    # First in Harbour, its image loads at once there; second on the home page, it waits.
    PostFactory(title="Newest, not in Harbour", published_at=hours_ago(0.5))
    for path, lazy in (("/category/harbour/", 1), ("/", 2)):
        html = client.get(path).content.decode()
        assert html.count('alt="Dock cranes"') == 2
        assert html.count('loading="lazy"') == lazy


# A response is rendered once for every page that shows it, until it, its place or the site
# changes.


def test_an_edited_response_shows_its_edit_after_it_was_shown():
    post = PostFactory(title="Harbour audit")
    response = ResponseFactory(post=post, author_name="Bilal", text="Publish the minutes.")
    assert "Publish the minutes." in show(post)
    response.text, response.author_name = "Publish the full minutes.", "Bilal Ahmed"
    response.author_url = "https://bilal.example/"
    response.save()
    html = show(post)
    assert "Publish the full minutes." in html and "Publish the minutes." not in html
    assert '<a href="https://bilal.example/" rel="external nofollow ugc">Bilal Ahmed</a>' in html


def test_responses_are_numbered_again_when_one_before_them_goes():
    post = PostFactory(title="Harbour audit")
    first, *_ = [ResponseFactory(post=post, text=f"Point {n}.") for n in range(1, 4)]
    assert re.search(r'comment-number">3\.</span>.*?Point 3\.', show(post), re.S)
    first.status = "trash"
    first.save()
    html = show(post)
    assert re.search(r'comment-number">2\.</span>.*?Point 3\.', html, re.S)
    assert 'comment-number">3.' not in html


def test_closing_a_discussion_takes_the_reply_links_off_responses_shown_before():
    post = PostFactory(title="Harbour audit")
    ResponseFactory(post=post, text="Publish the minutes.")
    assert "reply-link" in show(post)
    post.comment_status = "closed"
    post.save()
    assert "reply-link" not in show(post) and "Publish the minutes." in show(post)


def test_whoever_listens_for_responses_being_loaded_still_hears_each_one():
    from django.db.models.signals import post_init

    from byline.responses.models import Response

    post = PostFactory(title="Harbour audit")
    made = {ResponseFactory(post=post).pk for _ in range(3)}
    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance.pk)

    post_init.connect(listener, sender=Response)
    try:
        show(post)
    finally:
        post_init.disconnect(listener, sender=Response)
    assert made <= set(heard)


def test_a_protected_post_opened_by_one_reader_stays_locked_for_the_next():
    from byline.content.protected import COOKIE, password_key

    post = PostFactory(title="Source notes", body="The minister's diary.", password="harbour")
    path = Links(Site.current()).post(post)
    opened = Client()
    opened.cookies[COOKIE] = password_key("harbour")
    assert "The minister's diary." in opened.get(path).content.decode()
    html = Client().get(path).content.decode()
    assert "The minister's diary." not in html and 'type="password"' in html
