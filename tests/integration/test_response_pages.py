"""A post with many responses shows them over pages (WordPress's "Break comments into pages"):
the post's own page first, then …/comment-page-2/ and on; numbers run on, replies stay with
their thread, links to a response find its page, and the store keeps every page current."""

import re

import pytest

from byline.content.links import Links
from byline.content.models import OpenClosed, Site
from byline.content.permalinks import PLAIN
from byline.publish import site_store
from byline.publish.render import fresh_body, publish_path
from byline.publish.sitewide import public_paths
from byline.responses import moderation
from byline.responses.models import Discussion, Response, ResponseStatus, ResponseType
from tests.factories import PageFactory, PostFactory, ResponseFactory
from tests.responding import landing, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[300, 0], ids=["read whole", "read by page"])
def small(request, monkeypatch):
    """Each test twice: as a small discussion (one query) and as a big one is read."""
    monkeypatch.setattr("byline.content.threads.SMALL", request.param)


def per_page(number: int, paged: bool = True) -> None:
    Discussion.objects.update_or_create(
        pk=1, defaults={"responses_per_page": number, "page_responses": paged}
    )


def numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="comment-number">(\d+)\.<', html)]


@pytest.fixture
def busy(django_capture_on_commit_callbacks):
    """Five threads (the third with a reply) and a pingback, two threads a page."""
    # Committed as they would be (a change left pending would hold back the next one's).
    with django_capture_on_commit_callbacks(execute=True):
        per_page(2)
        post = PostFactory(title="Harbour audit")
        threads = [ResponseFactory(post=post, text=f"Thread {n}") for n in range(1, 6)]
        reply = ResponseFactory(post=post, parent=threads[2], text="A reply to thread 3")
        ping = ResponseFactory(post=post, type=ResponseType.PINGBACK, author_name="Other blog")
    return post, threads, reply, ping


def test_threads_are_split_over_pages_and_numbered_throughout(client, busy):
    post, threads, reply, ping = busy
    base = Links(Site.current()).post(post)
    first = client.get(base).content.decode()
    second = client.get(f"{base}comment-page-2/").content.decode()
    third = client.get(f"{base}comment-page-3/").content.decode()
    assert numbers(first) == [1, 2] and numbers(second) == [3, 4] and numbers(third) == [5]
    assert "A reply to thread 3" in second and "A reply to thread 3" not in first + third
    for html in (first, second, third):  # the post and its count on every page
        assert "7 Responses to “Harbour audit”" in html and "Leave a Reply" in html
    assert "Other blog" in first and "Other blog" not in second + third
    assert f'href="{base}comment-page-2/#responses">Newer responses' in first
    assert "Older responses" not in first
    assert f'href="{base}#responses">← Older responses' in second
    assert "Newer responses" not in third
    assert f'<link rel="canonical" href="{base}comment-page-2/">' in second


def test_a_reply_dated_before_the_comment_it_answers_is_threaded_under_it(client):
    # Imported comments may be: a blog's clock, or a comment edited, set them out of order.
    # WordPress threads by the parent whatever the dates, and so does Byline.
    per_page(2)
    post = PostFactory(title="Harbour audit")
    ResponseFactory(post=post, text="The first thread")
    answered = ResponseFactory(post=post, text="The thread answered")
    reply = ResponseFactory(post=post, parent=answered, text="An early reply")
    looped = [ResponseFactory(post=post, text=f"In a loop {n}") for n in (1, 2)]
    Response.objects.filter(pk=reply.pk).update(created_at=answered.created_at.replace(hour=1))
    Response.objects.filter(pk=looped[0].pk).update(parent=looped[1])
    Response.objects.filter(pk=looped[1].pk).update(parent=looped[0])
    base = Links(Site.current()).post(post)
    page = client.get(base).content.decode()
    assert numbers(page) == [1, 2] and "The first thread" in page
    thread = page.split(f'id="comment-{answered.pk}"', 1)[1]
    assert f'<li id="comment-{reply.pk}" class="comment depth-2' in thread
    assert "An early reply" in thread
    # A loop of replies (only a hostile import makes one) is broken at its oldest comment.
    later = client.get(f"{base}comment-page-2/").content.decode()
    assert numbers(later) == [3] and "In a loop 1" in later and "In a loop 2" in later
    assert f'<li id="comment-{looped[1].pk}" class="comment depth-2' in later


def test_pages_past_the_last_are_not_found_and_the_first_has_one_address(client, busy):
    post, *_ = busy
    base = Links(Site.current()).post(post)
    assert client.get(f"{base}comment-page-4/").status_code == 404
    first = client.get(f"{base}comment-page-1/")
    assert first.status_code == 301 and first.headers["Location"] == base
    per_page(50)
    assert client.get(f"{base}comment-page-2/").status_code == 404


def test_paging_off_shows_every_thread_on_the_post(client, busy):
    post, *_ = busy
    per_page(2, paged=False)
    base = Links(Site.current()).post(post)
    assert numbers(client.get(base).content.decode()) == [1, 2, 3, 4, 5]
    assert client.get(f"{base}comment-page-2/").status_code == 404


def test_a_link_to_a_response_lands_on_its_page(client, busy):
    post, threads, reply, ping = busy
    base = Links(Site.current()).post(post)
    for response, page in ((threads[0], base), (reply, f"{base}comment-page-2/"),
                           (threads[4], f"{base}comment-page-3/"), (ping, base)):  # fmt: skip
        answer = client.get(f"/responses/{response.pk}/")
        assert answer.status_code == 302
        assert answer.headers["Location"] == f"{page}#comment-{response.pk}"
    assert client.get("/responses/999999/").status_code == 404


def test_a_response_on_a_draft_is_not_found_by_its_link(client):
    draft = PostFactory(status="draft")
    response = ResponseFactory(post=draft)
    assert client.get(f"/responses/{response.pk}/").status_code == 404


def test_a_new_response_takes_its_poster_to_the_last_page(
    client, busy, django_capture_on_commit_callbacks
):
    post, *_ = busy
    with django_capture_on_commit_callbacks(execute=True):
        answer = send(client, post, comment="A sixth thread.")
    mine = Response.objects.get(text="A sixth thread.")
    assert mine.status == ResponseStatus.PENDING  # a first response is held
    base = Links(Site.current()).post(post)
    assert landing(client, answer) == f"{base}comment-page-3/#comment-{mine.pk}"
    own = client.get(f"{base}comment-page-3/").content.decode()
    assert "A sixth thread." in own and "awaiting moderation" in own
    assert "A sixth thread." not in client.get(base).content.decode()


def test_responses_on_a_static_page_are_paged_too(client):
    per_page(1)
    tips = PageFactory(title="Send us tips", comment_status=OpenClosed.OPEN)
    for n in (1, 2):
        ResponseFactory(page=tips, text=f"Tip {n}")
    base = Links(Site.current()).page(tips)
    assert numbers(client.get(base).content.decode()) == [1]
    assert numbers(client.get(f"{base}comment-page-2/").content.decode()) == [2]


def test_plain_links_page_by_query(client, busy):
    post, *_ = busy
    site = Site.current()
    site.permalink = PLAIN
    site.save()
    assert numbers(client.get(f"/?p={post.pk}&cpage=2").content.decode()) == [3, 4]
    answer = client.get(f"/?p={post.pk}&cpage=x")
    assert answer.status_code == 301 and answer.headers["Location"] == f"/?p={post.pk}"


def test_every_page_of_responses_is_published_and_kept_current(
    busy, django_capture_on_commit_callbacks
):
    post, threads, reply, ping = busy
    base = Links(Site.current()).post(post)
    paths = public_paths()
    assert f"{base}comment-page-2/" in paths and f"{base}comment-page-3/" in paths
    assert f"{base}comment-page-4/" not in paths
    store = site_store()
    for path in (base, f"{base}comment-page-2/", f"{base}comment-page-3/"):
        assert publish_path(path)
    # The first thread goes: every later one moves up a page, and the third page empties.
    with django_capture_on_commit_callbacks(execute=True):
        moderation.trash(threads[0])
    assert not store.has(f"{base}comment-page-3/")
    for path in (base, f"{base}comment-page-2/"):
        assert store.read(path) == fresh_body(path)
    assert "Thread 5" in store.read(f"{base}comment-page-2/").decode()


def test_hostile_numbers_are_not_found(client, busy):
    post, *_ = busy
    base = Links(Site.current()).post(post)
    for path in (f"{base}comment-page-999999/", f"{base}comment-page-99999999999999999999/",
                 "/responses/99999999999999999999999/", "/responses/0/"):  # fmt: skip
        assert client.get(path).status_code == 404, path
    assert client.get(f"{base}comment-page-0/").headers["Location"] == base
